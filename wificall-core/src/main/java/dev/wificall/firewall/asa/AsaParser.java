package dev.wificall.firewall.asa;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.Ip;
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
 * Which destinations Cisco ASA configuration ({@code show running-config}, or commands) lets UDP/500
 * and UDP/4500 out to: network objects and object-groups, UDP service object-groups, and
 * {@code access-list ... extended permit} lines that are not inactive, with protocol udp, ip or a
 * service group. Not judged: which interface an access list is bound to, line order, NAT.
 */
final class AsaParser extends RulesParser {

    /** "network NAME" or "service NAME": the object's or group's lines, each as words with its line number. */
    private final Map<String, List<List<String>>> objects = new LinkedHashMap<>();
    private final Map<String, Integer> lineOf = new LinkedHashMap<>();
    private final List<Integer> acls = new ArrayList<>();

    private AsaParser(String file, String text) {
        super(file, text);
    }

    static ParsedRules parse(String file, String text) {
        AsaParser p = new AsaParser(file, text);
        p.read();
        return p.rules();
    }

    private void read() {
        List<List<String>> open = null;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("!") || line.startsWith(":")) {
                continue;
            }
            List<String> w = new ArrayList<>(List.of(line.split("\\s+")));
            w.add(0, String.valueOf(i + 1));
            if (Character.isWhitespace(raw.charAt(0))) {
                if (open != null) {
                    open.add(w);
                }
                continue;
            }
            open = null;
            String kind = w.get(1);
            if ((kind.equals("object") || kind.equals("object-group")) && w.size() > 3
                    && (w.get(2).equals("network") || w.get(2).equals("service"))) {
                open = objects.computeIfAbsent(w.get(2) + " " + w.get(3), k -> new ArrayList<>());
                lineOf.putIfAbsent(w.get(2) + " " + w.get(3), i + 1);
                if (w.size() > 4) { // "object-group service NAME udp": the protocol of its port-objects
                    open.add(List.of(String.valueOf(i + 1), "protocol", w.get(4)));
                }
            } else if (kind.equals("access-list") && w.size() > 3 && w.get(3).equals("extended")) {
                acls.add(i + 1);
            }
        }
    }

    private ParsedRules rules() {
        List<AllowRule> out = new ArrayList<>();
        for (int n : acls) {
            List<String> w = List.of(lines[n - 1].strip().split("\\s+"));
            if (w.size() < 4 || !w.get(3).equals("permit") || w.contains("inactive")) {
                continue; // deny, or switched off
            }
            int at = 4;
            Set<IkePort> ports;
            String protocol = word(w, at, n, "a protocol (udp, ip) or object-group");
            if (protocol.equals("object-group") || protocol.equals("object")) {
                ports = services(word(w, at + 1, n, "a service group name"), n, new HashSet<>());
                at += 2;
                protocol = "service";
            } else {
                at++;
                ports = protocol.equals("udp") || protocol.equals("ip") || protocol.equals("17")
                        ? EnumSet.allOf(IkePort.class) : EnumSet.noneOf(IkePort.class);
            }
            int[] next = {at};
            address(w, next, n); // the source
            if (next[0] < w.size() && List.of("eq", "lt", "gt", "neq", "range").contains(w.get(next[0]))) {
                next[0] += w.get(next[0]).equals("range") ? 3 : 2; // a source port: phones use any
            }
            int to = next[0];
            List<Destination> d = address(w, next, n);
            if (protocol.equals("udp") && next[0] < w.size()) {
                ports = portSpec(w, next[0], n);
            }
            if (ports.isEmpty()) {
                continue;
            }
            String group = w.get(to).equals("object-group") ? "object-group " + w.get(to + 1) : null;
            out.add(new AllowRule(file, n, "access-list " + w.get(1), ports, d, group, 0));
        }
        return new ParsedRules(List.of(file), out);
    }

    private String word(List<String> w, int at, int line, String expected) {
        if (at >= w.size()) {
            throw error(line, "expected " + expected + " at the end of the line");
        }
        return w.get(at);
    }

    /** A source or destination at {@code at[0]}; moves {@code at[0]} past it. */
    private List<Destination> address(List<String> w, int[] at, int line) {
        String first = word(w, at[0], line, "an address: any, host <address>, <address> <mask>, object or object-group");
        at[0]++;
        switch (first) {
            case "any" -> {
                return RuleText.anyAddress("any", file, line);
            }
            case "any4", "any6" -> {
                return List.of(Destination.any(first.equals("any4"), first, file, line));
            }
            case "host" -> {
                String a = word(w, at[0]++, line, "an address after host");
                return List.of(literal(a, "host", line));
            }
            case "object", "object-group" -> {
                return network(word(w, at[0]++, line, "a name after " + first), line, new HashSet<>());
            }
            case "interface" -> {
                at[0]++;
                return List.of();
            }
            default -> {
                if (first.contains("/")) {
                    return List.of(literal(first, "prefix", line));
                }
                String mask = word(w, at[0]++, line, "a netmask after " + first);
                int length = Ip.maskLength(mask);
                if (length < 0) {
                    throw error(line, "expected <address> <netmask> such as 10.77.0.0 255.255.255.0, not '" + first + " "
                            + mask + "'");
                }
                return List.of(literal(first + "/" + length, first + " " + mask, line));
            }
        }
    }

    private Destination literal(String text, String origin, int line) {
        Destination d = RuleText.destination(text, origin, file, line);
        if (d == null) {
            throw error(line, "expected an IPv4 or IPv6 address or prefix, not '" + text + "'");
        }
        return d;
    }

    /** The addresses of an object network or object-group network and what it nests. */
    private List<Destination> network(String name, int line, Set<String> seen) {
        List<List<String>> body = objects.get("network " + name);
        if (body == null) {
            throw error(line, "network object or object-group " + name + " is not defined in " + file);
        }
        List<Destination> out = new ArrayList<>();
        if (!seen.add(name)) {
            return out;
        }
        String origin = "object-group " + name;
        for (List<String> b : body) {
            int n = Integer.parseInt(b.get(0));
            List<String> w = b.subList(1, b.size());
            String what = w.get(0);
            if (what.equals("network-object") || what.equals("group-object")) {
                // "group-object G" nests a group: read as "network-object object G"
                w = what.equals("group-object") ? List.of("network-object", "object", w.size() > 1 ? w.get(1) : "") : w;
                int[] at = {1};
                out.addAll(address(w, at, n).stream()
                        .map(d -> new Destination(d.text(), d.first(), d.last(), d.dnsName(), origin, file, n)).toList());
            } else if (what.equals("host") || what.equals("subnet")) {
                int[] at = {what.equals("host") ? 0 : 1}; // "host a" reads as an access list's, "subnet a m" as "a m"
                out.addAll(address(w, at, n));
            } else if (what.equals("range") && w.size() == 3) {
                out.add(literal(w.get(1) + "-" + w.get(2), "object " + name, n));
            } else if (what.equals("fqdn")) {
                out.add(Destination.dnsName(w.get(w.size() - 1), "object " + name, file, n));
            }
        }
        return out;
    }

    /** The IKE ports of a service object-group: port-objects of a udp group, or udp service-objects. */
    private Set<IkePort> services(String name, int line, Set<String> seen) {
        List<List<String>> body = objects.get("service " + name);
        if (body == null) {
            throw error(line, "service object-group " + name + " is not defined in " + file);
        }
        Set<IkePort> out = EnumSet.noneOf(IkePort.class);
        if (!seen.add(name)) {
            return out;
        }
        String protocol = "";
        for (List<String> b : body) {
            int n = Integer.parseInt(b.get(0));
            List<String> w = b.subList(1, b.size());
            switch (w.get(0)) {
                case "protocol" -> protocol = w.get(1);
                case "port-object" -> {
                    if (protocol.equals("udp") || protocol.equals("tcp-udp")) {
                        out.addAll(portSpec(w, 1, n));
                    }
                }
                case "service-object", "service" -> {
                    if (w.size() > 2 && (w.get(1).equals("object") || w.get(1).equals("object-group"))) {
                        out.addAll(services(w.get(2), n, seen));
                    } else if (w.size() > 1 && (w.get(1).equals("udp") || w.get(1).equals("ip"))) {
                        int at = w.indexOf("destination");
                        out.addAll(at < 0 && w.size() <= 2 || w.get(1).equals("ip") ? EnumSet.allOf(IkePort.class)
                                : portSpec(w, at < 0 ? 2 : at + 1, n));
                    }
                }
                case "group-object" -> out.addAll(services(w.get(1), n, seen));
                default -> { }
            }
        }
        return out;
    }

    /** "eq 500", "range 500 4500", "gt 499", "lt 4501", "neq 500", "object-group NAME", or none: any port. */
    private Set<IkePort> portSpec(List<String> w, int at, int line) {
        if (at >= w.size() || w.get(at).equals("log")) {
            return EnumSet.allOf(IkePort.class);
        }
        String op = w.get(at);
        if (op.equals("object-group")) {
            return services(word(w, at + 1, line, "a service group name"), line, new HashSet<>());
        }
        Set<IkePort> out = EnumSet.noneOf(IkePort.class);
        int low = port(word(w, at + 1, line, "a port after " + op), line);
        int high = op.equals("range") ? port(word(w, at + 2, line, "the last port of the range"), line) : low;
        for (IkePort p : IkePort.values()) {
            int v = p.number();
            boolean in = switch (op) {
                case "eq" -> v == low;
                case "neq" -> v != low;
                case "gt" -> v > low;
                case "lt" -> v < low;
                case "range" -> low <= v && v <= high;
                default -> throw error(line, "expected eq, neq, gt, lt, range or object-group before the ports, not '"
                        + op + "'");
            };
            if (in) {
                out.add(p);
            }
        }
        return out;
    }

    private int port(String text, int line) {
        int[] service = Ip.ikeService(text);
        if (service != null) {
            return service[0];
        }
        if (text.matches("\\d{1,5}")) {
            return Integer.parseInt(text);
        }
        return -1; // another service name (domain, sip, ...): no IKE port
    }
}
