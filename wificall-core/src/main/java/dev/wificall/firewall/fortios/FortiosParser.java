package dev.wificall.firewall.fortios;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RuleText;
import dev.wificall.firewall.RulesParser;
import dev.wificall.probe.IkePort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which destinations a FortiOS configuration ({@code show full-configuration}, or a script of
 * {@code config}/{@code edit}/{@code set}/{@code next}/{@code end}) lets UDP/500 and UDP/4500 out to:
 * firewall address, address6, addrgrp, addrgrp6, service custom and group, and accepting entries of
 * firewall policy and policy6 that are not disabled. Predefined: addresses "all" and "none", services
 * ALL, ALL_UDP and IKE. Not judged: policy order, interfaces, schedules.
 */
final class FortiosParser extends RulesParser {

    /** One {@code edit} entry: its line and settings, each a list of words. */
    private record Entry(String name, int line, Map<String, List<String>> set) {
        String one(String key, String otherwise) {
            List<String> v = set.get(key);
            return v == null || v.isEmpty() ? otherwise : v.get(0);
        }
    }

    /** Table ("address", "addrgrp6", "service custom", "policy", ...) to its entries by name. */
    private final Map<String, Map<String, Entry>> tables = new LinkedHashMap<>();

    private FortiosParser(String file, String text) {
        super(file, text);
    }

    static ParsedRules parse(String file, String text) {
        FortiosParser p = new FortiosParser(file, text);
        p.read();
        return p.rules();
    }

    private void read() {
        List<String> path = new ArrayList<>();
        List<Integer> opened = new ArrayList<>();
        Entry entry = null;
        int entryDepth = -1;
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> w = RuleText.words(file, n, line);
            switch (w.get(0)) {
                case "config" -> {
                    path.add(String.join(" ", w.subList(1, w.size())));
                    opened.add(n);
                }
                case "edit" -> {
                    if (path.isEmpty() || w.size() != 2) {
                        throw error(n, "expected 'edit <name>' inside a config block");
                    }
                    entry = new Entry(w.get(1), n, new LinkedHashMap<>());
                    entryDepth = path.size();
                    String table = path.get(path.size() - 1);
                    if (path.size() == 1 && table.startsWith("firewall ")) {
                        // "edit 0" makes a new entry each time (the next free ID): never one replacing another
                        String key = w.get(1).equals("0") ? "0 line " + n : w.get(1);
                        tables.computeIfAbsent(table.substring(9), k -> new LinkedHashMap<>()).put(key, entry);
                    }
                }
                case "set", "unset", "append" -> {
                    if (entry == null && path.isEmpty()) {
                        throw error(n, "expected 'config ...' before " + w.get(0));
                    }
                    if (w.size() < 2) {
                        throw error(n, "expected a setting name after " + w.get(0));
                    }
                    if (entry != null && path.size() == entryDepth) {
                        List<String> values = w.get(0).equals("unset") ? null : w.subList(2, w.size());
                        if (values == null) {
                            entry.set().remove(w.get(1));
                        } else if (w.get(0).equals("append")) {
                            entry.set().computeIfAbsent(w.get(1), k -> new ArrayList<>()).addAll(values);
                        } else {
                            entry.set().put(w.get(1), new ArrayList<>(values));
                        }
                    }
                }
                case "next" -> entry = path.size() == entryDepth ? null : entry;
                case "end" -> {
                    if (path.isEmpty()) {
                        throw error(n, "found 'end' with no config block open");
                    }
                    path.remove(path.size() - 1);
                    opened.remove(opened.size() - 1);
                    if (path.size() < entryDepth) {
                        entry = null;
                        entryDepth = -1;
                    }
                }
                default -> throw error(n, "expected config, edit, set, unset, append, next or end");
            }
        }
        if (!path.isEmpty()) {
            throw error(opened.get(opened.size() - 1), "expected 'end' to close 'config " + path.get(path.size() - 1)
                    + "' before the end of the file");
        }
    }

    private Map<String, Entry> table(String name) {
        return tables.getOrDefault(name, Map.of());
    }

    private ParsedRules rules() {
        List<AllowRule> out = new ArrayList<>();
        for (String table : List.of("policy", "policy6")) {
            for (Entry p : table(table).values()) {
                if (!p.one("action", "deny").equals("accept") || p.one("status", "enable").equals("disable")) {
                    continue;
                }
                Set<IkePort> ports = EnumSet.noneOf(IkePort.class);
                for (String s : p.set().getOrDefault("service", List.of())) {
                    ports.addAll(service(s, p.line(), new HashSet<>()));
                }
                if (ports.isEmpty()) {
                    continue;
                }
                String named = p.set().containsKey("name") ? p.one("name", "") : null;
                String label = p.name().equals("0") ? (named == null ? "the new policy (edit 0)" : "policy " + named)
                        : "policy " + p.name() + (named == null ? "" : " (" + named + ")");
                for (boolean v4 : new boolean[] {true, false}) {
                    if (table.equals("policy6") && v4) {
                        continue; // policy6 (before FortiOS 6.4) holds IPv6 only, in dstaddr
                    }
                    String key = v4 || table.equals("policy6") ? "dstaddr" : "dstaddr6";
                    List<String> names = p.set().get(key);
                    if (names == null || names.isEmpty()) {
                        continue;
                    }
                    List<Destination> d = new ArrayList<>();
                    for (String name : names) {
                        d.addAll(address(name, v4, p.line(), new HashSet<>()));
                    }
                    if (p.one(key + "-negate", "disable").equals("enable")) {
                        d = Destination.complement(d, v4, "not " + String.join(", ", names), key + "-negate", file,
                                p.line());
                    }
                    String kind = "addrgrp" + (v4 ? "" : "6");
                    out.add(new AllowRule(file, p.line(), label, ports, d,
                            RuleText.addTo(kind, names.stream().filter(table(kind)::containsKey).toList()), v4 ? 4 : 6));
                }
            }
        }
        out.sort(Comparator.comparingInt(AllowRule::line)); // policy and policy6 in file order
        return new ParsedRules(List.of(file), out);
    }

    private List<Destination> address(String name, boolean v4, int line, Set<String> seen) {
        String six = v4 ? "" : "6";
        Entry a = table("address" + six).get(name);
        if (a != null) {
            return addressEntry(a, v4);
        }
        Entry g = table("addrgrp" + six).get(name);
        if (g != null) {
            List<Destination> out = new ArrayList<>();
            if (seen.add(name)) {
                g.set().getOrDefault("member", List.of()).forEach(m -> out.addAll(address(m, v4, g.line(), seen)));
            }
            return out;
        }
        if (name.equals("all")) {
            return List.of(Destination.any(v4, "all", file, line));
        }
        if (name.equals("none")) {
            return List.of();
        }
        throw error(line, (v4 ? "address or addrgrp " : "address6 or addrgrp6 ") + name + " is not defined in " + file
                + "; expected all, none or an entry of config firewall " + (v4 ? "address/addrgrp" : "address6/addrgrp6"));
    }

    private List<Destination> addressEntry(Entry a, boolean v4) {
        String origin = "address" + (v4 ? "" : "6") + " " + a.name();
        String type = a.one("type", v4 ? "ipmask" : "ipprefix");
        List<String> subnet = a.set().get(v4 ? "subnet" : "ip6");
        if (type.equals("fqdn")) {
            return List.of(Destination.dnsName(a.one("fqdn", ""), origin, file, a.line()));
        }
        if (type.equals("iprange")) {
            Destination d = RuleText.destination(a.one("start-ip", "") + "-" + a.one("end-ip", ""), origin, file, a.line());
            if (d == null) {
                throw error(a.line(), "expected set start-ip and set end-ip with two addresses in order in " + origin);
            }
            return List.of(d);
        }
        if (!type.equals("ipmask") && !type.equals("ipprefix")) {
            return List.of(); // geography, wildcard, dynamic, interface-subnet: not read
        }
        if (subnet == null) {
            return List.of(Destination.any(v4, origin + " (no subnet: FortiOS' default, any)", file, a.line()));
        }
        String text = subnet.size() == 2 && Ip.maskLength(subnet.get(1)) >= 0
                ? subnet.get(0) + "/" + Ip.maskLength(subnet.get(1)) : String.join(" ", subnet);
        InetAddress[] range = Ip.cidr(text);
        if (range == null || Ip.isV4(range[0]) != v4) {
            throw error(a.line(), "expected " + (v4 ? "set subnet <address> <mask> (or <address>/<length>)"
                    : "set ip6 <address>/<length>") + " in " + origin + ", not '" + String.join(" ", subnet) + "'");
        }
        return List.of(Destination.range(range[0], range[1], origin, file, a.line()));
    }

    private Set<IkePort> service(String name, int line, Set<String> seen) {
        if (name.equals("ALL") || name.equals("ALL_UDP") || name.equals("IKE")) {
            return EnumSet.allOf(IkePort.class);
        }
        Entry s = table("service custom").get(name);
        Set<IkePort> out = EnumSet.noneOf(IkePort.class);
        if (s != null) {
            String protocol = s.one("protocol", "TCP/UDP/SCTP");
            if (protocol.equals("IP")) {
                String number = s.one("protocol-number", "0");
                return number.equals("0") || number.equals("17") ? EnumSet.allOf(IkePort.class) : out;
            }
            for (String range : s.set().getOrDefault("udp-portrange", List.of())) {
                Set<IkePort> p = RuleText.ikePorts(range.replaceFirst(":.*", ""), false);
                if (p == null) {
                    throw error(s.line(), "expected udp-portrange items as <low>[-<high>][:<source ports>], not '" + range
                            + "'");
                }
                out.addAll(p);
            }
            return out;
        }
        Entry g = table("service group").get(name);
        if (g != null && seen.add(name)) {
            g.set().getOrDefault("member", List.of()).forEach(m -> out.addAll(service(m, g.line(), seen)));
        }
        return out; // another predefined service (HTTP, DNS, ...): no IKE
    }
}
