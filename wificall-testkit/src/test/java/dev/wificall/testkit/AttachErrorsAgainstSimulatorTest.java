package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.AttachProbe;
import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachResult.Outcome;
import dev.wificall.attach.AttachSettings;
import dev.wificall.discovery.Plmn;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.probe.IkePort;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The IKE_AUTH probe against an ePDG that refuses the attach in its first IKE_AUTH answer, as no lab
 * peer can: the 3GPP errors of TS 24.302 §8.1.2.2 and IKEv2's AUTHENTICATION_FAILED, each named with
 * its hint and reported at once, not after the exchange timeout.
 */
class AttachErrorsAgainstSimulatorTest {
    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final Duration EXCHANGE = Duration.ofSeconds(3);
    private final List<EpdgSimulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(EpdgSimulator::close);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9001  | USER_UNKNOWN                       | REJECTED   | the ePDG's HSS does not know this subscriber",
        "9000  | NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED | REJECTED   | the subscription does not allow Wi-Fi Calling (non-3GPP access to EPC)",
        "9002  | NO_APN_SUBSCRIPTION                | REJECTED   | the subscriber has no subscription for APN ims",
        "9003  | AUTHORIZATION_REJECTED             | REJECTED   | the operator rejected the authorization",
        "9006  | ILLEGAL_ME                         | REJECTED   | the device is barred (ILLEGAL_ME)",
        "10500 | NETWORK_FAILURE                    | REJECTED   | the ePDG reports a network failure behind it; retry later",
        "24    | AUTHENTICATION_FAILED              | REJECTED   | the ePDG refused IKE_AUTH before any EAP, so it has no "
                + "configuration for IDi 026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org with IDr ims (strongSwan "
                + "answers so when no connection's identities match; check the APN) or its AAA refused the identity outright",
    })
    void anErrorInTheFirstIkeAuthAnswerIsNamedWithItsHint(int type, String name, Outcome outcome, String hint)
            throws IOException {
        EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.authError(type)).start();
        started.add(sim);
        AttachSettings settings = AttachSettings.DEFAULTS.withDeadline(Duration.ofSeconds(10), EXCHANGE)
                .withPortOffset(sim.port(IkePort.UDP_500) - 500);

        AttachResult r = new AttachProbe(settings).attach(FQDN, new Plmn("262", "01"), sim.address());

        assertThat(r.outcome()).as(r.sentence()).isEqualTo(outcome);
        assertThat(r.passed()).isFalse();
        assertThat(r.errorNotifies()).containsExactly(name);
        assertThat(r.sentence()).startsWith("the ePDG " + FQDN + " at 127.0.0.1:" + sim.port(IkePort.UDP_4500)
                        + " refused the attach of ")
                .endsWith(" in its first IKE_AUTH answer with " + name + ": " + hint);
        assertThat(r.delivery()).isEqualTo(AttachResult.Delivery.WHOLE);
        assertThat(r.ikeProposal()).hasValue("aes256gcm16-prfsha256-ecp256");
        assertThat(r.certificate()).isEmpty();
        assertThat(r.eapMethod()).isEmpty();
        assertThat(r.transcript()).anyMatch(l -> l.contains("→ IKE_AUTH request 1 [IDi IDr CPRQ("))
                .anyMatch(l -> l.contains("← IKE_AUTH response 1 [N(" + name + ")]"))
                .noneMatch(l -> l.contains("integrity check failed"));
        // the refusal ends the attach: no waiting for the 3 s exchange timeout
        assertThat(r.elapsed()).isLessThan(Duration.ofMillis(1500));
        assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isBetween(1, 2);
        assertThat(sim.failures()).isEmpty();
    }
}
