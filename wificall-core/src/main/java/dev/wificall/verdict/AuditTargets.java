package dev.wificall.verdict;

import dev.wificall.audit.AuditTarget;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.probe.IkePort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an audit asks for one operator: its ePDG name discovered as a phone does, then every usable
 * address (the first {@link CheckSettings#maxAddresses()}) on every port of the target. The Maven
 * goal and the JUnit annotation both start an audit here.
 *
 * @param resolution the discovery, for the sentence when nothing can be audited
 * @param targets    the addresses and ports, empty when the name did not resolve to a usable address
 * @param found      usable addresses the name resolved to (more than audited when capped)
 */
public record AuditTargets(Resolution resolution, List<AuditTarget> targets, int found) {
    public AuditTargets {
        Objects.requireNonNull(resolution, "resolution");
        targets = List.copyOf(targets);
    }

    /** Discovers {@code target}'s ePDG through {@code dns} and lists its addresses and ports. */
    public static AuditTargets of(ReadinessCheck dns, CheckTarget target, CheckSettings settings) {
        Resolution r = dns.discover(target.operator());
        if (!r.resolved() || r.outcome().usableAddresses().isEmpty()) {
            return new AuditTargets(r, List.of(), 0);
        }
        List<InetAddress> usable = r.outcome().usableAddresses();
        List<InetAddress> audited = usable.size() > settings.maxAddresses() ? usable.subList(0, settings.maxAddresses())
                : usable;
        List<AuditTarget> out = new ArrayList<>();
        for (InetAddress a : audited) {
            for (IkePort p : target.ports()) {
                out.add(new AuditTarget(target.operator().plmn(), r.outcome().fqdn(),
                        new InetSocketAddress(a, settings.destinationPort(p)), p));
            }
        }
        return new AuditTargets(r, out, usable.size());
    }

    /** Why nothing is audited: the discovery's sentence (what was asked of which resolver, what came back). */
    public String sentence() {
        return ReadinessCheck.sentence(resolution);
    }
}
