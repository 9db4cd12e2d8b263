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

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static Result measure(Settings s, FakeNetwork net) throws IOException {
        return MappingLifetime.measure(s, net, net::nanoTime);
    }

    @Test
    void doublesFromTheLowerBoundThenBisectsALifetimeOf12point3sToWithinTheStep() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), net);

        assertThat(r.ending()).isEqualTo(Ending.RESOLVED);
        assertThat(r.cutShort()).isFalse();
        assertThat(r.lossConfirmed()).isTrue();
        // doubling 2, 4, 8 (answered), 16 (lost); halving 12, 14, 13; 13 again to confirm the boundary's loss
        assertThat(net.asked).containsExactly(S2, s(4), s(8), s(16), s(12), s(14), s(13), s(13));
        assertThat(r.probeCount()).isEqualTo(net.asked.size());
        assertThat(r.longestSurvived()).contains(s(12));
        assertThat(r.shortestLost()).contains(s(13));
        assertThat(r.interval()).isEqualTo("between 12 s and 13 s");
    }

    @Test
    void aShortLifetimeCostsLittleOfTheDefaultBudget() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(4_200));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofSeconds(120)), net);

        assertThat(r.ending()).isEqualTo(Ending.RESOLVED);
        assertThat(r.interval()).isEqualTo("between 4 s and 5 s");
        assertThat(net.asked).containsExactly(S2, s(4), s(8), s(6), s(5), s(5));
        Duration spent = Duration.ofNanos(net.now - 1_000_000_000L);
        assertThat(spent).isLessThan(Duration.ofSeconds(31));
    }

    @Test
    void recordsEachProbesIdleOutcomeAndTime() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), net);

        ProbeRun first = r.probes().get(0);
        assertThat(first).isEqualTo(new ProbeRun(S2, Outcome.SURVIVED, Duration.ZERO, Duration.ofMillis(2_050)));
        ProbeRun fourth = r.probes().get(3);
        assertThat(fourth).isEqualTo(new ProbeRun(s(16), Outcome.LOST, Duration.ofMillis(14_150), Duration.ofMillis(16_050)));
    }

    @Test
    void lowerBoundAlreadyLost() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(1_500));

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), net);

        assertThat(r.ending()).isEqualTo(Ending.SHORTER_THAN_LOWER);
        assertThat(r.longestSurvived()).isEmpty();
        assertThat(r.shortestLost()).contains(S2);
        assertThat(r.lossConfirmed()).isTrue();
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
        assertThat(net.asked).containsExactly(S2, s(4), s(8), s(16), s(32), S60);
        assertThat(r.interval()).isEqualTo("at least 60 s");
    }

    @Test
    void deadlineDuringTheSearchKeepsAnUnconfirmedLossAndSaysSo() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        // 2.05 + 4.05 + 8.05 + 16.05 s spent: the 12 s probe (14 s with its grace) does not fit in the 9.8 s left
        Result r = measure(Settings.of(S2, S60, S1, Duration.ofSeconds(40)), net);

        assertThat(r.cutShort()).isTrue();
        assertThat(r.ending()).isEqualTo(Ending.DEADLINE);
        assertThat(net.asked).containsExactly(S2, s(4), s(8), s(16));
        assertThat(r.longestSurvived()).contains(s(8));
        assertThat(r.shortestLost()).contains(s(16));
        assertThat(r.lossConfirmed()).isFalse();
        assertThat(r.interval()).isEqualTo("between 8 s and 16 s (16 s was lost once, not confirmed; the deadline of 40 s"
                + " cut the measurement short)");
    }

    @Test
    void deadlineBeforeTheConfirmationKeepsTheIntervalSoFar() throws IOException {
        FakeNetwork net = new FakeNetwork(Duration.ofMillis(12_300));

        // 69.35 s spent after 2, 4, 8, 16, 12, 14, 13: confirming 13 s (15 s) does not fit in the 10.65 s left
        Result r = measure(Settings.of(S2, S60, S1, Duration.ofSeconds(80)), net);

        assertThat(r.cutShort()).isTrue();
        assertThat(net.asked).containsExactly(S2, s(4), s(8), s(16), s(12), s(14), s(13));
        assertThat(r.interval()).isEqualTo("between 12 s and 13 s (13 s was lost once, not confirmed; the deadline of 80 s"
                + " cut the measurement short)");
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
    void aRandomLossInsideTheIntervalIsRefutedWhenTheBoundaryIsConfirmed() throws IOException {
        // probe 4 is the 12 s halving, which the 12.3 s mapping survives: drop it
        FakeNetwork lossy = new FakeNetwork(Duration.ofMillis(12_300)).dropping(4);

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), lossy);

        // 12 s looks lost, 10 and 11 s survive; confirming 12 s finds it alive, and the search goes on to 16 s
        assertThat(lossy.asked).containsExactly(S2, s(4), s(8), s(16), s(12), s(10), s(11), s(12), s(14), s(13), s(13));
        assertThat(r.probes().get(4).outcome()).isEqualTo(Outcome.LOST);
        assertThat(r.probes().get(7).outcome()).isEqualTo(Outcome.SURVIVED);
        assertThat(r.ending()).isEqualTo(Ending.RESOLVED);
        assertThat(r.interval()).isEqualTo("between 12 s and 13 s");
    }

    @Test
    void aRandomLossWhileDoublingIsRefutedAndTheDoublingGoesOn() throws IOException {
        FakeNetwork lossy = new FakeNetwork(Duration.ofMillis(12_300)).dropping(2);

        Result r = measure(Settings.of(S2, S60, S1, Duration.ofMinutes(20)), lossy);

        assertThat(lossy.asked).containsExactly(S2, s(4), s(8), s(6), s(7), s(8), s(16), s(12), s(14), s(13), s(13));
        assertThat(r.interval()).isEqualTo("between 12 s and 13 s");
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
        assertThat(asked).containsExactly(S2, s(4), s(4));
        assertThat(r.longestSurvived()).contains(S2);
        assertThat(r.shortestLost()).isEmpty();
        assertThat(r.interval()).isEqualTo("at least 2 s (a probe of 4 s stayed inconclusive)");
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
                Optional.of(Duration.ofMillis(450)), true, List.of()).interval()).isEqualTo("between 400 ms and 450 ms");
    }
}
