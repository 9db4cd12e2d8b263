package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.probe.GroupRetry;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.Offer;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.probe.ProbeTarget;
import dev.wificall.verdict.CheckSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe engine against each behaviour of the simulator, on loopback: what the engine reports
 * (outcome, what the responder said, retries) is what a user would read about such an ePDG.
 */
class EngineAgainstSimulatorTest {

    /** Requests at 0, 0.1 and 0.3 s, silent at 0.6 s: a silent port costs 0.6 s. */
    private static final ProbeSettings FAST = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600));

    private final List<EpdgSimulator> started = new ArrayList<>();

    @AfterEach
    void closeAndCheck() {
        for (EpdgSimulator sim : started) {
            sim.close();
            assertThat(sim.failures()).as("exceptions in the simulator's behaviours").isEmpty();
        }
    }

    private EpdgSimulator start(EpdgSimulator.Builder builder) throws IOException {
        EpdgSimulator sim = builder.start();
        started.add(sim);
        return sim;
    }

    private EpdgSimulator start(Behaviour behaviour) throws IOException {
        return start(EpdgSimulator.builder().behaviour(behaviour));
    }

    private static ProbeTarget target(EpdgSimulator sim, IkePort port) {
        return new ProbeTarget(new InetSocketAddress(sim.address(), sim.port(port)), port);
    }

    private static PortResult probe(ProbeSettings settings, EpdgSimulator sim, IkePort port) {
        return new ProbeEngine(settings).probe(target(sim, port));
    }

    private static PortResult probe(EpdgSimulator sim, IkePort port) {
        return probe(FAST, sim, port);
    }

    // --- answer ---

    @ParameterizedTest
    @EnumSource(IkePort.class)
    void answerAcceptsTheFirstOfferedProposalItKnowsWithoutNat(IkePort port) throws IOException {
        EpdgSimulator sim = start(Behaviour.answer());
        PortResult r = probe(sim, port);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.answeredOffer()).isEqualTo(Offer.CONFIGURED);
        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.cookieRounds()).isZero();
        assertThat(r.groupRetries()).isEmpty();
        SaInitResponse response = r.response();
        assertThat(response.kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(response.selectedProposalText()).hasValue("aes256gcm16-prfsha256-ecp256");
        assertThat(response.keGroup()).hasValue(19);
        assertThat(response.fragmentationSupported()).isTrue();
        assertThat(response.natStatus(r.request()).none()).isTrue();
        assertThat(r.detail()).startsWith("IKE_SA_INIT response (").contains("aes256gcm16-prfsha256-ecp256")
                .endsWith("; no NAT");
        assertThat(sim.datagramsReceived(port)).isEqualTo(1);
    }

    /**
     * Every DH group the engine knows, each alone in the offer with a real KE of it: the simulator,
     * configured for that group only, accepts with a KE of the same group (issue 17's single-group checks).
     */
    @ParameterizedTest
    @EnumSource(dev.wificall.ike.DhGroup.class)
    void everyGroupAloneIsAnsweredWithAKeOfThatGroup(dev.wificall.ike.DhGroup group) throws IOException {
        String keyword = IkeProposals.keyword(group);
        IkeProposals only = IkeProposals.parse("aes256-sha256-" + keyword);
        EpdgSimulator sim = start(EpdgSimulator.builder().proposals("aes256-sha256-" + keyword));
        PortResult r = probe(FAST.withProposals(only).withBroadRecheck(false), sim, IkePort.UDP_500);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(r.response().keGroup()).hasValue(group.id());
        assertThat(r.response().message().payloads(KeyExchange.class).get(0).data()).hasSize(group.publicValueLength());
    }

    @Test
    void answerAsksForItsOwnGroupWhenTheKeIsForAnother() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder().proposals("aes256gcm16-prfsha256-ecp384"));
        PortResult r = probe(sim, IkePort.UDP_500);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.groupRetries()).containsExactly(new GroupRetry(20, true, true));
        assertThat(r.response().selectedProposalText()).hasValue("aes256gcm16-prfsha256-ecp384");
        assertThat(r.response().keGroup()).hasValue(20);
        assertThat(r.detail()).endsWith("; after INVALID_KE_PAYLOAD asked for DH group 20");
    }

    @Test
    void answerRefusesAnOfferItDoesNotAccept() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder().proposals("aes128-sha1-modp1024"));
        PortResult r = probe(sim, IkePort.UDP_4500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.NO_PROPOSAL_CHOSEN);
        assertThat(r.detail()).isEqualTo("NO_PROPOSAL_CHOSEN: reachable, but the responder rejected the phone proposal");
    }

    // --- cookie, groups, refusals ---

    @ParameterizedTest
    @EnumSource(IkePort.class)
    void cookieFirstIsAnsweredAfterOneCookieRound(IkePort port) throws IOException {
        EpdgSimulator sim = start(Behaviour.cookieFirst());
        PortResult r = probe(sim, port);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.cookieRounds()).isEqualTo(1);
        assertThat(r.requests()).isEqualTo(2);
        assertThat(r.request().cookie()).hasSize(33);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(r.detail()).endsWith("; after a COOKIE round");
    }

    @Test
    void invalidKeIsAnsweredAfterARetryWithThatGroup() throws IOException {
        EpdgSimulator sim = start(Behaviour.invalidKe(14));
        PortResult r = probe(sim, IkePort.UDP_500);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.groupRetries()).containsExactly(new GroupRetry(14, true, true));
        assertThat(r.request().group().id()).isEqualTo(14);
        assertThat(r.response().keGroup()).hasValue(14);
        assertThat(r.response().selectedProposalText()).hasValue("aes256gcm16-prfsha256-modp2048");
        assertThat(r.detail()).endsWith("; after INVALID_KE_PAYLOAD asked for DH group 14");
    }

    @Test
    void invalidKeForAGroupThePhoneDoesNotOfferEndsTheProbe() throws IOException {
        EpdgSimulator sim = start(Behaviour.invalidKe(2));
        PortResult r = probe(sim, IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.groupRetries()).containsExactly(new GroupRetry(2, false, false));
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.INVALID_KE);
        assertThat(r.detail()).startsWith("INVALID_KE_PAYLOAD: responder wants DH group 2, which the phone proposal does"
                + " not offer");
    }

    @Test
    void noProposalChosenIsReachableButRefused() throws IOException {
        EpdgSimulator sim = start(Behaviour.noProposalChosen());
        PortResult r = probe(sim, IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.NO_PROPOSAL_CHOSEN);
        assertThat(r.response().notifyNames()).containsExactly("NO_PROPOSAL_CHOSEN");
        assertThat(r.detail()).startsWith("NO_PROPOSAL_CHOSEN: reachable");
    }

    @ParameterizedTest
    @ValueSource(ints = {9000, 9001, 9003, 10500, 43})
    void errorNotifyIsAnAnswerNamedByItsNotify(int type) throws IOException {
        EpdgSimulator sim = start(Behaviour.errorNotify(type));
        PortResult r = probe(sim, IkePort.UDP_4500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.ERROR);
        String name = switch (type) {
            case 9000 -> "NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED";
            case 9001 -> "USER_UNKNOWN";
            case 9003 -> "AUTHORIZATION_REJECTED";
            case 10500 -> "NETWORK_FAILURE";
            default -> "TEMPORARY_FAILURE";
        };
        assertThat(r.response().notifyNames()).containsExactly(name);
        assertThat(r.detail()).isEqualTo(name);
    }

    // --- the path: silence, delay, loss ---

    @Test
    void silenceIsNoAnswerAfterEveryRetransmissionAndTheBroadRecheck() throws IOException {
        EpdgSimulator sim = start(Behaviour.silence());
        PortResult r = probe(sim, IkePort.UDP_4500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
        assertThat(r.requests()).isEqualTo(5);
        assertThat(r.broadRequests()).isEqualTo(2);
        assertThat(r.detail()).isEqualTo("no answer to 3 IKE_SA_INIT requests with the phone proposal nor to 2 with"
                + " the broad re-check in 0.6 s");
        assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isEqualTo(5);
        assertThat(sim.datagramsReceived(IkePort.UDP_500)).isZero();
    }

    @Test
    void delayWithinTheDeadlineIsAnsweredLate() throws IOException {
        EpdgSimulator sim = start(Behaviour.delay(Duration.ofMillis(250), Behaviour.answer()));
        PortResult r = probe(sim, IkePort.UDP_500);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.elapsed()).isBetween(Duration.ofMillis(250), Duration.ofMillis(600));
        // the engine retransmitted at 0.1 s while the first answer was on its way
        assertThat(r.requests()).isGreaterThan(1);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
    }

    /**
     * 100 datagrams of noise before each real answer (issue 16): the engine sets the noise aside, takes
     * the answer, and keeps its transcript to 64 entries and a count instead of growing with the flood.
     */
    @Test
    void aFloodOfNoiseBeforeTheAnswerIsSetAsideAndNotRecordedWhole() throws IOException {
        EpdgSimulator sim = start(Behaviour.flood(100, Behaviour.answer()));
        PortResult r = probe(sim, IkePort.UDP_500);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(1));
        assertThat(r.transcript().entries()).hasSizeLessThanOrEqualTo(65);
        assertThat(r.transcript().text()).contains("more entries not recorded (at most 64 per probe)");
        // the entry that decided is kept: the last one, the answer
        assertThat(r.transcript().entries().get(r.transcript().entries().size() - 1).kind())
                .isEqualTo(dev.wificall.probe.Transcript.Kind.RECEIVED);
    }

    /**
     * Answers that come from the other port (a request to "500" answered from "4500" and the other way
     * round): the probe's socket is connected to the port it sent to, as a phone's is, so the kernel
     * never hands them over; the port is not answered, whatever came from elsewhere (RFC 7296 §2.11).
     */
    @ParameterizedTest
    @EnumSource(IkePort.class)
    void anAnswerFromAnotherPortIsNoAnswer(IkePort port) throws IOException {
        EpdgSimulator sim = start(Behaviour.fromOtherPort(Behaviour.answer()));
        PortResult r = probe(sim, port);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.NO_ANSWER);
        assertThat(r.detail()).startsWith("no answer to 3 IKE_SA_INIT requests");
        assertThat(r.response()).isNull();
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(1));
        // the simulator did answer every request, from the wrong port; under load its thread may read the
        // last requests after the probe has ended, so wait (bounded) for it to catch up
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (sim.datagramsReceived(port) < r.requests() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(sim.datagramsReceived(port)).isEqualTo(r.requests());
    }

    @Test
    void delayBeyondTheDeadlineIsNoAnswer() throws IOException {
        EpdgSimulator sim = start(Behaviour.delay(Duration.ofSeconds(1), Behaviour.answer()));
        PortResult r = probe(sim, IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
        assertThat(r.detail()).startsWith("no answer to 3 IKE_SA_INIT requests");
    }

    @Test
    void dropHalfIsAnsweredByARetransmission() throws IOException {
        // a seed whose first draw drops the first request and whose second lets the retransmission through
        long seed = 0;
        while (!drawsDropThenPass(seed, 0.5)) {
            seed++;
        }
        EpdgSimulator sim = start(EpdgSimulator.builder().seed(seed).behaviour(Behaviour.drop(0.5, Behaviour.answer())));
        PortResult r = probe(sim, IkePort.UDP_500);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.requests()).isGreaterThanOrEqualTo(2);
        assertThat(r.answeredOffer()).isEqualTo(Offer.CONFIGURED);
        assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }

    private static boolean drawsDropThenPass(long seed, double share) {
        Random random = new Random(seed);
        return random.nextDouble() < share && random.nextDouble() >= share;
    }

    // --- misbehaving ePDGs ---

    @Test
    void staticKeSendsTheSameKeyExchangeAndNonceInEveryHandshake() throws IOException {
        EpdgSimulator sim = start(Behaviour.staticKe());
        PortResult first = probe(sim, IkePort.UDP_500);
        PortResult second = probe(sim, IkePort.UDP_4500);
        assertThat(first.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(second.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(ke(second)).isEqualTo(ke(first));
        assertThat(nonce(second)).isEqualTo(nonce(first));
        assertThat(second.response().message().responderSpi()).isNotEqualTo(first.response().message().responderSpi());

        // while answer() makes a fresh key pair and nonce for each
        sim.behave(IkePort.UDP_500, Behaviour.answer());
        PortResult third = probe(sim, IkePort.UDP_500);
        PortResult fourth = probe(sim, IkePort.UDP_500);
        assertThat(ke(fourth)).isNotEqualTo(ke(third)).isNotEqualTo(ke(first));
        assertThat(nonce(fourth)).isNotEqualTo(nonce(third));
    }

    private static byte[] ke(PortResult r) {
        return r.response().message().payloads(KeyExchange.class).get(0).data();
    }

    private static byte[] nonce(PortResult r) {
        return r.response().message().payloads(Nonce.class).get(0).data();
    }

    @ParameterizedTest
    @EnumSource(Malformation.class)
    void malformedAnswersAreReportedMalformedOnBothPorts(Malformation kind) throws IOException {
        EpdgSimulator sim = start(Behaviour.malformed(kind));
        ProbeSettings quick = new ProbeSettings(Duration.ofMillis(50), Duration.ofMillis(300));
        List<PortResult> results = new ProbeEngine(quick).probeAll(
                List.of(target(sim, IkePort.UDP_500), target(sim, IkePort.UDP_4500)));
        for (PortResult r : results) {
            assertThat(r.outcome()).as(r.port() + ": " + r.detail()).isEqualTo(PortOutcome.MALFORMED);
            assertThat(r.response()).isNull();
            assertThat(r.responseBytes()).isPositive();
            assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(1));
            String expected = expectedDetail(kind, r.port());
            if (expected != null) {
                assertThat(r.detail()).as(r.port().toString()).contains(expected);
            }
        }
    }

    /** What the engine says about each damage; null where the bytes decide (random ones, a shifted header). */
    private static String expectedDetail(Malformation kind, IkePort port) {
        return switch (kind) {
            case TRUNCATED -> "truncated";
            case BAD_LENGTH -> "bad message length at offset 24";
            case BAD_VERSION -> "(an IKEv1 message)";
            case MARKER_MISMATCH -> port == IkePort.UDP_4500 ? "no non-ESP marker" : null;
            case BAD_PAYLOAD -> "NAT_DETECTION_SOURCE_IP data is 19 bytes, expected a 20-byte SHA-1 hash";
            case WRONG_SPI -> "an IKE message for another SA";
            case NOT_A_RESPONSE -> "an IKE request, not a response";
            case WRONG_MESSAGE_ID -> "with message ID 1, not 0";
            case WRONG_EXCHANGE -> "an IKE_AUTH response, not IKE_SA_INIT";
            case ECHO -> "our own IKE_SA_INIT request came back unchanged";
            case GARBAGE, GARBAGE_BODY -> null;
            // issue 16: counted as "answered" before; a phone rejects each (RFC 7296 §1.2, §3.4, §3.9)
            case NO_PAYLOADS -> "an IKE_SA_INIT response with no payloads at all";
            case NONCE_ONLY -> "an IKE_SA_INIT response without an SA payload or an error notify (it sent Nonce)";
            case NO_KE -> "an IKE_SA_INIT response without a KE payload";
            // the decoder already refused these before issue 16
            case SHORT_KE -> "DH group 14 public value is 128 bytes, expected 256";
            case SHORT_NONCE -> "nonce is 4 bytes, RFC 7296 allows 16 to 256";
            case UNOFFERED_PROPOSAL -> "an IKE_SA_INIT response that chose a proposal we did not offer";
            case GIANT_NONCE -> "nonce is 60000 bytes, RFC 7296 allows 16 to 256";
            case PAYLOAD_FLOOD -> "an IKE_SA_INIT response with 3001 Nonce payloads (a responder sends one)";
        };
    }

    @Test
    void whenGroupOfferedTellsAnEpdgThatIgnoresOffersItDislikes() throws IOException {
        EpdgSimulator sim = start(Behaviour.whenGroupOffered(19, Behaviour.answer(), Behaviour.silence()));
        // a configured offer without group 19 goes unanswered; the broad re-check offers it
        ProbeSettings modpOnly = FAST.withProposals(IkeProposals.parse("aes256-sha256-modp2048"));
        PortResult r = probe(modpOnly, sim, IkePort.UDP_500);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.answeredOffer()).isEqualTo(Offer.BROAD);
        assertThat(r.detail()).startsWith("answered only the broad proposal (the configured proposal got no answer to");
        assertThat(r.response().keGroup()).hasValue(14);

        PortResult phone = probe(sim, IkePort.UDP_500);
        assertThat(phone.answeredOffer()).isEqualTo(Offer.CONFIGURED);
        assertThat(phone.requests()).isEqualTo(1);
    }

    // --- run time changes and the check's port arithmetic ---

    @Test
    void behaveChangesWhatThePortDoesWhileItRuns() throws IOException {
        EpdgSimulator sim = start(Behaviour.answer());
        assertThat(probe(sim, IkePort.UDP_4500).outcome()).isEqualTo(PortOutcome.ANSWERED);
        sim.behave(IkePort.UDP_4500, Behaviour.silence());
        assertThat(probe(sim, IkePort.UDP_4500).outcome()).isEqualTo(PortOutcome.NO_ANSWER);
        assertThat(probe(sim, IkePort.UDP_500).outcome()).isEqualTo(PortOutcome.ANSWERED);
        sim.behave(IkePort.UDP_4500, Behaviour.noProposalChosen());
        assertThat(probe(sim, IkePort.UDP_4500).response().kind()).isEqualTo(SaInitResponse.Kind.NO_PROPOSAL_CHOSEN);
    }

    @Test
    void aCheckWithThePortOffsetProbesTheSimulatorsPorts() throws IOException {
        EpdgSimulator sim = start(EpdgSimulator.builder().behaviour(IkePort.UDP_4500, Behaviour.silence()));
        CheckSettings settings = CheckSettings.DEFAULTS.withProbe(FAST).withPortOffset(sim.portOffset());
        List<ProbeTarget> targets = settings.ports().stream()
                .map(p -> new ProbeTarget(new InetSocketAddress(sim.address(), settings.destinationPort(p)), p)).toList();
        List<PortResult> results = new ProbeEngine(settings.probe()).probeAll(targets);
        assertThat(results).extracting(PortResult::port).containsExactly(IkePort.UDP_500, IkePort.UDP_4500);
        assertThat(results).extracting(PortResult::outcome).containsExactly(PortOutcome.ANSWERED, PortOutcome.NO_ANSWER);
        assertThat(sim.datagramsReceived(IkePort.UDP_500)).isEqualTo(1);
        assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isEqualTo(5);
    }
}
