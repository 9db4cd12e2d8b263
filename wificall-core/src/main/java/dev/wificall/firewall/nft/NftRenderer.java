package dev.wificall.firewall.nft;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An nftables ruleset file for {@code nft -f}: one inet table with an address set per family, and
 * chains output and forward that accept UDP/500 and UDP/4500 to them; with {@link RuleOptions#defaultDrop()}
 * those chains drop everything else, replies and the host's loopback and neighbour discovery excepted.
 */
public final class NftRenderer {

    public static final RulesDialect DIALECT = RulesDialect.of(NftRenderer::render, NftParser::parse);

    static final String SET4 = "epdg4";
    static final String SET6 = "epdg6";
    /**
     * What a host that drops by default must still send for IPv6 to work: neighbour discovery (no
     * conntrack state covers it) and MLD reports (or snooping switches stop passing its neighbour solicitations).
     */
    private static final List<String> NDP = List.of("mld-listener-report", "nd-router-solicit", "nd-neighbor-solicit",
            "nd-neighbor-advert", "mld2-listener-report"); // in type order, as nft list prints them

    private NftRenderer() {
    }

    static String render(RulePlan plan) {
        String table = plan.options().nftTable();
        StringBuilder out = new StringBuilder();
        boolean drop = plan.options().defaultDrop();
        List<String> notes = new ArrayList<>(List.of(
                "Load with: nft -f <file> (check first with nft -c -f <file>); it replaces table inet " + table + " only."));
        if (drop) {
            notes.addAll(List.of(
                    "Default drop: this table is a complete default-drop firewall for this host (chain output) and for a",
                    "router (chain forward). Both drop everything but replies (ct state established,related) and the",
                    "rules below; output also lets loopback and IPv6 neighbour discovery and MLD reports out. DNS, DHCP,",
                    "NTP and all other traffic leaving this host or passing through it is dropped; input is not",
                    "filtered. nftables runs every table's chains: a drop in another table still drops."));
        } else {
            notes.addAll(List.of(
                    "nftables runs every table's chains: an accept here does not undo a drop in another table, so where",
                    "your own ruleset drops by default, copy the sets and rules into the table that drops."));
        }
        out.append(plan.commentedHeader("#", "nftables", notes));
        // Declaring the table first makes the delete valid on a host that never had it: the file replaces it whole.
        out.append("table inet ").append(table).append('\n');
        out.append("delete table inet ").append(table).append("\n\n");
        out.append("table inet ").append(table).append(" {\n");
        set(out, SET4, "ipv4_addr", plan.entries(true));
        set(out, SET6, "ipv6_addr", plan.entries(false));
        for (String hook : List.of("output", "forward")) {
            out.append("\tchain ").append(hook).append(" {\n");
            out.append("\t\ttype filter hook ").append(hook).append(" priority filter; policy ")
                    .append(drop ? "drop" : "accept").append(";\n");
            if (drop) {
                // replies to what was let out (and ICMP errors about it), then what the host itself needs
                out.append("\t\tct state established,related accept\n");
                if (hook.equals("output")) {
                    out.append("\t\toifname \"lo\" accept\n");
                    out.append("\t\ticmpv6 type { ").append(String.join(", ", NDP)).append(" } accept\n");
                }
            }
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
