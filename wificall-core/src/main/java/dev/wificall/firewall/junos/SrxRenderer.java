package dev.wificall.firewall.junos;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.firewall.Ip;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Juniper SRX (Junos) rules, as {@code set} commands or in the hierarchical (curly-brace) form. Both
 * are printed from one statement tree, so they always say the same thing.
 */
public final class SrxRenderer {

    /** {@code set} commands ({@code load set}), read back by {@link JunosParser}. */
    public static final RulesDialect SET = RulesDialect.of(p -> render(p, true), (f, t) -> JunosParser.parse(f, t, true));
    /** The hierarchical form ({@code load merge}). */
    public static final RulesDialect HIERARCHICAL = RulesDialect.of(p -> render(p, false),
            (f, t) -> JunosParser.parse(f, t, false));

    static final String IKE_APP = "wificall-ike";
    static final String NAT_T_APP = "wificall-nat-t";
    static final String ALG_APP = "wificall-ike-esp-nat";

    /** A Junos statement: its words, and children when it is a container. */
    private record Node(String words, List<Node> children) {
        Node(String words) {
            this(words, new ArrayList<>());
        }

        Node add(String childWords) {
            Node child = new Node(childWords);
            children.add(child);
            return child;
        }
    }

    private SrxRenderer() {
    }

    static String render(RulePlan plan, boolean setForm) {
        List<String> notes = new ArrayList<>();
        notes.add(setForm ? "Load with: load set terminal (or load set <file>), then commit check and commit."
                : "Load with: load merge terminal (or load merge <file>), then commit check and commit.");
        notes.add("Applications: udp/500 (" + IKE_APP + "), udp/4500 (" + NAT_T_APP + ")"
                + (plan.options().ikeEspNatAlg() ? " and udp/500 with the ike-esp-nat ALG (" + ALG_APP + ")." : "."));
        if (plan.options().ikeEspNatAlg()) {
            // The ALG is a device-wide switch, off by default; say so where the engineer reads the change.
            notes.add("The IKE-ESP-NAT ALG is enabled below (security alg ike-esp-nat); it applies to all IKE");
            notes.add("through the device. Leave it out with RuleOptions.withIkeEspNatAlg(false).");
        }
        StringBuilder out = new StringBuilder();
        out.append(plan.commentedHeader("#", setForm ? "Juniper SRX set commands" : "Juniper SRX configuration", notes));
        if (plan.entries().isEmpty()) {
            out.append("# No ePDG address resolved: nothing to allow.\n");
            return out.toString();
        }
        List<Node> roots = tree(plan);
        if (setForm) {
            for (Node root : roots) {
                setLines("set", root, out);
            }
        } else {
            for (Node root : roots) {
                curly(root, 0, out);
            }
        }
        return out.toString();
    }

    private static List<Node> tree(RulePlan plan) {
        RuleOptions o = plan.options();
        Node security = new Node("security");
        Node book = security.add("address-book").add("global");
        for (RulePlan.Entry e : plan.entries()) {
            book.add("address " + e.name() + " " + Ip.host(e.address()));
        }
        List<String> sourceNames = new ArrayList<>();
        for (AddressPrefix p : plan.sources()) {
            String name = RulePlan.safeName("wificall-src-" + p);
            sourceNames.add(name);
            book.add("address " + name + " " + p);
        }
        Node set = book.add("address-set " + o.addressSetName());
        for (RulePlan.Entry e : plan.entries()) {
            set.add("address " + e.name());
        }
        if (o.ikeEspNatAlg()) {
            security.add("alg").add("ike-esp-nat").add("enable");
        }
        Node policy = security.add("policies").add("from-zone " + o.fromZone() + " to-zone " + o.toZone())
                .add("policy " + o.policyName());
        Node match = policy.add("match");
        if (sourceNames.isEmpty()) {
            match.add("source-address any");
        }
        sourceNames.forEach(n -> match.add("source-address " + n));
        match.add("destination-address " + o.addressSetName());
        match.add("application " + o.applicationSetName());
        Node then = policy.add("then");
        then.add("permit");
        Node log = then.add("log");
        log.add("session-init");
        log.add("session-close");

        Node applications = new Node("applications");
        Node ike = applications.add("application " + IKE_APP);
        ike.add("protocol udp");
        ike.add("destination-port 500");
        Node natT = applications.add("application " + NAT_T_APP);
        natT.add("protocol udp");
        natT.add("destination-port 4500");
        if (o.ikeEspNatAlg()) {
            Node alg = applications.add("application " + ALG_APP);
            alg.add("application-protocol ike-esp-nat");
            alg.add("protocol udp");
            alg.add("destination-port 500");
        }
        Node appSet = applications.add("application-set " + o.applicationSetName());
        appSet.add("application " + IKE_APP);
        appSet.add("application " + NAT_T_APP);
        if (o.ikeEspNatAlg()) {
            appSet.add("application " + ALG_APP);
        }
        return List.of(security, applications);
    }

    private static void setLines(String prefix, Node node, StringBuilder out) {
        String path = prefix + " " + node.words();
        if (node.children().isEmpty()) {
            out.append(path).append('\n');
        }
        for (Node child : node.children()) {
            setLines(path, child, out);
        }
    }

    private static void curly(Node node, int depth, StringBuilder out) {
        String indent = "    ".repeat(depth);
        if (node.children().isEmpty()) {
            out.append(indent).append(node.words()).append(";\n");
            return;
        }
        out.append(indent).append(node.words()).append(" {\n");
        for (Node child : node.children()) {
            curly(child, depth + 1, out);
        }
        out.append(indent).append("}\n");
    }
}
