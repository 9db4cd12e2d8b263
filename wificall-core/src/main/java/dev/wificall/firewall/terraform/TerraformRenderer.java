package dev.wificall.firewall.terraform;

import dev.wificall.firewall.Ip;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Terraform (HCL) for a cloud's egress rules: AWS {@code aws_vpc_security_group_egress_rule}, one per
 * address and port, in the security group of a variable; or GCP {@code google_compute_firewall}, an
 * EGRESS rule per address family on the network of a variable. Either file is read back as both (one
 * parser for the two providers' resources).
 */
public final class TerraformRenderer {

    /** AWS security group egress rules; reads GCP's rules too. */
    public static final RulesDialect AWS = RulesDialect.of(p -> render(p, true), TerraformParser::parse);
    /** GCP firewall rules; reads AWS's rules too. */
    public static final RulesDialect GCP = RulesDialect.of(p -> render(p, false), TerraformParser::parse);

    private TerraformRenderer() {
    }

    static String render(RulePlan plan, boolean aws) {
        StringBuilder out = new StringBuilder();
        List<String> notes = aws ? List.of(
                "Apply with terraform plan and apply, var.security_group_id set to the phones' security group.",
                "A security group allows all egress until its default rule is removed: these rules matter there.",
                "Sources are not written: the security group is where the phones are.")
                : List.of("Apply with terraform plan and apply, var.network set to the phones' VPC network.",
                "GCP allows all egress by default: these rules matter beside a deny-egress rule of a larger",
                "priority number. Sources are not written: the network (or target tags you add) is where the phones are.");
        out.append(plan.commentedHeader("#", aws ? "Terraform, AWS security group egress rules"
                : "Terraform, GCP firewall rules", notes));
        String variable = aws ? "security_group_id" : "network";
        out.append("\nvariable \"").append(variable).append("\" {\n");
        block(out, "  ", List.of("description", "\"" + (aws ? "The security group the phones' traffic leaves by"
                : "The VPC network the phones' traffic leaves by") + " (wificall: Wi-Fi Calling egress)\"", "type", "string"));
        out.append("}\n");
        if (aws) {
            for (RulePlan.Entry e : plan.entries()) {
                for (int port : new int[] {500, 4500}) {
                    out.append("\nresource \"aws_vpc_security_group_egress_rule\" \"")
                            .append(e.name().replaceAll("[^A-Za-z0-9_]", "_")).append("_udp_").append(port).append("\" {\n");
                    block(out, "  ", List.of("security_group_id", "var.security_group_id",
                            "description", "\"wificall: Wi-Fi Calling to " + description(e.operator()) + "\"",
                            e.v4() ? "cidr_ipv4" : "cidr_ipv6", "\"" + Ip.host(e.address()) + "\"",
                            "ip_protocol", "\"udp\"", "from_port", String.valueOf(port), "to_port", String.valueOf(port)));
                    out.append("}\n");
                }
            }
            return out.toString();
        }
        String base = plan.options().policyName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        base = (Character.isLetter(base.charAt(0)) ? base : "wificall-" + base);
        base = base.substring(0, Math.min(base.length(), 57));
        for (boolean v4 : new boolean[] {true, false}) {
            List<RulePlan.Entry> entries = plan.entries(v4);
            if (entries.isEmpty()) {
                continue; // GCP takes one family per rule, and no rule without a range
            }
            String name = base + (v4 ? "-ipv4" : "-ipv6");
            out.append("\nresource \"google_compute_firewall\" \"").append(name.replace('-', '_')).append("\" {\n");
            block(out, "  ", List.of("name", "\"" + name + "\"", "network", "var.network", "direction", "\"EGRESS\"",
                    "priority", "1000", "description", "\"wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the ePDGs only\"",
                    "destination_ranges", entries.stream().map(e -> "\"" + Ip.host(e.address()) + "\"")
                            .collect(Collectors.joining(", ", "[", "]"))));
            out.append("\n  allow {\n");
            block(out, "    ", List.of("protocol", "\"udp\"", "ports", "[\"500\", \"4500\"]"));
            out.append("  }\n}\n");
        }
        return out.toString();
    }

    /** Attributes as terraform fmt aligns them: names padded to the longest. */
    private static void block(StringBuilder out, String indent, List<String> keysAndValues) {
        int width = 0;
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            width = Math.max(width, keysAndValues.get(i).length());
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            String k = keysAndValues.get(i);
            lines.add(indent + k + " ".repeat(width - k.length()) + " = " + keysAndValues.get(i + 1) + "\n");
        }
        lines.forEach(out::append);
    }

    /** AWS takes letters, digits, blanks and ._-:/()#,@[]+=&;{}!$* in a rule's description. */
    private static String description(String text) {
        return text.replaceAll("[^A-Za-z0-9 ._:/()#,@+=&;!*-]", " ");
    }
}
