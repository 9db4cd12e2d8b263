package dev.wificall.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Many targets through one engine: order, threads, rate cap, deadlines, interrupts. */
class ProbeEngineTest {
    static final ProbeSettings FAST = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600));

    @Test
    void threeHundredTwentyTargetsOnFourRespondersShareOneEngineThread() throws Exception {
        List<EmbeddedResponder> responders = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                EmbeddedResponder r = new EmbeddedResponder(i % 2 == 1, null);
                r.behaviour(r.accepting());
                responders.add(r);
            }
            List<ProbeTarget> targets = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                EmbeddedResponder r = responders.get(i % 4);
                targets.add(new ProbeTarget(r.address(), i % 2 == 1 ? IkePort.UDP_4500 : IkePort.UDP_500));
            }
            Set<String> before = engineThreads();
            Set<String> during = ConcurrentHashMap.newKeySet();
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            int threadsBefore = Thread.activeCount();
            int[] mostThreads = {0};
            ProbeEngine engine = new ProbeEngine(new ProbeSettings(Duration.ofMillis(400), Duration.ofMillis(2400))
                    .withPacketsPerSecond(0));

            List<PortResult> results = engine.probeAll(targets, (index, result) -> {
                order.add(index);
                Set<String> now = engineThreads();
                now.removeAll(before);
                during.addAll(now);
                mostThreads[0] = Math.max(mostThreads[0], Thread.activeCount() - threadsBefore);
            });

            assertThat(results).hasSize(320);
            assertThat(results).allSatisfy(r -> assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED));
            for (int i = 0; i < 320; i++) {
                assertThat(results.get(i).port()).isEqualTo(targets.get(i).port());
                assertThat(results.get(i).transcript().header()).contains(":" + targets.get(i).destination().getPort() + " from");
            }
            assertThat(order).hasSize(320).doesNotHaveDuplicates();
            assertThat(during).as("engine threads started by this run").hasSize(1);
            assertThat(mostThreads[0]).as("threads beyond those before the run").isLessThanOrEqualTo(2);
            assertThat(results.stream().map(r -> r.request().spi()).distinct()).hasSize(320);
            for (EmbeddedResponder r : responders) {
                assertThat(r.problems).isEmpty();
            }
        } finally {
            for (EmbeddedResponder r : responders) {
                r.close();
            }
        }
    }

    private static Set<String> engineThreads() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(ProbeEngine.THREAD_NAME) && t.isAlive()) {
                names.add(t.getName());
                assertThat(t.isDaemon()).isTrue();
            }
        }
        return names;
    }

    @Test
    void theRateCapHoldsOverEverySend() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.accepting());
            int rate = 100;
            ProbeEngine engine = new ProbeEngine(FAST.withPacketsPerSecond(rate));
            List<ProbeTarget> targets = Collections.nCopies(40, new ProbeTarget(responder.address(), IkePort.UDP_500));

            List<PortResult> results = engine.probeAll(targets);

            assertThat(results).allMatch(PortResult::answered);
            // the send times are the times the engine took its tokens, so the bound is exact
            List<Long> sends = new ArrayList<>();
            for (PortResult r : results) {
                r.transcript().entries().stream().filter(e -> e.kind() == Transcript.Kind.SENT)
                        .forEach(e -> sends.add(r.transcript().startNanos() + e.at().toNanos()));
            }
            Collections.sort(sends);
            assertThat(sends).hasSizeGreaterThanOrEqualTo(40);
            long interval = 1_000_000_000L / rate;
            int burst = Math.max(1, rate / 20);
            for (int i = 0; i < sends.size(); i++) {
                for (int j = i + 1; j < sends.size(); j++) {
                    long window = sends.get(j) - sends.get(i);
                    assertThat(j - i + 1).as("sends %d..%d within %d ms", i, j, window / 1_000_000)
                            .isLessThanOrEqualTo(burst + (int) (window / interval));
                }
            }
        }
    }

    @Test
    void targetsNotStartedByTheGlobalDeadlineAreNotSent() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {
            ProbeSettings settings = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(200))
                    .withGlobalDeadline(Duration.ofMillis(500)).withMaxInFlight(1);
            List<ProbeTarget> targets = Collections.nCopies(10, new ProbeTarget(responder.address(), IkePort.UDP_500));
            long start = System.nanoTime();

            List<PortResult> results = new ProbeEngine(settings).probeAll(targets);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(results.get(0).outcome()).isEqualTo(PortOutcome.NO_ANSWER);
            assertThat(results).allMatch(r -> r.outcome() == PortOutcome.NO_ANSWER || r.outcome() == PortOutcome.NOT_SENT);
            List<PortResult> unsent = results.stream().filter(r -> r.outcome() == PortOutcome.NOT_SENT).toList();
            // one at a time, 200 ms each: at most three start within 500 ms
            assertThat(unsent).hasSizeGreaterThanOrEqualTo(7);
            assertThat(unsent).allSatisfy(r -> {
                assertThat(r.requests()).isZero();
                assertThat(r.detail()).startsWith("not sent: global deadline reached (0.5 s)");
            });
            // and the results keep the input order: the unsent ones are the last
            assertThat(results.subList(results.size() - unsent.size(), results.size())).containsExactlyElementsOf(unsent);
        }
    }

    @Test
    void inFlightCapHoldsSocketsOpenAtOnce() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {
            ProbeSettings settings = new ProbeSettings(Duration.ofMillis(50), Duration.ofMillis(100)).withMaxInFlight(3)
                    .withBroadRecheck(false).withPacketsPerSecond(0);
            List<ProbeTarget> targets = Collections.nCopies(9, new ProbeTarget(responder.address(), IkePort.UDP_500));

            List<PortResult> results = new ProbeEngine(settings).probeAll(targets);

            assertThat(results).allMatch(r -> r.outcome() == PortOutcome.NO_ANSWER);
            // intervals [first send, end] of more than three probes never overlap
            List<long[]> spans = new ArrayList<>();
            for (PortResult r : results) {
                long first = r.transcript().startNanos() + r.transcript().entries().stream()
                        .filter(e -> e.kind() == Transcript.Kind.SENT).findFirst().orElseThrow().at().toNanos();
                spans.add(new long[] {first, first + r.elapsed().toNanos()});
            }
            for (long[] s : spans) {
                long overlapping = spans.stream().filter(o -> o[0] <= s[0] && s[0] < o[1]).count();
                assertThat(overlapping).isLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void anInterruptEndsTheRunAtOnceAndKeepsTheFlag() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {
            ProbeSettings slow = new ProbeSettings(Duration.ofSeconds(10), Duration.ofSeconds(20));
            ProbeEngine engine = new ProbeEngine(slow);
            List<ProbeTarget> targets = Collections.nCopies(3, new ProbeTarget(responder.address(), IkePort.UDP_500));
            AtomicReference<List<PortResult>> results = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                results.set(engine.probeAll(targets));
                flag.set(Thread.currentThread().isInterrupted());
            });
            long start = System.nanoTime();
            caller.start();
            responder.awaitReceived(3);
            caller.interrupt();
            caller.join(10_000);

            assertThat(caller.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(flag.get()).isTrue();
            assertThat(results.get()).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
                assertThat(r.detail()).isEqualTo("probe interrupted after 1 IKE_SA_INIT request");
            });
            awaitNoEngineThreadOf(engine);
        }
    }

    /** The engine thread ends when no call is left; wait for it (it never holds sockets beyond its run). */
    private static void awaitNoEngineThreadOf(ProbeEngine engine) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (engine.running() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(engine.running()).isFalse();
    }

    @Test
    void concurrentCallersShareTheEngineAndGetTheirOwnResults() throws Exception {
        try (EmbeddedResponder a = new EmbeddedResponder(false, null);
             EmbeddedResponder b = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {
            a.behaviour(a.accepting());
            ProbeEngine engine = new ProbeEngine(FAST.withBroadRecheck(false));
            InetSocketAddress answering = a.address();
            InetSocketAddress silent = b.address();

            CompletableFuture<List<PortResult>> first = CompletableFuture.supplyAsync(() ->
                    engine.probeAll(Collections.nCopies(5, new ProbeTarget(answering, IkePort.UDP_500))));
            CompletableFuture<List<PortResult>> second = CompletableFuture.supplyAsync(() ->
                    engine.probeAll(Collections.nCopies(5, new ProbeTarget(silent, IkePort.UDP_500))));

            assertThat(first.get(10, TimeUnit.SECONDS)).allMatch(PortResult::answered);
            assertThat(second.get(10, TimeUnit.SECONDS)).allMatch(r -> r.outcome() == PortOutcome.NO_ANSWER);
            awaitNoEngineThreadOf(engine);
        }
    }

    @Test
    void anEmptyListNeedsNoThread() {
        ProbeEngine engine = new ProbeEngine(FAST);

        assertThat(engine.probeAll(List.of())).isEmpty();
        assertThat(engine.running()).isFalse();
    }

    /** A Maven goal or a test returns right after its probe run: the engine's threads must have ended by then. */
    @Test
    void theLastCallReturnsOnlyAfterTheEngineThreadsEnded() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.accepting());
            ProbeEngine engine = new ProbeEngine(FAST.withBroadRecheck(false));

            assertThat(engine.probeAll(Collections.nCopies(3, new ProbeTarget(responder.address(), IkePort.UDP_500))))
                    .allMatch(PortResult::answered);

            assertThat(engine.running()).as("engine thread alive when probeAll returned").isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive).extracting(Thread::getName)
                    .noneMatch(n -> n.startsWith(ProbeEngine.THREAD_NAME) || n.equals("wificall-keys"));
        }
    }
}
