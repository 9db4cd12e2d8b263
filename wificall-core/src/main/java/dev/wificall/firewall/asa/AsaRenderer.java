package dev.wificall.firewall.asa;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Cisco ASA (8.3 and later, IPv6 in the same object-group since 9.0) configuration: a network
 * object-group of the ePDG addresses, a UDP service group and one access-list line.
 */
public final class AsaRenderer {

    public static final RulesDialect DIALECT = RulesDialect.of(AsaRenderer::render, AsaParser::parse);

    static final String SERVICE_GROUP = "WIFICALL-IKE";
    static final String SOURCE_GROUP = "WIFICALL-SOURCES";

    private AsaRenderer() {
    }

    static String render(RulePlan plan) {
        RuleOptions o = plan.options();
        String group = o.addressSetName().toUpperCase(Locale.ROOT);
        String acl = o.fromZone() + "_access_in";
        StringBuilder out = new StringBuilder();
        out.append(plan.commentedHeader("!", "Cisco ASA", List.of(
                "Paste in configuration mode. The access-list " + acl + " belongs on the interface the phones",
                "are behind: access-group " + acl + " in interface " + o.fromZone() + ".",
                "A new access-list line goes to the end; move it above any deny that matches UDP/500 or UDP/4500.")));
        if (plan.entries().isEmpty()) {
            out.append("! No ePDG address resolved: nothing to allow.\n");
            return out.toString();
        }
        out.append("object-group network ").append(group).append('\n');
        String codes = plan.operators().stream().map(EpdgAddresses::plmnCode).filter(c -> !c.isEmpty()).distinct()
                .collect(Collectors.joining(", "));
        // ASA descriptions hold 200 characters
        out.append(" description wificall: ePDG addresses of ")
                .append(codes.isEmpty() || codes.length() > 150 ? "the operators in the header" : codes)
                .append('\n');
        for (RulePlan.Entry e : plan.entries()) {
            out.append(" network-object host ").append(AddressText.of(e.address())).append('\n');
        }
        String source = "any";
        if (!plan.anySource()) {
            out.append("object-group network ").append(SOURCE_GROUP).append('\n');
            out.append(" description wificall: where the phones are\n");
            for (AddressPrefix p : plan.sources()) {
                out.append(" network-object ").append(networkObject(p)).append('\n');
            }
            source = "object-group " + SOURCE_GROUP;
        }
        out.append("object-group service ").append(SERVICE_GROUP).append(" udp\n");
        out.append(" description wificall: IKE and IKE NAT traversal\n");
        out.append(" port-object eq 500\n");
        out.append(" port-object eq 4500\n");
        out.append("access-list ").append(acl).append(" remark wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the")
                .append(" ePDGs only\n");
        out.append("access-list ").append(acl).append(" extended permit udp ").append(source)
                .append(" object-group ").append(group).append(" object-group ").append(SERVICE_GROUP).append('\n');
        return out.toString();
    }

    /** "10.20.0.0 255.255.0.0" for IPv4 (ASA writes masks), "fd00:20::/64" for IPv6, "host a" for one address. */
    private static String networkObject(AddressPrefix p) {
        boolean v4 = Ip.isV4(p.network());
        if (p.length() == (v4 ? 32 : 128)) {
            return "host " + AddressText.of(p.network());
        }
        if (!v4) {
            return p.toString();
        }
        long mask = p.length() == 0 ? 0 : (0xFFFFFFFFL << (32 - p.length())) & 0xFFFFFFFFL;
        return AddressText.of(p.network()) + " " + ((mask >> 24) & 255) + "." + ((mask >> 16) & 255) + "."
                + ((mask >> 8) & 255) + "." + (mask & 255);
    }
}
