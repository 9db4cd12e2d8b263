package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.AttachProbe;
import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachResult.Outcome;
import dev.wificall.attach.AttachSettings;
import dev.wificall.discovery.Plmn;
import dev.wificall.eap.AkaChallengeResult;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.Imsi;
import dev.wificall.probe.IkePort;
import dev.wificall.sim.SimException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The IKE_AUTH probe against the embedded simulator, which answers IKE_SA_INIT (with cookies, group
 * changes, refusals) but here never IKE_AUTH: every way the attach stops early, each within its
 * deadline. Refusals in IKE_AUTH are in {@link AttachErrorsAgainstSimulatorTest}; the attach itself is
 * proven against strongSwan in it/AttachIT.
 */
class AttachAgainstSimulatorTest {
    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final Duration EXCHANGE = Duration.ofMillis(600);
    private final List<EpdgSimulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(EpdgSimulator::close);
    }

    private AttachResult attach(Behaviour behaviour) throws IOException {
        EpdgSimulator sim = EpdgSimulator.builder().behaviour(behaviour).start();
        started.add(sim);
        AttachSettings settings = AttachSettings.DEFAULTS.withDeadline(Duration.ofSeconds(3), EXCHANGE)
                .withPortOffset(sim.port(IkePort.UDP_500) - 500);
        return new AttachProbe(settings).attach(FQDN, new Plmn("262", "01"), sim.address());
    }

    @Test
    void noAnswerToIkeAuthIsReportedWithinTheExchangeTimeout() throws IOException {
        AttachResult r = attach(Behaviour.answer());
        assertThat(r.outcome()).as(r.sentence()).isEqualTo(Outcome.NO_AUTH_ANSWER);
        assertThat(r.passed()).isFalse();
        assertThat(r.delivery()).isEqualTo(AttachResult.Delivery.NONE);
        assertThat(r.ikeProposal()).hasValue("aes256gcm16-prfsha256-ecp256");
        assertThat(r.sentence()).contains("answered IKE_SA_INIT on UDP/").contains("but nothing came back to IKE_AUTH on UDP/")
                .contains("within 600 ms").contains("The ePDG supports IKE fragmentation, so dropped IP fragments are unlikely");
        assertThat(r.transcript()).anyMatch(l -> l.contains("→ IKE_AUTH request 1 [IDi IDr CPRQ(ADDR DNS ADDR6 DNS6 P-CSCF P-CSCF6) SA TSi TSr]"))
                .anyMatch(l -> l.contains("→ retransmission 1 of IKE_AUTH request 1"));
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void cookieAndGroupChangesAreFollowedBeforeIkeAuth() throws IOException {
        AttachResult cookie = attach(Behaviour.cookieFirst());
        assertThat(cookie.outcome()).as(cookie.sentence()).isEqualTo(Outcome.NO_AUTH_ANSWER);
        assertThat(cookie.transcript().stream().filter(l -> l.contains("→ IKE_SA_INIT request 0"))).hasSize(2);
        AttachResult group = attach(Behaviour.invalidKe(20));
        assertThat(group.outcome()).as(group.sentence()).isEqualTo(Outcome.NO_AUTH_ANSWER);
        assertThat(group.ikeProposal()).hasValueSatisfying(p -> assertThat(p).endsWith("ecp384"));
    }

    @Test
    void refusedOrSilentIkeSaInitStopsBeforeIkeAuth() throws IOException {
        AttachResult refused = attach(Behaviour.noProposalChosen());
        assertThat(refused.outcome()).isEqualTo(Outcome.SA_INIT_FAILED);
        assertThat(refused.sentence()).contains("refused IKE_SA_INIT with NO_PROPOSAL_CHOSEN for " + FQDN);
        AttachResult silent = attach(Behaviour.silence());
        assertThat(silent.outcome()).isEqualTo(Outcome.SA_INIT_FAILED);
        assertThat(silent.sentence()).contains("no answer from ").contains(" IKE_SA_INIT requests within 600 ms for " + FQDN);
        assertThat(silent.elapsed()).isBetween(EXCHANGE, Duration.ofMillis(1500));
    }

    @Test
    void aSimThatCannotGiveItsImsiStopsTheAttachBeforeAnyPacket() throws IOException {
        EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.answer()).start();
        started.add(sim);
        CredentialSource emptyReader = new CredentialSource() {
            @Override
            public Imsi imsi() {
                throw new SimException(SimException.Reason.NO_CARD, "R 00 00", "reader 'R 00 00' has no card in it");
            }

            @Override
            public AkaChallengeResult authenticate(byte[] rand, byte[] autn) {
                throw new AssertionError("no challenge without an identity");
            }
        };
        AttachSettings settings = AttachSettings.DEFAULTS.withDeadline(Duration.ofSeconds(3), EXCHANGE)
                .withPortOffset(sim.port(IkePort.UDP_500) - 500).withCredentials(emptyReader);

        AttachResult r = new AttachProbe(settings).attach(FQDN, new Plmn("262", "01"), sim.address());

        assertThat(r.outcome()).isEqualTo(Outcome.SIM_ERROR);
        assertThat(r.passed()).isFalse();
        assertThat(r.sentence()).isEqualTo("the attach at 127.0.0.1:" + sim.port(IkePort.UDP_500) + " (" + FQDN
                + ") did not start because the SIM could not be read: reader 'R 00 00' has no card in it");
        assertThat(sim.datagramsReceived(IkePort.UDP_500)).as("nothing sent to the ePDG").isZero();
    }
}
