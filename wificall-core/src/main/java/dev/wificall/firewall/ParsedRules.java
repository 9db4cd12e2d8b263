package dev.wificall.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one or more files that let UDP/500 or UDP/4500 out: what a drift check compares
 * with what DNS says now. Rules that do not touch those ports are left out.
 *
 * @param files the files read, in order (a check names them when an address is missing everywhere)
 * @param rules the allowing rules, in file then line order
 */
public record ParsedRules(List<String> files, List<AllowRule> rules) {

    public ParsedRules {
        files = List.copyOf(files);
        rules = List.copyOf(rules);
    }

    /** Several files read as one firewall, e.g. an iptables-save and an ip6tables-save file. */
    public static ParsedRules merge(List<ParsedRules> parts) {
        List<String> files = new ArrayList<>();
        List<AllowRule> rules = new ArrayList<>();
        for (ParsedRules p : parts) {
            files.addAll(p.files);
            rules.addAll(p.rules);
        }
        return new ParsedRules(files, rules);
    }
}
