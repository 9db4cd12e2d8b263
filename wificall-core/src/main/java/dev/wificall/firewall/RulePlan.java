package dev.wificall.firewall;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every renderer writes, decided once: operators in a stable order, each address once (named
 * after the first operator that resolves to it), sources by family, and the header text. Public for
 * the vendor packages ({@link RulesDialect}); only {@link FirewallFormat} makes one.
 */
public final class RulePlan {

    /**
     * One address to allow and the rule-safe name it goes by.
     *
     * @param name     "epdg-262-01-10.77.0.2": {@link #safeName} of the operator's MCC-MNC and the address
     * @param operator the label of the first operator that resolves to it
     */
    public record Entry(InetAddress address, String name, String operator) {
        /** Whether the address is IPv4. */
        public boolean v4() {
            return Ip.isV4(address);
        }
    }

    private final List<EpdgAddresses> operators;
    private final List<Entry> entries;
    private final List<AddressPrefix> sources;
    private final RuleOptions options;

    RulePlan(List<EpdgAddresses> input, RuleOptions options) {
        if (input == null || options == null) {
            throw new IllegalArgumentException("rules need the operators' addresses and the options, got "
                    + input + " and " + options);
        }
        this.options = options;
        this.operators = input.stream()
                .sorted(Comparator.comparing(EpdgAddresses::operator).thenComparing(EpdgAddresses::fqdn))
                .toList();
        Map<InetAddress, Entry> byAddress = new LinkedHashMap<>();
        for (EpdgAddresses o : operators) {
            String code = o.plmnCode();
            for (InetAddress a : o.addresses()) {
                byAddress.putIfAbsent(a, new Entry(a, safeName("epdg-" + (code.isEmpty() ? "" : code + "-")
                        + AddressText.of(a)), o.operator()));
            }
        }
        this.entries = byAddress.values().stream().sorted(Comparator.comparing(Entry::address, Ip.ORDER)).toList();
        this.sources = options.sourcePrefixes().stream()
                .sorted(Comparator.comparing(AddressPrefix::network, Ip.ORDER).thenComparingInt(AddressPrefix::length))
                .toList();
    }

    /** The operators, sorted by label then ePDG name. */
    public List<EpdgAddresses> operators() {
        return operators;
    }

    /** Every address once, IPv4 first, then by value. */
    public List<Entry> entries() {
        return entries;
    }

    /** The addresses of one family, in {@link #entries()} order. */
    public List<Entry> entries(boolean v4) {
        return entries.stream().filter(e -> e.v4() == v4).toList();
    }

    /** Sources of one family; empty with {@link #anySource()} false means that family gets no rule. */
    public List<AddressPrefix> sources(boolean v4) {
        return sources.stream().filter(p -> Ip.isV4(p.network()) == v4).toList();
    }

    /** Every source prefix, sorted; empty for any source. */
    public List<AddressPrefix> sources() {
        return sources;
    }

    public RuleOptions options() {
        return options;
    }

    /** No source configured: the rules allow any source. */
    public boolean anySource() {
        return sources.isEmpty();
    }

    /**
     * The addresses of each ePDG name, for formats with a group per ePDG: "epdg-262-01" (or "epdg-" and
     * the name, without an MCC-MNC) to its entries, IPv4 first. An address two ePDGs share is in both,
     * under the one name it has; a name without an address has no group.
     */
    public Map<String, List<Entry>> byEpdg() {
        Map<InetAddress, Entry> byAddress = new LinkedHashMap<>();
        entries.forEach(e -> byAddress.put(e.address(), e));
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        for (EpdgAddresses o : operators) {
            if (o.addresses().isEmpty()) {
                continue;
            }
            List<Entry> members = out.computeIfAbsent(safeName("epdg-" + (o.plmnCode().isEmpty() ? o.fqdn()
                    : o.plmnCode())), g -> new ArrayList<>());
            o.addresses().stream().sorted(Ip.ORDER).map(byAddress::get).filter(e -> !members.contains(e))
                    .forEach(members::add);
        }
        return out;
    }

    /** A Junos/ASA-safe object name: letters, digits, '.', '-', '_' only ("fd77::2" becomes "fd77--2"). */
    public static String safeName(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9._-]", "-");
        return s.length() > 63 ? s.substring(0, 63) : s;
    }

    /**
     * The header every format starts with, without comment markers: what is allowed, to which
     * operators' addresses, from where, and how to use the file.
     */
    public List<String> header(String format, List<String> notes) {
        List<String> lines = new ArrayList<>();
        lines.add("wificall: Wi-Fi Calling firewall rules (" + format + "), written from DNS answers.");
        lines.add("Allows UDP/500 (IKE) and UDP/4500 (IKE NAT traversal, ESP in UDP) to these ePDG addresses only:");
        if (operators.isEmpty()) {
            lines.add("  (no operator given)");
        }
        for (EpdgAddresses o : operators) {
            String addresses = o.addresses().isEmpty() ? "no address (nothing allowed for it)"
                    : o.addresses().stream().sorted(Ip.ORDER).map(AddressText::of).collect(Collectors.joining(", "));
            lines.add("  " + clean(o.operator()) + ": " + clean(o.fqdn()) + " -> " + addresses);
        }
        lines.add("From: " + (anySource() ? "any source"
                : sources.stream().map(AddressPrefix::toString).collect(Collectors.joining(", "))));
        lines.addAll(notes);
        lines.add("Regenerate when the operators' DNS changes; wificall's drift check tells you when.");
        if (options.generatedAt() != null) {
            lines.add("Generated " + options.generatedAt() + ".");
        }
        return lines;
    }

    /** {@link #header} as comment lines behind the marker, each ending in a newline: how a file starts. */
    public String commentedHeader(String marker, String format, List<String> notes) {
        return comment(marker, header(format, notes)).stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    /** Each line behind a comment marker, trailing blanks stripped. */
    public static List<String> comment(String marker, List<String> lines) {
        return lines.stream().map(l -> (marker + " " + l).stripTrailing()).toList();
    }

    /** Labels and names come from DNS and tables: no control character may end a comment line early. */
    private static String clean(String text) {
        return text.replaceAll("[\\p{Cntrl}]", " ");
    }
}
