package dev.wificall.firewall;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import java.util.List;
import java.util.stream.Collectors;

/** An nftables ruleset file for {@code nft -f}: one inet table with an address set per family. */
final class NftRenderer {

    static final String SET4 = "epdg4";
    static final String SET6 = "epdg6";

    private NftRenderer() {
    }

    static String render(RulePlan plan) {
        String table = plan.options.nftTable();
        StringBuilder out = new StringBuilder();
        RulePlan.comment("#", plan.header("nftables", List.of(
                "Load with: nft -f <file> (check first with nft -c -f <file>); it replaces table inet " + table + " only.",
                "nftables runs every table's chains: an accept here does not undo a drop in another table, so where",
                "your own ruleset drops by default, copy the sets and rules into the table that drops.")))
                .forEach(l -> out.append(l).append('\n'));
        // Declaring the table first makes the delete valid on a host that never had it: the file replaces it whole.
        out.append("table inet ").append(table).append('\n');
        out.append("delete table inet ").append(table).append("\n\n");
        out.append("table inet ").append(table).append(" {\n");
        set(out, SET4, "ipv4_addr", plan.entries(true));
        set(out, SET6, "ipv6_addr", plan.entries(false));
        for (String hook : List.of("output", "forward")) {
            out.append("\tchain ").append(hook).append(" {\n");
            out.append("\t\ttype filter hook ").append(hook).append(" priority filter; policy accept;\n");
            rule(out, plan, true);
            rule(out, plan, false);
            out.append("\t}\n");
        }
        out.append("}\n");
        return out.toString();
    }

    /** An empty set is still a valid declaration: the rules referencing it then match nothing. */
    private static void set(StringBuilder out, String name, String type, List<RulePlan.Entry> entries) {
        out.append("\tset ").append(name).append(" {\n");
        out.append("\t\ttype ").append(type).append('\n');
        if (!entries.isEmpty()) {
            out.append("\t\telements = {\n");
            for (RulePlan.Entry e : entries) {
                out.append("\t\t\t").append(AddressText.of(e.address())).append(",\n");
            }
            out.append("\t\t}\n");
        }
        out.append("\t}\n");
    }

    private static void rule(StringBuilder out, RulePlan plan, boolean v4) {
        String family = v4 ? "ip" : "ip6";
        List<AddressPrefix> sources = plan.sources(v4);
        if (!plan.anySource() && sources.isEmpty()) {
            out.append("\t\t# no ").append(v4 ? "IPv4" : "IPv6").append(" source configured: nothing allowed over ")
                    .append(v4 ? "IPv4" : "IPv6").append('\n');
            return;
        }
        out.append("\t\t");
        if (!sources.isEmpty()) {
            out.append(family).append(" saddr { ")
                    .append(sources.stream().map(AddressPrefix::toString).collect(Collectors.joining(", ")))
                    .append(" } ");
        }
        out.append(family).append(" daddr @").append(v4 ? SET4 : SET6).append(" udp dport { 500, 4500 } accept\n");
    }
}
