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
import org.junit.jupiter.api.Test;
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

    /**
     * An ePDG whose IKE_AUTH answer never arrives whole (3 of its 8 fragments, again on every
     * retransmission): no answer, said as what came and what did not, at the exchange timeout.
     */
    @Test
    void fragmentsThatNeverCompleteAreNoAnswerNamedByWhatCame() throws IOException {
        EpdgSimulator sim = start(Behaviour.incompleteAuthFragments(3));

        AttachResult r = attach(sim);

        assertThat(r.outcome()).as(r.sentence()).isEqualTo(Outcome.NO_AUTH_ANSWER);
        assertThat(r.passed()).isFalse();
        assertThat(r.sentence()).startsWith("the ePDG " + FQDN + " at 127.0.0.1 sent 3 of the 8 IKE fragments (RFC 7383) of its"
                + " answer to IKE_AUTH request 1 on UDP/" + sim.port(IkePort.UDP_4500) + ", but fragments 4, 5, 6, 7 and 8 did not"
                + " come within 3 s (").contains("a phone cannot attach on part of a message");
        assertThat(r.delivery()).isEqualTo(AttachResult.Delivery.NONE);
        assertThat(r.elapsed()).isBetween(EXCHANGE, EXCHANGE.plusSeconds(1));
        // every retransmission got the same three fragments again, never the rest
        assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isGreaterThan(1);
        assertThat(sim.failures()).isEmpty();
    }

    /**
     * Noise flooding the socket before every answer (100 datagrams each time, after a non-ESP marker
     * on 4500): the attach sets it aside, gets as far as the answers allow, and keeps a bounded transcript.
     */
    @Test
    void aFloodDuringTheAttachIsSetAsideAndTheTranscriptStaysBounded() throws IOException {
        EpdgSimulator sim = start(Behaviour.flood(100, Behaviour.incompleteAuthFragments(7)));

        AttachResult r = attach(sim);

        assertThat(r.outcome()).as(r.sentence()).isEqualTo(Outcome.NO_AUTH_ANSWER);
        assertThat(r.sentence()).contains("sent 7 of the 8 IKE fragments").contains("but fragment 8 did not come within 3 s");
        // each exchange notes 8 packets that were not its answer and counts the rest
        assertThat(r.transcript()).hasSizeLessThan(60)
                .anyMatch(l -> l.endsWith("ignored 92 more packets like these"))
                .anyMatch(l -> l.contains("→ IKE_AUTH request 1"));
        assertThat(r.transcript().stream().filter(l -> l.contains("ignored a malformed packet"))).hasSizeGreaterThanOrEqualTo(16);
        assertThat(r.elapsed()).isLessThan(EXCHANGE.plusSeconds(2));
    }

    private EpdgSimulator start(Behaviour behaviour) throws IOException {
        EpdgSimulator sim = EpdgSimulator.builder().behaviour(behaviour).start();
        started.add(sim);
        return sim;
    }

    private static AttachResult attach(EpdgSimulator sim) throws IOException {
        AttachSettings settings = AttachSettings.DEFAULTS.withDeadline(Duration.ofSeconds(10), EXCHANGE)
                .withPortOffset(sim.port(IkePort.UDP_500) - 500);
        return new AttachProbe(settings).attach(FQDN, new Plmn("262", "01"), sim.address());
    }
}
