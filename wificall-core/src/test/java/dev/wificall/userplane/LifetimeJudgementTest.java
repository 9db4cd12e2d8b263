package dev.wificall.userplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.userplane.MappingLifetime.Ending;
import dev.wificall.userplane.MappingLifetime.Result;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneResult.Step;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LifetimeJudgementTest {

    private static final String WHERE = "10.77.9.2:4500";
    private static final UserPlaneSettings.Lifetime BOUNDS = lifetime(60, Optional.of(Duration.ofSeconds(2)));

    private static UserPlaneSettings.Lifetime lifetime(long upper, Optional<Duration> keepAlive) {
        return new UserPlaneSettings.Lifetime(new InetSocketAddress("10.46.0.20", 7777), new byte[32], Duration.ofSeconds(2),
                Duration.ofSeconds(upper), Duration.ofSeconds(1), Duration.ofSeconds(120), keepAlive);
    }

    private static Result result(UserPlaneSettings.Lifetime l, Ending ending, Long survived, Long lost, boolean confirmed) {
        MappingLifetime.Settings s = MappingLifetime.Settings.of(l.lower(), l.upper(), l.step(), l.budget());
        return new Result(s, ending, Optional.ofNullable(survived).map(Duration::ofSeconds),
                Optional.ofNullable(lost).map(Duration::ofSeconds), confirmed, List.of());
    }

    private static Step judge(UserPlaneSettings.Lifetime l, Result r, Duration checkIdle, Optional<Boolean> held) {
        return LifetimeJudgement.step(r, l, WHERE, checkIdle, held, Duration.ofSeconds(30));
    }

    @Test
    void aLifetimeShorterThanAndroidsKeepAliveFailsAndSaysWhatToChange() {
        Step s = judge(BOUNDS, result(BOUNDS, Ending.RESOLVED, 4L, 5L, true), Duration.ofSeconds(20), Optional.of(true));

        assertThat(s.status()).isEqualTo(Status.FAILED);
        assertThat(s.sentence()).startsWith("the network forgets the UDP/4500 path from here to 10.77.9.2:4500 after between"
                        + " 4 s and 5 s of silence (0 requests to the reflector 10.46.0.20:7777): Android phones send"
                        + " NAT-keepalives only every 20 s")
                .contains("raise the UDP idle timeout for port 4500 on the NAT or firewall above 20 s")
                .endsWith("; with NAT-keepalives every 2 s the packet after 20 s arrived");
    }

    @Test
    void aPathThatSurvivesTheUpperBoundPasses() {
        Step s = judge(BOUNDS, result(BOUNDS, Ending.AT_LEAST_UPPER, 60L, null, false), null, Optional.empty());

        assertThat(s.status()).isEqualTo(Status.PASSED);
        assertThat(s.sentence()).isEqualTo("the UDP/4500 path from here to 10.77.9.2:4500 stays open for at least 60 s of"
                + " silence, longer than Android's NAT-keepalive interval (20 s)");
    }

    @Test
    void aLifetimeBetween20And30sPasses() {
        Step s = judge(BOUNDS, result(BOUNDS, Ending.RESOLVED, 29L, 30L, true), Duration.ofSeconds(60), Optional.of(true));

        assertThat(s.status()).isEqualTo(Status.PASSED);
        assertThat(s.sentence()).contains("after between 29 s and 30 s of silence").contains("phones keep the path open")
                .endsWith("the packet after 60 s arrived");
    }

    @Test
    void boundsBelow20sThatAllSurviveOnlyWarn() {
        UserPlaneSettings.Lifetime low = lifetime(4, Optional.empty());

        Step s = judge(low, result(low, Ending.AT_LEAST_UPPER, 4L, null, false), null, Optional.empty());

        assertThat(s.status()).isEqualTo(Status.WARNING);
        assertThat(s.sentence()).contains("stays open for at least 4 s of silence, but the bounds (2 s to 4 s) stop below"
                + " Android's NAT-keepalive interval (20 s)").endsWith("set the upper bound to 20 s or more");
    }

    @Test
    void aMeasurementCutShortBelow20sIsNoPass() {
        Step survivedOnly = judge(BOUNDS, result(BOUNDS, Ending.DEADLINE, 8L, null, false), null, Optional.empty());
        Step straddling = judge(BOUNDS, result(BOUNDS, Ending.DEADLINE, 16L, 32L, false), Duration.ofSeconds(60),
                Optional.empty());

        assertThat(survivedOnly.status()).isEqualTo(Status.FAILED);
        assertThat(survivedOnly.sentence()).contains("at least 8 s (the deadline of 120 s cut the measurement short)")
                .endsWith("does not show that it outlives Android's NAT-keepalive interval (20 s); raise the lifetime budget");
        assertThat(straddling.status()).isEqualTo(Status.FAILED);
        assertThat(straddling.sentence()).contains("between 16 s and 32 s (32 s was lost once, not confirmed;")
                .contains("it may be shorter than Android's NAT-keepalive interval (20 s)")
                .endsWith("; the keep-alive check (60 s) did not fit in the budget of 120 s");
    }

    @Test
    void keepAlivesThatDoNotHoldThePathAreNamed() {
        Step s = judge(BOUNDS, result(BOUNDS, Ending.RESOLVED, 4L, 5L, true), Duration.ofSeconds(20), Optional.of(false));

        assertThat(s.sentence()).endsWith("; even with NAT-keepalives every 2 s the packet after 20 s was lost");
    }

    @Test
    void nothingMeasuredAsksAboutTheReflector() {
        Step s = judge(BOUNDS, result(BOUNDS, Ending.INCONCLUSIVE, null, null, false), null, Optional.empty());

        assertThat(s.status()).isEqualTo(Status.FAILED);
        assertThat(s.sentence()).startsWith("the mapping lifetime of the UDP/4500 path from here to 10.77.9.2:4500 could not"
                + " be measured").endsWith("is the reflector 10.46.0.20:7777 running behind the ePDG with this key?");
    }
}
