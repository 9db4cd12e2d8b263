package dev.wificall.firewall;

import dev.wificall.probe.IkePort;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One rule that lets UDP/500 or UDP/4500 out, as a parser read it.
 *
 * @param file         file it was read from
 * @param line         line where the rule starts (1-based)
 * @param name         the rule for people: "policy allow-wifi-calling (from-zone trust to-zone untrust)",
 *                     "chain forward", "-A WIFICALL"
 * @param ports        which of the two IKE ports it allows
 * @param destinations what it allows them to; see {@link #isTooBroad()} for a rule open to any host
 * @param addTo        where a missing ePDG address belongs, e.g. "address-set epdg-addresses" or "set epdg4";
 *                     null when the rule names its addresses itself
 * @param ipVersion    4 or 6 when the rule matches that family only (ip daddr, an iptables-save file), 0 for both
 */
public record AllowRule(String file, int line, String name, Set<IkePort> ports, List<Destination> destinations,
                        String addTo, int ipVersion) {

    public AllowRule {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " allows neither UDP/500 nor UDP/4500");
        }
        ports = Set.copyOf(EnumSet.copyOf(ports));
        destinations = List.copyOf(destinations);
        if (ipVersion != 0 && ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("ipVersion " + ipVersion + " of rule " + name + ": expected 4, 6 or 0");
        }
    }

    /** Whether the rule can let this address's family out. */
    boolean matchesFamily(boolean v4) {
        return ipVersion == 0 || (ipVersion == 4) == v4;
    }

    /**
     * Whether the rule is open to any host: to every address of a family, or to at least half of
     * them, as "anything but 10.0.0.0/8" or 0.0.0.0/1 with 128.0.0.0/1 are.
     */
    public boolean isTooBroad() {
        for (boolean v4 : new boolean[] {true, false}) {
            BigInteger covered = BigInteger.ZERO;
            for (BigInteger[] r : Destination.merged(destinations, v4)) {
                covered = covered.add(r[1].subtract(r[0]).add(BigInteger.ONE));
            }
            if (covered.shiftLeft(1).compareTo(BigInteger.ONE.shiftLeft(v4 ? 32 : 128)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The destinations that make it too broad: every one of a family that is open to half of it or more. */
    List<Destination> broadDestinations() {
        List<Destination> out = new ArrayList<>();
        for (boolean v4 : new boolean[] {true, false}) {
            List<Destination> family = destinations.stream().filter(d -> d.first() != null && Ip.isV4(d.first()) == v4)
                    .toList();
            BigInteger covered = BigInteger.ZERO;
            for (BigInteger[] r : Destination.merged(family, v4)) {
                covered = covered.add(r[1].subtract(r[0]).add(BigInteger.ONE));
            }
            if (covered.shiftLeft(1).compareTo(BigInteger.ONE.shiftLeft(v4 ? 32 : 128)) >= 0) {
                out.addAll(family);
            }
        }
        return out;
    }

    /** "udp/500", "udp/500 and udp/4500". */
    String portText() {
        return ports.stream().sorted().map(p -> "udp/" + p.number()).reduce((a, b) -> a + " and " + b).orElse("");
    }
}
