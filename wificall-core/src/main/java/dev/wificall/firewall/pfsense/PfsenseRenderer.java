package dev.wificall.firewall.pfsense;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * pfSense (and OPNsense, which reads the same legacy sections) {@code config.xml} sections: a host alias
 * per ePDG and a port alias, a pass rule per ePDG, and the outbound NAT rule with static port for
 * UDP/4500 that Wi-Fi Calling needs behind them. Merge the sections into the firewall's config.xml, or
 * enter the same in the GUI.
 */
public final class PfsenseRenderer {

    static final String PORTS = "wificall_ike";
    static final String SOURCES = "wificall_sources";
    /** Why the NAT rule is there, in the file where the engineer reads it. */
    static final String STATIC_PORT_WHY = "wificall: keep the source port of UDP/4500 (IKE NAT-T, ESP in UDP) as the"
            + " phone sent it. The automatic outbound NAT keeps it for UDP/500 (ISAKMP) only; some ePDGs expect NAT-T"
            + " from the port the phone chose and lose the phone's tunnel when the NAT rewrites it.";

    public static final RulesDialect DIALECT = RulesDialect.of(PfsenseRenderer::render, PfsenseParser::parse);

    private PfsenseRenderer() {
    }

    static String render(RulePlan plan) {
        RuleOptions o = plan.options();
        // pfSense names interfaces lan, wan, optN: the zones' defaults stand for those
        String lan = o.fromZone().equals(RuleOptions.DEFAULTS.fromZone()) ? "lan" : o.fromZone();
        String wan = o.toZone().equals(RuleOptions.DEFAULTS.toZone()) ? "wan" : o.toZone();
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\"?>\n<!--\n");
        plan.header("pfSense/OPNsense config.xml", List.of(
                "Merge <aliases>, <filter> and <nat> into config.xml (Diagnostics > Backup & Restore), or enter them",
                "in the GUI. Rules pass on interface " + lan + "; outbound NAT is hybrid, the static port rule on "
                        + wan + ".",
                "New rules go to the end of the interface's list: move them above any block that matches UDP."))
                .forEach(l -> out.append("  ").append(xml(l).replace("--", "- -")).append('\n'));
        out.append("-->\n<pfsense>\n\t<aliases>\n");
        Map<String, List<RulePlan.Entry>> groups = plan.byEpdg();
        groups.forEach((group, entries) -> alias(out, name(group), "host", entries.stream()
                .map(e -> AddressText.of(e.address())).collect(Collectors.joining(" ")),
                "wificall: ePDG addresses of " + entries.get(0).operator()));
        alias(out, PORTS, "port", "500 4500", "wificall: IKE and IKE NAT-T (ESP in UDP)");
        if (!plan.anySource()) {
            alias(out, SOURCES, "network", plan.sources().stream().map(AddressPrefix::toString)
                    .collect(Collectors.joining(" ")), "wificall: where the phones are");
        }
        out.append("\t</aliases>\n\t<filter>\n");
        String source = plan.anySource() ? "<any></any>" : "<address>" + SOURCES + "</address>";
        for (String group : groups.keySet()) {
            out.append("\t\t<rule>\n\t\t\t<type>pass</type>\n\t\t\t<interface>").append(lan).append("</interface>\n")
                    .append("\t\t\t<ipprotocol>inet46</ipprotocol>\n\t\t\t<protocol>udp</protocol>\n")
                    .append("\t\t\t<source>").append(source).append("</source>\n")
                    .append("\t\t\t<destination><address>").append(name(group)).append("</address><port>").append(PORTS)
                    .append("</port></destination>\n\t\t\t<log></log>\n\t\t\t<descr>wificall: Wi-Fi Calling to ")
                    .append(name(group)).append("</descr>\n\t\t</rule>\n");
        }
        out.append("\t</filter>\n\t<nat>\n\t\t<outbound>\n\t\t\t<mode>hybrid</mode>\n\t\t\t<rule>\n")
                .append("\t\t\t\t<interface>").append(wan).append("</interface>\n\t\t\t\t<protocol>udp</protocol>\n")
                .append("\t\t\t\t<source><network>any</network></source>\n\t\t\t\t<destination><any></any></destination>\n")
                .append("\t\t\t\t<dstport>4500</dstport>\n\t\t\t\t<target></target>\n\t\t\t\t<staticnatport></staticnatport>\n")
                .append("\t\t\t\t<descr>").append(xml(STATIC_PORT_WHY)).append("</descr>\n\t\t\t</rule>\n")
                .append("\t\t</outbound>\n\t</nat>\n</pfsense>\n");
        return out.toString();
    }

    private static void alias(StringBuilder out, String name, String type, String address, String descr) {
        out.append("\t\t<alias>\n\t\t\t<name>").append(name).append("</name>\n\t\t\t<type>").append(type)
                .append("</type>\n\t\t\t<address>").append(address).append("</address>\n\t\t\t<descr>")
                .append(xml(descr)).append("</descr>\n\t\t</alias>\n");
    }

    /** pfSense alias names: letters, digits and '_', at most 31 ("epdg-262-01" is "epdg_262_01"). */
    static String name(String group) {
        String n = group.replaceAll("[^A-Za-z0-9_]", "_");
        return n.length() > 31 ? n.substring(0, 31) : n;
    }

    private static String xml(String text) {
        return text.replaceAll("\\p{Cntrl}", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
