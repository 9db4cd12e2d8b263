package dev.wificall.firewall;

import dev.wificall.dns.AddressPrefix;
import java.util.ArrayList;
import java.util.List;

/** iptables-save (IPv4) or ip6tables-save (IPv6) input for iptables-restore: one user chain of ACCEPT rules. */
final class IptablesRenderer {

    private IptablesRenderer() {
    }

    static String render(RulePlan plan, boolean v4) {
        String chain = plan.options.iptablesChain();
        String tool = v4 ? "iptables" : "ip6tables";
        StringBuilder out = new StringBuilder();
        RulePlan.comment("#", plan.header(tool + "-save", List.of(
                "Load with: " + tool + "-restore --noflush <file>; without --noflush the whole filter table is"
                        + " replaced.",
                "Check with: " + tool + "-restore --test <file>. Send traffic here from your own rules:",
                "  " + tool + " -I FORWARD -p udp -j " + chain + " (a gateway), " + tool + " -I OUTPUT -p udp -j "
                        + chain + " (this host).")))
                .forEach(l -> out.append(l).append('\n'));
        out.append("*filter\n");
        out.append(':').append(chain).append(" - [0:0]\n");
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
