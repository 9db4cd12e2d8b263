package dev.wificall.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One name's answers from several resolvers, side by side: do they agree, does one run split-horizon
 * DNS, does one fail (filter, sinkhole, time out) where another answers?
 */
public final class ResolverComparison {

    /** What the answers have in common. */
    public enum Kind {
        /** Every resolver gave the same status and, with addresses, the same set of addresses. */
        AGREE,
        /** Every resolver gave usable addresses, but not the same ones. */
        SPLIT_HORIZON,
        /** Some resolvers gave usable addresses, others none (a filter, a sinkhole, a timeout, ...). */
        SOME_FAIL,
        /** No resolver gave a usable address, and they failed in different ways. */
        NONE_ANSWER
    }

    private final String fqdn;
    private final List<DnsOutcome> outcomes;
    private final Kind kind;

    private ResolverComparison(String fqdn, List<DnsOutcome> outcomes, Kind kind) {
        this.fqdn = fqdn;
        this.outcomes = outcomes;
        this.kind = kind;
    }

    /**
     * Compares the outcomes of one name; the first is taken as the network's own resolver.
     *
     * @throws IllegalArgumentException when there is no outcome or they are for different names
     */
    public static ResolverComparison of(List<DnsOutcome> outcomes) {
        if (outcomes == null || outcomes.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no DNS outcome");
        }
        String fqdn = outcomes.get(0).fqdn();
        for (DnsOutcome o : outcomes) {
            if (!canonical(o.fqdn()).equals(canonical(fqdn))) {
                throw new IllegalArgumentException("cannot compare answers for different names: " + fqdn + " and "
                        + o.fqdn());
            }
        }
        List<DnsOutcome> all = List.copyOf(outcomes);
        long answering = all.stream().filter(DnsOutcome::resolved).count();
        Kind kind;
        if (answering == all.size()) {
            kind = all.stream().map(o -> Set.copyOf(o.addresses())).distinct().count() == 1 ? Kind.AGREE : Kind.SPLIT_HORIZON;
        } else if (answering > 0) {
            kind = Kind.SOME_FAIL;
        } else {
            boolean same = all.stream().map(DnsOutcome::status).distinct().count() == 1
                    && all.stream().map(o -> Set.copyOf(o.addresses())).distinct().count() == 1;
            kind = same ? Kind.AGREE : Kind.NONE_ANSWER;
        }
        return new ResolverComparison(fqdn, all, kind);
    }

    private static String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    public String fqdn() {
        return fqdn;
    }

    public List<DnsOutcome> outcomes() {
        return outcomes;
    }

    public Kind kind() {
        return kind;
    }

    public boolean agree() {
        return kind == Kind.AGREE;
    }

    /** The outcomes with usable addresses. */
    public List<DnsOutcome> answering() {
        return outcomes.stream().filter(DnsOutcome::resolved).toList();
    }

    /** The outcomes without. */
    public List<DnsOutcome> failing() {
        return outcomes.stream().filter(o -> !o.resolved()).toList();
    }

    /** The addresses every answering resolver gave, in the first one's order. */
    public List<InetAddress> common() {
        List<DnsOutcome> answering = answering();
        if (answering.isEmpty()) {
            return List.of();
        }
        List<InetAddress> common = new ArrayList<>(answering.get(0).addresses());
        for (DnsOutcome o : answering) {
            common.retainAll(o.addresses());
        }
        return List.copyOf(common);
    }

    /**
     * For each answering resolver, the addresses that no other answering resolver gave: the difference a
     * split horizon makes. Resolvers without such addresses are left out.
     */
    public Map<String, List<InetAddress>> onlyFrom() {
        Map<String, List<InetAddress>> only = new LinkedHashMap<>();
        List<DnsOutcome> answering = answering();
        for (DnsOutcome o : answering) {
            Set<InetAddress> others = new HashSet<>();
            answering.stream().filter(p -> p != o).forEach(p -> others.addAll(p.addresses()));
            List<InetAddress> mine = o.addresses().stream().filter(a -> !others.contains(a)).toList();
            if (!mine.isEmpty()) {
                only.merge(o.resolver(), mine, (a, b) -> {
                    Set<InetAddress> both = new LinkedHashSet<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                });
            }
        }
        return only;
    }

    /** One sentence per finding: what each resolver said, what it means, what to do. */
    public String explain() {
        DnsOutcome first = outcomes.get(0);
        String asked = fqdn + " (" + Sentences.types(first.types()) + ")";
        List<String> names = outcomes.stream().map(DnsOutcome::resolver).distinct().toList();
        String resolvers = (names.size() == 1 ? "resolver " : "resolvers ") + Sentences.join(names);
        return switch (kind) {
            case AGREE -> first.resolved()
                    ? resolvers + " agree on " + asked + ": " + Sentences.addresses(first.usableAddresses())
                    + ". Nothing differs between them; nothing to change in DNS."
                    : resolvers + " agree on " + asked + ": " + first.status() + " from each, so the fault is not one"
                    + " resolver's. " + capitalized(first.explain());
            case SPLIT_HORIZON -> resolvers + " give different addresses for " + asked + ": " + onlyFromText()
                    + (common().isEmpty() ? "" : " (all gave " + Sentences.addresses(common()) + ")")
                    + ". That is split-horizon DNS: a phone gets the ePDG addresses of whichever resolver the network"
                    + " hands out. Make sure the network's resolver gives the operator's public ePDG addresses, and"
                    + " allow UDP/500 and UDP/4500 to every address a phone may get.";
            case SOME_FAIL -> failing().stream().map(this::failsWhileOthersAnswer).collect(Collectors.joining(" "));
            case NONE_ANSWER -> "no resolver gave an address for " + asked + ": " + outcomes.stream()
                    .map(o -> o.resolver() + " " + o.status()).collect(Collectors.joining(", ")) + ". "
                    + outcomes.stream().map(o -> capitalized(o.explain())).collect(Collectors.joining(" "));
        };
    }

    private String onlyFromText() {
        return onlyFrom().entrySet().stream().map(e -> "only " + e.getKey() + " gave " + Sentences.addresses(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** "resolver 10.0.0.53:53 REFUSED ... while 9.9.9.9:53 answered 193.0.0.2: it filters the name. Allow ...". */
    private String failsWhileOthersAnswer(DnsOutcome bad) {
        List<DnsOutcome> good = answering();
        String others = good.stream().map(o -> o.resolver() + " answered " + Sentences.addresses(o.usableAddresses()))
                .collect(Collectors.joining(" and "));
        String who = Sentences.who(bad.resolver());
        String zone = Sentences.zone(fqdn);
        String asked = fqdn + " (" + Sentences.types(bad.types()) + ")";
        String head = who + " answered " + bad.status() + " for " + asked + " while " + others;
        return switch (bad.status()) {
            case REFUSED -> head + ": " + bad.resolver() + " filters the name. Allow " + zone + " in its policy, or hand"
                    + " out a resolver that answers.";
            case NXDOMAIN -> head + ": " + bad.resolver() + " hides the name, with its own copy of " + zone
                    + " (split horizon) or a filter. Let it resolve " + zone + " from the public DNS.";
            case NODATA -> head + ": " + bad.resolver() + " strips the address records. Let it pass " + zone
                    + " answers unchanged.";
            case SINKHOLE -> who + " answered " + asked + " with " + Sentences.classified(bad.sinkholed().isEmpty()
                    ? bad.addresses() : bad.sinkholed()) + " while " + others + ": " + bad.resolver()
                    + " sinkholes the name. Allow " + zone + " in its filter, or hand out a resolver that answers.";
            case SERVFAIL -> head + ": " + bad.resolver() + " cannot resolve the name itself (its upstream or DNSSEC"
                    + " validation fails). Make sure it reaches the public DNS for " + zone + ".";
            case TIMEOUT -> who + " did not answer for " + asked + " (" + bad.detail() + ") while " + others
                    + ". Check that " + bad.resolver() + " runs and that UDP and TCP port 53 to it are open.";
            case ERROR -> "asking " + who + " for " + asked + " failed (" + bad.detail() + ") while " + others
                    + ". Check the resolver address and that UDP and TCP port 53 to it are open.";
            case MALFORMED -> who + " answered " + asked + " with data that is not a valid DNS message (" + bad.detail()
                    + ") while " + others + ". Check " + bad.resolver() + "'s software and any middlebox that rewrites"
                    + " its answers.";
            case CNAME_LOOP, CNAME_CHAIN -> who + " answered " + asked + " with a broken CNAME chain (" + bad.detail()
                    + ") while " + others + ": " + bad.resolver() + " has its own, broken copy of the name. Let it"
                    + " resolve " + zone + " from the public DNS.";
            case ADDRESSES -> throw new IllegalStateException("not failing: " + bad);
        };
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String toString() {
        return kind + " " + fqdn + ": " + outcomes.stream().map(o -> o.resolver() + " " + o.status() + " "
                + Sentences.addresses(o.addresses())).collect(Collectors.joining("; "));
    }
}
