package dev.wificall.firewall.mikrotik;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.List;

/**
 * MikroTik RouterOS commands (an {@code .rsc} script for {@code /import}): the ePDG addresses in an
 * address-list per family, and a filter rule in chain forward accepting UDP/500 and UDP/4500 to that list,
 * for {@code /ip firewall} and {@code /ipv6 firewall}.
 */
public final class MikrotikRenderer {

    static final String SOURCES = "wificall-sources";

    public static final RulesDialect DIALECT = RulesDialect.of(MikrotikRenderer::render, MikrotikParser::parse);

    private MikrotikRenderer() {
    }

    static String render(RulePlan plan) {
        RuleOptions o = plan.options();
        StringBuilder out = new StringBuilder();
        out.append(plan.commentedHeader("#", "MikroTik RouterOS", List.of(
                "Import with: /import file-name=<file> (or paste into a terminal).",
                "'add' puts a filter rule at the end of chain forward: move it above any drop there, or add",
                "place-before=<n> to the command.")));
        if (plan.entries().isEmpty()) {
            out.append("# No ePDG address resolved: nothing to allow.\n");
            return out.toString();
        }
        for (boolean v4 : new boolean[] {true, false}) {
            String menu = v4 ? "/ip firewall " : "/ipv6 firewall ";
            List<RulePlan.Entry> entries = plan.entries(v4);
            if (entries.isEmpty()) {
                continue;
            }
            for (RulePlan.Entry e : entries) {
                out.append(menu).append("address-list add list=").append(o.addressSetName()).append(" address=")
                        .append(v4 ? AddressText.of(e.address()) : AddressText.of(e.address()) + "/128")
                        .append(" comment=\"wificall: ").append(comment(e.operator())).append("\"\n");
            }
            List<AddressPrefix> sources = plan.sources(v4);
            if (!plan.anySource() && sources.isEmpty()) {
                out.append("# no ").append(v4 ? "IPv4" : "IPv6").append(" source configured: nothing allowed over ")
                        .append(v4 ? "IPv4" : "IPv6").append('\n');
                continue;
            }
            for (AddressPrefix p : sources) {
                out.append(menu).append("address-list add list=").append(SOURCES).append(" address=").append(p)
                        .append(" comment=\"wificall: where the phones are\"\n");
            }
            out.append(menu).append("filter add chain=forward action=accept protocol=udp dst-port=500,4500")
                    .append(" dst-address-list=").append(o.addressSetName())
                    .append(sources.isEmpty() ? "" : " src-address-list=" + SOURCES)
                    .append(" comment=\"wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the ePDGs only\"\n");
        }
        return out.toString();
    }

    /** RouterOS expands $ and \ inside quotes: a label from DNS or a table keeps only plain characters. */
    private static String comment(String text) {
        return text.replaceAll("[^A-Za-z0-9 ._():,/+-]", " ");
    }
}
