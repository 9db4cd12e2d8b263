package dev.wificall.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one or more files that let UDP/500 or UDP/4500 out: what a drift check compares
 * with what DNS says now. Rules that do not touch those ports are left out.
 *
 * @param files    the files read, in order (a check names them when an address is missing everywhere)
 * @param rules    the allowing rules, in file then line order
 * @param findings what the format itself tells beyond addresses and ports, e.g. a PAN-OS rule that lets
 *                 IKE out but not ESP in UDP, or a pfSense outbound NAT that rewrites UDP/4500's source
 *                 port; a drift check reports them as they are (violation or warning)
 */
public record ParsedRules(List<String> files, List<AllowRule> rules, List<Finding> findings) {

    public ParsedRules {
        files = List.copyOf(files);
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
    }

    /** Rules only, nothing else to tell. */
    public ParsedRules(List<String> files, List<AllowRule> rules) {
        this(files, rules, List.of());
    }

    /** Several files read as one firewall, e.g. an iptables-save and an ip6tables-save file. */
    public static ParsedRules merge(List<ParsedRules> parts) {
        List<String> files = new ArrayList<>();
        List<AllowRule> rules = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ParsedRules p : parts) {
            files.addAll(p.files);
            rules.addAll(p.rules);
            findings.addAll(p.findings);
        }
        return new ParsedRules(files, rules, findings);
    }
}
