package dev.wificall.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The result of probing one ePDG address on one port.
 *
 * @param address   the ePDG address probed
 * @param port      the port probed
 * @param outcome   what was seen
 * @param requests  how many IKE_SA_INIT requests were sent (retransmissions included)
 * @param elapsed   from the first request to the outcome
 * @param detail    what the peer said or what the network answered, in words, e.g.
 *                  "IKE_SA_INIT response, 312 bytes: SA ENCR_AES_GCM_16-256/PRF_HMAC_SHA2_256/DH 19"
 *                  or "INVALID_KE_PAYLOAD, wants DH group 14"; never null
 * @param responseBytes size of the peer's answer in bytes (0 when none)
 */
public record PortResult(InetAddress address, IkePort port, PortOutcome outcome, int requests,
                         Duration elapsed, String detail, int responseBytes) {
    public PortResult {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean answered() {
        return outcome == PortOutcome.ANSWERED;
    }
}
