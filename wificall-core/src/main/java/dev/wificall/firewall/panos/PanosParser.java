package dev.wificall.firewall.panos;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.Finding;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RuleText;
import dev.wificall.firewall.RulesParser;
import dev.wificall.probe.IkePort;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which destinations PAN-OS {@code set} commands let Wi-Fi Calling out to: addresses, address-groups
 * (static), services, service-groups and security rules with action allow, also under {@code vsys},
 * {@code shared} and Panorama's {@code device-group ... pre-rulebase/post-rulebase}.
 *
 * <p>A rule counts udp/500 when it allows application {@code ike} (or any) on a service with that port,
 * and udp/4500 only with {@code ipsec-esp-udp} (or any): without it the calls, ESP in UDP/4500, are
 * dropped even where IKE gets through, which the check reports as its own violation. Not judged:
 * rule order, zones, dynamic address-groups (no members here).
 */
final class PanosParser extends RulesParser {

    private record Rule(int line, Map<String, List<String>> values) {
    }

    private final Map<String, List<Destination>> addresses = new LinkedHashMap<>();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final Map<String, Set<IkePort>> services = new LinkedHashMap<>();
    private final Map<String, List<String>> serviceGroups = new LinkedHashMap<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, Integer> lineOf = new LinkedHashMap<>();

    private PanosParser(String file, String text) {
        super(file, text);
    }

    static ParsedRules parse(String file, String text) {
        PanosParser p = new PanosParser(file, text);
        for (int i = 0; i < p.lines.length; i++) {
            String line = p.lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                p.command(i + 1, RuleText.words(file, i + 1, line));
            }
        }
        return p.rules();
    }

    private void command(int n, List<String> w) {
        if (!w.get(0).equals("set")) {
            throw error(n, "expected a set command, as PAN-OS writes them with set cli config-output-format set");
        }
        int at = 1;
        if (w.size() > 2 && (w.get(1).equals("vsys") || w.get(1).equals("device-group"))) {
            at = 3;
        } else if (w.size() > 1 && w.get(1).equals("shared")) {
            at = 2;
        }
        List<String> c = w.subList(Math.min(at, w.size()), w.size());
        String what = c.isEmpty() ? "" : c.get(0);
        if (what.equals("address") || what.equals("address-group") || what.equals("service")
                || what.equals("service-group")) {
            if (c.size() < 3) {
                throw error(n, "expected a name and its value after set " + what);
            }
            object(n, what, c.get(1), c.get(2), what.equals("service") ? c.subList(3, c.size()) : values(n, c, 3));
        } else if (what.matches("(pre-|post-)?rulebase") && c.size() > 1 && c.get(1).equals("security")) {
            if (c.size() < 5 || !c.get(2).equals("rules")) {
                throw error(n, "expected rules <name> <setting> <value> after " + what + " security");
            }
            Rule r = rules.computeIfAbsent(c.get(3), k -> new Rule(n, new LinkedHashMap<>()));
            if (c.size() > 5) {
                r.values().computeIfAbsent(c.get(4), k -> new ArrayList<>()).addAll(values(n, c, 5));
            }
        }
        // other parts (network, zones, profiles, NAT) do not decide what may go out
    }

    /** The values from {@code from} on: one word, or the words between [ and ]. */
    private List<String> values(int n, List<String> c, int from) {
        if (from >= c.size()) {
            throw error(n, "expected a value after '" + c.get(from - 1) + "'");
        }
        if (!c.get(from).equals("[")) {
            return List.of(c.get(from));
        }
        if (!c.get(c.size() - 1).equals("]")) {
            throw error(n, "expected ] to end the list");
        }
        return List.copyOf(c.subList(from + 1, c.size() - 1));
    }

    private void object(int n, String what, String name, String key, List<String> v) {
        lineOf.putIfAbsent(what + " " + name, n);
        switch (what) {
            case "address" -> {
                List<Destination> d = addresses.computeIfAbsent(name, k -> new ArrayList<>());
                String origin = "address " + name;
                switch (key) {
                    case "ip-netmask", "ip-range" -> {
                        Destination one = RuleText.destination(v.get(0), origin, file, n);
                        if (one == null) {
                            throw error(n, "expected an address, prefix or range after " + key + ", not '" + v.get(0) + "'");
                        }
                        d.add(one);
                    }
                    case "fqdn" -> d.add(Destination.dnsName(v.get(0), origin, file, n));
                    case "ip-wildcard" -> throw error(n, "expected ip-netmask, ip-range or fqdn: wificall does not read"
                            + " wildcard masks");
                    default -> { } // description, tag
                }
            }
            case "address-group" -> {
                if (key.equals("static")) {
                    groups.computeIfAbsent(name, k -> new ArrayList<>()).addAll(v);
                } else if (key.equals("dynamic")) {
                    groups.computeIfAbsent(name, k -> new ArrayList<>());
                }
            }
            case "service" -> {
                Set<IkePort> ports = services.computeIfAbsent(name, k -> EnumSet.noneOf(IkePort.class));
                int at = v.indexOf("port");
                if (key.equals("protocol") && !v.isEmpty() && v.get(0).equals("udp") && at > 0 && at + 1 < v.size()) {
                    Set<IkePort> p = RuleText.ikePorts(v.get(at + 1), false);
                    if (p == null) {
                        throw error(n, "expected ports and ranges such as 500,4500 or 500-4500 after port");
                    }
                    ports.addAll(p);
                }
            }
            default -> {
                if (key.equals("members")) {
                    serviceGroups.computeIfAbsent(name, k -> new ArrayList<>()).addAll(v);
                }
            }
        }
    }

    private ParsedRules rules() {
        List<AllowRule> out = new ArrayList<>();
        List<String[]> ikeOnly = new ArrayList<>();
        boolean espAnywhere = false;
        for (Map.Entry<String, Rule> e : rules.entrySet()) {
            Rule r = e.getValue();
            String label = "rule " + e.getKey();
            List<String> apps = r.values().getOrDefault("application", List.of());
            boolean ike = apps.contains("any") || apps.contains("ike");
            boolean esp = apps.contains("any") || apps.contains("ipsec-esp-udp");
            if (!List.of("allow").equals(r.values().get("action")) || List.of("yes").equals(r.values().get("disabled"))
                    || !(ike || esp)) {
                continue;
            }
            Set<IkePort> service = EnumSet.noneOf(IkePort.class);
            for (String s : r.values().getOrDefault("service", List.of("application-default"))) {
                service.addAll(servicePorts(s, apps, r.line(), new HashSet<>()));
            }
            Set<IkePort> ports = EnumSet.noneOf(IkePort.class);
            if (ike && service.contains(IkePort.UDP_500)) {
                ports.add(IkePort.UDP_500);
            }
            if (esp && service.contains(IkePort.UDP_4500)) {
                ports.add(IkePort.UDP_4500);
            }
            espAnywhere |= ports.contains(IkePort.UDP_4500);
            if (ike && !esp && service.contains(IkePort.UDP_4500)) {
                ikeOnly.add(new String[] {e.getKey(), String.valueOf(r.line())});
            }
            if (ports.isEmpty()) {
                continue;
            }
            List<String> to = r.values().getOrDefault("destination", List.of("any"));
            List<Destination> d = new ArrayList<>();
            for (String name : to) {
                d.addAll(destinations(name, r.line(), new HashSet<>()));
            }
            if (List.of("yes").equals(r.values().get("negate-destination"))) {
                List<Destination> all = new ArrayList<>();
                String text = "not " + String.join(", ", to);
                all.addAll(Destination.complement(d, true, text, "negate-destination", file, r.line()));
                all.addAll(Destination.complement(d, false, text, "negate-destination", file, r.line()));
                d = all;
            }
            out.add(new AllowRule(file, r.line(), label, ports, d,
                    RuleText.addTo("address-group", to.stream().filter(groups::containsKey).toList()), 0));
        }
        List<Finding> findings = new ArrayList<>();
        if (!espAnywhere) {
            for (String[] r : ikeOnly) {
                int line = Integer.parseInt(r[1]);
                findings.add(new Finding(Finding.Kind.INCOMPLETE, true, file + " line " + line + ": rule " + r[0]
                        + " allows application ike but not ipsec-esp-udp: IKE gets through, but Wi-Fi Calling's ESP in"
                        + " UDP/4500 (the calls themselves) is dropped; add it: set rulebase security rules " + r[0]
                        + " application [ ike ipsec-esp-udp ]", file, line, null));
            }
        }
        return new ParsedRules(List.of(file), out, findings);
    }

    /** The IKE ports of a service name; application-default gives the applications' own (ike 500 and 4500, ipsec-esp-udp 4500). */
    private Set<IkePort> servicePorts(String name, List<String> apps, int line, Set<String> seen) {
        if (name.equals("any") || (name.equals("application-default") && (apps.contains("any") || apps.contains("ike")))) {
            return EnumSet.allOf(IkePort.class);
        }
        if (name.equals("application-default")) {
            return EnumSet.of(IkePort.UDP_4500);
        }
        if (services.containsKey(name)) {
            return services.get(name);
        }
        if (serviceGroups.containsKey(name) && seen.add(name)) {
            Set<IkePort> out = EnumSet.noneOf(IkePort.class);
            serviceGroups.get(name).forEach(m -> out.addAll(servicePorts(m, apps, line, seen)));
            return out;
        }
        if (name.startsWith("service-http")) {
            return EnumSet.noneOf(IkePort.class); // the predefined TCP services
        }
        throw error(line, "service " + name + " is not defined in " + file + "; expected any, application-default or"
                + " a service or service-group set in the file");
    }

    private List<Destination> destinations(String name, int line, Set<String> seen) {
        if (name.equals("any")) {
            return RuleText.anyAddress("destination any", file, line);
        }
        if (addresses.containsKey(name)) {
            return addresses.get(name);
        }
        if (groups.containsKey(name)) {
            List<Destination> out = new ArrayList<>();
            if (seen.add(name)) {
                groups.get(name).forEach(m -> out.addAll(destinations(m, lineOf.get("address-group " + name), seen)));
            }
            return out;
        }
        Destination literal = RuleText.destination(name, "destination", file, line);
        if (literal == null) {
            throw error(line, "address or address-group " + name + " is not defined in " + file
                    + "; expected any, an address or an address-group set in the file");
        }
        return List.of(literal);
    }
}
