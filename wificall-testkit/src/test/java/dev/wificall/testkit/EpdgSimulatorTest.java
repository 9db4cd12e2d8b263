package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.DhKeyPair;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload.Identification;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.IkeSaKeys;
import dev.wificall.ike.SaInitRequest;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SkPayload;
import dev.wificall.ike.SkPayloadSuite;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.probe.ProbeTarget;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator itself: ports, lifecycle, counts, and its answers read off the wire. */
class EpdgSimulatorTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    // --- ports ---

    @Test
    void takesAFreePairAtAnOffsetInItsRangeOnLoopback() throws IOException {
        try (EpdgSimulator sim = EpdgSimulator.builder().start()) {
            assertThat(sim.address()).isEqualTo(LOOPBACK);
            assertThat(sim.portOffset()).isBetween(EpdgSimulator.FIRST_FREE_OFFSET, EpdgSimulator.LAST_FREE_OFFSET);
            assertThat(sim.port(IkePort.UDP_500)).isEqualTo(500 + sim.portOffset());
            assertThat(sim.port(IkePort.UDP_4500)).isEqualTo(4500 + sim.portOffset());
            assertThat(sim.behaviour(IkePort.UDP_500)).hasToString("answer()");
            assertThat(sim).hasToString("ePDG simulator on 127.0.0.1, UDP " + sim.port(IkePort.UDP_500)
                    + " as 500 (answer()) and " + sim.port(IkePort.UDP_4500) + " as 4500 (answer())");
        }
    }

    @Test
    void twoSimulatorsTakeDifferentPairs() throws IOException {
        try (EpdgSimulator a = EpdgSimulator.builder().start(); EpdgSimulator b = EpdgSimulator.builder().start()) {
            assertThat(b.portOffset()).isNotEqualTo(a.portOffset());
        }
    }

    @Test
    void anExplicitOffsetBindsExactlyThosePorts() throws IOException {
        int offset;
        try (EpdgSimulator probe = EpdgSimulator.builder().start()) {
            offset = probe.portOffset();
        }
        try (EpdgSimulator sim = EpdgSimulator.builder().portOffset(offset).start()) {
            assertThat(sim.portOffset()).isEqualTo(offset);
            assertThat(sim.port(IkePort.UDP_500)).isEqualTo(500 + offset);
            assertThat(sim.port(IkePort.UDP_4500)).isEqualTo(4500 + offset);
        }
    }

    @Test
    void anExplicitOffsetInUseFailsNamingThePorts() throws IOException {
        try (EpdgSimulator first = EpdgSimulator.builder().start()) {
            int offset = first.portOffset();
            assertThatThrownBy(() -> EpdgSimulator.builder().portOffset(offset).start())
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot bind the ePDG simulator to UDP ports " + (500 + offset) + " and " + (4500 + offset)
                            + " on 127.0.0.1 (port offset " + offset + "): port " + (500 + offset)
                            + ": Address already in use; choose another port offset, or leave it unset to take a free pair");
        }
    }

    @Test
    void aTakenSecondPortReleasesTheFirst() throws IOException {
        try (EpdgSimulator first = EpdgSimulator.builder().start()) {
            // 4000 less puts "4500" on the first simulator's "500"
            int offset = first.portOffset() - 4000;
            assertThatThrownBy(() -> EpdgSimulator.builder().portOffset(offset).start())
                    .isInstanceOf(IOException.class).hasMessageContaining("port " + (4500 + offset) + ": Address already in use");
            // "500" of the failed start is free again
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 500 + offset))) {
                assertThat(s.getLocalPort()).isEqualTo(500 + offset);
            }
        }
    }

    @Test
    void closeStopsTheThreadReleasesThePortsAndMayBeRepeated() throws IOException {
        EpdgSimulator sim = EpdgSimulator.builder().start();
        int ike = sim.port(IkePort.UDP_500);
        int natT = sim.port(IkePort.UDP_4500);
        sim.close();
        sim.close();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("wificall-epdg-simulator-" + ike);
        try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(LOOPBACK, ike));
             DatagramSocket b = new DatagramSocket(new InetSocketAddress(LOOPBACK, natT))) {
            assertThat(a.getLocalPort()).isEqualTo(ike);
            assertThat(b.getLocalPort()).isEqualTo(natT);
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheValue() {
        assertThatThrownBy(() -> EpdgSimulator.builder().portOffset(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port offset -1 must be from 0 to 61035 (the simulator binds 500 and 4500 plus the offset),"
                        + " e.g. 10000");
        assertThatThrownBy(() -> EpdgSimulator.builder().portOffset(61036)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpdgSimulator.builder().address(InetAddress.getByName("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0.0.0.0");
        assertThatThrownBy(() -> EpdgSimulator.builder().proposals("aes256-sha256-modp999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'modp999'");
        assertThatThrownBy(() -> Behaviour.drop(1.5, Behaviour.answer())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("drop share 1.5 must be from 0 to 1");
        assertThatThrownBy(() -> Behaviour.drop(Double.NaN, Behaviour.answer())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behaviour.delay(Duration.ofMillis(-1), Behaviour.answer()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behaviour.errorNotify(16390)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("notify type 16390 is not an error type");
        assertThatThrownBy(() -> Behaviour.errorNotify(17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use invalidKe(group)");
        assertThatThrownBy(() -> Behaviour.invalidKe(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behaviour.authError(16384)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notify type 16384 is not an error type (1 to 16383), e.g. 9001 (USER_UNKNOWN) or 24"
                        + " (AUTHENTICATION_FAILED)");
        assertThatThrownBy(() -> Behaviour.authError(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAddressThisHostDoesNotHaveFailsAtOnce() throws IOException {
        // TEST-NET-3 (RFC 5737): never an address of this host
        InetAddress foreign = InetAddress.getByName("203.0.113.7");
        assertThatThrownBy(() -> EpdgSimulator.builder().address(foreign).start()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot bind the ePDG simulator to 203.0.113.7: ")
                .hasMessageEndingWith(" (is it an address of this host?)");
    }

    @Test
    void behavioursDescribeThemselves() {
        assertThat(Behaviour.whenGroupOffered(19, Behaviour.delay(Duration.ofMillis(300), Behaviour.cookieFirst()),
                Behaviour.drop(0.25, Behaviour.malformed(Malformation.TRUNCATED))))
                .hasToString("whenGroupOffered(19, delay(300 ms, cookieFirst()), drop(0.25, malformed(TRUNCATED)))");
        assertThat(Behaviour.delay(Duration.ofMillis(50), Behaviour.authError(Notify.USER_UNKNOWN)))
                .hasToString("delay(50 ms, authError(9001))");
    }

    // --- counting and ignoring ---

    @Test
    void countsEveryDatagramAndIgnoresWhatIsNotAnIkeSaInitRequest() throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().start(); Wire wire = new Wire(sim)) {
            wire.send(IkePort.UDP_500, "not IKE".getBytes());
            wire.send(IkePort.UDP_4500, new byte[] {(byte) 0xFF});                       // NAT-T keepalive
            wire.send(IkePort.UDP_4500, new byte[] {0, 0, 0x10, 0, 0, 0, 0, 1, 1, 2});   // ESP, SPI 0x1000
            byte[] request = request(sim, IkePort.UDP_500, wire).encode(false);
            byte[] asResponse = request.clone();
            asResponse[19] = IkeMessage.FLAG_RESPONSE;
            wire.send(IkePort.UDP_500, asResponse);
            assertThat(wire.receive(Duration.ofMillis(200))).isEmpty();
            assertThat(sim.datagramsReceived(IkePort.UDP_500)).isEqualTo(2);
            assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isEqualTo(2);
            // and still answers a real request after all that
            wire.send(IkePort.UDP_500, request);
            assertThat(wire.receive(Duration.ofSeconds(2))).isPresent();
            assertThat(sim.datagramsReceived(IkePort.UDP_500)).isEqualTo(3);
            assertThat(sim.failures()).isEmpty();
        }
    }

    // --- the answer on the wire ---

    @ParameterizedTest
    @EnumSource(IkePort.class)
    void theAnswerIsARealIkeSaInitResponse(IkePort port) throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().start(); Wire wire = new Wire(sim)) {
            SaInitRequest request = request(sim, port, wire);
            wire.send(port, request.encode(port.nonEspMarker()));
            byte[] datagram = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            if (port.nonEspMarker()) {
                assertThat(Arrays.copyOf(datagram, 4)).containsExactly(0, 0, 0, 0);
            }
            IkeMessage answer = IkeMessage.decode(datagram, datagram.length, port.nonEspMarker());
            assertThat(request.mismatch(answer)).isEmpty();
            assertThat(answer.responderSpi()).isNotZero();
            assertThat(answer.describe()).isEqualTo("IKE_SA_INIT response 0 [SA KE Nonce N(NAT_DETECTION_SOURCE_IP)"
                    + " N(NAT_DETECTION_DESTINATION_IP) N(IKEV2_FRAGMENTATION_SUPPORTED)]");
            SecurityAssociation sa = answer.payloads(SecurityAssociation.class).get(0);
            assertThat(sa.proposals()).hasSize(1);
            assertThat(IkeProposals.describe(sa.proposals().get(0))).isEqualTo("aes256gcm16-prfsha256-ecp256");
            KeyExchange ke = answer.payloads(KeyExchange.class).get(0);
            assertThat(ke.group()).isEqualTo(19);
            assertThat(ke.data()).hasSize(DhGroup.ECP_256.publicValueLength()).isNotEqualTo(request.keyExchange());
            assertThat(answer.payloads(Nonce.class).get(0).data()).hasSize(32);
            // RFC 7296 §2.23, computed here from the addresses the packets really had
            long spiI = request.spi();
            long spiR = answer.responderSpi();
            assertThat(notify(answer, Notify.NAT_DETECTION_SOURCE_IP))
                    .isEqualTo(sha1(spiI, spiR, new InetSocketAddress(LOOPBACK, sim.port(port))));
            assertThat(notify(answer, Notify.NAT_DETECTION_DESTINATION_IP)).isEqualTo(sha1(spiI, spiR, wire.local()));
        }
    }

    @Test
    void aRetransmittedRequestGetsTheSameAnswerAndANewRequestANewOne() throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().start(); Wire wire = new Wire(sim)) {
            byte[] request = request(sim, IkePort.UDP_500, wire).encode(false);
            wire.send(IkePort.UDP_500, request);
            byte[] first = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            wire.send(IkePort.UDP_500, request);
            byte[] again = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            assertThat(again).isEqualTo(first);
            wire.send(IkePort.UDP_500, request(sim, IkePort.UDP_500, wire).encode(false));
            byte[] other = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            assertThat(IkeMessage.decode(other).responderSpi()).isNotEqualTo(IkeMessage.decode(first).responderSpi());
        }
    }

    @Test
    void aRefusalCarriesResponderSpiZeroAndTheMarkerOn4500() throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.invalidKe(20)).start(); Wire wire = new Wire(sim)) {
            wire.send(IkePort.UDP_4500, request(sim, IkePort.UDP_4500, wire).encode(true));
            byte[] datagram = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            IkeMessage answer = IkeMessage.decode(datagram, datagram.length, true);
            assertThat(answer.responderSpi()).isZero();
            assertThat(answer.describe()).isEqualTo("IKE_SA_INIT response 0 [N(INVALID_KE_PAYLOAD)]");
            assertThat(notify(answer, Notify.INVALID_KE_PAYLOAD)).containsExactly(0, 20);
        }
    }

    @Test
    void aDelayedAnswerLeavesAfterItsDelayAndCloseDropsOnesNotYetSent() throws Exception {
        EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.delay(Duration.ofMillis(300), Behaviour.answer()))
                .start();
        try (Wire wire = new Wire(sim)) {
            wire.send(IkePort.UDP_500, request(sim, IkePort.UDP_500, wire).encode(false));
            long start = System.nanoTime();
            assertThat(wire.receive(Duration.ofSeconds(2))).isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));

            wire.send(IkePort.UDP_500, request(sim, IkePort.UDP_500, wire).encode(false));
            Thread.sleep(50);
            sim.close();
            assertThat(wire.receive(Duration.ofMillis(500))).isEmpty();
        } finally {
            sim.close();
        }
    }

    @Test
    void servesIpv6LoopbackToo() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        Optional<EpdgSimulator> started;
        try {
            started = Optional.of(EpdgSimulator.builder().address(v6).start());
        } catch (IOException noIpv6) {
            started = Optional.empty();
        }
        assumeTrue(started.isPresent(), "no IPv6 loopback on this host");
        try (EpdgSimulator sim = started.get()) {
            assertThat(sim.address()).isInstanceOf(Inet6Address.class);
            ProbeEngine engine = new ProbeEngine(new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600)));
            for (IkePort port : IkePort.values()) {
                var r = engine.probe(new ProbeTarget(new InetSocketAddress(v6, sim.port(port)), port));
                assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
                assertThat(r.response().natStatus(r.request()).none()).isTrue();
            }
        }
    }

    // --- IKE_AUTH ---

    @ParameterizedTest
    @ValueSource(strings = {"aes256gcm16-prfsha256-ecp256", "aes128-sha256-prfsha256-modp2048"})
    void anIkeAuthErrorIsSealedWithTheResponderKeysAndARetransmissionGetsTheSameBytes(String proposal) throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().proposals(proposal).behaviour(Behaviour.authError(Notify.USER_UNKNOWN))
                .start(); Wire wire = new Wire(sim)) {
            IkeSaAsInitiator sa = IkeSaAsInitiator.start(sim, wire, IkeProposals.parse(proposal));
            byte[] request = sa.authRequest();
            wire.send(IkePort.UDP_4500, withMarker(request));
            byte[] datagram = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            assertThat(Arrays.copyOf(datagram, 4)).containsExactly(0, 0, 0, 0);
            byte[] message = Arrays.copyOfRange(datagram, 4, datagram.length);
            // only the responder's keys open it
            IkeMessage answer = SkPayload.receiving(sa.suite, sa.keys, true).open(message);
            assertThat(answer.describe()).isEqualTo("IKE_AUTH response 1 [N(USER_UNKNOWN)]");
            assertThat(answer.flags()).isEqualTo(IkeMessage.FLAG_RESPONSE);
            assertThat(answer.initiatorSpi()).isEqualTo(sa.spiI);
            assertThat(answer.responderSpi()).isEqualTo(sa.spiR);

            // AES-CBC draws a fresh IV and AES-GCM counts: equal bytes mean the answer was kept, not sealed again
            wire.send(IkePort.UDP_4500, withMarker(request));
            assertThat(wire.receive(Duration.ofSeconds(2))).hasValue(datagram);
            wire.send(IkePort.UDP_500, request);
            assertThat(wire.receive(Duration.ofSeconds(2))).hasValue(message);
            assertThat(sim.failures()).isEmpty();
        }
    }

    @Test
    void anIkeAuthWithABadIcvOrAnUnknownSaIsDroppedAndTheGoodOneStillAnswered() throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.authError(Notify.NETWORK_FAILURE)).start();
             Wire wire = new Wire(sim)) {
            IkeSaAsInitiator sa = IkeSaAsInitiator.start(sim, wire, IkeProposals.PHONE);
            byte[] request = sa.authRequest();
            byte[] badIcv = request.clone();
            badIcv[badIcv.length - 1] ^= 1;
            wire.send(IkePort.UDP_4500, withMarker(badIcv));
            byte[] otherSa = request.clone();
            otherSa[8] ^= 1;   // the first byte of SPIr
            wire.send(IkePort.UDP_4500, withMarker(otherSa));
            assertThat(wire.receive(Duration.ofMillis(300))).isEmpty();
            assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isEqualTo(2);
            // a dropped request is the network's doing, not a bug of the simulator
            assertThat(sim.failures()).isEmpty();

            wire.send(IkePort.UDP_4500, withMarker(request));
            byte[] datagram = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            IkeMessage answer = SkPayload.receiving(sa.suite, sa.keys, true).open(Arrays.copyOfRange(datagram, 4, datagram.length));
            assertThat(answer.describe()).isEqualTo("IKE_AUTH response 1 [N(NETWORK_FAILURE)]");
        }
    }

    @Test
    void everyBehaviourButAuthErrorDropsIkeAuthAndItFollowsThePortItArrivesAt() throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().behaviour(IkePort.UDP_500, Behaviour.authError(Notify.USER_UNKNOWN))
                .start(); Wire wire = new Wire(sim)) {
            IkeSaAsInitiator sa = IkeSaAsInitiator.start(sim, wire, IkeProposals.PHONE);
            byte[] request = sa.authRequest();
            wire.send(IkePort.UDP_4500, withMarker(request));
            assertThat(wire.receive(Duration.ofMillis(300))).as("answer() on \"4500\"").isEmpty();
            sim.behave(IkePort.UDP_4500, Behaviour.authError(Notify.ILLEGAL_ME));
            wire.send(IkePort.UDP_4500, withMarker(request));
            byte[] datagram = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            IkeMessage answer = SkPayload.receiving(sa.suite, sa.keys, true).open(Arrays.copyOfRange(datagram, 4, datagram.length));
            assertThat(answer.describe()).isEqualTo("IKE_AUTH response 1 [N(ILLEGAL_ME)]");
        }
    }

    @Test
    void aFragmentedIkeAuthIsAnsweredOnceComplete() throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.authError(Notify.NO_APN_SUBSCRIPTION)).start();
             Wire wire = new Wire(sim)) {
            IkeSaAsInitiator sa = IkeSaAsInitiator.start(sim, wire, IkeProposals.PHONE);
            List<byte[]> fragments = sa.sending.sealFragments(sa.authMessage(), 80, new SecureRandom());
            assertThat(fragments).hasSizeGreaterThan(2);
            for (int i = fragments.size() - 1; i > 0; i--) {
                wire.send(IkePort.UDP_4500, withMarker(fragments.get(i)));
            }
            assertThat(wire.receive(Duration.ofMillis(300))).as("fragment 1 missing").isEmpty();
            wire.send(IkePort.UDP_4500, withMarker(fragments.get(0)));
            byte[] datagram = wire.receive(Duration.ofSeconds(2)).orElseThrow();
            IkeMessage answer = SkPayload.receiving(sa.suite, sa.keys, true).open(Arrays.copyOfRange(datagram, 4, datagram.length));
            assertThat(answer.describe()).isEqualTo("IKE_AUTH response 1 [N(NO_APN_SUBSCRIPTION)]");
            // RFC 7383 §2.6.1: of a retransmitted request only fragment 1 brings the answer again
            for (byte[] f : fragments) {
                wire.send(IkePort.UDP_4500, withMarker(f));
            }
            assertThat(wire.receive(Duration.ofSeconds(2))).hasValue(datagram);
            assertThat(wire.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    /** The initiator's side of an IKE SA with the simulator: IKE_SA_INIT done on "500", keys derived as RFC 7296 §2.14 says. */
    private static final class IkeSaAsInitiator {
        final long spiI;
        final long spiR;
        final SkPayloadSuite suite;
        final IkeSaKeys keys;
        final SkPayload sending;

        private IkeSaAsInitiator(long spiI, long spiR, SkPayloadSuite suite, IkeSaKeys keys) {
            this.spiI = spiI;
            this.spiR = spiR;
            this.suite = suite;
            this.keys = keys;
            this.sending = SkPayload.sending(suite, keys, true);
        }

        static IkeSaAsInitiator start(EpdgSimulator sim, Wire wire, IkeProposals offer) throws Exception {
            SecureRandom random = new SecureRandom();
            DhKeyPair pair = offer.firstGroup().generateKeyPair(random);
            SaInitRequest request = SaInitRequest.create(offer, offer.firstGroup(), pair.publicValue(), wire.local(),
                    new InetSocketAddress(sim.address(), sim.port(IkePort.UDP_500)), random);
            wire.send(IkePort.UDP_500, request.encode(false));
            IkeMessage answer = IkeMessage.decode(wire.receive(Duration.ofSeconds(2)).orElseThrow());
            SkPayloadSuite suite = SkPayloadSuite.of(answer.payloads(SecurityAssociation.class).get(0).proposals().get(0));
            byte[] gir = pair.sharedSecret(answer.payloads(KeyExchange.class).get(0).data());
            byte[] nr = answer.payloads(Nonce.class).get(0).data();
            IkeSaKeys keys = IkeSaKeys.derive(suite, request.nonce(), nr, gir, request.spi(), answer.responderSpi());
            return new IkeSaAsInitiator(request.spi(), answer.responderSpi(), suite, keys);
        }

        IkeMessage authMessage() {
            return new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, 35, IkeMessage.FLAG_INITIATOR, 1,
                    List.of(Identification.rfc822(true, "0262010000000000@nai.epc.mnc001.mcc262.3gppnetwork.org"),
                            Identification.fqdn(false, "ims")));
        }

        /** IKE_AUTH request 1 in an SK payload, without marker. */
        byte[] authRequest() {
            return sending.seal(authMessage(), new SecureRandom());
        }
    }

    private static byte[] withMarker(byte[] message) {
        byte[] datagram = new byte[4 + message.length];
        System.arraycopy(message, 0, datagram, 4, message.length);
        return datagram;
    }

    // --- helpers ---

    private static SaInitRequest request(EpdgSimulator sim, IkePort port, Wire wire) {
        return SaInitRequest.create(IkeProposals.PHONE, wire.local(), new InetSocketAddress(sim.address(), sim.port(port)),
                new SecureRandom());
    }

    private static byte[] notify(IkeMessage m, int type) {
        return m.payloads(Notify.class).stream().filter(n -> n.notifyType() == type).findFirst().orElseThrow().data();
    }

    private static byte[] sha1(long spiI, long spiR, InetSocketAddress endpoint) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array());
        sha1.update(endpoint.getAddress().getAddress());
        sha1.update(new byte[] {(byte) (endpoint.getPort() >> 8), (byte) endpoint.getPort()});
        return sha1.digest();
    }

    /** One initiator socket on loopback that talks to both of the simulator's ports. */
    private static final class Wire implements AutoCloseable {
        private final EpdgSimulator sim;
        private final DatagramSocket socket;

        Wire(EpdgSimulator sim) throws IOException {
            this.sim = sim;
            this.socket = new DatagramSocket(new InetSocketAddress(sim.address(), 0));
        }

        InetSocketAddress local() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        void send(IkePort port, byte[] datagram) throws IOException {
            socket.send(new DatagramPacket(datagram, datagram.length, sim.address(), sim.port(port)));
        }

        Optional<byte[]> receive(Duration wait) throws IOException {
            byte[] buffer = new byte[65_535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.setSoTimeout((int) wait.toMillis());
            try {
                socket.receive(packet);
                return Optional.of(Arrays.copyOf(buffer, packet.getLength()));
            } catch (SocketTimeoutException nothing) {
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
