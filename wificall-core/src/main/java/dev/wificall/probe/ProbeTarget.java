package dev.wificall.probe;

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
 */
public record ProbeTarget(InetSocketAddress destination, IkePort port) {
    public ProbeTarget {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(port, "port");
        if (destination.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + destination.getHostString() + " before probing it");
        }
    }

    /** The ePDG address on the port's own number. */
    public static ProbeTarget of(InetAddress address, IkePort port) {
        return new ProbeTarget(new InetSocketAddress(Objects.requireNonNull(address, "address"), port.number()), port);
    }
}
