package dev.wificall.firewall;

import dev.wificall.dns.AddressText;
import dev.wificall.probe.IkePort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares firewall rules kept in a repository with what the ePDG names resolve to now:
 * <ul>
 *   <li>every address must be allowed on UDP/500 and UDP/4500, else a violation (Wi-Fi Calling to it fails);</li>
 *   <li>a rule allowing either port to any host is too broad (a warning, or a violation by {@link DriftPolicy});</li>
 *   <li>an allowed destination that holds no current ePDG address is stale (likewise);</li>
 *   <li>what the parser of the format found beyond that ({@link ParsedRules#findings()}) is reported as it is.</li>
 * </ul>
 * The rules say what is allowed, not in which order: a deny placed above an allowing rule is not seen.
 */
public final class DriftCheck {

    private DriftCheck() {
    }

    public static DriftReport check(List<EpdgAddresses> now, ParsedRules rules, DriftPolicy policy) {
        if (now == null || rules == null || policy == null) {
            throw new IllegalArgumentException("a drift check needs the resolved addresses, the parsed rules and a"
                    + " policy, got " + now + ", " + rules + " and " + policy);
        }
        String files = files(rules.files());
        List<Finding> violations = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        int checked = 0;
        for (EpdgAddresses o : now.stream().sorted(Comparator.comparing(EpdgAddresses::operator)
                .thenComparing(EpdgAddresses::fqdn)).toList()) {
            for (InetAddress a : o.addresses().stream().sorted(Ip.ORDER).toList()) {
                if (!Ip.isV4(a) && !policy.checkIpv6()) {
                    continue;
                }
                checked++;
                Set<IkePort> missing = EnumSet.noneOf(IkePort.class);
                for (IkePort port : IkePort.values()) {
                    boolean allowed = rules.rules().stream().filter(r -> r.ports().contains(port))
                            .flatMap(r -> r.destinations().stream())
                            .anyMatch(d -> d.contains(a) || d.names(o.fqdn()));
                    if (!allowed) {
                        missing.add(port);
                    }
                }
                if (!missing.isEmpty()) {
                    violations.add(new Finding(Finding.Kind.NOT_ALLOWED, true, AddressText.of(a) + " (" + o.fqdn() + ", "
                            + o.operator() + ") is not allowed on " + ports(missing) + " by " + files + "; "
                            + hint(rules, a, missing), null, 0, a));
                }
            }
        }
        for (AllowRule r : rules.rules()) {
            if (r.isTooBroad()) {
                String what = r.broadDestinations().stream().map(Destination::text).distinct()
                        .collect(Collectors.joining(" and "));
                Finding f = new Finding(Finding.Kind.TOO_BROAD, policy.tooBroadIsViolation(), r.file() + " line " + r.line()
                        + ": " + r.name() + " allows " + r.portText() + " to any destination (" + what + "), which"
                        + " lets any IKE/IPsec VPN out too; allow the ePDG addresses only", r.file(), r.line(), null);
                (f.violation() ? violations : warnings).add(f);
            }
        }
        stale(now, rules, policy, violations, warnings);
        for (Finding f : rules.findings()) { // the format's own: a PAN-OS rule without ESP in UDP, a NAT that rewrites ports
            (f.violation() ? violations : warnings).add(f);
        }
        List<Finding> all = new ArrayList<>(violations);
        all.addAll(warnings);
        String summary = summary(now, rules, files, checked, violations.size(), warnings.size());
        return new DriftReport(all, summary);
    }

    /** Destinations on either port that hold no address (or name) of any operator now. */
    private static void stale(List<EpdgAddresses> now, ParsedRules rules, DriftPolicy policy, List<Finding> violations,
                              List<Finding> warnings) {
        List<EpdgAddresses> unresolved = now.stream().filter(o -> o.addresses().isEmpty()).toList();
        if (!unresolved.isEmpty()) {
            // Their addresses are unknown, so any allowed address might be theirs: calling it stale would mislead.
            warnings.add(new Finding(Finding.Kind.STALE, false, "stale entries not checked: " + unresolved.stream()
                    .map(o -> o.fqdn() + " (" + o.operator() + ")").collect(Collectors.joining(", "))
                    + " resolved to no address, and the rules may hold " + (unresolved.size() == 1 ? "its" : "their")
                    + " addresses", null, 0, null));
            return;
        }
        Map<String, Set<IkePort>> portsOf = new LinkedHashMap<>();
        Map<String, Destination> byKey = new LinkedHashMap<>();
        for (AllowRule r : rules.rules()) {
            List<Destination> broad = r.broadDestinations(); // reported as too broad, not as stale
            for (Destination d : r.destinations()) {
                if (broad.contains(d)) {
                    continue;
                }
                String key = d.file() + "\n" + d.line() + "\n" + d.text() + "\n" + d.origin();
                byKey.putIfAbsent(key, d);
                portsOf.computeIfAbsent(key, k -> EnumSet.noneOf(IkePort.class)).addAll(r.ports());
            }
        }
        for (Map.Entry<String, Destination> e : byKey.entrySet()) {
            Destination d = e.getValue();
            boolean current = now.stream().anyMatch(o -> d.names(o.fqdn()) || o.addresses().stream().anyMatch(d::contains));
            if (current) {
                continue;
            }
            String names = now.isEmpty() ? "no operator given"
                    : now.stream().map(EpdgAddresses::fqdn).distinct().sorted().collect(Collectors.joining(", "));
            Finding f = new Finding(Finding.Kind.STALE, policy.staleIsViolation(), d.file() + " line " + d.line() + ": "
                    + d.text() + (d.origin().isEmpty() ? "" : " (" + d.origin() + ")") + " is allowed on "
                    + ports(portsOf.get(e.getKey())) + " but no ePDG name resolves to it now (" + names + "); remove it",
                    d.file(), d.line(), null);
            (f.violation() ? violations : warnings).add(f);
        }
    }

    /** Where a missing address goes: the set or chain of a rule that allows that port to its family. */
    private static String hint(ParsedRules rules, InetAddress a, Set<IkePort> missing) {
        IkePort port = missing.iterator().next();
        List<AllowRule> candidates = rules.rules().stream()
                .filter(r -> r.ports().contains(port) && r.matchesFamily(Ip.isV4(a)) && !r.isTooBroad()).toList();
        for (AllowRule r : candidates) {
            if (r.addTo() != null) {
                return "add it to " + r.addTo() + (rules.files().size() > 1 ? " in " + r.file() : "");
            }
        }
        if (!candidates.isEmpty()) {
            AllowRule r = candidates.get(0);
            return "allow it in " + r.name() + " (" + r.file() + " line " + r.line() + ")";
        }
        String family = Ip.isV4(a) ? "IPv4" : "IPv6";
        if (rules.rules().stream().anyMatch(r -> r.ports().contains(port))) {
            return "no rule there lets " + family + " out on " + ports(missing) + "; add one, or check the file with"
                    + " the " + family + " rules together with this one";
        }
        return "no rule there allows " + ports(missing) + "; add the rules wificall writes";
    }

    private static String summary(List<EpdgAddresses> now, ParsedRules rules, String files, int checked,
                                  int violations, int warnings) {
        String compared = checked + " ePDG address" + (checked == 1 ? "" : "es") + " of " + now.size() + " operator"
                + (now.size() == 1 ? "" : "s") + " against " + rules.rules().size() + " rule"
                + (rules.rules().size() == 1 ? "" : "s") + " allowing udp/500 or udp/4500 in " + files;
        if (violations == 0 && warnings == 0) {
            return "Firewall rules match DNS: " + compared + ", every address allowed on udp/500 and udp/4500.";
        }
        return "Firewall drift: " + violations + " violation" + (violations == 1 ? "" : "s") + ", " + warnings
                + " warning" + (warnings == 1 ? "" : "s") + " (" + compared + ").";
    }

    private static String ports(Set<IkePort> ports) {
        return ports.stream().sorted().map(p -> "udp/" + p.number()).collect(Collectors.joining(" and "));
    }

    private static String files(List<String> files) {
        if (files.isEmpty()) {
            return "no file";
        }
        if (files.size() == 1) {
            return files.get(0);
        }
        return String.join(", ", files.subList(0, files.size() - 1)) + " and " + files.get(files.size() - 1);
    }
}
