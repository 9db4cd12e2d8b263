package dev.wificall.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Sends a phone-like IKEv2 IKE_SA_INIT to one ePDG address and port and reports what came back:
 * an authentic response (ANSWERED, with what it said), an ICMP error, silence, or something that is
 * no answer to us. A thin front of {@link ProbeEngine}: concurrent calls share its one thread.
 */
public final class IkeProbe {
    private final ProbeEngine engine;

    public IkeProbe(ProbeSettings settings) {
        this.engine = new ProbeEngine(Objects.requireNonNull(settings, "settings"));
    }

    /** Sends IKE_SA_INIT to address:port.number(); never throws for network conditions; thread-safe. */
    public PortResult probe(InetAddress address, IkePort port) {
        return engine.probe(ProbeTarget.of(address, port));
    }

    /** Same, but to an explicit socket address (unit tests use loopback on unprivileged ports); 'as' decides the non-ESP marker and is what PortResult reports. */
    public PortResult probe(InetSocketAddress target, IkePort as) {
        return engine.probe(new ProbeTarget(target, Objects.requireNonNull(as, "as")));
    }

    /** The engine behind this probe, to probe many targets at once. */
    public ProbeEngine engine() {
        return engine;
    }
}
