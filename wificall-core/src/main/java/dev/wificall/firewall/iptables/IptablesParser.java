package dev.wificall.firewall.iptables;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RulesParser;
import dev.wificall.probe.IkePort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which destinations an iptables-save or ip6tables-save file lets UDP/500 and UDP/4500 out to.
 *
 * <p>Counted: ACCEPT rules of the filter table in OUTPUT, FORWARD and user chains that match udp
 * (or no protocol) and destination port 500 or 4500 ({@code --dport}, {@code --dports}), or udp or
 * a destination without a port. Without {@code -d} or {@code --dst-range} a rule is open to any
 * host; with a negated one ({@code ! -d}) to every other. Left out: {@code --state}/{@code --ctstate}
 * without NEW.
 */
final class IptablesParser extends RulesParser {

    private record Arg(String text, boolean quoted) {
    }

    private static final Set<String> SKIPPED_CHAINS = Set.of("INPUT", "PREROUTING", "POSTROUTING");

    private final boolean v4;

    private IptablesParser(String file, String text, boolean v4) {
        super(file, text);
        this.v4 = v4;
    }

    static ParsedRules parse(String file, String text, boolean v4) {
        return new IptablesParser(file, text, v4).rules();
    }

    private ParsedRules rules() {
        List<AllowRule> out = new ArrayList<>();
        String table = null;
        int tableLine = 0;
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                if (table != null) {
                    throw error(n, "expected COMMIT to end *" + table + " (line " + tableLine + ") before another table");
                }
                table = line.substring(1).strip();
                tableLine = n;
                if (!table.matches("[a-z]+")) {
                    throw error(n, "expected a table name after '*', e.g. *filter");
                }
                continue;
            }
            if (line.equals("COMMIT")) {
                if (table == null) {
                    throw error(n, "found COMMIT with no table open (*filter)");
                }
                table = null;
                continue;
            }
            if (table == null) {
                throw error(n, "expected *filter (or another table) before chains and rules");
            }
            if (line.startsWith(":")) {
                if (!line.matches(":\\S+\\s+\\S+(\\s+\\[\\d+:\\d+\\])?")) {
                    throw error(n, "expected ':CHAIN POLICY [packets:bytes]', e.g. ':WIFICALL - [0:0]'");
                }
                continue;
            }
            // iptables-save -c puts counters first: "[12:3456] -A FORWARD ..."
            String command = line.startsWith("[") && line.indexOf(']') > 0 ? line.substring(line.indexOf(']') + 1).strip()
                    : line;
            List<Arg> args = split(command, n);
            if (args.isEmpty()) { // "[0:0]" with nothing after the counters
                throw error(n, "expected a rule after the counters, e.g. '[12:3456] -A FORWARD ...'");
            }
            String verb = args.get(0).text();
            switch (verb) {
                case "-A", "--append", "-I", "--insert" -> {
                    if (args.size() < 2) {
                        throw error(n, "expected a chain name after " + verb);
                    }
                    String chain = args.get(1).text();
                    int from = 2;
                    boolean insert = verb.equals("-I") || verb.equals("--insert");
                    if (insert && args.size() > 2 && args.get(2).text().matches("\\d+")) { // -I CHAIN 3: a position
                        from = 3;
                    }
                    if (table.equals("filter") && !SKIPPED_CHAINS.contains(chain)) {
                        AllowRule r = rule(chain, args.subList(from, args.size()), n);
                        if (r != null) {
                            out.add(r);
                        }
                    }
                }
                case "-N", "--new-chain", "-P", "--policy", "-F", "--flush", "-X", "--delete-chain", "-Z", "--zero",
                        "-D", "--delete", "-R", "--replace" -> { }
                default -> throw error(n, "expected a chain line (:CHAIN POLICY), a rule (-A CHAIN ...), COMMIT or a"
                        + " comment, as " + (v4 ? "iptables" : "ip6tables") + "-save writes them");
            }
        }
        if (table != null) {
            throw error(tableLine, "expected COMMIT to end *" + table + " before the end of the file");
        }
        return new ParsedRules(List.of(file), out);
    }

    private AllowRule rule(String chain, List<Arg> args, int line) {
        List<Destination> destinations = null;
        boolean notDestinations = false;
        String protocol = null;
        boolean notProtocol = false;
        List<int[]> ports = null;
        boolean notPorts = false;
        String target = null;
        boolean established = false;
        boolean not = false;
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            String opt = a.quoted() ? "" : a.text();
            if (opt.equals("!")) {
                not = true;
                continue;
            }
            String value = i + 1 < args.size() ? args.get(i + 1).text() : null;
            boolean thisNot = not;
            not = false;
            if (value != null && value.equals("!") && opt.startsWith("-")) {
                thisNot = true; // the old form: "-d ! 10.0.0.1"
                i++;
                value = i + 1 < args.size() ? args.get(i + 1).text() : null;
            }
            switch (opt) {
                case "-d", "--destination", "--dst" -> {
                    notDestinations |= thisNot;
                    destinations = destinations == null ? new ArrayList<>() : destinations;
                    for (String d : need(value, opt, line).split(",")) {
                        destinations.add(destination(d, line));
                    }
                    i++;
                }
                case "--dst-range" -> {
                    notDestinations |= thisNot;
                    destinations = destinations == null ? new ArrayList<>() : destinations;
                    destinations.add(range(need(value, opt, line), line));
                    i++;
                }
                case "-p", "--protocol" -> {
                    notProtocol = thisNot;
                    protocol = need(value, opt, line).toLowerCase(Locale.ROOT);
                    i++;
                }
                case "--dport", "--destination-port", "--dports", "--destination-ports", "--ports" -> {
                    notPorts = thisNot;
                    ports = ports == null ? new ArrayList<>() : ports;
                    for (String p : need(value, opt, line).split(",")) {
                        ports.add(portRange(p, line));
                    }
                    i++;
                }
                case "--state", "--ctstate" -> {
                    Set<String> states = Set.of(need(value, opt, line).toUpperCase(Locale.ROOT).split(","));
                    established |= thisNot ? states.contains("NEW") : !states.contains("NEW");
                    i++;
                }
                case "-j", "--jump", "-g", "--goto" -> {
                    target = need(value, opt, line);
                    i++;
                }
                default -> {
                    if (!opt.startsWith("-")) {
                        throw error(line, "expected an option (-d, -p, --dport, -j, ...) where '" + a.text() + "' is");
                    }
                    // another option: skip its values, whatever they are
                    while (i + 1 < args.size() && (args.get(i + 1).quoted() || !args.get(i + 1).text().startsWith("-"))
                            && !args.get(i + 1).text().equals("!")) {
                        i++;
                    }
                }
            }
        }
        boolean anyProtocol = protocol == null || protocol.equals("all") || protocol.equals("0");
        boolean udp = anyProtocol ? !notProtocol : (protocol.equals("udp") || protocol.equals("17")) != notProtocol;
        if (!"ACCEPT".equals(target) || established || !udp) {
            return null;
        }
        Set<IkePort> allowed = EnumSet.noneOf(IkePort.class);
        if (ports != null) {
            for (IkePort p : IkePort.values()) {
                boolean listed = ports.stream().anyMatch(r -> r[0] <= p.number() && p.number() <= r[1]);
                if (listed != notPorts) {
                    allowed.add(p);
                }
            }
        } else if ((protocol != null && !protocol.equals("all") && !protocol.equals("0")) || destinations != null) {
            allowed.addAll(EnumSet.allOf(IkePort.class));
        }
        if (allowed.isEmpty()) {
            return null;
        }
        if (destinations == null) {
            destinations = List.of(Destination.any(v4, "no -d", file, line));
        } else if (notDestinations) {
            String text = "not " + destinations.stream().map(Destination::text).reduce((a, b) -> a + ", " + b).orElse("");
            destinations = Destination.complement(destinations, v4, text, "! -d", file, line);
        }
        return new AllowRule(file, line, "-A " + chain, allowed, destinations, "chain " + chain, v4 ? 4 : 6);
    }

    private String need(String value, String option, int line) {
        if (value == null) {
            throw error(line, "expected a value after " + option);
        }
        return value;
    }

    /** "10.77.0.2", "10.77.0.0/24", "10.77.0.0/255.255.255.0". */
    private Destination destination(String text, int line) {
        String t = text;
        int slash = t.indexOf('/');
        if (slash > 0 && t.substring(slash + 1).indexOf('.') >= 0) {
            int length = Ip.maskLength(t.substring(slash + 1));
            t = length < 0 ? "bad" : t.substring(0, slash) + "/" + length;
        }
        InetAddress[] range = Ip.cidr(t);
        if (range == null) {
            throw error(line, "expected an " + family() + " address or prefix after -d, not '" + text + "'");
        }
        checkFamily(range[0], text, line);
        return Destination.range(range[0], range[1], "-d", file, line);
    }

    private Destination range(String text, int line) {
        String[] parts = text.split("-", -1);
        InetAddress from = parts.length == 2 ? Ip.literal(parts[0]) : null;
        InetAddress to = parts.length == 2 ? Ip.literal(parts[1]) : null;
        if (from == null || to == null || !Ip.sameFamily(from, to) || Ip.number(from).compareTo(Ip.number(to)) > 0) {
            throw error(line, "expected --dst-range <first>-<last>, two " + family() + " addresses in order, not '"
                    + text + "'");
        }
        checkFamily(from, text, line);
        return Destination.range(from, to, "--dst-range", file, line);
    }

    private void checkFamily(InetAddress address, String text, int line) {
        if (Ip.isV4(address) != v4) {
            throw error(line, "expected an " + family() + " address, not '" + text + "': "
                    + (v4 ? "IPv6 rules belong in the ip6tables-save file (IP6TABLES)"
                    : "IPv4 rules belong in the iptables-save file (IPTABLES)"));
        }
    }

    private String family() {
        return v4 ? "IPv4" : "IPv6";
    }

    /** "500", "500:4500", "1024:" (to 65535), ":1023", or a service name (isakmp, ipsec-nat-t; others are not IKE). */
    private int[] portRange(String text, int line) {
        int[] service = Ip.ikeService(text);
        if (service != null) {
            return service;
        }
        if (text.matches("\\d{0,5}:\\d{0,5}") && !text.equals(":")) {
            String[] parts = text.split(":", -1);
            int low = parts[0].isEmpty() ? 0 : Integer.parseInt(parts[0]);
            int high = parts[1].isEmpty() ? 65535 : Integer.parseInt(parts[1]);
            return new int[] {low, high};
        }
        if (text.matches("\\d{1,5}")) {
            int p = Integer.parseInt(text);
            return new int[] {p, p};
        }
        if (text.matches("[a-z][a-z0-9-]*")) {
            return new int[] {-1, -1};
        }
        throw error(line, "expected a port, a range low:high or a service name after --dport, not '" + text + "'");
    }

    /** Splits a rule as a shell would for iptables-restore: spaces, double or single quotes, backslash escapes. */
    private List<Arg> split(String command, int line) {
        List<Arg> out = new ArrayList<>();
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder s = new StringBuilder();
            boolean quoted = false;
            while (i < command.length() && !Character.isWhitespace(command.charAt(i))) {
                char q = command.charAt(i);
                if (q == '"' || q == '\'') {
                    int end = command.indexOf(q, i + 1);
                    if (end < 0) {
                        throw error(line, "expected a closing " + q + " for the quoted argument");
                    }
                    s.append(command, i + 1, end);
                    quoted = true;
                    i = end + 1;
                } else if (q == '\\' && i + 1 < command.length()) {
                    s.append(command.charAt(i + 1));
                    i += 2;
                } else {
                    s.append(q);
                    i++;
                }
            }
            out.add(new Arg(s.toString(), quoted));
        }
        return out;
    }
}
