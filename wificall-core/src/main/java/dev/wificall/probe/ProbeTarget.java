package dev.wificall.probe;

import dev.wificall.ike.IkeProposals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One address and port to probe.
 *
 * @param destination where to send; normally the ePDG address on {@code port.number()}, in tests a
 *                    loopback responder on any port
 * @param port        what the destination is taken as: decides the non-ESP marker and is what the
 *                    result reports
 * @param offer       what this target's first request offers; null for the engine's
 *                    {@link ProbeSettings#proposals()} (an audit asks one question per target)
 */
public record ProbeTarget(InetSocketAddress destination, IkePort port, IkeProposals offer) {
    public ProbeTarget {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(port, "port");
        if (destination.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + destination.getHostString() + " before probing it");
        }
    }

    /** A target that gets the engine's proposals. */
    public ProbeTarget(InetSocketAddress destination, IkePort port) {
        this(destination, port, null);
    }

    /** The ePDG address on the port's own number. */
    public static ProbeTarget of(InetAddress address, IkePort port) {
        return new ProbeTarget(new InetSocketAddress(Objects.requireNonNull(address, "address"), port.number()), port);
    }
}
