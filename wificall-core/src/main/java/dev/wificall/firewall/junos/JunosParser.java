package dev.wificall.firewall.junos;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RulesParser;
import dev.wificall.firewall.junos.JunosReader.Statement;
import dev.wificall.probe.IkePort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which destinations a Junos configuration lets UDP/500 and UDP/4500 out to: its address books
 * (global and per zone), applications and application-sets, and security policies that permit.
 * Everything outside those parts is ignored; a malformed statement inside them is an error.
 *
 * <p>What it does not judge: policy order (a deny above a permit still blocks), zones (every
 * from-zone/to-zone pair counts) and schedulers. A policy with {@code destination-address-excluded}
 * allows every address but the listed ones.
 */
final class JunosParser extends RulesParser {

    private record Address(String name, int line, List<Destination> destinations) {
    }

    /** An address-set or application-set: its members, and the sets nested in it. */
    private record Members(String name, int line, List<String> members, List<String> sets) {
    }

    /** One application term: protocol and destination ports (null: any port); null protocol when not given. */
    private record Term(String protocol, int low, int high) {
    }

    private static final class Policy {
        final String label;
        final int line;
        final List<String> destinations = new ArrayList<>();
        int destinationLine;
        final Map<String, Integer> applications = new LinkedHashMap<>(); // name, line that names it
        boolean permit;
        boolean excluded;

        Policy(String label, int line) {
            this.label = label;
            this.line = line;
        }
    }

    private final Map<String, Address> addresses = new LinkedHashMap<>();
    private final Map<String, Members> addressSets = new LinkedHashMap<>();
    private final Map<String, Map<String, Term>> applications = new LinkedHashMap<>();
    private final Map<String, Members> applicationSets = new LinkedHashMap<>();
    private final Map<String, Policy> policies = new LinkedHashMap<>();
    private int defaultPermitAll;

    private JunosParser(String file, String text) {
        super(file, text);
    }

    static ParsedRules parse(String file, String text, boolean setForm) {
        JunosParser p = new JunosParser(file, text);
        for (Statement s : JunosReader.read(file, text, setForm)) {
            p.statement(s);
        }
        return p.rules();
    }

    private void statement(Statement s) {
        List<String> w = s.words();
        if (w.size() >= 2 && w.get(0).equals("security") && w.get(1).equals("address-book")) {
            if (w.size() < 4) {
                throw error(s.line(), "expected an address book name, then address, address-set, attach or description");
            }
            book(w.subList(3, w.size()), "address-book " + w.get(2), s.line());
        } else if (w.size() >= 5 && w.get(0).equals("security") && w.get(1).equals("zones")
                && w.get(2).equals("security-zone") && w.get(4).equals("address-book")) {
            book(w.subList(5, w.size()), "the address-book of zone " + w.get(3), s.line());
        } else if (w.size() >= 2 && w.get(0).equals("security") && w.get(1).equals("policies")) {
            policy(w.subList(2, w.size()), s.line(), s.wordLines().subList(2, w.size()));
        } else if (!w.isEmpty() && w.get(0).equals("applications")) {
            application(w.subList(1, w.size()), s.line());
        }
        // anything else (interfaces, routing, NAT, IKE gateways, ...) does not decide what may go out
    }

    // ---- address books

    private void book(List<String> w, String book, int line) {
        switch (w.isEmpty() ? "" : w.get(0)) {
            case "address" -> address(w, line);
            case "address-set" -> addressSet(w, line);
            case "attach", "description" -> { }
            default -> throw error(line, "expected address, address-set, attach or description in " + book);
        }
    }

    private void address(List<String> w, int line) {
        if (w.size() < 3) {
            throw error(line, "expected an address name, then a prefix (10.77.0.2/32), dns-name, range-address or"
                    + " description");
        }
        String name = w.get(1);
        String what = w.get(2);
        List<Destination> found = new ArrayList<>();
        String origin = "address " + name;
        switch (what) {
            case "description" -> { }
            case "dns-name" -> {
                if (w.size() < 4) {
                    throw error(line, "expected a name after dns-name");
                }
                found.add(Destination.dnsName(w.get(3), origin, file, line));
            }
            case "range-address" -> {
                InetAddress from = w.size() == 6 ? Ip.literal(w.get(3)) : null;
                InetAddress to = w.size() == 6 && w.get(4).equals("to") ? Ip.literal(w.get(5)) : null;
                if (from == null || to == null || !Ip.sameFamily(from, to)
                        || Ip.number(from).compareTo(Ip.number(to)) > 0) {
                    throw error(line, "expected range-address <first> to <last>, two addresses of one family in order");
                }
                found.add(Destination.range(from, to, origin, file, line));
            }
            case "wildcard-address" -> throw error(line, "a wildcard-address cannot be listed as addresses; wificall"
                    + " reads prefixes, range-address and dns-name entries");
            default -> {
                InetAddress[] range = Ip.cidr(what);
                if (range == null || w.size() > 3) {
                    throw error(line, "expected a prefix (10.77.0.2/32 or fd77::2/128), dns-name, range-address or"
                            + " description after address " + name);
                }
                found.add(Destination.range(range[0], range[1], origin, file, line));
            }
        }
        // Books are merged: a name defined in two books counts with both definitions.
        addresses.computeIfAbsent(name, k -> new Address(name, line, new ArrayList<>())).destinations().addAll(found);
    }

    private void addressSet(List<String> w, int line) {
        if (w.size() < 3) {
            throw error(line, "expected an address-set name, then address <name>, address-set <name> or description");
        }
        String name = w.get(1);
        Members m = addressSets.computeIfAbsent(name, k -> new Members(name, line, new ArrayList<>(), new ArrayList<>()));
        switch (w.get(2)) {
            case "address" -> m.members().add(value(w, 3, line, "an address name after address-set " + name + " address"));
            case "address-set" -> m.sets().add(value(w, 3, line, "a set name after address-set " + name + " address-set"));
            case "description" -> { }
            default -> throw error(line, "expected address, address-set or description in address-set " + name);
        }
    }

    // ---- policies

    private void policy(List<String> w, int line, List<Integer> wordLines) {
        if (w.isEmpty()) {
            return;
        }
        if (w.get(0).equals("default-policy")) {
            if (w.size() >= 2 && w.get(1).equals("permit-all")) {
                defaultPermitAll = line;
            } else if (w.size() >= 2 && w.get(1).equals("deny-all")) {
                defaultPermitAll = 0;
            }
            return;
        }
        String label;
        List<String> rest;
        if (w.get(0).equals("from-zone")) {
            if (w.size() < 6 || !w.get(2).equals("to-zone") || !w.get(4).equals("policy")) {
                throw error(line, "expected from-zone <zone> to-zone <zone> policy <name> ...");
            }
            label = "policy " + w.get(5) + " (from-zone " + w.get(1) + " to-zone " + w.get(3) + ")";
            rest = w.subList(6, w.size());
        } else if (w.get(0).equals("global")) {
            if (w.size() < 3 || !w.get(1).equals("policy")) {
                throw error(line, "expected global policy <name> ...");
            }
            label = "global policy " + w.get(2);
            rest = w.subList(3, w.size());
        } else {
            return; // policy-rematch, pre-id-default-policy, traceoptions, ...
        }
        // The line of the word "policy": where the policy starts in either form.
        int policyLine = wordLines.get(w.get(0).equals("global") ? 1 : 4);
        Policy p = policies.computeIfAbsent(label, k -> new Policy(label, policyLine));
        if (rest.size() >= 2 && rest.get(0).equals("match")) {
            switch (rest.get(1)) {
                case "destination-address" -> {
                    p.destinations.add(value(rest, 2, line, "an address name after match destination-address"));
                    p.destinationLine = p.destinationLine == 0 ? line : p.destinationLine;
                }
                case "application" -> p.applications.putIfAbsent(value(rest, 2, line,
                        "an application name after match application"), line);
                case "destination-address-excluded" -> p.excluded = true;
                default -> { } // source-address, source-identity, dynamic-application, ...: not about where to
            }
        } else if (rest.size() >= 2 && rest.get(0).equals("then")) {
            p.permit |= rest.get(1).equals("permit");
        }
    }

    // ---- applications

    private void application(List<String> w, int line) {
        if (w.size() < 2) {
            throw error(line, "expected application <name> ... or application-set <name> ...");
        }
        String name = w.get(1);
        if (w.get(0).equals("application-set")) {
            Members m = applicationSets.computeIfAbsent(name, k -> new Members(name, line, new ArrayList<>(),
                    new ArrayList<>()));
            String kind = w.size() > 2 ? w.get(2) : "";
            switch (kind) {
                case "application" -> m.members().add(value(w, 3, line, "an application name"));
                case "application-set" -> m.sets().add(value(w, 3, line, "an application-set name"));
                case "description", "" -> { }
                default -> throw error(line, "expected application, application-set or description in application-set "
                        + name);
            }
            return;
        }
        if (!w.get(0).equals("application")) {
            return; // application-group (AppID), ...
        }
        Map<String, Term> terms = applications.computeIfAbsent(name, k -> new LinkedHashMap<>());
        List<String> rest = w.subList(2, w.size());
        String term = "";
        if (!rest.isEmpty() && rest.get(0).equals("term")) {
            term = value(rest, 1, line, "a term name after term");
            rest = rest.subList(2, rest.size());
        }
        Term t = terms.getOrDefault(term, new Term(null, 0, 65535));
        // A set line may carry several attributes: "term t1 protocol udp destination-port 500".
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            String key = rest.get(i);
            String value = rest.get(i + 1);
            if (key.equals("protocol")) {
                t = new Term(value.toLowerCase(Locale.ROOT), t.low(), t.high());
            } else if (key.equals("destination-port")) {
                int[] ports = ports(value, line);
                t = new Term(t.protocol(), ports[0], ports[1]);
            }
        }
        terms.put(term, t);
    }

    /** "500", "500-4500", or a port name (not an IKE port as far as wificall can tell: -1, -1). */
    private int[] ports(String value, int line) {
        String[] parts = value.split("-", -1);
        if (parts.length <= 2 && value.matches("\\d{1,5}(-\\d{1,5})?")) {
            int low = Integer.parseInt(parts[0]);
            int high = Integer.parseInt(parts[parts.length - 1]);
            if (low > 65535 || high > 65535 || low > high) {
                throw error(line, "expected a port 0 to 65535 or a range low-high, not " + value);
            }
            return new int[] {low, high};
        }
        if (value.matches("[a-z][a-z0-9-]*")) {
            return new int[] {-1, -1};
        }
        throw error(line, "expected a destination-port number, range or name, not " + value);
    }

    private String value(List<String> w, int index, int line, String expected) {
        if (index >= w.size()) {
            throw error(line, "expected " + expected);
        }
        return w.get(index);
    }

    // ---- resolution

    private ParsedRules rules() {
        List<AllowRule> out = new ArrayList<>();
        for (Policy p : policies.values()) {
            if (!p.permit) {
                continue;
            }
            if (p.applications.isEmpty()) {
                throw error(p.line, p.label + " permits but has no match application");
            }
            if (p.destinations.isEmpty()) {
                throw error(p.line, p.label + " permits but has no match destination-address");
            }
            Set<IkePort> ports = EnumSet.noneOf(IkePort.class);
            for (Map.Entry<String, Integer> app : p.applications.entrySet()) {
                ports.addAll(applicationPorts(app.getKey(), p, app.getValue(), new HashSet<>()));
            }
            if (ports.isEmpty()) {
                continue;
            }
            List<Destination> destinations = new ArrayList<>();
            String addTo = null;
            for (String name : p.destinations) {
                destinations.addAll(destinations(name, p, p.label + " destination-address", p.destinationLine,
                        new HashSet<>()));
                if (addTo == null && addressSets.containsKey(name)) {
                    addTo = "address-set " + name;
                }
            }
            if (p.excluded) {
                // destination-address-excluded: the policy matches every address but the listed ones
                String text = "not " + String.join(", ", p.destinations);
                List<Destination> others = new ArrayList<>(Destination.complement(destinations, true, text,
                        "destination-address-excluded", file, p.destinationLine));
                others.addAll(Destination.complement(destinations, false, text, "destination-address-excluded", file,
                        p.destinationLine));
                destinations = others;
                addTo = null;
            }
            out.add(new AllowRule(file, p.line, p.label, ports, destinations, addTo, 0));
        }
        if (defaultPermitAll > 0) {
            out.add(new AllowRule(file, defaultPermitAll, "default-policy permit-all", EnumSet.allOf(IkePort.class),
                    List.of(Destination.any(true, "default-policy", file, defaultPermitAll),
                            Destination.any(false, "default-policy", file, defaultPermitAll)), null, 0));
        }
        return new ParsedRules(List.of(file), out);
    }

    private Set<IkePort> applicationPorts(String name, Policy p, int line, Set<String> seen) {
        Set<IkePort> ports = EnumSet.noneOf(IkePort.class);
        if (!seen.add(name)) {
            return ports;
        }
        if (applications.containsKey(name)) {
            for (Term t : applications.get(name).values()) {
                boolean udp = "udp".equals(t.protocol()) || "17".equals(t.protocol());
                for (IkePort port : IkePort.values()) {
                    if (udp && t.low() <= port.number() && port.number() <= t.high()) {
                        ports.add(port);
                    }
                }
            }
            return ports;
        }
        if (applicationSets.containsKey(name)) {
            Members m = applicationSets.get(name);
            m.members().forEach(a -> ports.addAll(applicationPorts(a, p, m.line(), seen)));
            m.sets().forEach(a -> ports.addAll(applicationPorts(a, p, m.line(), seen)));
            return ports;
        }
        switch (name) {
            case "any", "junos-udp-any" -> ports.addAll(EnumSet.allOf(IkePort.class));
            case "junos-ike" -> ports.add(IkePort.UDP_500);
            case "junos-ike-nat" -> ports.add(IkePort.UDP_4500);
            default -> {
                if (!name.startsWith("junos-")) {
                    throw error(line, p.label + " matches application " + name + ", which is neither defined under"
                            + " applications nor a predefined junos- application");
                }
                // another predefined application (junos-http, ...): not IKE
            }
        }
        return ports;
    }

    /** The destinations a name in a policy stands for; {@code via} says where the name was found, for errors. */
    private List<Destination> destinations(String name, Policy p, String via, int viaLine, Set<String> seen) {
        List<Destination> out = new ArrayList<>();
        if (!seen.add(name)) {
            return out; // a set that contains itself: its members are already in
        }
        int line = p.destinationLine;
        switch (name) {
            case "any" -> {
                out.add(Destination.any(true, "destination-address any", file, line));
                out.add(Destination.any(false, "destination-address any", file, line));
                return out;
            }
            case "any-ipv4" -> {
                out.add(Destination.any(true, "destination-address any-ipv4", file, line));
                return out;
            }
            case "any-ipv6" -> {
                out.add(Destination.any(false, "destination-address any-ipv6", file, line));
                return out;
            }
            default -> { }
        }
        Address a = addresses.get(name);
        Members m = addressSets.get(name);
        if (a == null && m == null) {
            throw error(viaLine, via + " names " + name + ", which no address book defines");
        }
        if (a != null) {
            if (a.destinations().isEmpty()) {
                throw error(a.line(), "address " + name + " has only a description; expected a prefix, dns-name or"
                        + " range-address");
            }
            out.addAll(a.destinations());
        }
        if (m != null) {
            for (String n : m.members()) {
                out.addAll(destinations(n, p, "address-set " + name, m.line(), seen));
            }
            for (String n : m.sets()) {
                out.addAll(destinations(n, p, "address-set " + name, m.line(), seen));
            }
        }
        return out;
    }
}
