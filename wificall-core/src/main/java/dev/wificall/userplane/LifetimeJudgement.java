package dev.wificall.userplane;

import static dev.wificall.userplane.UserPlaneProbe.ANDROID_KEEPALIVE;
import static dev.wificall.userplane.UserPlaneProbe.hostPort;
import static dev.wificall.userplane.UserPlaneProbe.seconds;

import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneResult.Step;
import java.time.Duration;
import java.util.Optional;

/**
 * The mapping lifetime's verdict: a pass only when the path survived Android's 20 s of silence (a
 * phone's keep-alive then holds it), a failure when it was lost at 20 s or less, and a failure too when
 * the measurement cannot tell (cut short below 20 s); a warning when the bounds the user chose stop
 * below 20 s and every probe survived.
 */
final class LifetimeJudgement {

    private LifetimeJudgement() {
    }

    static Step step(MappingLifetime.Result r, UserPlaneSettings.Lifetime l, String where, Duration checkIdle,
                     Optional<Boolean> held, Duration took) {
        String path = "the UDP/4500 path from here to " + where;
        String interval = r.interval();
        String keep = checkIdle == null ? "" : held.map(h -> h
                ? "; with NAT-keepalives every " + seconds(l.keepAliveCheck().get()) + " the packet after " + seconds(checkIdle)
                + " arrived"
                : "; even with NAT-keepalives every " + seconds(l.keepAliveCheck().get()) + " the packet after "
                + seconds(checkIdle) + " was lost")
                .orElse("; the keep-alive check (" + seconds(checkIdle) + ") did not fit in the budget of " + seconds(l.budget()));
        if (r.ending() == MappingLifetime.Ending.INCONCLUSIVE || r.longestSurvived().isEmpty() && r.shortestLost().isEmpty()) {
            return new Step(Check.MAPPING_LIFETIME, Status.FAILED, "the mapping lifetime of " + path
                    + " could not be measured: " + interval + "; is the reflector " + hostPort(l.reflector())
                    + " running behind the ePDG with this key?", took);
        }
        // a phone's keep-alive every 20 s holds the path only if 20 s of silence were survived
        boolean outlivesAndroid = r.longestSurvived().filter(d -> d.compareTo(ANDROID_KEEPALIVE) >= 0).isPresent();
        Optional<Duration> lost = r.shortestLost();
        if (lost.isEmpty()) {
            if (outlivesAndroid) {
                return new Step(Check.MAPPING_LIFETIME, Status.PASSED, path + " stays open for " + interval
                        + " of silence, longer than Android's NAT-keepalive interval (" + seconds(ANDROID_KEEPALIVE) + ")"
                        + keep, took);
            }
            if (r.ending() == MappingLifetime.Ending.AT_LEAST_UPPER) {
                return new Step(Check.MAPPING_LIFETIME, Status.WARNING, path + " stays open for " + interval
                        + " of silence, but the bounds (" + seconds(l.lower()) + " to " + seconds(l.upper())
                        + ") stop below Android's NAT-keepalive interval (" + seconds(ANDROID_KEEPALIVE)
                        + "), so this does not show that phones keep it open; set the upper bound to 20 s or more", took);
            }
            return new Step(Check.MAPPING_LIFETIME, Status.FAILED, path + " stays open for " + interval
                    + " of silence, which does not show that it outlives Android's NAT-keepalive interval ("
                    + seconds(ANDROID_KEEPALIVE) + "); raise the lifetime budget", took);
        }
        String measured = "the network forgets " + path + " after " + interval + " of silence (" + r.probeCount()
                + " requests to the reflector " + hostPort(l.reflector()) + ")";
        if (lost.get().compareTo(ANDROID_KEEPALIVE) <= 0) {
            return new Step(Check.MAPPING_LIFETIME, Status.FAILED, measured + ": Android phones send NAT-keepalives only every "
                    + seconds(ANDROID_KEEPALIVE) + " by default (the carrier's setting KEY_NATT_KEEP_ALIVE_TIMER_SEC_INT, "
                    + "10–120 s; the user cannot change it) and iOS offers no setting, so the ePDG's packets for an incoming "
                    + "call are dropped and calls go to voicemail; raise the UDP idle timeout for port 4500 on the NAT or "
                    + "firewall above " + seconds(ANDROID_KEEPALIVE) + " (30 s or more; on Linux conntrack "
                    + "nf_conntrack_udp_timeout and nf_conntrack_udp_timeout_stream)" + keep, took);
        }
        if (!outlivesAndroid) {
            return new Step(Check.MAPPING_LIFETIME, Status.FAILED, measured + ": it may be shorter than Android's "
                    + "NAT-keepalive interval (" + seconds(ANDROID_KEEPALIVE) + "); raise the lifetime budget or narrow the"
                    + " bounds around 20 s" + keep, took);
        }
        return new Step(Check.MAPPING_LIFETIME, Status.PASSED, measured + ", longer than Android's default "
                + "NAT-keepalive interval (" + seconds(ANDROID_KEEPALIVE) + "): phones keep the path open" + keep, took);
    }
}
