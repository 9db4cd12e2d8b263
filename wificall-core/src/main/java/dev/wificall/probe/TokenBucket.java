package dev.wificall.probe;

/**
 * The global packet rate cap, as a generic cell rate algorithm: a burst of {@code burst} packets,
 * then one per interval. Times are System.nanoTime() values passed in, so tests drive it with
 * made-up clocks. Used by the engine thread only.
 */
final class TokenBucket {
    private final long interval;
    private final long tolerance;
    private boolean used;
    /** When the bucket would be empty again if nothing more were sent ("theoretical arrival time"). */
    private long theoretical;

    /** @param perSecond 0 for no cap; the burst is a twentieth of a second's worth, at least 1 */
    TokenBucket(int perSecond) {
        this(perSecond, Math.max(1, perSecond / 20));
    }

    TokenBucket(int perSecond, int burst) {
        interval = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
        tolerance = (long) (Math.max(1, burst) - 1) * interval;
    }

    /** Takes a token if one is there at {@code now}. */
    boolean tryTake(long now) {
        if (interval == 0) {
            return true;
        }
        long t = !used || theoretical - now < 0 ? now : theoretical;
        if (t - tolerance - now > 0) {
            return false;
        }
        used = true;
        theoretical = t + interval;
        return true;
    }

    /** The earliest time, not before {@code now}, at which {@link #tryTake} succeeds. */
    long nextAt(long now) {
        if (interval == 0 || !used) {
            return now;
        }
        long at = theoretical - tolerance;
        return at - now > 0 ? at : now;
    }
}
