package dev.wificall.userplane;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * How long the NATs and firewalls on a path keep a UDP mapping without traffic: a probe asks a far-side
 * peer to answer after an idle time (its request refreshes the mapping at time 0) and says whether the
 * answer came back. A probe costs its idle time, so the search starts short and doubles from the lower
 * bound (2, 4, 8, ... s, capped at the upper bound) until an answer is lost; then the interval between
 * the longest idle that survived and the shortest that was lost is halved until it is no wider than the
 * step, or until the deadline cannot pay for the next probe. A path that forgets after 4 s is measured
 * in about 40 s; one that keeps the mapping longer than the upper bound costs the sum of the doublings.
 *
 * <p>A lost answer may be a lost packet rather than an expired mapping. During the search one loss is
 * taken as provisional; at the end the boundary's loss is probed again ({@link Settings#lossRetries()}
 * times) before it is believed, and an answer then moves the search on above it. One answer that came
 * back is proof. The probe owns the waiting, so a test drives this with a fake probe and a fake clock
 * and sleeps not at all.
 */
public final class MappingLifetime {

    /** What one probe saw. */
    public enum Outcome {
        /** The answer came back: the mapping lasted at least the idle time. */
        SURVIVED,
        /** No answer by the probe's deadline. */
        LOST,
        /** The probe ran but cannot tell (e.g. its socket was flooded by other packets). */
        INCONCLUSIVE
    }

    /** One probe: leave the mapping idle for {@code idle}, then say whether it still stood. */
    @FunctionalInterface
    public interface Probe {
        Outcome probe(Duration idle) throws IOException;
    }

    /**
     * The bounds and the step of the search, the whole measurement's deadline, the time a probe needs
     * beyond its idle time (the answer's way back, a margin: what a probe costs is {@code idle + grace},
     * paid from the deadline before it starts), and how often a LOST is probed again before it is believed.
     */
    public record Settings(Duration lower, Duration upper, Duration step, Duration deadline, Duration grace, int lossRetries) {

        public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
        public static final int DEFAULT_LOSS_RETRIES = 1;

        public Settings {
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(grace, "grace");
            if (lower.isNegative() || lower.isZero()) {
                throw new IllegalArgumentException("the lower bound must be above zero, got " + text(lower));
            }
            if (upper.compareTo(lower) <= 0) {
                throw new IllegalArgumentException("the upper bound " + text(upper) + " must be above the lower bound "
                        + text(lower));
            }
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("the step must be above zero, got " + text(step));
            }
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("the deadline must be above zero, got " + text(deadline));
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("the grace period must not be negative, got " + text(grace));
            }
            if (lossRetries < 0 || lossRetries > 10) {
                throw new IllegalArgumentException("loss retries are 0 to 10, got " + lossRetries);
            }
        }

        /** With a grace of 2 s and one retry of a LOST. */
        public static Settings of(Duration lower, Duration upper, Duration step, Duration deadline) {
            return new Settings(lower, upper, step, deadline, DEFAULT_GRACE, DEFAULT_LOSS_RETRIES);
        }

        public Settings withGrace(Duration grace) {
            return new Settings(lower, upper, step, deadline, grace, lossRetries);
        }

        public Settings withLossRetries(int lossRetries) {
            return new Settings(lower, upper, step, deadline, grace, lossRetries);
        }
    }

    /** One probe that ran: its idle time, what it saw, when it started (from the measurement's start) and how long it took. */
    public record ProbeRun(Duration idle, Outcome outcome, Duration startedAt, Duration took) {
        public ProbeRun {
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(took, "took");
        }
    }

    /** Why the measurement ended. */
    public enum Ending {
        /** The lower bound was lost (and lost again on every retry): the lifetime is shorter. */
        SHORTER_THAN_LOWER,
        /** The upper bound survived: the lifetime is at least that long. */
        AT_LEAST_UPPER,
        /** The interval between survived and lost is no wider than the step. */
        RESOLVED,
        /** The deadline could not pay for the next probe. */
        DEADLINE,
        /** A probe point stayed inconclusive on every retry. */
        INCONCLUSIVE
    }

    /**
     * What was found: the longest idle time that survived and the shortest that was lost (each empty when
     * none was), whether that loss was confirmed by a second probe (only a measurement the deadline cut
     * short can end on an unconfirmed one), every probe that ran, and why it ended.
     */
    public record Result(Settings settings, Ending ending, Optional<Duration> longestSurvived, Optional<Duration> shortestLost,
            boolean lossConfirmed, List<ProbeRun> probes) {

        public Result {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(ending, "ending");
            Objects.requireNonNull(longestSurvived, "longestSurvived");
            Objects.requireNonNull(shortestLost, "shortestLost");
            probes = List.copyOf(probes);
        }

        /** Whether the deadline ended the measurement before it resolved. */
        public boolean cutShort() {
            return ending == Ending.DEADLINE;
        }

        public int probeCount() {
            return probes.size();
        }

        /**
         * The interval the lifetime lies in, as a phrase: "between 12 s and 12.5 s", "shorter than 2 s",
         * "at least 60 s"; a measurement that did not resolve says why.
         */
        public String interval() {
            String known;
            if (longestSurvived.isPresent() && shortestLost.isPresent()) {
                known = "between " + text(longestSurvived.get()) + " and " + text(shortestLost.get());
            } else if (shortestLost.isPresent()) {
                known = "shorter than " + text(shortestLost.get());
            } else if (longestSurvived.isPresent()) {
                known = "at least " + text(longestSurvived.get());
            } else {
                known = "unknown";
            }
            return switch (ending) {
                case SHORTER_THAN_LOWER, AT_LEAST_UPPER, RESOLVED -> known;
                case DEADLINE -> known + " (" + shortestLost.filter(d -> !lossConfirmed && settings.lossRetries() > 0)
                    .map(d -> text(d) + " was lost once, not confirmed; ").orElse("") + "the deadline of "
                    + text(settings.deadline()) + " cut the measurement short)";
                case INCONCLUSIVE -> known + (probes.isEmpty() ? " (a probe stayed inconclusive)"
                        : " (a probe of " + text(probes.get(probes.size() - 1).idle()) + " stayed inconclusive)");
            };
        }
    }

    private MappingLifetime() {
    }

    /** Measures with the system's monotonic clock. */
    public static Result measure(Settings settings, Probe probe) throws IOException {
        return measure(settings, probe, System::nanoTime);
    }

    /** Measures with {@code nanoTime} as the clock (a {@link System#nanoTime()}-like source; tests pass a fake one). */
    public static Result measure(Settings settings, Probe probe, LongSupplier nanoTime) throws IOException {
        return new Run(settings, probe, nanoTime).run();
    }

    /** One measurement's state. */
    private static final class Run {
        private final Settings s;
        private final Probe probe;
        private final LongSupplier clock;
        private final long start;
        private final List<ProbeRun> runs = new ArrayList<>();

        Run(Settings s, Probe probe, LongSupplier clock) {
            this.s = Objects.requireNonNull(s, "settings");
            this.probe = Objects.requireNonNull(probe, "probe");
            this.clock = Objects.requireNonNull(clock, "nanoTime");
            this.start = clock.getAsLong();
        }

        Result run() throws IOException {
            Outcome low = confirmed(s.lower(), null, 1 + s.lossRetries());
            if (low == null) {
                return result(Ending.DEADLINE, null, null, false);
            }
            if (low == Outcome.INCONCLUSIVE) {
                return result(Ending.INCONCLUSIVE, null, null, false);
            }
            if (low == Outcome.LOST) {
                return result(Ending.SHORTER_THAN_LOWER, null, s.lower(), true);
            }
            Duration lo = s.lower();
            // provisional losses, each seen once; an answer at a longer idle time refutes those below it
            TreeSet<Duration> lost = new TreeSet<>();
            while (true) {
                Duration hi = lost.isEmpty() ? null : lost.first();
                if (hi == null && lo.compareTo(s.upper()) >= 0) {
                    return result(Ending.AT_LEAST_UPPER, lo, null, false);
                }
                if (hi != null && hi.minus(lo).compareTo(s.step()) <= 0) {
                    Outcome o = confirmed(hi, Outcome.LOST, s.lossRetries());
                    if (o == null) {
                        return result(Ending.DEADLINE, lo, hi, false);
                    }
                    if (o == Outcome.INCONCLUSIVE) {
                        return result(Ending.INCONCLUSIVE, lo, hi, false);
                    }
                    if (o == Outcome.LOST) {
                        return result(Ending.RESOLVED, lo, hi, true);
                    }
                    lo = hi;
                    lost.headSet(hi, true).clear();
                    continue;
                }
                Duration next = hi == null ? min(lo.multipliedBy(2), s.upper()) : midpoint(lo, hi);
                Outcome o = confirmed(next, Outcome.INCONCLUSIVE, 1 + s.lossRetries());
                if (o == null) {
                    return result(Ending.DEADLINE, lo, hi, false);
                }
                if (o == Outcome.INCONCLUSIVE) {
                    return result(Ending.INCONCLUSIVE, lo, hi, false);
                }
                if (o == Outcome.SURVIVED) {
                    lo = next;
                    lost.headSet(next, true).clear();
                } else {
                    lost.add(next);
                }
            }
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }

        /** Halfway, in whole milliseconds, strictly inside (lo, hi) whenever they are 2 ms or more apart. */
        private static Duration midpoint(Duration lo, Duration hi) {
            long a = lo.toMillis();
            long b = hi.toMillis();
            if (b - a >= 2) {
                return Duration.ofMillis(a + (b - a) / 2);
            }
            return lo.plus(hi.minus(lo).dividedBy(2));
        }

        /**
         * The verdict on one idle time from up to {@code attempts} probes: SURVIVED as soon as one survives;
         * a probe that saw something other than {@code retryOn} (null: retry both LOST and INCONCLUSIVE)
         * ends the series. Then LOST (also after no probe at all), or INCONCLUSIVE when one was; null when
         * the deadline cannot pay for a probe still needed.
         */
        private Outcome confirmed(Duration idle, Outcome retryOn, int attempts) throws IOException {
            boolean inconclusive = false;
            for (int attempt = 0; attempt < attempts; attempt++) {
                long now = clock.getAsLong();
                Duration remaining = s.deadline().minusNanos(now - start);
                if (idle.plus(s.grace()).compareTo(remaining) > 0) {
                    return null;
                }
                Outcome o = Objects.requireNonNull(probe.probe(idle), "the probe returned no outcome");
                long end = clock.getAsLong();
                runs.add(new ProbeRun(idle, o, Duration.ofNanos(now - start), Duration.ofNanos(end - now)));
                if (o == Outcome.SURVIVED) {
                    return o;
                }
                inconclusive |= o == Outcome.INCONCLUSIVE;
                if (retryOn != null && o != retryOn) {
                    break;
                }
            }
            return inconclusive ? Outcome.INCONCLUSIVE : Outcome.LOST;
        }

        private Result result(Ending ending, Duration survived, Duration lost, boolean confirmed) {
            return new Result(s, ending, Optional.ofNullable(survived), Optional.ofNullable(lost), confirmed, runs);
        }
    }

    /** "400 ms", "12 s", "12.5 s". */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (Math.abs(ms) < 1000) {
            return ms + " ms";
        }
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
