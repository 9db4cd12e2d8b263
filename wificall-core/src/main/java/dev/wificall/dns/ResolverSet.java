package dev.wificall.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Several resolvers asked the same question at once, e.g. the network's (corporate) resolver and a
 * second one the user names, so that their answers can be compared ({@link ResolverComparison}).
 * A name costs about one timeout however many resolvers there are.
 */
public final class ResolverSet {

    private final List<DnsLookup> lookups;

    private ResolverSet(List<DnsLookup> lookups) {
        if (lookups.isEmpty()) {
            throw new IllegalArgumentException("no resolver to ask; name at least one, e.g. 10.0.0.53");
        }
        this.lookups = List.copyOf(lookups);
    }

    /** These lookups, in this order; the first is taken as the network's own resolver in sentences. */
    public static ResolverSet of(List<DnsLookup> lookups) {
        return new ResolverSet(lookups);
    }

    /** One lookup per server, all with this timeout and sinkhole policy. */
    public static ResolverSet of(List<DnsServer> servers, Duration timeout, SinkholePolicy policy) {
        return new ResolverSet(DnsLookup.each(servers, timeout, policy));
    }

    public List<DnsLookup> lookups() {
        return lookups;
    }

    /** A and AAAA from every resolver, in parallel; the outcomes in the resolvers' order. */
    public List<DnsOutcome> resolve(String fqdn) {
        return resolveAsync(fqdn).join();
    }

    public CompletableFuture<List<DnsOutcome>> resolveAsync(String fqdn) {
        List<CompletableFuture<DnsOutcome>> pending = new ArrayList<>();
        for (DnsLookup lookup : lookups) {
            pending.add(lookup.resolveAsync(fqdn));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(done -> pending.stream().map(CompletableFuture::join).toList());
    }

    /** NAPTR from every resolver, in parallel. */
    public List<NaptrOutcome> naptr(String fqdn) {
        List<CompletableFuture<NaptrOutcome>> pending = lookups.stream().map(l -> l.naptrAsync(fqdn)).toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** Resolves the name everywhere and compares the answers. */
    public ResolverComparison compare(String fqdn) {
        return ResolverComparison.of(resolve(fqdn));
    }
}
