package dev.wificall.probe;

import dev.wificall.dns.AddressText;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The local end a probe used.
 *
 * @param address   the bound and connected local address and port, as the kernel reports it
 * @param phonePort whether that is the phone's port (500/4500, or the configured override)
 * @param note      why it is not, when the phone port was asked for, e.g. "port 500 unavailable
 *                  (Address already in use): ephemeral port"; empty otherwise
 */
public record SourceEndpoint(InetSocketAddress address, boolean phonePort, String note) {
    public SourceEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(note, "note");
    }

    @Override
    public String toString() {
        return AddressText.of(address) + (phonePort ? " (phone port)" : note.isEmpty() ? " (ephemeral port)" : " (" + note + ")");
    }
}
