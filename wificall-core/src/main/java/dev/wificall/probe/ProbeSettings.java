package dev.wificall.probe;

import dev.wificall.ike.IkeProposals;
import java.time.Duration;
import java.util.Objects;

/**
 * How the probe engine sends IKE_SA_INIT.
 *
 * <p>Per target: the first retransmission after {@code initialWait}, each further wait doubled and
 * varied by {@code jitter}, no request sent at or after {@code deadline} from the first one. The
 * defaults (200 ms, 2.4 s) send requests at 0, 0.2, 0.6 and 1.4 s and call a port silent 2.4 s after the
 * first. With {@code broadRecheck}, a second request offering {@link IkeProposals#BROAD} goes out with
 * every retransmission, so an ePDG that ignores the configured proposals is told apart from a
 * dropping firewall within the same deadline.
 *
 * @param initialWait     wait before the first retransmission
 * @param deadline        per target, from its first request to a "no answer" verdict
 * @param jitter          each retransmission wait varies by up to this share either way (0 to 0.5)
 * @param globalDeadline  a whole {@link ProbeEngine#probeAll} call ends by then; targets not started
 *                        are reported NOT_SENT
 * @param packetsPerSecond cap on datagrams sent per second by one engine, 0 for none
 * @param maxInFlight     targets probed at once (each holds a socket); the rest wait in order
 * @param proposals       what the first request offers (the phone's by default)
 * @param broadRecheck    whether silence is re-checked with {@link IkeProposals#BROAD}
 * @param source          source address or interface and source port policy
 */
public record ProbeSettings(Duration initialWait, Duration deadline, double jitter, Duration globalDeadline,
                            int packetsPerSecond, int maxInFlight, IkeProposals proposals, boolean broadRecheck,
                            SourceBinding source) {
    public static final double DEFAULT_JITTER = 0.1;
    public static final Duration DEFAULT_GLOBAL_DEADLINE = Duration.ofSeconds(60);
    /** Polite towards firewalls and ePDGs; a few operators' addresses take well under a second. */
    public static final int DEFAULT_PACKETS_PER_SECOND = 200;
    public static final int DEFAULT_MAX_IN_FLIGHT = 512;
    /** Sockets are file descriptors; beyond this a host's open-file limit is the next wall. */
    static final int MAX_IN_FLIGHT_LIMIT = 8192;

    /**
     * 200 ms, 2.4 s: requests at 0, 0.2, 0.6 and 1.4 s. With 30 % loss each way a request and its
     * answer get through with 0.49, so a live port is missed with 0.51^n: 4 requests plus the broad
     * re-checks miss under 1 % (measured 0.8 % of 250 lab hosts; 400 ms and 3 requests missed 3.2 %,
     * see BENCHMARKS.md), for two more packets to a silent port; a blocked verdict still comes at 2.4 s.
     */
    public static final ProbeSettings DEFAULTS = new ProbeSettings(Duration.ofMillis(200), Duration.ofMillis(2400));

    public ProbeSettings {
        if (initialWait == null || initialWait.isNegative() || initialWait.isZero()) {
            throw new IllegalArgumentException("retransmission wait " + initialWait + " must be positive, e.g. 200 ms");
        }
        if (deadline == null || deadline.compareTo(initialWait) < 0) {
            throw new IllegalArgumentException("probe deadline " + deadline + " must be at least the retransmission wait "
                    + initialWait + ", e.g. 2400 ms");
        }
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("retransmission jitter " + jitter + " must be between 0 and 0.5 (a share of"
                    + " each wait, e.g. 0.1 for ±10 %)");
        }
        if (globalDeadline == null || globalDeadline.compareTo(deadline) < 0) {
            throw new IllegalArgumentException("global deadline " + globalDeadline + " must be at least the probe deadline "
                    + deadline + ", e.g. " + DEFAULT_GLOBAL_DEADLINE.toSeconds() + " s");
        }
        if (packetsPerSecond < 0) {
            throw new IllegalArgumentException("packet rate " + packetsPerSecond + "/s must be 0 (no cap) or positive, e.g. "
                    + DEFAULT_PACKETS_PER_SECOND);
        }
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("probes in flight " + maxInFlight + " must be between 1 and "
                    + MAX_IN_FLIGHT_LIMIT + ", e.g. " + DEFAULT_MAX_IN_FLIGHT);
        }
        Objects.requireNonNull(proposals, "proposals");
        Objects.requireNonNull(source, "source");
    }

    /** The retransmission policy with every other knob at its default. */
    public ProbeSettings(Duration initialWait, Duration deadline) {
        this(initialWait, deadline, DEFAULT_JITTER, globalFor(deadline), DEFAULT_PACKETS_PER_SECOND,
                DEFAULT_MAX_IN_FLIGHT, IkeProposals.PHONE, true, SourceBinding.ANY);
    }

    // leaves a bad deadline for the canonical constructor to report
    private static Duration globalFor(Duration deadline) {
        return deadline != null && deadline.compareTo(DEFAULT_GLOBAL_DEADLINE) > 0 ? deadline : DEFAULT_GLOBAL_DEADLINE;
    }

    public ProbeSettings withJitter(double share) {
        return new ProbeSettings(initialWait, deadline, share, globalDeadline, packetsPerSecond, maxInFlight, proposals,
                broadRecheck, source);
    }

    public ProbeSettings withGlobalDeadline(Duration d) {
        return new ProbeSettings(initialWait, deadline, jitter, d, packetsPerSecond, maxInFlight, proposals, broadRecheck,
                source);
    }

    /** @param perSecond 0 for no cap */
    public ProbeSettings withPacketsPerSecond(int perSecond) {
        return new ProbeSettings(initialWait, deadline, jitter, globalDeadline, perSecond, maxInFlight, proposals,
                broadRecheck, source);
    }

    public ProbeSettings withMaxInFlight(int n) {
        return new ProbeSettings(initialWait, deadline, jitter, globalDeadline, packetsPerSecond, n, proposals, broadRecheck,
                source);
    }

    /** e.g. {@code withProposals(IkeProposals.parse("aes256-sha256-modp1024"))} to ask for group 2 only. */
    public ProbeSettings withProposals(IkeProposals p) {
        return new ProbeSettings(initialWait, deadline, jitter, globalDeadline, packetsPerSecond, maxInFlight, p,
                broadRecheck, source);
    }

    public ProbeSettings withBroadRecheck(boolean on) {
        return new ProbeSettings(initialWait, deadline, jitter, globalDeadline, packetsPerSecond, maxInFlight, proposals,
                on, source);
    }

    public ProbeSettings withSource(SourceBinding s) {
        return new ProbeSettings(initialWait, deadline, jitter, globalDeadline, packetsPerSecond, maxInFlight, proposals,
                broadRecheck, s);
    }
}
