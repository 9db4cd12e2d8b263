package dev.wificall.probe;

import static dev.wificall.probe.EmbeddedResponder.accept;
import static dev.wificall.probe.EmbeddedResponder.natHash;
import static dev.wificall.probe.EmbeddedResponder.notifyHash;
import static dev.wificall.probe.EmbeddedResponder.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload.Notify;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IkeProbeTest {
    /** Requests at 0, 100 and 300 ms; the next would be at 700 ms, after the deadline. */
    static final ProbeSettings FAST = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600));
    /** Short for cases that wait out the deadline after a bad answer. */
    static final ProbeSettings SHORT = new ProbeSettings(Duration.ofMillis(50), Duration.ofMillis(250));

    /** FAST without the broad re-check: only the configured request goes out. */
    static final ProbeSettings FAST_PLAIN = FAST.withBroadRecheck(false).withJitter(0);

    @Test
    void authenticResponseOnUdp500IsAnswered() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            InetSocketAddress self = responder.address();
            responder.behaviour(r -> List.of(accept(r, self, false)));

            PortResult result = new IkeProbe(FAST).probe(self, IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            // the words are the codec's; the probe adds nothing when the first request is accepted
            assertThat(result.detail()).startsWith("IKE_SA_INIT response (240 bytes): ")
                    .isEqualTo(result.response().describe(result.request()));
            assertThat(result.responseBytes()).isEqualTo(240);
            assertThat(result.answeredOffer()).isEqualTo(Offer.CONFIGURED);
            assertThat(result.request().spi()).isEqualTo(responder.received.get(0).spi());
            assertThat(result.requests()).isEqualTo(1);
            assertThat(result.port()).isEqualTo(IkePort.UDP_500);
            assertThat(result.address()).isEqualTo(self.getAddress());
            assertThat(responder.problems).isEmpty();
        }
    }

    @Test
    void requestCarriesNatDetectionForTheRealEndpoints() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {
            new IkeProbe(new ProbeSettings(Duration.ofMillis(50), Duration.ofMillis(50))).probe(responder.address(), IkePort.UDP_500);

            EmbeddedResponder.Received first = responder.awaitReceived(1).get(0);
            IkeMessage request = first.message();
            InetSocketAddress sender = first.from();
            assertThat(request.isInitiator()).isTrue();
            assertThat(notifyHash(request, Notify.NAT_DETECTION_SOURCE_IP))
                    .isEqualTo(natHash(request.initiatorSpi(), 0, sender));
            assertThat(notifyHash(request, Notify.NAT_DETECTION_DESTINATION_IP))
                    .isEqualTo(natHash(request.initiatorSpi(), 0, responder.address()));
        }
    }

    @Test
    void udp4500UsesTheNonEspMarkerBothWays() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(true, null)) {
            InetSocketAddress self = responder.address();
            responder.behaviour(r -> List.of(accept(r, self, true)));

            PortResult result = new IkeProbe(FAST).probe(self, IkePort.UDP_4500);

            assertThat(responder.received.get(0).bytes()).startsWith(0, 0, 0, 0);
            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.responseBytes()).isEqualTo(244);
            assertThat(result.detail()).startsWith("IKE_SA_INIT response (244 bytes): ")
                    .isEqualTo(result.response().describe(result.request()));
        }
    }

    @Test
    void answerOnUdp4500WithoutMarkerIsMalformed() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(true, null)) {
            InetSocketAddress self = responder.address();
            // answers only the phone request, so the size is that of its answer
            responder.behaviour(EmbeddedResponder.firstSpiOnly(r -> List.of(accept(r, self, false))));

            PortResult result = new IkeProbe(SHORT).probe(self, IkePort.UDP_4500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.MALFORMED);
            assertThat(result.detail()).startsWith("no non-ESP marker: datagram starts with 0x")
                    .endsWith(", not 4 zero bytes (ESP with that SPI, not IKE)");
            assertThat(result.responseBytes()).isEqualTo(240);
        }
    }

    @Test
    void invalidKeRepeatedAfterTheRetryIsAnAnswerThatNamesTheGroup() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.alwaysWantsGroup(14));

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.detail()).isEqualTo("INVALID_KE_PAYLOAD: responder wants DH group 14, although the request"
                    + " carried a DH group 14 KE; after INVALID_KE_PAYLOAD asked for DH group 14");
            assertThat(result.responseBytes()).isEqualTo(38);
            assertThat(result.groupRetries()).containsExactly(new GroupRetry(14, true, true), new GroupRetry(14, true, false));
            // the repeat might answer an earlier copy: the retry is retransmitted until the deadline
            assertThat(result.requests()).isEqualTo(4);
        }
    }

    @Test
    void noProposalChosenIsReachableButRejected() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.noProposalChosen());

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.detail()).isEqualTo("NO_PROPOSAL_CHOSEN: reachable, but the responder rejected the phone proposal");
            assertThat(result.requests()).isEqualTo(1);
            assertThat(result.response()).isNotNull();
        }
    }

    @Test
    void garbageIsMalformedWithTheDecodersReason() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, r -> List.of("hello".getBytes()))) {

            PortResult result = new IkeProbe(SHORT).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.MALFORMED);
            assertThat(result.detail()).isEqualTo("truncated IKE header at offset 0: needs 28 bytes but 5 remain");
            assertThat(result.responseBytes()).isEqualTo(5);
        }
    }

    @Test
    void answerForAnotherSaIsMalformedUnlessOursFollows() throws Exception {
        try (EmbeddedResponder stale = new EmbeddedResponder(false, r -> List.of(response(42, List.of(), false)))) {
            PortResult result = new IkeProbe(SHORT).probe(stale.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.MALFORMED);
            assertThat(result.detail()).startsWith("not an answer to our IKE_SA_INIT: an IKE message for another SA: SPIi 0x000000000000002a, ours is 0x");
        }
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            InetSocketAddress self = responder.address();
            responder.behaviour(r -> List.of(response(42, List.of(), false), "x".getBytes(), accept(r, self, false)));

            PortResult result = new IkeProbe(FAST).probe(self, IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
        }
    }

    @Test
    void anEchoIsNotAnIkeResponder() throws Exception {
        try (EmbeddedResponder echo = new EmbeddedResponder(false, r -> List.of(r.bytes()))) {

            PortResult result = new IkeProbe(SHORT).probe(echo.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.MALFORMED);
            assertThat(result.detail()).isEqualTo("our own IKE_SA_INIT request came back unchanged (a UDP echo, not an IKE responder)");
        }
    }

    @Test
    void silenceIsNoAnswerAfterTheScheduledIdenticalRetransmissions() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {

            PortResult result = new IkeProbe(FAST_PLAIN).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
            assertThat(result.requests()).isEqualTo(3);
            assertThat(result.broadRequests()).isZero();
            assertThat(result.detail()).isEqualTo("no answer to 3 IKE_SA_INIT requests in 0.6 s");
            assertThat(result.responseBytes()).isZero();
            assertThat(result.response()).isNull();
            assertThat(result.answeredOffer()).isEqualTo(Offer.NONE);
            List<EmbeddedResponder.Received> received = responder.awaitReceived(3);
            assertThat(received).hasSize(3);
            assertThat(received).extracting(EmbeddedResponder.Received::bytes)
                    .allSatisfy(b -> assertThat(b).isEqualTo(received.get(0).bytes()));
        }
    }

    @Test
    void silenceIsRecheckedWithTheBroadProposalAlongsideEachRetransmission() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
            assertThat(result.requests()).isEqualTo(5);
            assertThat(result.broadRequests()).isEqualTo(2);
            assertThat(result.detail()).isEqualTo("no answer to 3 IKE_SA_INIT requests with the phone proposal nor to 2"
                    + " with the broad re-check in 0.6 s");
            List<EmbeddedResponder.Received> received = responder.awaitReceived(5);
            long phone = received.get(0).spi();
            // phone; phone and broad; phone and broad: the broad one rides on each retransmission
            assertThat(received).extracting(r -> r.spi() == phone).containsExactly(true, true, false, true, false);
            assertThat(received.get(2).message().payloads(dev.wificall.ike.IkePayload.KeyExchange.class).get(0).group())
                    .isEqualTo(dev.wificall.ike.IkeProposals.BROAD.firstGroup().id());
            assertThat(received.get(2).bytes()).isEqualTo(received.get(4).bytes());
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aDeadlineEqualToTheFirstWaitSendsOneRequest() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {

            PortResult result = new IkeProbe(new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(100)).withJitter(0))
                    .probe(responder.address(), IkePort.UDP_500);

            assertThat(result.requests()).isEqualTo(1);
            assertThat(result.detail()).isEqualTo("no answer to 1 IKE_SA_INIT request in 0.1 s");
        }
    }

    @Test
    void closedPortIsPortUnreachable() throws Exception {
        InetSocketAddress closed;
        try (DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closed = (InetSocketAddress) c.getLocalAddress();
        }

        PortResult result = new IkeProbe(FAST).probe(closed, IkePort.UDP_500);

        assertThat(result.outcome()).isEqualTo(PortOutcome.PORT_UNREACHABLE);
        assertThat(result.detail()).matches("ICMP port unreachable after \\d+ ms");
        assertThat(result.requests()).isEqualTo(1);
    }

    @Test
    void concurrentProbesEachGetTheirOwnAnswer() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            InetSocketAddress self = responder.address();
            responder.behaviour(r -> List.of(accept(r, self, false)));
            IkeProbe probe = new IkeProbe(FAST);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<PortResult>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    results.add(pool.submit(() -> probe.probe(self, IkePort.UDP_500)));
                }
                for (Future<PortResult> f : results) {
                    assertThat(f.get().outcome()).isEqualTo(PortOutcome.ANSWERED);
                }
            } finally {
                pool.shutdown();
            }
            assertThat(responder.received).extracting(r -> r.message().initiatorSpi()).doesNotHaveDuplicates();
        }
    }
}
