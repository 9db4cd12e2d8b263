package dev.wificall.probe;

import static dev.wificall.probe.EmbeddedResponder.accept;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.SaInitResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the exchange does with each kind of answer, against the embedded responder. */
class ProbeExchangeTest {
    /** Requests at 0, 100 and 300 ms (broad re-check at 100 and 300 ms); silent after 600 ms. */
    static final ProbeSettings FAST = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600));
    static final ProbeSettings PLAIN = FAST.withBroadRecheck(false);

    @Test
    void cookieIsEchoedAsTheFirstPayloadAndThenAnswered() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.cookieFirst());

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
            assertThat(result.cookieNeeded()).isTrue();
            assertThat(result.cookieRounds()).isEqualTo(1);
            assertThat(result.requests()).isEqualTo(2);
            assertThat(result.detail()).startsWith("IKE_SA_INIT response (").endsWith("; after a COOKIE round");
            List<EmbeddedResponder.Received> received = responder.awaitReceived(2);
            assertThat(received.get(0).echoedCookie()).isNull();
            assertThat(received.get(1).echoedCookie()).isEqualTo(EmbeddedResponder.cookieFor(received.get(0).spi()));
            // same SPI, nonce and KE: only the cookie is new
            assertThat(received.get(1).spi()).isEqualTo(received.get(0).spi());
            assertThat(result.request().cookie()).isEqualTo(EmbeddedResponder.cookieFor(received.get(0).spi()));
        }
    }

    @Test
    void cookieRoundsAreBounded() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.cookieForever());

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.cookieRounds()).isEqualTo(ProbeExchange.MAX_COOKIE_ROUNDS);
            assertThat(result.requests()).isEqualTo(3);
            assertThat(result.detail()).isEqualTo("COOKIE requested (16-byte cookie) again after 2 cookie rounds; gave up");
            assertThat(result.response().kind()).isEqualTo(SaInitResponse.Kind.COOKIE);
        }
    }

    @Test
    void aDuplicatedCookieAnswerIsNotASecondRound() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(EmbeddedResponder.duplicating(responder.cookieFirst()));

            PortResult result = new IkeProbe(PLAIN).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
            assertThat(result.cookieRounds()).isEqualTo(1);
            assertThat(result.detail()).endsWith("; after a COOKIE round");
            assertThat(result.transcript().text()).contains("answer asks for what the current request already does");
        }
    }

    @Test
    void invalidKeForAnOfferedGroupIsRetriedWithThatGroup() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.wantsGroup(14));

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
            assertThat(result.groupRetries()).containsExactly(new GroupRetry(14, true, true));
            assertThat(result.groupRetries().get(0)).hasToString("INVALID_KE_PAYLOAD asked for DH group 14 (offered, retried)");
            assertThat(result.request().group()).isEqualTo(DhGroup.MODP_2048);
            assertThat(result.requests()).isEqualTo(2);
            assertThat(result.detail()).endsWith("; after INVALID_KE_PAYLOAD asked for DH group 14");
            List<EmbeddedResponder.Received> received = responder.awaitReceived(2);
            assertThat(received).extracting(EmbeddedResponder.Received::keGroup)
                    .containsExactly(IkeProposals.PHONE.firstGroup().id(), 14);
            assertThat(received.get(1).message().payloads(KeyExchange.class).get(0).data()).hasSize(256);
        }
    }

    @Test
    void invalidKeForAGroupNotOfferedIsReportedNotRetried() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.wantsGroup(2));

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(IkeProposals.PHONE.groups()).doesNotContain(DhGroup.MODP_1024);
            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.groupRetries()).containsExactly(new GroupRetry(2, false, false));
            assertThat(result.requests()).isEqualTo(1);
            assertThat(result.detail()).startsWith("INVALID_KE_PAYLOAD: responder wants DH group 2, which the phone proposal"
                    + " does not offer (it offers ");
            assertThat(result.response().requestedGroup()).hasValue(2);
        }
    }

    @Test
    void anEpdgThatIgnoresThePhoneProposalIsFoundByTheBroadRecheck() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.onlySecondSpi());

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.answeredOffer()).isEqualTo(Offer.BROAD);
            assertThat(result.request().proposals()).isEqualTo(IkeProposals.BROAD.proposals());
            assertThat(result.requests()).isEqualTo(3);
            assertThat(result.detail()).startsWith("answered only the broad proposal (the phone proposal got no answer to 2"
                    + " IKE_SA_INIT requests): IKE_SA_INIT response (");
            // well inside the deadline: the re-check rides on the first retransmission
            assertThat(result.elapsed()).isLessThan(FAST.deadline());
            assertThat(result.transcript().text()).contains("only the broad re-check was answered");
        }
    }

    @Test
    void anAnswerAfterRetransmissionsIsStillAnswered() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            InetSocketAddress self = responder.address();
            responder.behaviour(EmbeddedResponder.firstSpiOnly(responder.fromNth(3, r -> List.of(accept(r, self, false)))));

            PortResult result = new IkeProbe(FAST).probe(self, IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.answeredOffer()).isEqualTo(Offer.CONFIGURED);
            // the third phone request and the second broad one leave together, before the answer
            assertThat(result.requests()).isEqualTo(5);
            assertThat(result.transcript().text()).contains("retransmission 2");
        }
    }

    @Test
    void withLossEachResultMatchesWhatTheResponderAnswered() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            InetSocketAddress self = responder.address();
            responder.behaviour(EmbeddedResponder.dropping(0.6, 42, r -> List.of(accept(r, self, false))));
            ProbeEngine engine = new ProbeEngine(FAST.withPacketsPerSecond(0));
            List<ProbeTarget> targets = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                targets.add(new ProbeTarget(self, IkePort.UDP_500));
            }

            List<PortResult> results = engine.probeAll(targets);

            int sentTotal = results.stream().mapToInt(PortResult::requests).sum();
            responder.awaitReceived(sentTotal);
            Map<Boolean, Integer> seen = new LinkedHashMap<>();
            for (PortResult r : results) {
                int port = r.source().address().getPort();
                List<EmbeddedResponder.Sent> answers = responder.sent.stream().filter(s -> s.to().getPort() == port).toList();
                assertThat(r.requests()).isEqualTo(responder.from(port).size());
                assertThat(r.answered()).as(r.transcript().text()).isEqualTo(!answers.isEmpty());
                if (r.answered()) {
                    long firstAnsweredSpi = answers.get(0).spi();
                    assertThat(r.answeredOffer()).isEqualTo(firstAnsweredSpi == responder.from(port).get(0).spi()
                            ? Offer.CONFIGURED : Offer.BROAD);
                } else {
                    assertThat(r.requests()).isEqualTo(5);
                    assertThat(r.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
                }
                seen.merge(r.answered(), 1, Integer::sum);
            }
            // at 60 % loss some answers get through, many only to a retransmission
            assertThat(seen).containsKeys(true);
            assertThat(results).anyMatch(r -> r.requests() > 1 && r.answered());
        }
    }

    @Test
    void silenceAfterACookieIsStillAnAnswerThatSaysSo() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(r -> r.echoedCookie() == null && r.message().payloads().size() > 0
                    ? List.of(EmbeddedResponder.response(r.spi(), List.of(dev.wificall.ike.IkePayload.Notify.of(
                            dev.wificall.ike.IkePayload.Notify.COOKIE, EmbeddedResponder.cookieFor(r.spi()))), false))
                    : List.of());

            PortResult result = new IkeProbe(PLAIN.withJitter(0)).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.cookieRounds()).isEqualTo(1);
            assertThat(result.detail()).isEqualTo("COOKIE requested (16-byte cookie); then no answer to the retry"
                    + " (3 requests) in 0.6 s");
        }
    }

    @Test
    void ipv6LoopbackIsProbedLikeIpv4() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(InetAddress.getByName("::1"), true, null)) {
            responder.behaviour(responder.accepting());

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_4500);

            assertThat(result.outcome()).as(result.detail()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.source().address().getAddress()).isEqualTo(InetAddress.getByName("::1"));
            assertThat(responder.received.get(0).bytes()).startsWith(0, 0, 0, 0);
        }
    }
}
