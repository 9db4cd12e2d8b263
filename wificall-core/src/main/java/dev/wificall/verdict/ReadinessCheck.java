package dev.wificall.verdict;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.IkeProbe;
import dev.wificall.probe.PortResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The whole check for one operator, in the order a phone goes: build the ePDG name, resolve it,
 * send IKE_SA_INIT to every address on every port, and judge. Probes run in parallel, so a check
 * takes about one probe deadline however many addresses the name has.
 */
public final class ReadinessCheck {

    /** Enough parallel probes for a few operators at once, few enough to stay gentle on a firewall. */
    private static final int PARALLEL_PROBES = 32;
    private static final int PARALLEL_OPERATORS = 8;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final CheckSettings settings;
    private final DnsLookup dns;
    private final IkeProbe probe;

    /** @throws IllegalArgumentException when the settings name a resolver that cannot be used */
    public ReadinessCheck(CheckSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dns = DnsLookup.of(settings.dnsServer(), settings.dnsTimeout());
        this.probe = new IkeProbe(settings.probe());
    }

    /** Which resolver the check asks, for messages and reports. */
    public String resolver() {
        return dns.resolver();
    }

    public OperatorVerdict check(Plmn plmn) {
        return checkAll(List.of(plmn), v -> { }).get(0);
    }

    /**
     * Checks every operator, calling {@code onEach} (from any thread, one call at a time) as each
     * finishes; returns the verdicts in the order given.
     */
    public List<OperatorVerdict> checkAll(List<Plmn> plmns, Consumer<OperatorVerdict> onEach) {
        // Two pools: an operator's task waits for its probes, so they must never share threads.
        ExecutorService operators = pool(Math.min(PARALLEL_OPERATORS, Math.max(1, plmns.size())), "check");
        ExecutorService probes = pool(PARALLEL_PROBES, "probe");
        try {
            List<CompletableFuture<OperatorVerdict>> pending = new ArrayList<>();
            for (Plmn plmn : plmns) {
                pending.add(CompletableFuture.supplyAsync(() -> run(plmn, probes), operators).thenApply(v -> {
                    synchronized (onEach) {
                        onEach.accept(v);
                    }
                    return v;
                }));
            }
            return pending.stream().map(CompletableFuture::join).toList();
        } finally {
            operators.shutdownNow();
            probes.shutdownNow();
        }
    }

    private static ExecutorService pool(int size, String role) {
        return Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "wificall-" + role + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private OperatorVerdict run(Plmn plmn, ExecutorService pool) {
        long start = System.nanoTime();
        String fqdn = plmn.epdgFqdn();
        DnsOutcome answer = dns.resolve(fqdn);
        if (!answer.resolved()) {
            return new OperatorVerdict(plmn, fqdn, answer, List.of(), false,
                    Explanations.dnsFailure(plmn, answer), since(start));
        }
        List<CompletableFuture<PortResult>> probes = new ArrayList<>();
        for (InetAddress address : answer.addresses()) {
            for (IkePort port : settings.ports()) {
                probes.add(CompletableFuture.supplyAsync(() -> probe.probe(address, port), pool));
            }
        }
        List<PortResult> results = probes.stream().map(CompletableFuture::join).toList();
        boolean ready = answer.addresses().stream().anyMatch(address -> results.stream()
                .filter(r -> r.address().equals(address)).allMatch(PortResult::answered));
        String sentence = ready ? Explanations.ready(plmn, answer, results, settings.ports())
                : Explanations.blocked(plmn, answer, results, settings.ports());
        return new OperatorVerdict(plmn, fqdn, answer, results, ready, sentence, since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
