package dev.wificall.firewall.nft;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RulesParser;
import dev.wificall.probe.IkePort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which destinations an nftables ruleset file ({@code nft -f} input, or {@code nft list ruleset}
 * output) lets UDP/500 and UDP/4500 out to.
 *
 * <p>Read: tables in block form and the {@code add/insert rule}, {@code add element}, {@code define},
 * {@code flush} and {@code delete table} commands. Counted: accept rules in filter chains hooked at
 * output or forward and in regular chains (families ip, ip6, inet) that match udp (or any layer 4)
 * and destination port 500 or 4500, or udp or a destination address without a port. Such rules
 * without {@code ip daddr}/{@code ip6 daddr} are open to any host; with {@code daddr !=} to every
 * other address. Left out: {@code ct state} without {@code new}, verdict maps, and concatenations
 * other than {@code daddr . dport}.
 */
final class NftParser extends RulesParser {

    private record Tok(String text, int line, boolean quoted) {
        boolean is(String s) {
            return !quoted && text.equals(s);
        }
    }

    /** One set element or one anonymous-set item: "10.77.0.2", or "10.77.0.2", "500" for a concatenation. */
    private record Elem(List<String> parts, int line, String origin) {
    }

    private record Raw(List<Tok> tokens, int line) {
    }

    private static final class NSet {
        final List<Elem> elements = new ArrayList<>();
    }

    private static final class Chain {
        String type;
        String hook;
        final List<Raw> rules = new ArrayList<>();
    }

    private static final class Table {
        final String family;
        final Map<String, NSet> sets = new LinkedHashMap<>();
        final Map<String, Chain> chains = new LinkedHashMap<>();

        Table(String family) {
            this.family = family;
        }
    }

    private static final Set<String> FAMILIES = Set.of("ip", "ip6", "inet", "arp", "bridge", "netdev");
    private static final Set<String> OTHER_VERDICTS = Set.of("drop", "reject", "jump", "goto", "return", "queue",
            "continue", "vmap");

    private final List<Tok> toks;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, List<Tok>> defines = new HashMap<>();
    private int pos;

    private NftParser(String file, String text) {
        super(file, text);
        this.toks = tokenize(text);
    }

    static ParsedRules parse(String file, String text) {
        NftParser p = new NftParser(file, text);
        p.top();
        return p.rules();
    }

    // ---- tokens

    /** Words, quoted strings, { } ; , = and line ends (they end statements); '#' comments dropped. */
    private List<Tok> tokenize(String text) {
        List<Tok> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.add(new Tok("\n", line++, false));
                i++;
            } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line++; // a continued line
                i += 2;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                int nl = text.indexOf('\n', i + 1);
                if (end < 0 || (nl >= 0 && nl < end)) {
                    throw error(line, "expected '\"' to close the quoted string on this line");
                }
                out.add(new Tok(text.substring(i + 1, end), line, true));
                i = end + 1;
            } else if ("{};,".indexOf(c) >= 0) {
                out.add(new Tok(String.valueOf(c), line, false));
                i++;
            } else if ((c == '!' || c == '=') && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                out.add(new Tok(text.substring(i, i + 2), line, false));
                i += 2;
            } else if (c == '=') {
                out.add(new Tok("=", line, false));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "{};,=\"#".indexOf(text.charAt(i)) < 0
                        && !(text.charAt(i) == '!' && i + 1 < text.length() && text.charAt(i + 1) == '=')) {
                    i++;
                }
                out.add(new Tok(text.substring(start, i), line, false));
            }
        }
        return out;
    }

    private boolean atEnd() {
        return pos >= toks.size();
    }

    private Tok peek() {
        return toks.get(pos);
    }

    private boolean endOfStatement() {
        return atEnd() || peek().is("\n") || peek().is(";") || peek().is("}");
    }

    private void skipSeparators() {
        while (!atEnd() && (peek().is("\n") || peek().is(";"))) {
            pos++;
        }
    }

    private Tok word(String expected) {
        if (endOfStatement() || peek().is("{")) {
            throw error(atEnd() ? lines.length : peek().line(), "expected " + expected);
        }
        return toks.get(pos++);
    }

    private void expect(String token, String expected) {
        if (atEnd() || !peek().is(token)) {
            throw error(atEnd() ? lines.length : peek().line(), "expected " + expected);
        }
        pos++;
    }

    /** The rest of a statement, braces balanced and line ends inside braces skipped; $variables replaced. */
    private List<Tok> statement() {
        List<Tok> out = new ArrayList<>();
        int depth = 0;
        int open = 0;
        while (!atEnd()) {
            Tok t = peek();
            if (depth == 0 && (t.is("\n") || t.is(";") || t.is("}"))) {
                break;
            }
            pos++;
            if (t.is("{")) {
                depth++;
                open = depth == 1 ? t.line() : open;
            } else if (t.is("}")) {
                depth--;
            }
            if (t.is("\n")) {
                continue;
            }
            if (!t.quoted() && t.text().startsWith("$")) {
                List<Tok> value = defines.get(t.text().substring(1));
                if (value == null) {
                    throw error(t.line(), "expected 'define " + t.text().substring(1) + " = ...' before " + t.text()
                            + " is used");
                }
                value.forEach(v -> out.add(new Tok(v.text(), t.line(), v.quoted())));
                continue;
            }
            out.add(t);
        }
        if (depth > 0) {
            throw error(open, "expected '}' to close the '{' opened on this line");
        }
        return out;
    }

    /** An optional family, then a name: "inet wificall", "wificall" (family ip). */
    private String[] familyAndName(String what) {
        Tok first = word("a " + what + " name");
        if (!first.quoted() && FAMILIES.contains(first.text()) && !endOfStatement() && !peek().is("{")) {
            return new String[] {first.text(), word("a " + what + " name").text()};
        }
        return new String[] {"ip", first.text()};
    }

    private Table table(String family, String name) {
        return tables.computeIfAbsent(family + " " + name, k -> new Table(family));
    }

    // ---- statements

    private void top() {
        while (true) {
            skipSeparators();
            if (atEnd()) {
                return;
            }
            Tok t = peek();
            if (t.is("}")) {
                throw error(t.line(), "found '}' with no block open");
            }
            pos++;
            switch (t.quoted() ? "" : t.text()) {
                case "table" -> tableStatement();
                case "add", "create", "insert", "replace" -> add(t);
                case "delete", "destroy" -> delete();
                case "flush" -> flush();
                case "define", "redefine" -> {
                    Tok name = word("a variable name after define");
                    expect("=", "'=' after define " + name.text());
                    List<Tok> value = statement();
                    if (value.isEmpty()) {
                        throw error(name.line(), "expected a value after define " + name.text() + " =");
                    }
                    defines.put(name.text(), value);
                }
                case "undefine" -> defines.remove(word("a variable name after undefine").text());
                case "include" -> throw error(t.line(), "wificall does not follow include; check the included file"
                        + " itself");
                default -> throw error(t.line(), "expected table, add, insert, delete, flush or define (an nftables"
                        + " ruleset as nft -f reads it)");
            }
        }
    }

    private void tableStatement() {
        String[] fn = familyAndName("table");
        Table table = table(fn[0], fn[1]);
        if (!atEnd() && peek().is("{")) {
            int open = peek().line();
            pos++;
            tableBlock(table, fn[1], open);
        } else if (!endOfStatement()) {
            throw error(peek().line(), "expected '{' or the end of the line after table " + fn[1]);
        }
    }

    private void add(Tok verb) {
        Tok what = word("table, chain, set, rule or element after " + verb.text());
        switch (what.quoted() ? "" : what.text()) {
            case "table" -> tableStatement();
            case "chain" -> {
                String[] fn = familyAndName("table");
                Tok chainName = word("a chain name");
                Chain chain = table(fn[0], fn[1]).chains.computeIfAbsent(chainName.text(), k -> new Chain());
                if (!atEnd() && peek().is("{")) {
                    int open = peek().line();
                    pos++;
                    chainBlock(chain, chainName.text(), open);
                }
            }
            case "set" -> {
                String[] fn = familyAndName("table");
                Tok setName = word("a set name");
                NSet set = table(fn[0], fn[1]).sets.computeIfAbsent(setName.text(), k -> new NSet());
                int open = atEnd() ? lines.length : peek().line();
                expect("{", "'{' after set " + setName.text());
                setBlock(set, setName.text(), open);
            }
            case "rule" -> {
                String[] fn = familyAndName("table");
                Tok chainName = word("a chain name");
                Chain chain = table(fn[0], fn[1]).chains.computeIfAbsent(chainName.text(), k -> new Chain());
                List<Tok> rule = statement();
                if (!rule.isEmpty() && (rule.get(0).is("position") || rule.get(0).is("index") || rule.get(0).is("handle"))) {
                    rule = rule.subList(Math.min(2, rule.size()), rule.size()); // where to insert, not what
                }
                chain.rules.add(new Raw(rule, what.line()));
            }
            case "element" -> {
                String[] fn = familyAndName("table");
                Tok setName = word("a set name");
                NSet set = table(fn[0], fn[1]).sets.computeIfAbsent(setName.text(), k -> new NSet());
                expect("{", "'{' with the elements to add to " + setName.text());
                set.elements.addAll(elements("set " + setName.text()));
            }
            default -> statement(); // maps, counters, flowtables, ...: nothing that lets a port out
        }
    }

    private void delete() {
        Tok what = word("what to delete");
        if (what.is("table")) {
            String[] fn = familyAndName("table");
            tables.remove(fn[0] + " " + fn[1]);
            statement();
        } else {
            statement(); // a rule by handle or an element: not in a ruleset file a person keeps
        }
    }

    private void flush() {
        Tok what = word("ruleset, table, chain or set after flush");
        switch (what.text()) {
            case "ruleset" -> tables.clear();
            case "table" -> {
                String[] fn = familyAndName("table");
                Table t = tables.get(fn[0] + " " + fn[1]);
                if (t != null) {
                    t.chains.values().forEach(c -> c.rules.clear());
                    t.sets.values().forEach(s -> s.elements.clear());
                }
            }
            case "chain" -> {
                String[] fn = familyAndName("table");
                Table t = tables.get(fn[0] + " " + fn[1]);
                Chain c = t == null ? null : t.chains.get(word("a chain name").text());
                if (c != null) {
                    c.rules.clear();
                }
            }
            case "set" -> {
                String[] fn = familyAndName("table");
                Table t = tables.get(fn[0] + " " + fn[1]);
                NSet s = t == null ? null : t.sets.get(word("a set name").text());
                if (s != null) {
                    s.elements.clear();
                }
            }
            default -> { }
        }
        statement();
    }

    private void tableBlock(Table table, String name, int open) {
        while (true) {
            skipSeparators();
            if (atEnd()) {
                throw error(open, "expected '}' to close table " + name + " before the end of the file");
            }
            Tok t = peek();
            pos++;
            if (t.is("}")) {
                return;
            }
            if (t.is("set") || t.is("chain")) {
                Tok objName = word("a " + t.text() + " name");
                int blockLine = atEnd() ? lines.length : peek().line();
                expect("{", "'{' after " + t.text() + " " + objName.text());
                if (t.is("set")) {
                    setBlock(table.sets.computeIfAbsent(objName.text(), k -> new NSet()), objName.text(), blockLine);
                } else {
                    chainBlock(table.chains.computeIfAbsent(objName.text(), k -> new Chain()), objName.text(), blockLine);
                }
            } else {
                statement(); // flags, comment, maps, counters, flowtables (their blocks are skipped whole)
            }
        }
    }

    private void setBlock(NSet set, String name, int open) {
        while (true) {
            skipSeparators();
            if (atEnd()) {
                throw error(open, "expected '}' to close set " + name + " before the end of the file");
            }
            Tok t = peek();
            pos++;
            if (t.is("}")) {
                return;
            }
            if (t.is("elements")) {
                expect("=", "'=' after elements");
                expect("{", "'{' after elements =");
                set.elements.addAll(elements("set " + name));
            } else {
                statement(); // type, typeof, flags, timeout, size, policy, auto-merge, comment
            }
        }
    }

    /** Elements up to the closing brace (the opening one read): each up to a ',', options after its value dropped. */
    private List<Elem> elements(String origin) {
        List<Elem> out = new ArrayList<>();
        List<Tok> current = new ArrayList<>();
        while (true) {
            if (atEnd()) {
                throw error(lines.length, "expected '}' to close the elements of " + origin);
            }
            Tok t = toks.get(pos++);
            if (t.is("\n")) {
                continue;
            }
            if (t.is("{")) {
                throw error(t.line(), "expected an element of " + origin + ", not a nested '{'");
            }
            if (t.is(",") || t.is("}")) {
                if (!current.isEmpty()) {
                    out.add(element(current, origin));
                    current = new ArrayList<>();
                }
                if (t.is("}")) {
                    return out;
                }
                continue;
            }
            if (!t.quoted() && t.text().startsWith("$")) {
                List<Tok> value = defines.get(t.text().substring(1));
                if (value == null) {
                    throw error(t.line(), "expected 'define " + t.text().substring(1) + " = ...' before it is used");
                }
                for (Tok v : value) {
                    if (!v.is("{") && !v.is("}")) {
                        if (v.is(",")) {
                            out.add(element(current, origin));
                            current = new ArrayList<>();
                        } else {
                            current.add(new Tok(v.text(), t.line(), v.quoted()));
                        }
                    }
                }
                continue;
            }
            current.add(t);
        }
    }

    private Elem element(List<Tok> tokens, String origin) {
        List<String> parts = new ArrayList<>();
        parts.add(tokens.get(0).text());
        if (tokens.size() >= 3 && tokens.get(1).is(".")) {
            parts.add(tokens.get(2).text());
        }
        return new Elem(parts, tokens.get(0).line(), origin);
    }

    private void chainBlock(Chain chain, String name, int open) {
        while (true) {
            skipSeparators();
            if (atEnd()) {
                throw error(open, "expected '}' to close chain " + name + " before the end of the file");
            }
            if (peek().is("}")) {
                pos++;
                return;
            }
            int line = peek().line();
            List<Tok> s = statement();
            if (s.isEmpty()) {
                continue;
            }
            if (s.get(0).is("type") && s.size() >= 4 && s.get(2).is("hook")) {
                chain.type = s.get(1).text();
                chain.hook = s.get(3).text();
            } else if (!(s.get(0).is("policy") || s.get(0).is("comment") || s.get(0).is("devices")
                    || s.get(0).is("device"))) {
                chain.rules.add(new Raw(s, line));
            }
        }
    }

    // ---- what the rules allow

    private ParsedRules rules() {
        List<AllowRule> out = new ArrayList<>();
        for (Map.Entry<String, Table> te : tables.entrySet()) {
            Table table = te.getValue();
            if (!Set.of("ip", "ip6", "inet").contains(table.family)) {
                continue;
            }
            for (Map.Entry<String, Chain> ce : table.chains.entrySet()) {
                Chain chain = ce.getValue();
                boolean outbound = chain.hook == null || chain.hook.equals("output") || chain.hook.equals("forward");
                if (!outbound || (chain.type != null && !chain.type.equals("filter"))) {
                    continue; // input, nat and route chains do not decide what leaves
                }
                for (Raw raw : chain.rules) {
                    out.addAll(rule(table, te.getKey(), "chain " + ce.getKey(), raw));
                }
            }
        }
        return new ParsedRules(List.of(file), out);
    }

    private List<AllowRule> rule(Table table, String tableName, String chainName, Raw raw) {
        List<Tok> t = raw.tokens();
        List<Elem> v4 = null;
        List<Elem> v6 = null;
        boolean not4 = false;
        boolean not6 = false;
        List<Elem> concat = null;
        List<String> protocols = null;
        boolean notProtocols = false;
        List<Elem> ports = null;
        boolean notPorts = false;
        boolean accept = false;
        boolean other = false;
        boolean unlisted = false;
        boolean established = false;
        String addTo = null;
        for (int i = 0; i < t.size(); i++) {
            String w = t.get(i).quoted() ? "" : t.get(i).text();
            String next = i + 1 < t.size() && !t.get(i + 1).quoted() ? t.get(i + 1).text() : "";
            if ((w.equals("ip") || w.equals("ip6")) && next.equals("daddr")) {
                int at = i + 2;
                boolean pair = at + 3 < t.size() && t.get(at).is(".") && t.get(at + 2).is("dport");
                if (pair) {
                    at += 3; // ip daddr . udp dport <set of address . port>
                    protocols = t.get(at - 2).is("th") ? protocols : List.of(t.get(at - 2).text());
                    concat = concat == null ? new ArrayList<>() : concat;
                } else if (at < t.size() && t.get(at).is(".")) {
                    unlisted = true; // another concatenation: not one wificall reads
                }
                boolean not = at < t.size() && t.get(at).is("!=");
                if (at < t.size() && (t.get(at).is("!=") || t.get(at).is("=="))) {
                    at++;
                }
                if (at < t.size() && t.get(at).text().startsWith("@") && addTo == null && !not) {
                    addTo = "set " + t.get(at).text().substring(1);
                }
                List<Elem> values = new ArrayList<>();
                i = values(t, at, values, raw.line(), table) - 1;
                if (pair) {
                    unlisted |= not;
                    concat.addAll(values);
                } else if (w.equals("ip")) {
                    v4 = v4 == null ? new ArrayList<>() : v4;
                    v4.addAll(values);
                    not4 |= not;
                } else {
                    v6 = v6 == null ? new ArrayList<>() : v6;
                    v6.addAll(values);
                    not6 |= not;
                }
            } else if ((w.equals("udp") || w.equals("th") || w.equals("tcp") || w.equals("sctp") || w.equals("dccp"))
                    && next.equals("dport")) {
                if (!w.equals("th")) {
                    protocols = List.of(w);
                    notProtocols = false;
                }
                int at = i + 2;
                notPorts = at < t.size() && t.get(at).is("!=");
                if (at < t.size() && (t.get(at).is("!=") || t.get(at).is("=="))) {
                    at++;
                }
                ports = new ArrayList<>();
                i = values(t, at, ports, raw.line(), table) - 1;
            } else if ((w.equals("meta") && next.equals("l4proto")) || (w.equals("ip") && next.equals("protocol"))
                    || (w.equals("ip6") && next.equals("nexthdr"))) {
                List<Elem> values = new ArrayList<>();
                int at = i + 2;
                notProtocols = at < t.size() && t.get(at).is("!=");
                if (at < t.size() && (t.get(at).is("!=") || t.get(at).is("=="))) {
                    at++;
                }
                i = values(t, at, values, raw.line(), table) - 1;
                protocols = values.stream().map(e -> e.parts().get(0)).toList();
            } else if (w.equals("ct") && next.equals("state")) {
                int at = i + 2;
                boolean not = at < t.size() && t.get(at).is("!=");
                if (at < t.size() && (t.get(at).is("!=") || t.get(at).is("=="))) {
                    at++;
                }
                List<Elem> values = new ArrayList<>();
                i = values(t, at, values, raw.line(), table) - 1;
                boolean listsNew = values.stream().anyMatch(e -> e.parts().get(0).equals("new"));
                established = not == listsNew;
            } else if (w.equals("udp") && !next.equals("dport")) {
                protocols = List.of("udp");
                notProtocols = false;
            } else if (w.equals("accept")) {
                accept = true;
            } else if (OTHER_VERDICTS.contains(w)) {
                other = true;
            } else if (w.equals("comment") || w.equals("prefix")) {
                i++; // its string
            }
        }
        boolean listsUdp = protocols != null && (protocols.contains("udp") || protocols.contains("17"));
        boolean udp = protocols == null || listsUdp != notProtocols;
        if (!accept || other || unlisted || established || !udp) {
            return List.of();
        }
        List<AllowRule> out = new ArrayList<>();
        String name = chainName + " in table " + tableName;
        if (concat != null) {
            for (IkePort port : IkePort.values()) {
                List<Destination> d = new ArrayList<>();
                for (Elem e : concat) {
                    int[] range = e.parts().size() == 2 ? portRange(e.parts().get(1), e.line()) : new int[] {-1, -1};
                    if (range[0] <= port.number() && port.number() <= range[1]) {
                        d.add(address(e.parts().get(0), e, null));
                    }
                }
                if (!d.isEmpty()) {
                    out.add(new AllowRule(file, raw.line(), name, EnumSet.of(port), d, addTo, 0));
                }
            }
            return out;
        }
        Set<IkePort> allowed = EnumSet.noneOf(IkePort.class);
        if (ports != null) {
            for (IkePort port : IkePort.values()) {
                boolean listed = false;
                for (Elem e : ports) {
                    int[] range = portRange(e.parts().get(0), e.line());
                    listed |= range[0] <= port.number() && port.number() <= range[1];
                }
                if (listed != notPorts) {
                    allowed.add(port);
                }
            }
        } else if (protocols != null || v4 != null || v6 != null) {
            allowed.addAll(EnumSet.allOf(IkePort.class)); // udp to anywhere, or everything to an address
        }
        if (allowed.isEmpty()) {
            return List.of();
        }
        List<Destination> destinations = new ArrayList<>();
        int version = table.family.equals("ip") ? 4 : table.family.equals("ip6") ? 6 : 0;
        if (v4 == null && v6 == null) {
            if (version != 6) {
                destinations.add(Destination.any(true, "no ip daddr", file, raw.line()));
            }
            if (version != 4) {
                destinations.add(Destination.any(false, "no ip6 daddr", file, raw.line()));
            }
        } else {
            destinations.addAll(family(v4, not4, true, raw.line()));
            destinations.addAll(family(v6, not6, false, raw.line()));
            version = v6 == null ? 4 : v4 == null ? 6 : 0;
        }
        out.add(new AllowRule(file, raw.line(), name, allowed, destinations, addTo, version));
        return out;
    }

    /** The destinations of one family's daddr match; for "!=" everything else, as ranges. */
    private List<Destination> family(List<Elem> values, boolean not, boolean v4, int line) {
        if (values == null) {
            return List.of();
        }
        List<Destination> listed = new ArrayList<>();
        for (Elem e : values) {
            listed.add(address(e.parts().get(0), e, v4));
        }
        if (!not) {
            return listed;
        }
        String text = "not " + listed.stream().map(Destination::text).reduce((a, b) -> a + ", " + b).orElse("");
        return Destination.complement(listed, v4, text, (v4 ? "ip" : "ip6") + " daddr !=", file, line);
    }

    /** Reads one value at {@code at}: an anonymous set, a named set (its elements) or a word; returns the index after. */
    private int values(List<Tok> t, int at, List<Elem> out, int line, Table table) {
        if (at >= t.size()) {
            throw error(line, "expected a value after '" + t.get(at - 1).text() + "'");
        }
        Tok v = t.get(at);
        if (v.is("{")) {
            int i = at + 1;
            List<Tok> current = new ArrayList<>();
            for (; i < t.size() && !t.get(i).is("}"); i++) {
                if (t.get(i).is(",")) {
                    if (!current.isEmpty()) {
                        out.add(element(current, "the rule"));
                    }
                    current = new ArrayList<>();
                } else {
                    current.add(t.get(i));
                }
            }
            if (!current.isEmpty()) {
                out.add(element(current, "the rule"));
            }
            return i + 1;
        }
        if (v.text().startsWith("@")) {
            String name = v.text().substring(1);
            NSet set = table.sets.get(name);
            if (set == null) {
                throw error(v.line(), "expected a set " + name + " declared in this rule's table");
            }
            out.addAll(set.elements);
            return at + 1;
        }
        // A single value, maybe a list without braces as "ct state established,related" writes one.
        int i = at;
        out.add(new Elem(List.of(t.get(i).text()), t.get(i).line(), "the rule"));
        while (i + 2 < t.size() && t.get(i + 1).is(",")) {
            i += 2;
            out.add(new Elem(List.of(t.get(i).text()), t.get(i).line(), "the rule"));
        }
        return i + 1;
    }

    private Destination address(String text, Elem e, Boolean v4) {
        InetAddress[] range;
        int dash = text.indexOf('-');
        if (dash > 0) {
            InetAddress from = Ip.literal(text.substring(0, dash));
            InetAddress to = Ip.literal(text.substring(dash + 1));
            range = from == null || to == null || !Ip.sameFamily(from, to) ? null : new InetAddress[] {from, to};
        } else {
            range = Ip.cidr(text);
        }
        if (range == null || (v4 != null && Ip.isV4(range[0]) != v4)) {
            throw error(e.line(), "expected an " + (v4 == null ? "IP" : v4 ? "IPv4" : "IPv6") + " address, prefix or"
                    + " range in " + e.origin() + ", not '" + text + "'");
        }
        if (Ip.number(range[0]).compareTo(Ip.number(range[1])) > 0) {
            throw error(e.line(), "expected a range from low to high in " + e.origin() + ", not '" + text + "'");
        }
        return Destination.range(range[0], range[1], e.origin(), file, e.line());
    }

    /** "500", "500-4500", or the service names of IKE; other names are other services ({-1, -1}). */
    private int[] portRange(String text, int line) {
        int[] service = Ip.ikeService(text);
        if (service != null) {
            return service;
        }
        if (text.matches("\\d{1,5}")) {
            int p = Integer.parseInt(text);
            return new int[] {p, p};
        }
        if (text.matches("\\d{1,5}-\\d{1,5}")) {
            String[] parts = text.split("-");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        }
        if (text.matches("[a-z][a-z0-9-]*")) {
            return new int[] {-1, -1};
        }
        throw error(line, "expected a port, a port range or a service name, not '" + text + "'");
    }
}
