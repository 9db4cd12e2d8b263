package dev.wificall.verdict;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeTarget;
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
 * The whole check, in the order a phone goes: build each operator's ePDG name, resolve it, send
 * IKE_SA_INIT to every address on every port, and judge. The lookups run in parallel; then every
 * address and port of every operator goes through one {@link ProbeEngine} run, so a check takes
 * about one DNS timeout and one probe deadline however many operators and addresses there are.
 */
public final class ReadinessCheck {

    /** Enough parallel lookups for a few operators at once. */
    private static final int PARALLEL_LOOKUPS = 8;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final CheckSettings settings;
    private final DnsLookup dns;
    private final ProbeEngine engine;

    /** @throws IllegalArgumentException when the settings name a resolver that cannot be used */
    public ReadinessCheck(CheckSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dns = DnsLookup.of(settings.dnsServer(), settings.dnsTimeout());
        this.engine = new ProbeEngine(settings.probe());
    }

    /** Which resolver the check asks, for messages and reports. */
    public String resolver() {
        return dns.resolver();
    }

    public OperatorVerdict check(Plmn plmn) {
        return checkAll(List.of(plmn), v -> { }).get(0);
    }

    /**
     * Checks every operator, calling {@code onEach} (in the calling thread, one call at a time) as each
     * finishes; returns the verdicts in the order given.
     */
    public List<OperatorVerdict> checkAll(List<Plmn> plmns, Consumer<OperatorVerdict> onEach) {
        long start = System.nanoTime();
        List<DnsOutcome> answers = resolveAll(plmns);
        OperatorVerdict[] verdicts = new OperatorVerdict[plmns.size()];
        List<ProbeTarget> targets = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        int[] open = new int[plmns.size()];
        for (int i = 0; i < plmns.size(); i++) {
            DnsOutcome answer = answers.get(i);
            if (!answer.resolved()) {
                verdicts[i] = new OperatorVerdict(plmns.get(i), plmns.get(i).epdgFqdn(), answer, List.of(), false,
                        Explanations.dnsFailure(plmns.get(i), answer), since(start));
                onEach.accept(verdicts[i]);
                continue;
            }
            for (InetAddress address : answer.addresses()) {
                for (IkePort port : settings.ports()) {
                    targets.add(ProbeTarget.of(address, port));
                    owner.add(i);
                    open[i]++;
                }
            }
        }
        // results come back in target order: address, then port, as OperatorVerdict documents
        PortResult[] results = new PortResult[targets.size()];
        engine.probeAll(targets, (index, result) -> {
            results[index] = result;
            int i = owner.get(index);
            if (--open[i] == 0) {
                List<PortResult> mine = new ArrayList<>();
                for (int t = 0; t < targets.size(); t++) {
                    if (owner.get(t) == i) {
                        mine.add(results[t]);
                    }
                }
                verdicts[i] = verdict(plmns.get(i), answers.get(i), mine, start);
                onEach.accept(verdicts[i]);
            }
        });
        return List.of(verdicts);
    }

    private List<DnsOutcome> resolveAll(List<Plmn> plmns) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_LOOKUPS, Math.max(1, plmns.size())), r -> {
            Thread t = new Thread(r, "wificall-dns-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<DnsOutcome>> lookups = new ArrayList<>();
            for (Plmn plmn : plmns) {
                lookups.add(CompletableFuture.supplyAsync(() -> dns.resolve(plmn.epdgFqdn()), pool));
            }
            return lookups.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private OperatorVerdict verdict(Plmn plmn, DnsOutcome answer, List<PortResult> results, long start) {
        boolean ready = answer.addresses().stream().anyMatch(address -> results.stream()
                .filter(r -> r.address().equals(address)).allMatch(PortResult::answered));
        String sentence = ready ? Explanations.ready(plmn, answer, results, settings.ports())
                : Explanations.blocked(plmn, answer, results, settings.ports());
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), answer, results, ready, sentence, since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
