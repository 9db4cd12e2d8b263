package dev.wificall.userplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.userplane.MappingLifetime.Ending;
import dev.wificall.userplane.MappingLifetime.Outcome;
import dev.wificall.userplane.MappingLifetime.ProbeRun;
import dev.wificall.userplane.MappingLifetime.Result;
import dev.wificall.userplane.MappingLifetime.Settings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappingLifetimeTest {

    private static final Duration S2 = Duration.ofSeconds(2);
    private static final Duration S60 = Duration.ofSeconds(60);
    private static final Duration S1 = Duration.ofSeconds(1);

    /** A network whose mapping lasts {@code lifetime}; each probe advances the fake clock by its idle time plus 50 ms. */
    private static final class FakeNetwork implements MappingLifetime.Probe {
        final Duration lifetime;
        final List<Duration> asked = new ArrayList<>();
        final List<Integer> dropAt = new ArrayList<>();
        long now = 1_000_000_000L;

        FakeNetwork(Duration lifetime) {
            this.lifetime = lifetime;
        }

        FakeNetwork dropping(int... probeIndexes) {
            for (int i : probeIndexes) {
                dropAt.add(i);
            }
            return this;
        }

        @Override
        public Outcome probe(Duration idle) {
            int index = asked.size();
            asked.add(idle);
            now += idle.plusMillis(50).toNanos();
            if (dropAt.contains(index)) {
                return Outcome.LOST;
            }
            return idle.compareTo(lifetime) <= 0 ? Outcome.SURVIVED : Outcome.LOST;
        }

        long nanoTime() {
            return now;
        }
    }

    private static Result measure(Settings s, FakeNetwork net) throws IOException {
        return MappingLifetime.measure(s, net, net::nanoTime);
    }

    @Test
    void bisectsALifetimeOf12point3sToWithinTheStep() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), net);

        assertThat(r.ending()).isEqualTo(Ending.RESOLVED);
        assertThat(r.cutShort()).isFalse();
        Duration lo = r.longestSurvived().orElseThrow();
        Duration hi = r.shortestLost().orElseThrow();
        assertThat(lo).isLessThanOrEqualTo(Duration.ofMillis(12_300));
        assertThat(hi).isGreaterThan(Duration.ofMillis(12_300));
        assertThat(hi.minus(lo)).isLessThanOrEqualTo(S1);
        // 2 bounds + ceil(log2(58)) = 6 halvings, and every lost point probed twice: at most 2 + 2 + 2 * 6
        assertThat(r.probeCount()).isLessThanOrEqualTo(16).isEqualTo(net.asked.size());
        assertThat(r.probes().get(0).idle()).isEqualTo(S2);
        assertThat(r.probes().get(1).idle()).isEqualTo(S60);
        assertThat(r.probes().get(2).idle()).isEqualTo(S60); // the re-probe of a LOST
        assertThat(r.interval()).isEqualTo("between " + MappingLifetime.text(lo) + " and " + MappingLifetime.text(hi));
        assertThat(r.interval()).isEqualTo("between 11.968 s and 12.875 s");
    }

    @Test
    void recordsEachProbesIdleOutcomeAndTime() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), net);

        ProbeRun first = r.probes().get(0);
        assertThat(first).isEqualTo(new ProbeRun(S2, Outcome.SURVIVED, Duration.ZERO, Duration.ofMillis(2_050)));
        ProbeRun second = r.probes().get(1);
        assertThat(second).isEqualTo(new ProbeRun(S60, Outcome.LOST, Duration.ofMillis(2_050), Duration.ofMillis(60_050)));
    }

    @Test
    void lowerBoundAlreadyLost() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(1_500));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), net);

        assertThat(r.ending()).isEqualTo(Ending.SHORTER_THAN_LOWER);
        assertThat(r.longestSurvived()).isEmpty();
        assertThat(r.shortestLost()).contains(S2);
        assertThat(net.asked).containsExactly(S2, S2);
        assertThat(r.interval()).isEqualTo("shorter than 2 s");
    }

    @Test
    void upperBoundSurvives() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMinutes(5));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), net);

        assertThat(r.ending()).isEqualTo(Ending.AT_LEAST_UPPER);
        assertThat(r.longestSurvived()).contains(S60);
        assertThat(r.shortestLost()).isEmpty();
        assertThat(r.probeCount()).isEqualTo(2);
        assertThat(r.interval()).isEqualTo("at least 60 s");
    }

    @Test
    void deadlineTooShortForTheReprobeCutsShort() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        // 2 s + 2 s grace, then 60 s + 2 s: 66 s of 100 s spent, the re-probe of 60 s (62 s) does not fit
        Result r = measure(Settings.of(S2, S60, S1, Duration.ofSeconds(100)), net);

        assertThat(r.cutShort()).isTrue();
        assertThat(r.ending()).isEqualTo(Ending.DEADLINE);
        assertThat(net.asked).containsExactly(S2, S60);
        assertThat(r.longestSurvived()).contains(S2);
        assertThat(r.shortestLost()).as("one loss is not believed").isEmpty();
        assertThat(r.interval()).isEqualTo("at least 2 s (the deadline of 100 s cut the measurement short)");
    }

    @Test
    void deadlineRunningOutDuringBisectionKeepsTheIntervalSoFar() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofSeconds(200)), net);

        assertThat(r.cutShort()).isTrue();
        assertThat(r.longestSurvived()).contains(S2);
        assertThat(r.shortestLost()).contains(Duration.ofSeconds(31));
        // 2.05 + 60.05 + 60.05 spent: 77.85 s left pay for 31 s twice (33 s each), leaving 15.75 s, not enough for 16.5 s
        assertThat(net.asked).containsExactly(S2, S60, S60, Duration.ofSeconds(31), Duration.ofSeconds(31));
        assertThat(r.interval()).isEqualTo("between 2 s and 31 s (the deadline of 200 s cut the measurement short)");
    }

    @Test
    void deadlineShorterThanTheLowerBoundRunsNothing() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofSeconds(3)), net);

        assertThat(r.cutShort()).isTrue();
        assertThat(r.probes()).isEmpty();
        assertThat(r.interval()).isEqualTo("unknown (the deadline of 3 s cut the measurement short)");
    }

    @Test
    void aSingleRandomLossIsReprobedAndDoesNotMoveTheBoundary() throws IOException {
        FakeNetwork clean = new FakeNetwork(Duration.ofMillis(12_300));
        Result expected = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), clean);
        // probe 3 is the first halving, 31 s (lost anyway); drop instead the 9.25 s probe that survives
        int survivingProbe = clean.asked.indexOf(Duration.ofMillis(9_250));
        assertThat(survivingProbe).isPositive();
        FakeNetwork lossy = new FakeNetwork(Duration.ofMillis(12_300)).dropping(survivingProbe);

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), lossy);

        assertThat(r.longestSurvived()).isEqualTo(expected.longestSurvived());
        assertThat(r.shortestLost()).isEqualTo(expected.shortestLost());
        assertThat(r.probeCount()).isEqualTo(expected.probeCount() + 1);
        assertThat(r.probes().get(survivingProbe).outcome()).isEqualTo(Outcome.LOST);
        assertThat(r.probes().get(survivingProbe + 1)).extracting(ProbeRun::idle, ProbeRun::outcome)
                .containsExactly(Duration.ofMillis(9_250), Outcome.SURVIVED);
    }

    @Test
    void withoutRetriesASingleLossIsBelieved() throws IOException {
        FakeNetwork lossy = new FakeNetwork(Duration.ofMillis(12_300)).dropping(0);

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)).withLossRetries(0), lossy);

        assertThat(r.ending()).isEqualTo(Ending.SHORTER_THAN_LOWER);
        assertThat(r.probeCount()).isEqualTo(1);
    }

    @Test
    void inconclusiveProbesEndTheMeasurement() throws IOException {
        List<Duration> asked = new ArrayList<>();
        MappingLifetime.Probe probe = idle -> {
            asked.add(idle);
            return idle.equals(S2) ? Outcome.SURVIVED : Outcome.INCONCLUSIVE;
        };

        Result r = MappingLifetime.measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), probe, () -> 0L);

        assertThat(r.ending()).isEqualTo(Ending.INCONCLUSIVE);
        assertThat(asked).containsExactly(S2, S60, S60);
        assertThat(r.longestSurvived()).contains(S2);
        assertThat(r.shortestLost()).isEmpty();
        assertThat(r.interval()).isEqualTo("at least 2 s (a probe of 60 s stayed inconclusive)");
    }

    @Test
    void probeFailuresPropagate() {
        MappingLifetime.Probe probe = idle -> {
            throw new IOException("reflector 127.0.0.1:9: port unreachable");
        };

        assertThatThrownBy(() -> MappingLifetime.measure(Settings.of(S2, S60, S1, S60.multipliedBy(10)), probe))
                .isInstanceOf(IOException.class).hasMessage("reflector 127.0.0.1:9: port unreachable");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> Settings.of(S60, S2, S1, S60)).hasMessage("the upper bound 2 s must be above the lower bound 60 s");
        assertThatThrownBy(() -> Settings.of(Duration.ZERO, S2, S1, S60)).hasMessage("the lower bound must be above zero, got 0 ms");
        assertThatThrownBy(() -> Settings.of(S2, S60, Duration.ZERO, S60)).hasMessage("the step must be above zero, got 0 ms");
        assertThatThrownBy(() -> Settings.of(S2, S60, S1, S60).withLossRetries(-1)).hasMessage("loss retries are 0 to 10, got -1");
        assertThatThrownBy(() -> Settings.of(S2, S60, S1, S60).withGrace(Duration.ofMillis(-1)))
                .hasMessage("the grace period must not be negative, got -1 ms");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(MappingLifetime.text(Duration.ofMillis(400))).isEqualTo("400 ms");
        assertThat(MappingLifetime.text(Duration.ofSeconds(12))).isEqualTo("12 s");
        assertThat(MappingLifetime.text(Duration.ofMillis(12_500))).isEqualTo("12.5 s");
        assertThat(new Result(Settings.of(S2, S60, S1, S60), Ending.RESOLVED, Optional.of(Duration.ofMillis(400)),
                Optional.of(Duration.ofMillis(450)), List.of()).interval()).isEqualTo("between 400 ms and 450 ms");
    }
}
