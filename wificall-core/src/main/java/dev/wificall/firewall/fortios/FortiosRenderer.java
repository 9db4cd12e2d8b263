package dev.wificall.firewall.fortios;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fortinet FortiOS CLI configuration (7.0 and later: IPv4 and IPv6 in one firewall policy): addresses
 * and address6 objects, an addrgrp and addrgrp6 per ePDG, a custom service for udp/500 and udp/4500,
 * and one accepting policy from {@link RuleOptions#fromZone()} to {@link RuleOptions#toZone()} (interfaces
 * or zones).
 */
public final class FortiosRenderer {

    static final String SERVICE = "wificall-ike";

    public static final RulesDialect DIALECT = RulesDialect.of(FortiosRenderer::render, FortiosParser::parse);

    private FortiosRenderer() {
    }

    static String render(RulePlan plan) {
        RuleOptions o = plan.options();
        StringBuilder out = new StringBuilder();
        out.append(plan.commentedHeader("#", "FortiOS configuration", List.of(
                "Paste into the CLI (FortiOS 7.0 or later), or run as a script. 'edit 0' adds the policy with the",
                "next free ID at the end of the list: move it above any policy that denies UDP/500 or UDP/4500.",
                "The policy does not NAT: add 'set nat enable' when this is where the phones' traffic is NATed.")));
        if (plan.entries().isEmpty()) {
            out.append("# No ePDG address resolved: nothing to allow.\n");
            return out.toString();
        }
        List<String> policy = new ArrayList<>();
        for (boolean v4 : new boolean[] {true, false}) {
            String six = v4 ? "" : "6";
            List<String> objects = new ArrayList<>();
            for (RulePlan.Entry e : plan.entries(v4)) {
                objects.add(edit(e.name(), v4 ? "subnet " + AddressText.of(e.address()) + " 255.255.255.255"
                        : "ip6 " + Ip.host(e.address())));
            }
            List<String> sources = new ArrayList<>();
            for (AddressPrefix p : plan.sources(v4)) {
                String name = RulePlan.safeName("wificall-src-" + p);
                sources.add(quoted(name));
                objects.add(edit(name, v4 ? "subnet " + p : "ip6 " + p));
            }
            block(out, "address" + six, objects);
            List<String> groups = new ArrayList<>();
            List<String> groupEdits = new ArrayList<>();
            for (Map.Entry<String, List<RulePlan.Entry>> g : plan.byEpdg().entrySet()) {
                List<String> members = g.getValue().stream().filter(e -> e.v4() == v4).map(e -> quoted(e.name())).toList();
                if (!members.isEmpty()) {
                    String name = g.getKey() + (v4 ? "" : "-v6");
                    groups.add(quoted(name));
                    groupEdits.add(edit(name, "member " + String.join(" ", members)));
                }
            }
            block(out, "addrgrp" + six, groupEdits);
            if (!groups.isEmpty() && (plan.anySource() || !sources.isEmpty())) {
                policy.add("set srcaddr" + six + " " + (sources.isEmpty() ? "\"all\"" : String.join(" ", sources)));
                policy.add("set dstaddr" + six + " " + String.join(" ", groups));
            }
        }
        block(out, "service custom", List.of(edit(SERVICE, "udp-portrange 500 4500")));
        if (policy.isEmpty()) {
            out.append("# No ePDG address of a family with a source: no policy.\n");
            return out.toString();
        }
        List<String> lines = new ArrayList<>(List.of("set name " + quoted(o.policyName()),
                "set srcintf " + quoted(o.fromZone()), "set dstintf " + quoted(o.toZone()), "set action accept"));
        lines.addAll(policy);
        lines.addAll(List.of("set schedule \"always\"", "set service " + quoted(SERVICE), "set logtraffic all"));
        block(out, "policy", List.of("    edit 0\n" + lines.stream().map(l -> "        " + l + "\n")
                .reduce("", String::concat) + "    next\n"));
        return out.toString();
    }

    private static String edit(String name, String setting) {
        return "    edit " + quoted(name) + "\n        set " + setting + "\n    next\n";
    }

    private static void block(StringBuilder out, String table, List<String> edits) {
        if (!edits.isEmpty()) {
            out.append("config firewall ").append(table).append('\n');
            edits.forEach(out::append);
            out.append("end\n");
        }
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
