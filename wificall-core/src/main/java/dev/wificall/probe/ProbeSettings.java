package dev.wificall.probe;

import java.time.Duration;

/**
 * Retransmission policy of the IKE_SA_INIT probe: the first retransmission after
 * {@code initialWait}, each further wait doubled, no request sent after {@code deadline}.
 * The defaults (400 ms, 2.4 s) send three requests, at 0, 0.4 and 1.2 s, and call a port
 * silent 2.4 s after the first.
 */
public record ProbeSettings(Duration initialWait, Duration deadline) {
    public static final ProbeSettings DEFAULTS = new ProbeSettings(Duration.ofMillis(400), Duration.ofMillis(2400));

    public ProbeSettings {
        if (initialWait == null || initialWait.isNegative() || initialWait.isZero()) {
            throw new IllegalArgumentException("retransmission wait " + initialWait + " must be positive, e.g. 400 ms");
        }
        if (deadline == null || deadline.compareTo(initialWait) < 0) {
            throw new IllegalArgumentException("probe deadline " + deadline + " must be at least the retransmission wait "
                    + initialWait + ", e.g. 2400 ms");
        }
    }
}
