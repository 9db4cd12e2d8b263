package dev.wificall.firewall.iptables;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * iptables-save (IPv4) or ip6tables-save (IPv6) input for iptables-restore: one user chain of ACCEPT
 * rules; with {@link RuleOptions#defaultDrop()} also OUTPUT and FORWARD with policy DROP, accepting
 * replies, the host's loopback (and IPv6 neighbour discovery) and jumping to that chain for UDP.
 */
public final class IptablesRenderer {

    /** iptables-save, IPv4. */
    public static final RulesDialect V4 = RulesDialect.of(p -> render(p, true), (f, t) -> IptablesParser.parse(f, t, true));
    /** ip6tables-save, IPv6. */
    public static final RulesDialect V6 = RulesDialect.of(p -> render(p, false), (f, t) -> IptablesParser.parse(f, t, false));

    /**
     * ICMPv6 a host that drops by default must still send, in type order: MLDv1 and MLDv2 reports (131
     * and 143: ip6tables has no names for them), or snooping switches stop passing its neighbour
     * solicitations, and router and neighbour solicitations and neighbour advertisements, which no
     * conntrack state covers.
     */
    private static final List<String> NDP = List.of("131", "router-solicitation", "neighbour-solicitation",
            "neighbour-advertisement", "143");

    private IptablesRenderer() {
    }

    static String render(RulePlan plan, boolean v4) {
        String chain = plan.options().iptablesChain();
        String tool = v4 ? "iptables" : "ip6tables";
        StringBuilder out = new StringBuilder();
        boolean drop = plan.options().defaultDrop();
        List<String> notes = drop ? List.of(
                "Load with: " + tool + "-restore --noflush <file>. It sets the policies and replaces the rules of"
                        + " OUTPUT,",
                "FORWARD and " + chain + ", leaving INPUT and other tables as they are; without --noflush the whole"
                        + " filter",
                "table is replaced. Check with: " + tool + "-restore --test <file>.",
                "Default drop: this file is a complete default-drop firewall for this host (OUTPUT) and for a router",
                "(FORWARD). Both drop everything but replies (ESTABLISHED,RELATED) and what chain " + chain + " accepts;",
                v4 ? "OUTPUT also lets loopback out. DNS, DHCP, NTP and all other traffic leaving this host or passing"
                        : "OUTPUT also lets loopback, IPv6 neighbour discovery and MLD reports out. DNS, DHCP, NTP and all",
                v4 ? "through it is dropped; INPUT is not filtered here."
                        : "other traffic leaving this host or passing through it is dropped; INPUT is not filtered here.")
                : List.of(
                "Load with: " + tool + "-restore --noflush <file>; without --noflush the whole filter table is"
                        + " replaced.",
                "Check with: " + tool + "-restore --test <file>. Send traffic here from your own rules:",
                "  " + tool + " -I FORWARD -p udp -j " + chain + " (a gateway), " + tool + " -I OUTPUT -p udp -j "
                        + chain + " (this host).");
        out.append(plan.commentedHeader("#", tool + "-save", notes));
        out.append("*filter\n");
        if (drop) {
            out.append(":FORWARD DROP [0:0]\n");
            out.append(":OUTPUT DROP [0:0]\n");
        }
        out.append(':').append(chain).append(" - [0:0]\n");
        if (drop) {
            // flushed inside the file, so a reload with --noflush replaces these rules atomically, never adds them twice
            out.append("-F FORWARD\n");
            out.append("-F OUTPUT\n");
            out.append("-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n");
            out.append("-A FORWARD -p udp -j ").append(chain).append('\n');
            out.append("-A OUTPUT -o lo -j ACCEPT\n");
            out.append("-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n");
            if (!v4) {
                for (String type : NDP) {
                    out.append("-A OUTPUT -p ipv6-icmp -m icmp6 --icmpv6-type ").append(type).append(" -j ACCEPT\n");
                }
            }
            out.append("-A OUTPUT -p udp -j ").append(chain).append('\n');
        }
        List<AddressPrefix> sources = plan.sources(v4);
        List<String> from = new ArrayList<>();
        if (plan.anySource()) {
            from.add("");
        }
        sources.forEach(s -> from.add("-s " + s + " "));
        if (from.isEmpty()) {
            out.append("# no ").append(v4 ? "IPv4" : "IPv6").append(" source configured: nothing allowed\n");
        }
        for (RulePlan.Entry e : plan.entries(v4)) {
            for (String s : from) {
                for (int port : new int[] {500, 4500}) {
                    out.append("-A ").append(chain).append(' ').append(s).append("-d ").append(Ip.host(e.address()))
                            .append(" -p udp -m udp --dport ").append(port).append(" -j ACCEPT\n");
                }
            }
        }
        out.append("COMMIT\n");
        return out.toString();
    }
}
