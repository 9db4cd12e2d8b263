package dev.wificall.firewall;

import dev.wificall.probe.IkePort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the line-oriented parsers of the vendor packages (PAN-OS, FortiOS, MikroTik, ...) share: words
 * with quotes, destinations written as address, prefix or range, and port lists. Public for those
 * packages; not an API beyond them.
 */
public final class RuleText {

    private RuleText() {
    }

    /**
     * A line split at blanks; a double-quoted part is one word without its quotes, in which a backslash
     * escapes the next character. A word of {@code [} or {@code ]} stays a word of its own.
     *
     * @throws RulesParseException when a quote is not closed
     */
    public static List<String> words(String file, int line, String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder w = new StringBuilder();
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                char q = text.charAt(i);
                if (q == '"') {
                    int j = i + 1;
                    while (j < text.length() && text.charAt(j) != '"') {
                        if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                            j++;
                        }
                        w.append(text.charAt(j));
                        j++;
                    }
                    if (j >= text.length()) {
                        throw new RulesParseException(file, line, text, "expected a closing \" for the quoted word");
                    }
                    i = j + 1;
                } else {
                    w.append(q);
                    i++;
                }
            }
            out.add(w.toString());
        }
        return out;
    }

    /**
     * "10.77.0.2", "10.77.0.0/24", "fd77::2/128" or "10.77.0.1-10.77.0.9" as a destination; null when
     * the text is none of these (a name, a keyword).
     */
    public static Destination destination(String text, String origin, String file, int line) {
        InetAddress[] range = Ip.cidr(text);
        if (range == null) {
            int dash = text.indexOf('-');
            InetAddress from = dash > 0 ? Ip.literal(text.substring(0, dash)) : null;
            InetAddress to = dash > 0 ? Ip.literal(text.substring(dash + 1)) : null;
            if (from == null || to == null || !Ip.sameFamily(from, to) || Ip.number(from).compareTo(Ip.number(to)) > 0) {
                return null;
            }
            range = new InetAddress[] {from, to};
        }
        return Destination.range(range[0], range[1], origin, file, line);
    }

    /**
     * The IKE ports a port list lets through: ports and ranges ("500", "500-4500", and "500:4500" where
     * {@code colon} is true) separated by commas or blanks. Null when an item is none of these.
     */
    public static Set<IkePort> ikePorts(String list, boolean colon) {
        Set<IkePort> out = EnumSet.noneOf(IkePort.class);
        for (String item : list.strip().split("[,\\s]+")) {
            String[] lowHigh = item.split(colon ? "[-:]" : "-", -1);
            if (lowHigh.length > 2 || !lowHigh[0].matches("\\d{1,5}")
                    || !lowHigh[lowHigh.length - 1].matches("\\d{1,5}")) {
                return null;
            }
            int low = Integer.parseInt(lowHigh[0]);
            int high = Integer.parseInt(lowHigh[lowHigh.length - 1]);
            for (IkePort p : IkePort.values()) {
                if (low <= p.number() && p.number() <= high) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Where a missing address goes ({@link AllowRule#addTo()}) when a rule names groups, one per ePDG:
     * "address-group epdg-262-01" for one, "its ePDG's address-group (epdg-262-01, epdg-262-02)" for
     * more; null for none.
     */
    public static String addTo(String kind, List<String> groups) {
        List<String> distinct = groups.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return null;
        }
        return distinct.size() == 1 ? kind + " " + distinct.get(0)
                : "its ePDG's " + kind + " (" + String.join(", ", distinct) + ")";
    }

    /** Every address of both families: what "any" or a missing destination allows. */
    public static List<Destination> anyAddress(String origin, String file, int line) {
        return List.of(Destination.any(true, origin, file, line), Destination.any(false, origin, file, line));
    }
}
