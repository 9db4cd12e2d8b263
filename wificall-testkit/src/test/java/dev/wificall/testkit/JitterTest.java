package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.probe.ProbeTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delay and jitter through the embedded simulator: ePDGs each answering after a different random
 * delay, all probed in one engine run. Every delay under the deadline is an answer, every one over it
 * is silence. The fixed-delay cases (one delay, one port) are in {@link EngineAgainstSimulatorTest}.
 */
class JitterTest {

    private static final ProbeSettings FAST = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600));
    private static final int EPDGS = 10;

    private final List<EpdgSimulator> sims = new ArrayList<>();

    @AfterEach
    void close() {
        sims.forEach(EpdgSimulator::close);
    }

    /** One simulator per delay, drawn from [from, to) with a fixed seed; both ports of each probed at once. */
    private List<PortResult> probeDelayed(long seed, int fromMs, int toMs) throws IOException {
        Random random = new Random(seed);
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 0; i < EPDGS; i++) {
            Duration delay = Duration.ofMillis(fromMs + random.nextInt(toMs - fromMs));
            EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.delay(delay, Behaviour.answer())).start();
            sims.add(sim);
            for (IkePort port : IkePort.values()) {
                targets.add(new ProbeTarget(new InetSocketAddress(sim.address(), sim.port(port)), port));
            }
        }
        return new ProbeEngine(FAST).probeAll(targets);
    }

    @Test
    void randomDelaysUnderTheDeadlineAreAllAnswered() throws IOException {
        List<PortResult> results = probeDelayed(7, 0, 400);
        assertThat(results).hasSize(2 * EPDGS).allSatisfy(r ->
                assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED));
    }

    @Test
    void randomDelaysOverTheDeadlineAreAllNoAnswer() throws IOException {
        List<PortResult> results = probeDelayed(11, 700, 1000);
        assertThat(results).hasSize(2 * EPDGS).allSatisfy(r -> {
            assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.NO_ANSWER);
            assertThat(r.detail()).endsWith(" in 0.6 s");
        });
    }
}
