package dev.wificall.probe;

import dev.wificall.ike.DhGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Sends a phone-like IKEv2 IKE_SA_INIT to one ePDG address and port and reports what came back:
 * an authentic response (ANSWERED, with what it said), an ICMP error, silence, or something that is
 * no answer to us. Retransmits the identical request with doubling waits until the deadline.
 * Thread-safe: every probe uses its own socket.
 */
public final class IkeProbe {
    private final ProbeSettings settings;
    private final SecureRandom random = new SecureRandom();

    public IkeProbe(ProbeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Sends IKE_SA_INIT to address:port.number(); never throws for network conditions; thread-safe (called concurrently for many targets). */
    public PortResult probe(InetAddress address, IkePort port) {
        return probe(new InetSocketAddress(address, port.number()), port);
    }

    /** Same, but to an explicit socket address (unit tests use loopback on unprivileged ports); 'as' decides the non-ESP marker and is what PortResult reports. */
    public PortResult probe(InetSocketAddress target, IkePort as) {
        Objects.requireNonNull(as, "as");
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + target.getHostString() + " before probing it");
        }
        return new ProbeExchange(target, as, settings, DhGroup.ECP_256, random).run();
    }
}
