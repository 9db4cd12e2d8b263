package dev.wificall.firewall.panos;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Palo Alto Networks PAN-OS {@code set} commands (configure mode): an address per ePDG address, an
 * address-group per ePDG, a service for udp/500 and udp/4500, and a security rule allowing the
 * applications {@code ike} and {@code ipsec-esp-udp} (and {@code ipsec-esp} with
 * {@link RuleOptions#ipsecEsp()}) to those groups.
 */
public final class PanosRenderer {

    /** udp/500 and udp/4500 as one service: the ports stay those of every other format, whatever App-ID's defaults. */
    static final String SERVICE = "wificall-ike";

    public static final RulesDialect DIALECT = RulesDialect.of(PanosRenderer::render, PanosParser::parse);

    private PanosRenderer() {
    }

    static String render(RulePlan plan) {
        RuleOptions o = plan.options();
        String rule = "set rulebase security rules " + o.policyName() + " ";
        List<String> apps = new ArrayList<>(List.of("ike", "ipsec-esp-udp"));
        if (o.ipsecEsp()) {
            apps.add("ipsec-esp");
        }
        StringBuilder out = new StringBuilder();
        out.append(plan.commentedHeader("#", "PAN-OS set commands", List.of(
                "Paste in configure mode (set cli config-output-format set), then commit.",
                "Applications: ike (IKE on udp/500 and udp/4500) and ipsec-esp-udp (ESP in UDP/4500: the calls"
                        + " themselves)" + (o.ipsecEsp() ? "; ipsec-esp (ESP, IP protocol 50, used without NAT)." : "."),
                "Service " + SERVICE + " pins udp/500 and udp/4500; application-default would take App-ID's ports.",
                "A new rule goes to the end of the rulebase: move it above any rule that denies these applications.")));
        if (plan.entries().isEmpty()) {
            out.append("# No ePDG address resolved: nothing to allow.\n");
            return out.toString();
        }
        for (RulePlan.Entry e : plan.entries()) {
            out.append("set address ").append(e.name()).append(" ip-netmask ").append(Ip.host(e.address())).append('\n');
        }
        List<String> groups = new ArrayList<>();
        plan.byEpdg().forEach((group, members) -> {
            groups.add(group);
            out.append("set address-group ").append(group).append(" static ")
                    .append(list(members.stream().map(RulePlan.Entry::name).toList())).append('\n');
        });
        List<String> sources = new ArrayList<>();
        for (AddressPrefix p : plan.sources()) {
            String name = RulePlan.safeName("wificall-src-" + p);
            sources.add(name);
            out.append("set address ").append(name).append(" ip-netmask ").append(p).append('\n');
        }
        out.append("set service ").append(SERVICE).append(" protocol udp port 500,4500\n");
        out.append(rule).append("from ").append(o.fromZone()).append('\n');
        out.append(rule).append("to ").append(o.toZone()).append('\n');
        out.append(rule).append("source ").append(sources.isEmpty() ? "any" : list(sources)).append('\n');
        out.append(rule).append("destination ").append(list(groups)).append('\n');
        out.append(rule).append("application ").append(list(apps)).append('\n');
        out.append(rule).append("service ").append(SERVICE).append('\n');
        out.append(rule).append("action allow\n");
        out.append(rule).append("log-end yes\n");
        return out.toString();
    }

    private static String list(List<String> items) {
        return items.size() == 1 ? items.get(0) : "[ " + String.join(" ", items) + " ]";
    }
}
