package dev.wificall.dns;

import dev.wificall.discovery.Candidate;
import dev.wificall.discovery.EpdgName;
import dev.wificall.discovery.EpdgSelection;
import dev.wificall.discovery.NaptrRecord;
import dev.wificall.discovery.NaptrTargets;
import dev.wificall.discovery.SelectionInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ePDG discovery as a phone does it: the names of {@link EpdgSelection} in order, each asked of
 * every resolver, the first one the network's resolver (the first of the set) resolves is used.
 * A visited-country name is asked for NAPTR records whose replacements are resolved in turn. When
 * nothing resolves and the MNC has two digits, the common 2-digit-label mistake is tried, only to
 * give a hint.
 */
public final class EpdgLookup {

    private final ResolverSet resolvers;

    public EpdgLookup(ResolverSet resolvers) {
        this.resolvers = Objects.requireNonNull(resolvers, "resolvers");
    }

    /** Which resolvers, the network's first, for messages. */
    public List<String> resolverNames() {
        return resolvers.lookups().stream().map(DnsLookup::resolver).toList();
    }

    /** Never throws for what DNS answers. */
    public Resolution resolve(SelectionInput input) {
        List<Attempt> attempts = new ArrayList<>();
        for (Candidate candidate : EpdgSelection.candidates(input)) {
            if (candidate.naptr()) {
                Optional<Attempt> chosen = viaNaptr(candidate, attempts);
                if (chosen.isPresent()) {
                    return Resolution.of(input, attempts, chosen.get(), Optional.empty());
                }
                continue;
            }
            Attempt attempt = ask(candidate, candidate.name().fqdn(), candidate.why(), null);
            attempts.add(attempt);
            if (attempt.primary().resolved()) {
                return Resolution.of(input, attempts, attempt, Optional.empty());
            }
        }
        Attempt last = attempts.get(attempts.size() - 1);
        return Resolution.of(input, attempts, last, twoDigitHint(input));
    }

    /**
     * The end of a discovery that the check's global deadline cut short: the first name a phone asks
     * counts as unanswered by the network's resolver.
     */
    public Resolution timedOut(SelectionInput input, Duration deadline) {
        Candidate first = EpdgSelection.candidates(input).get(0);
        String fqdn = first.name().fqdn();
        String resolver = resolvers.lookups().get(0).resolver();
        DnsOutcome outcome = new DnsOutcome(fqdn, resolver, DnsStatus.TIMEOUT, List.of(), List.of(),
                "discovery did not finish within the check's global deadline of " + deadline.toMillis() + " ms",
                deadline);
        Attempt attempt = new Attempt(first, fqdn, first.why(), List.of(outcome), null);
        return Resolution.of(input, List.of(attempt), attempt, Optional.empty());
    }

    private Optional<Attempt> viaNaptr(Candidate candidate, List<Attempt> attempts) {
        String fqdn = candidate.name().fqdn();
        NaptrOutcome naptr = resolvers.naptr(fqdn).get(0);
        List<NaptrRecord> records = naptr.records().stream().map(r -> new NaptrRecord(r.order(), r.preference(),
                r.flags(), r.service(), r.regexp(), r.replacement())).toList();
        NaptrTargets targets = EpdgSelection.naptrTargets(records);
        if (targets.fqdns().isEmpty()) {
            String why = candidate.why() + "; NAPTR: " + naptr.explain()
                    + (targets.notes().isEmpty() ? "" : " (" + String.join("; ", targets.notes()) + ")");
            attempts.add(new Attempt(candidate, fqdn, why, List.of(), naptr));
            return Optional.empty();
        }
        int rank = 0;
        for (String target : targets.fqdns()) {
            rank++;
            String why = "replacement " + rank + " of " + targets.fqdns().size() + " in the NAPTR records of " + fqdn
                    + " (" + candidate.why() + ")";
            Attempt attempt = ask(candidate, target, why, naptr);
            attempts.add(attempt);
            if (attempt.primary().resolved()) {
                return Optional.of(attempt);
            }
        }
        return Optional.empty();
    }

    private Attempt ask(Candidate candidate, String fqdn, String why, NaptrOutcome naptr) {
        return new Attempt(candidate, fqdn, why, resolvers.resolve(fqdn), naptr);
    }

    private Optional<String> twoDigitHint(SelectionInput input) {
        if (input.configured().isPresent()) {
            return Optional.empty(); // a configured name is asked as given
        }
        Optional<String> wrong = EpdgName.twoDigitMncMistake(input.plmn());
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        DnsOutcome outcome = resolvers.lookups().get(0).resolve(wrong.get());
        if (!outcome.resolved()) {
            return Optional.empty();
        }
        return Optional.of("the 2-digit-MNC name " + wrong.get() + " does resolve (" + outcome.detail()
                + "), but phones ask for the 3-digit form " + input.plmn().epdgFqdn() + " (TS 23.003 §19.4.2.9):"
                + " the DNS zone is misconfigured; publish the 3-digit name");
    }

    /**
     * One name asked.
     *
     * @param candidate the selection step it belongs to
     * @param fqdn      the name asked (a NAPTR replacement differs from the candidate's name)
     * @param why       why a phone asks it
     * @param outcomes  one per resolver, the network's first; empty when only NAPTR was asked
     * @param naptr     the NAPTR answer that led here, or null
     */
    public record Attempt(Candidate candidate, String fqdn, String why, List<DnsOutcome> outcomes, NaptrOutcome naptr) {
        public Attempt {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(fqdn, "fqdn");
            Objects.requireNonNull(why, "why");
            outcomes = List.copyOf(outcomes);
        }

        /** The network's resolver's answer; for a NAPTR-only attempt, its failure as an address outcome. */
        public DnsOutcome primary() {
            if (!outcomes.isEmpty()) {
                return outcomes.get(0);
            }
            return new DnsOutcome(fqdn, naptr.resolver(), naptr.status() == DnsStatus.ADDRESSES ? DnsStatus.NODATA
                    : naptr.status(), List.of(), List.of(), "NAPTR: " + naptr.detail(), naptr.elapsed());
        }

        /** How the resolvers compare on this name; null with one resolver or none asked. */
        public ResolverComparison comparison() {
            return outcomes.size() < 2 ? null : ResolverComparison.of(outcomes);
        }
    }

    /**
     * The end of discovery.
     *
     * @param input    what the phone knows: PLMN, area, abroad, emergency
     * @param attempts every name asked, in order
     * @param used     the attempt that resolved, or the last one when none did
     * @param hint     a misconfiguration hint, e.g. the 2-digit-MNC name resolving instead
     */
    public record Resolution(SelectionInput input, List<Attempt> attempts, Attempt used, Optional<String> hint) {
        static Resolution of(SelectionInput input, List<Attempt> attempts, Attempt used, Optional<String> hint) {
            return new Resolution(input, List.copyOf(attempts), used, hint);
        }

        public boolean resolved() {
            return used.primary().resolved();
        }

        /** The network resolver's answer for the name used. */
        public DnsOutcome outcome() {
            return used.primary();
        }

        /** One line per name and resolver: "DNS tac-lb2b... (tracking area name): NXDOMAIN from 127.0.0.77:15353: ...". */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (Attempt a : attempts) {
                String what = a.fqdn() + " (" + a.candidate().name().form().label() + " name"
                        + (a.outcomes().isEmpty() ? ", NAPTR" : "") + ")";
                List<DnsOutcome> outcomes = a.outcomes().isEmpty() ? List.of(a.primary()) : a.outcomes();
                for (DnsOutcome o : outcomes) {
                    lines.add("DNS " + what + ": " + o.status() + " from " + o.resolver() + ": " + o.detail());
                }
            }
            return lines;
        }

        /** "tracking area name tac-lb2b... did not resolve (NXDOMAIN); " for the names tried before the one used. */
        public String before() {
            StringBuilder b = new StringBuilder();
            for (Attempt a : attempts) {
                if (a == used) {
                    break;
                }
                b.append(a.candidate().name().form().label()).append(" name ").append(a.fqdn()).append(" gave ")
                        .append(a.primary().status()).append(" from ").append(a.primary().resolver()).append("; ");
            }
            return b.toString();
        }
    }
}
