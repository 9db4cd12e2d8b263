package dev.wificall.firewall.mikrotik;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RuleText;
import dev.wificall.firewall.RulesParser;
import dev.wificall.probe.IkePort;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which destinations a RouterOS script or {@code /export} lets UDP/500 and UDP/4500 out to: the
 * {@code add} commands of {@code /ip firewall} and {@code /ipv6 firewall} address-list and filter, with
 * the menu on the same line or on a line of its own (as /export writes it), and {@code \} continuations.
 * Counted: accept rules (the default action) not disabled, in any chain but input, matching udp (or no
 * protocol) and port 500 or 4500, or a destination without a port; negations ({@code !}) allow every
 * other. Left out: connection-state without new. Not judged: rule order.
 */
final class MikrotikParser extends RulesParser {

    private record Add(int line, boolean v4, Map<String, String> args) {
    }

    /** "4 epdg-addresses" / "6 epdg-addresses" to the list's entries. */
    private final Map<String, List<Destination>> lists = new LinkedHashMap<>();
    private final List<Add> filters = new ArrayList<>();

    private MikrotikParser(String file, String text) {
        super(file, text);
    }

    static ParsedRules parse(String file, String text) {
        MikrotikParser p = new MikrotikParser(file, text);
        p.read();
        return p.rules();
    }

    private void read() {
        String menu = "";
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            StringBuilder joined = new StringBuilder(lines[i].strip());
            while (joined.toString().endsWith("\\") && i + 1 < lines.length) {
                joined.setLength(joined.length() - 1);
                joined.append(' ').append(lines[++i].strip());
            }
            String line = joined.toString().strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(":")) {
                throw error(n, "expected menu paths and add commands; scripting (" + line.split("\\s")[0]
                        + ") is not read, so what it adds cannot be judged");
            }
            List<String> w = new ArrayList<>(RuleText.words(file, n, line));
            if (w.get(0).startsWith("/")) {
                StringBuilder path = new StringBuilder();
                while (!w.isEmpty() && !w.get(0).contains("=") && !List.of("add", "set", "remove", "print", "export",
                        "disable", "enable", "move", "comment").contains(w.get(0))) {
                    path.append(' ').append(w.remove(0).replace('/', ' ').strip());
                }
                menu = path.toString().strip().replaceAll("\\s+", " ");
            }
            if (w.isEmpty() || !w.get(0).equals("add")) {
                continue; // a menu alone, or set/remove/...: nothing added
            }
            if (menu.isEmpty()) {
                throw error(n, "expected a menu (/ip firewall filter, /ipv6 firewall address-list, ...) before add");
            }
            Map<String, String> args = new LinkedHashMap<>();
            for (String a : w.subList(1, w.size())) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw error(n, "expected key=value arguments after add, not '" + a + "'");
                }
                args.put(a.substring(0, eq), a.substring(eq + 1));
            }
            boolean v4 = menu.startsWith("ip ");
            if (!"yes".equals(args.get("disabled")) && menu.matches("ipv?6? firewall address-list")) {
                String list = need(args, "list", n);
                String address = need(args, "address", n);
                Destination d = RuleText.destination(address, "address-list " + list, file, n);
                lists.computeIfAbsent((v4 ? "4 " : "6 ") + list, k -> new ArrayList<>())
                        .add(d != null ? d : Destination.dnsName(address, "address-list " + list, file, n));
            } else if (menu.matches("ipv?6? firewall filter")) {
                filters.add(new Add(n, v4, args));
            }
        }
    }

    private String need(Map<String, String> args, String key, int line) {
        String v = args.get(key);
        if (v == null || v.isEmpty()) {
            throw error(line, "expected " + key + "=... in the address-list entry");
        }
        return v;
    }

    private ParsedRules rules() {
        List<AllowRule> out = new ArrayList<>();
        for (Add f : filters) {
            Map<String, String> a = f.args();
            String protocol = a.getOrDefault("protocol", "");
            String state = a.getOrDefault("connection-state", "new");
            if (!a.getOrDefault("action", "accept").equals("accept") || "yes".equals(a.get("disabled"))
                    || a.getOrDefault("chain", "").equals("input") || !state.contains("new") || state.startsWith("!")
                    || !(protocol.isEmpty() || protocol.equals("udp") || protocol.equals("17"))) {
                continue;
            }
            String portText = a.get("dst-port");
            Set<IkePort> ports = EnumSet.allOf(IkePort.class);
            if (portText != null) {
                boolean not = portText.startsWith("!");
                Set<IkePort> listed = RuleText.ikePorts(not ? portText.substring(1) : portText, false);
                if (listed == null) {
                    throw error(f.line(), "expected dst-port as ports and ranges such as 500,4500 or 500-4500, not '"
                            + portText + "'");
                }
                ports = EnumSet.allOf(IkePort.class);
                ports.removeIf(p -> listed.contains(p) == not);
            }
            String address = a.get("dst-address");
            String list = a.get("dst-address-list");
            if (ports.isEmpty() || (portText == null && protocol.isEmpty() && address == null && list == null)) {
                continue; // no port, no protocol, no destination: not an IKE rule
            }
            List<Destination> d = List.of(Destination.any(f.v4(), "no dst-address", file, f.line()));
            if (address != null) {
                d = destination(address, f, "dst-address", RuleText.destination(address.replaceFirst("^!", ""),
                        "dst-address", file, f.line()));
            }
            if (list != null) {
                String name = list.replaceFirst("^!", "");
                d = negated(list, lists.getOrDefault((f.v4() ? "4 " : "6 ") + name, List.of()), f, "dst-address-list");
            }
            String menu = f.v4() ? "/ip firewall" : "/ipv6 firewall";
            out.add(new AllowRule(file, f.line(), menu + " filter chain " + a.getOrDefault("chain", "?"), ports, d,
                    list == null || list.startsWith("!") ? null : menu + " address-list " + list, f.v4() ? 4 : 6));
        }
        return new ParsedRules(List.of(file), out);
    }

    private List<Destination> destination(String text, Add f, String key, Destination d) {
        if (d == null) {
            throw error(f.line(), "expected " + key + " as an address, prefix or range, not '" + text + "'");
        }
        return negated(text, List.of(d), f, key);
    }

    private List<Destination> negated(String text, List<Destination> d, Add f, String key) {
        return text.startsWith("!") ? Destination.complement(d, f.v4(), "not " + text.substring(1), key + " !", file,
                f.line()) : d;
    }
}
