package dev.wificall.junit;

import dev.wificall.discovery.Operators;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.EpdgLookup;
import dev.wificall.dns.EpdgLookup.Attempt;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.dns.ResolverComparison;
import dev.wificall.dns.ResolverSet;
import dev.wificall.verdict.CheckSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * ePDG discovery without the IKE probe: the same resolvers, timeout and sinkhole policy as the
 * readiness check ({@link CheckSettings#DEFAULTS}), the same {@link EpdgLookup}, and a sentence in
 * the words of the check's verdicts.
 */
final class Discovery {

    private Discovery() {
    }

    static Resolution resolve(SelectionInput input, DnsConfiguration dns) {
        CheckSettings settings = CheckSettings.DEFAULTS;
        List<DnsLookup> lookups;
        try {
            lookups = dns.servers().isEmpty()
                    ? List.of(DnsLookup.system(settings.dnsTimeout()).withSinkholePolicy(settings.sinkholes()))
                    : DnsLookup.each(dns.servers(), settings.dnsTimeout(), settings.sinkholes());
        } catch (IllegalArgumentException e) {
            throw dns.unusable(e);
        }
        return new EpdgLookup(ResolverSet.of(lookups)).resolve(input);
    }

    /**
     * "The ePDG of 262-01 T-Mobile(Telekom) can be discovered: resolver ... answered ..." or "Wi-Fi
     * Calling to 001-14 will fail: resolver ... answered NXDOMAIN ...", with the names tried before,
     * the resolvers' disagreement and any hint.
     */
    static String sentence(Resolution r) {
        String label = Operators.label(r.input().plmn());
        DnsOutcome dns = r.outcome();
        StringBuilder b = new StringBuilder();
        if (r.resolved()) {
            b.append("The ePDG of ").append(label).append(" can be discovered: ").append(dns.explain());
            if (r.attempts().size() > 1) {
                b.append(" Discovery: ").append(r.before()).append("then ").append(r.used().fqdn())
                        .append(" resolved (").append(r.used().why()).append(").");
            }
        } else {
            b.append("Wi-Fi Calling to ").append(label).append(" will fail: ").append(dns.explain());
            if (r.attempts().size() > 1) {
                b.append(" Names tried in order: ").append(r.attempts().stream()
                        .map(a -> a.fqdn() + " " + a.primary().status()).collect(Collectors.joining(", "))).append('.');
            }
        }
        ResolverComparison c = r.used().comparison();
        if (c != null && !c.agree()) {
            b.append(" Resolvers disagree: ").append(c.explain());
            if (!c.explain().endsWith(".")) {
                b.append('.');
            }
        }
        r.hint().ifPresent(h -> b.append(" Hint: ").append(h).append('.'));
        return b.toString();
    }

    /** One line per name and resolver: "DNS tac-lb2b... (tracking area name): NXDOMAIN from 127.0.0.77:15353: ...". */
    static List<String> lines(Resolution r) {
        List<String> lines = new ArrayList<>();
        for (Attempt a : r.attempts()) {
            String what = a.fqdn() + " (" + a.candidate().name().form().label() + " name"
                    + (a.outcomes().isEmpty() ? ", NAPTR" : "") + ")";
            List<DnsOutcome> outcomes = a.outcomes().isEmpty() ? List.of(a.primary()) : a.outcomes();
            for (DnsOutcome o : outcomes) {
                lines.add("DNS " + what + ": " + o.status() + " from " + o.resolver() + ": " + o.detail());
            }
        }
        return lines;
    }
}
