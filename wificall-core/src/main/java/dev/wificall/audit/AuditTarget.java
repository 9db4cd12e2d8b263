package dev.wificall.audit;

import dev.wificall.discovery.Plmn;
import dev.wificall.probe.IkePort;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One ePDG address and port to audit.
 *
 * @param plmn        the operator whose ePDG it is (its phones' profiles are replayed); null when audited by address
 * @param fqdn        the name it was resolved from, or its address text when audited by address
 * @param destination where to send: the ePDG address on {@code port.number()}, in tests a loopback peer on any port
 * @param port        UDP/500 or UDP/4500 (with the non-ESP marker)
 */
public record AuditTarget(Plmn plmn, String fqdn, InetSocketAddress destination, IkePort port) {
    public AuditTarget {
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(port, "port");
        if (destination.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + destination.getHostString() + " before auditing it");
        }
    }

    /** "262-01", or "-" when audited by address. */
    public String operator() {
        return plmn == null ? "-" : plmn.toString();
    }
}
