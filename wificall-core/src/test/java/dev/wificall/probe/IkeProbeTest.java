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

    static final String NORMAL_DETAIL = "ENCR_AES_GCM_16 256, PRF_HMAC_SHA2_256, DH group 19; "
            + "NAT_DETECTION_SOURCE_IP, NAT_DETECTION_DESTINATION_IP, IKEV2_FRAGMENTATION_SUPPORTED";

    @Test
    void authenticResponseOnUdp500IsAnswered() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            InetSocketAddress self = responder.address();
            responder.behaviour(r -> List.of(accept(r, self, false)));

            PortResult result = new IkeProbe(FAST).probe(self, IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.detail()).isEqualTo("IKE_SA_INIT response (" + result.responseBytes() + " bytes): " + NORMAL_DETAIL);
            assertThat(result.responseBytes()).isEqualTo(240);
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
            assertThat(result.detail()).isEqualTo("IKE_SA_INIT response (244 bytes): " + NORMAL_DETAIL);
        }
    }

    @Test
    void answerOnUdp4500WithoutMarkerIsMalformed() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(true, null)) {
            InetSocketAddress self = responder.address();
            responder.behaviour(r -> List.of(accept(r, self, false)));

            PortResult result = new IkeProbe(SHORT).probe(self, IkePort.UDP_4500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.MALFORMED);
            assertThat(result.detail()).startsWith("no non-ESP marker: datagram starts with 0x")
                    .endsWith(", not 4 zero bytes (ESP with that SPI, not IKE)");
            assertThat(result.responseBytes()).isEqualTo(240);
        }
    }

    @Test
    void invalidKeIsAnAnswerThatNamesTheGroup() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, r -> List.of(response(r.message().initiatorSpi(),
                List.of(Notify.of(Notify.INVALID_KE_PAYLOAD, new byte[] {0, 14})), false)))) {

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.detail()).isEqualTo("INVALID_KE_PAYLOAD: responder wants DH group 14");
            assertThat(result.responseBytes()).isEqualTo(38);
        }
    }

    @Test
    void noProposalChosenIsAnAnswer() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, r -> List.of(response(r.message().initiatorSpi(),
                List.of(Notify.of(Notify.NO_PROPOSAL_CHOSEN, new byte[0])), false)))) {

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.detail()).isEqualTo("NO_PROPOSAL_CHOSEN");
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

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
            assertThat(result.requests()).isEqualTo(3);
            assertThat(result.detail()).isEqualTo("no answer to 3 IKE_SA_INIT requests in 0.6 s");
            assertThat(result.responseBytes()).isZero();
            List<EmbeddedResponder.Received> received = responder.awaitReceived(3);
            assertThat(received).hasSize(3);
            assertThat(received).extracting(EmbeddedResponder.Received::bytes)
                    .allSatisfy(b -> assertThat(b).isEqualTo(received.get(0).bytes()));
        }
    }

    @Test
    void aDeadlineEqualToTheFirstWaitSendsOneRequest() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {

            PortResult result = new IkeProbe(new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(100)))
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
