package dev.wificall.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneResult.Step;
import dev.wificall.verdict.OperatorVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The user plane on results built by hand: the accessors, the failure message's lines per tunnel and
 * check, and {@code hasWorkingUserPlane()} passing on a working tunnel and failing, with the sentence,
 * on a broken one, on a check that never asked for it and on one that never attached. No network.
 */
class UserPlaneAssertionsTest {

    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final String WORKING_SENTENCE = "the user plane through " + FQDN + " works: ESP both ways, the inner DNS"
            + " answered, P-CSCF 10.46.0.10 answered SIP OPTIONS over UDP and TCP";
    private static final String BROKEN_SENTENCE = "User plane failed: no P-CSCF answered SIP OPTIONS over TCP through the"
            + " tunnel to " + FQDN + "; open TCP/5060 from the inner address to the P-CSCF";

    private static final WifiCallingResult WORKING = result(true, plane(true, WORKING_SENTENCE, Status.PASSED));
    private static final WifiCallingResult BROKEN = result(false, plane(false, BROKEN_SENTENCE, Status.FAILED));
    private static final WifiCallingResult NOT_ASKED = new WifiCallingResult(AttachVerdicts.attached());
    private static final WifiCallingResult NOT_ATTACHED = new WifiCallingResult(AttachVerdicts.wrongK());

    @Test
    void accessors() {
        assertThat(WORKING.userPlanes()).hasSize(1);
        assertThat(WORKING.userPlane()).map(UserPlaneResult::passed).contains(true);
        assertThat(BROKEN.userPlane()).map(UserPlaneResult::sentence).contains(BROKEN_SENTENCE);
        assertThat(NOT_ASKED.userPlanes()).isEmpty();
        assertThat(NOT_ASKED.userPlane()).isEmpty();
    }

    @Test
    void theMessageHasAUserPlaneLineAndALinePerCheck() {
        assertThat(BROKEN.message()).startsWith(BROKEN_SENTENCE)
                .contains("\n  user plane through 198.51.100.7:4500 (" + FQDN + "): FAILED, " + BROKEN_SENTENCE
                        + "\n    PASSED ESP both ways (inner echo): 10.46.0.53 answered 3 echoes"
                        + "\n    PASSED inner DNS: 10.46.0.53 answered ims.mnc001.mcc262.3gppnetwork.org"
                        + "\n    PASSED SIP OPTIONS over UDP: 10.46.0.10 answered 200 OK"
                        + "\n    FAILED SIP OPTIONS over TCP: no answer"
                        + "\n    SKIPPED mapping lifetime: no reflector given");
        assertThat(Checks.transcript(BROKEN)).contains("\nuser plane through 198.51.100.7:4500 (" + FQDN + "): FAILED"
                + "\n  0 ms  → ESP 1 ICMP echo to 10.46.0.53");
    }

    @Test
    void passesOnAWorkingTunnel() {
        WifiCallingAssertions.assertThat(WORKING).isAttached().hasWorkingUserPlane();
    }

    @Test
    void failsOnABrokenTunnelWithTheSentenceAndTheChecks() {
        assertThatThrownBy(() -> WifiCallingAssertions.assertThat(BROKEN).hasWorkingUserPlane())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting Wi-Fi Calling to 262-01 ")
                .hasMessageContaining("to carry a phone's calls through the tunnel (the user plane: ESP both ways, inner"
                        + " DNS, SIP OPTIONS answered by a P-CSCF),\nbut 1 of 1 tunnels failed it:\n  user plane through"
                        + " 198.51.100.7:4500 (" + FQDN + "): FAILED, " + BROKEN_SENTENCE)
                .hasMessageContaining("\n      FAILED SIP OPTIONS over TCP: no answer")
                .hasMessageContaining("\nThe check said:\n  " + BROKEN_SENTENCE);
    }

    @Test
    void failsWhenTheUserPlaneWasNotAskedFor() {
        assertThatThrownBy(() -> WifiCallingAssertions.assertThat(NOT_ASKED).hasWorkingUserPlane())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but the user plane was not checked: ask for it with @EpdgTunnel, userPlane = true"
                        + " on @EpdgReachable, userPlane(true) on the builder, or the configuration parameter"
                        + " wificall.userPlane");
    }

    @Test
    void failsWhenNothingAttached() {
        assertThatThrownBy(() -> WifiCallingAssertions.assertThat(NOT_ATTACHED).hasWorkingUserPlane())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but no address attached, so no tunnel carried the user plane:\n  198.51.100.");
    }

    private static UserPlaneResult plane(boolean passed, String sentence, Status tcp) {
        List<Step> steps = List.of(
                new Step(Check.ESP_ECHO, Status.PASSED, "10.46.0.53 answered 3 echoes", Duration.ofMillis(30)),
                new Step(Check.INNER_DNS, Status.PASSED, "10.46.0.53 answered ims.mnc001.mcc262.3gppnetwork.org",
                        Duration.ofMillis(20)),
                new Step(Check.SIP_UDP, Status.PASSED, "10.46.0.10 answered 200 OK", Duration.ofMillis(15)),
                new Step(Check.SIP_TCP, tcp, tcp == Status.PASSED ? "10.46.0.10 answered 200 OK" : "no answer",
                        Duration.ofMillis(3000)),
                new Step(Check.MAPPING_LIFETIME, Status.SKIPPED, "no reflector given", Duration.ZERO));
        return new UserPlaneResult(FQDN, "198.51.100.7:4500", List.of("10.45.0.7"), "ENCR_AES_GCM_16 256", passed, sentence,
                steps, Optional.empty(), Optional.of(1400), 12, 11, 0, List.of("0 ms  → ESP 1 ICMP echo to 10.46.0.53"),
                Duration.ofSeconds(4));
    }

    private static WifiCallingResult result(boolean ready, UserPlaneResult plane) {
        OperatorVerdict a = AttachVerdicts.attached();
        return new WifiCallingResult(new OperatorVerdict(a.plmn(), a.fqdn(), a.dns(), a.probes(), ready,
                ready ? a.sentence() : plane.sentence(), a.elapsed(), a.discovery(), a.attaches(), List.of(plane)));
    }
}
