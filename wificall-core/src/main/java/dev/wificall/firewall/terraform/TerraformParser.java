package dev.wificall.firewall.terraform;

import dev.wificall.firewall.AllowRule;
import dev.wificall.firewall.Destination;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RuleText;
import dev.wificall.firewall.RulesParser;
import dev.wificall.firewall.terraform.HclReader.Attribute;
import dev.wificall.firewall.terraform.HclReader.Block;
import dev.wificall.probe.IkePort;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which destinations Terraform files let UDP/500 and UDP/4500 out to: AWS
 * {@code aws_vpc_security_group_egress_rule}, {@code aws_security_group_rule} of type egress and the
 * egress blocks of {@code aws_security_group}; GCP {@code google_compute_firewall} with direction EGRESS,
 * its allow blocks, not disabled. Addresses and ports must be literals: a variable's value is not
 * known here, so a reference where they go is an error naming it. Not judged: which group or network
 * the rules are on, GCP priorities.
 */
final class TerraformParser extends RulesParser {

    private TerraformParser(String file, String text) {
        super(file, text);
    }

    static ParsedRules parse(String file, String text) {
        TerraformParser p = new TerraformParser(file, text);
        List<AllowRule> out = new ArrayList<>();
        for (Block b : HclReader.read(file, text).blocks("resource")) {
            if (b.labels().size() != 2) {
                throw p.error(b.line(), "expected resource \"<type>\" \"<name>\"");
            }
            String name = b.labels().get(0) + "." + b.labels().get(1);
            switch (b.labels().get(0)) {
                case "aws_vpc_security_group_egress_rule" -> p.aws(b, name, "ip_protocol",
                        List.of("cidr_ipv4", "cidr_ipv6"), out);
                case "aws_security_group_rule" -> {
                    if ("egress".equals(p.string(b, "type", ""))) {
                        p.aws(b, name, "protocol", List.of("cidr_blocks", "ipv6_cidr_blocks"), out);
                    }
                }
                case "aws_security_group" -> {
                    for (Block e : b.blocks("egress")) {
                        p.aws(e, name + " egress", "protocol", List.of("cidr_blocks", "ipv6_cidr_blocks"), out);
                    }
                }
                case "google_compute_firewall" -> p.gcp(b, name, out);
                default -> { }
            }
        }
        return new ParsedRules(List.of(file), out);
    }

    private void aws(Block b, String name, String protocolKey, List<String> cidrKeys, List<AllowRule> out) {
        String protocol = string(b, protocolKey, "");
        Set<IkePort> ports;
        if (protocol.equals("-1") || protocol.equals("all")) {
            ports = EnumSet.allOf(IkePort.class);
        } else if (protocol.equals("udp") || protocol.equals("17")) {
            ports = range(number(b, "from_port"), number(b, "to_port"));
        } else {
            return;
        }
        List<Destination> d = new ArrayList<>();
        for (String key : cidrKeys) {
            Attribute a = b.attributes().get(key);
            if (a == null) {
                continue;
            }
            for (Object v : a.value() instanceof List<?> l ? l : List.of(a.value())) {
                d.add(cidr(v, key, name, a.line()));
            }
        }
        if (!ports.isEmpty() && !d.isEmpty()) { // no CIDR: a group or prefix list, whose addresses are not here
            out.add(new AllowRule(file, b.line(), name, ports, d, "the file as one aws_vpc_security_group_egress_rule"
                    + " per port, as wificall writes them", family(d)));
        }
    }

    private void gcp(Block b, String name, List<AllowRule> out) {
        if (!"EGRESS".equals(string(b, "direction", "INGRESS")) || Boolean.TRUE.equals(value(b, "disabled"))) {
            return;
        }
        Set<IkePort> ports = EnumSet.noneOf(IkePort.class);
        for (Block allow : b.blocks("allow")) {
            String protocol = string(allow, "protocol", "");
            if (!protocol.equals("udp") && !protocol.equals("17") && !protocol.equals("all")) {
                continue;
            }
            Attribute listed = allow.attributes().get("ports");
            if (listed == null || protocol.equals("all")) {
                ports.addAll(EnumSet.allOf(IkePort.class));
                continue;
            }
            for (Object p : list(listed, "ports", name)) {
                Set<IkePort> one = p instanceof String s ? RuleText.ikePorts(s, false) : null;
                if (one == null) {
                    throw error(listed.line(), "expected ports as strings such as \"500\" or \"500-4500\" in " + name
                            + ", not " + p);
                }
                ports.addAll(one);
            }
        }
        Attribute ranges = b.attributes().get("destination_ranges");
        List<Destination> d = new ArrayList<>();
        if (ranges == null) {
            d.addAll(RuleText.anyAddress("no destination_ranges", file, b.line()));
        } else {
            for (Object v : list(ranges, "destination_ranges", name)) {
                d.add(cidr(v, "destination_ranges", name, ranges.line()));
            }
        }
        if (!ports.isEmpty()) {
            out.add(new AllowRule(file, b.line(), name, ports, d, "destination_ranges of " + name, family(d)));
        }
    }

    /** 4 or 6 when every destination is of that family (GCP takes one per rule), else 0. */
    private static int family(List<Destination> d) {
        long v4 = d.stream().filter(x -> x.first() != null && Ip.isV4(x.first())).count();
        return v4 == d.size() ? 4 : v4 == 0 ? 6 : 0;
    }

    private List<?> list(Attribute a, String key, String name) {
        if (a.value() instanceof List<?> l) {
            return l;
        }
        throw error(a.line(), "expected a literal list for " + key + " in " + name + literal(a.value()));
    }

    private Destination cidr(Object v, String key, String name, int line) {
        Destination d = v instanceof String s ? RuleText.destination(s, key, file, line) : null;
        if (d == null || (v instanceof String s && !s.contains("/"))) {
            throw error(line, "expected CIDR blocks such as \"10.77.0.2/32\" for " + key + " in " + name + literal(v));
        }
        return d;
    }

    /** ", not var.x: its value is not known here; keep the addresses literal, as wificall writes them". */
    private static String literal(Object v) {
        return v instanceof HclReader.Expression e ? ", not " + e.text() + ": its value is not known here; keep the"
                + " addresses and ports literal, as wificall writes them" : ", not " + v;
    }

    private Object value(Block b, String key) {
        Attribute a = b.attributes().get(key);
        return a == null ? null : a.value();
    }

    private String string(Block b, String key, String otherwise) {
        Object v = value(b, key);
        return v == null ? otherwise : String.valueOf(v);
    }

    private long number(Block b, String key) {
        Attribute a = b.attributes().get(key);
        if (a == null || !(a.value() instanceof Long)) {
            throw error(a == null ? b.line() : a.line(), "expected a literal number for " + key + " in the block of line "
                    + b.line() + (a == null ? ", found none" : literal(a.value())));
        }
        return (Long) a.value();
    }

    private static Set<IkePort> range(long from, long to) {
        Set<IkePort> out = EnumSet.noneOf(IkePort.class);
        for (IkePort p : IkePort.values()) {
            if ((from == -1 && to == -1) || (from <= p.number() && p.number() <= to)) {
                out.add(p);
            }
        }
        return out;
    }
}
