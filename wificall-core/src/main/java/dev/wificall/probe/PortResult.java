package dev.wificall.probe;

import dev.wificall.ike.SaInitRequest;
import dev.wificall.ike.SaInitResponse;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of probing one ePDG address on one port.
 *
 * @param address   the ePDG address probed
 * @param port      the port probed
 * @param outcome   what was seen
 * @param requests  how many IKE_SA_INIT requests were sent (retransmissions, re-checks and retries included)
 * @param elapsed   from the first request to the outcome
 * @param detail    what the peer said or what the network answered, in one line, e.g.
 *                  "IKE_SA_INIT response (240 bytes): ENCR_AES_GCM_16 256, PRF_HMAC_SHA2_256, DH group 19; ..."
 *                  or "no answer to 3 IKE_SA_INIT requests with the phone proposal nor to 2 with the broad
 *                  re-check in 2.4 s"; never null
 * @param responseBytes size of the peer's last answer in bytes (0 when none)
 * @param answeredOffer which offer the responder answered: the configured one, the broad re-check, or none
 * @param broadRequests how many of {@code requests} were the broad re-check (0 when it was not needed)
 * @param request   the final request: the one the responder answered last, else the configured offer's
 *                  last request; null when none was made
 * @param response  the responder's last authentic answer (the one that ended the probe, or a COOKIE or
 *                  INVALID_KE_PAYLOAD whose retry went unanswered); null when nothing authentic came back
 * @param cookieRounds how often the responder asked for a cookie (at most 2 are answered)
 * @param groupRetries every INVALID_KE_PAYLOAD, in order
 * @param source    the local address and port used; null when no socket was opened
 * @param transcript everything sent, received and decided; null is taken as an empty one
 */
public record PortResult(InetAddress address, IkePort port, PortOutcome outcome, int requests,
                         Duration elapsed, String detail, int responseBytes, Offer answeredOffer,
                         int broadRequests, SaInitRequest request, SaInitResponse response, int cookieRounds,
                         List<GroupRetry> groupRetries, SourceEndpoint source, Transcript transcript) {
    public PortResult {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(answeredOffer, "answeredOffer");
        groupRetries = List.copyOf(groupRetries);
        transcript = transcript == null ? Transcript.EMPTY : transcript;
    }

    /** A result without exchange facts, as reports and tests build them. */
    public PortResult(InetAddress address, IkePort port, PortOutcome outcome, int requests, Duration elapsed,
                      String detail, int responseBytes) {
        this(address, port, outcome, requests, elapsed, detail, responseBytes, Offer.NONE, 0, null, null, 0, List.of(),
                null, null);
    }

    /** Reachable: an authentic IKE_SA_INIT answer came back (accepting, or refusing with a notify). */
    public boolean answered() {
        return outcome == PortOutcome.ANSWERED;
    }

    /** Whether the responder asked for a cookie before it answered. */
    public boolean cookieNeeded() {
        return cookieRounds > 0;
    }
}
