package dev.wificall.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InnerTcpTest {
    static final long MS = 1_000_000L;
    /** What a call may take beyond its deadline on a busy test machine. */
    static final long SLACK = 200 * MS;
    static final InetSocketAddress LOCAL = new InetSocketAddress("10.46.0.2", 40000);
    static final InetSocketAddress PCSCF = new InetSocketAddress("10.46.0.10", 5060);
    static final InetSocketAddress LOCAL6 = new InetSocketAddress("fd00:46::2", 40000);
    static final InetSocketAddress PCSCF6 = new InetSocketAddress("fd00:46::10", 5060);

    static long in(long ms) {
        return System.nanoTime() + ms * MS;
    }

    static byte[] text(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    static boolean endsWithBlankLine(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n");
    }

    static List<Integer> dataSizes(FakeTcpPeer peer) {
        List<Integer> sizes = new ArrayList<>();
        for (TcpSegment s : peer.fromClient) {
            if (s.payloadLength() > 0) {
                sizes.add(s.payloadLength());
            }
        }
        return sizes;
    }

    @Test
    void connectSendReceiveClose() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.mss = 100;
        byte[] request = text(250, 'q');
        byte[] response = (new String(text(236, 'r'), StandardCharsets.ISO_8859_1) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        peer.responder = got -> got.length == 250 ? response : null;
        peer.responseSegment = 60;

        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        TcpSegment syn = peer.fromClient.get(0);
        assertThat(syn.flags()).isEqualTo(TcpSegment.SYN);
        assertThat(syn.mss()).as("1280-byte packets over IPv4").isEqualTo(1240);
        assertThat(peer.packetsFromClient.get(0).dontFragment()).isTrue();
        assertThat(peer.fromClient.get(1).flags()).as("the handshake's ACK").isEqualTo(TcpSegment.ACK);
        assertThat(peer.fromClient.get(1).acknowledgment()).isEqualTo(0x7fff_fff1);
        assertThat(tcp.peerMss()).isEqualTo(100);
        assertThat(tcp.segmentSize()).isEqualTo(100);
        assertThat(tcp.local()).isEqualTo(LOCAL);

        tcp.send(request, in(1000));
        assertThat(dataSizes(peer)).containsExactly(100, 100, 50);
        assertThat(peer.received.toByteArray()).isEqualTo(request);

        byte[] got = tcp.receiveUntil(InnerTcpTest::endsWithBlankLine, in(1000));
        assertThat(got).as("five segments of 60 bytes reassembled").isEqualTo(response);
        TcpSegment lastAck = peer.fromClient.get(peer.fromClient.size() - 1);
        assertThat(lastAck.acknowledgment()).isEqualTo(peer.sndNxt());

        assertThat(tcp.close(in(1000))).isTrue();
        assertThat(peer.clientFin).isTrue();
        assertThat(peer.clientRst).isFalse();
        TcpSegment finalAck = peer.fromClient.get(peer.fromClient.size() - 1);
        assertThat(finalAck.flags()).as("ACK of the peer's FIN").isEqualTo(TcpSegment.ACK);
        assertThat(finalAck.acknowledgment()).isEqualTo(peer.sndNxt());
        assertThat(tcp.otherPackets()).isEmpty();
        assertThat(tcp.discardedSegments()).isZero();
        assertThatThrownBy(() -> tcp.send(new byte[1], in(100))).hasMessage("connection to 10.46.0.10:5060 is closed");
    }

    @Test
    void overIpv6WithARandomPortAndIsn() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF6);
        peer.responder = got -> new String(got, StandardCharsets.US_ASCII).equals("ping") ? "pong".getBytes() : null;
        InnerTcp tcp = InnerTcp.connect(peer, new InetSocketAddress(LOCAL6.getAddress(), 0), PCSCF6, new SecureRandom(), in(1000));
        assertThat(tcp.local().getPort()).isBetween(49152, 65535);
        assertThat(peer.fromClient.get(0).mss()).as("1280-byte packets over IPv6").isEqualTo(1220);
        assertThat(peer.fromClient.get(0).sourcePort()).isEqualTo(tcp.local().getPort());
        assertThat(tcp.segmentSize()).isEqualTo(1220);
        tcp.send("ping".getBytes(), in(1000));
        assertThat(tcp.receiveUntil(b -> b.length == 4, in(1000))).isEqualTo("pong".getBytes());
        assertThat(tcp.close(in(1000))).isTrue();
    }

    @Test
    void rstToTheSynIsConnectionRefused() {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.synAnswer = FakeTcpPeer.SynAnswer.REFUSE;
        assertThatThrownBy(() -> InnerTcp.connect(peer, LOCAL, PCSCF, in(1000)))
                .isInstanceOf(ConnectException.class)
                .hasMessage("connection refused (RST) by 10.46.0.10:5060");
        assertThat(peer.syns()).isEqualTo(1);
    }

    @Test
    void noAnswerEndsAtTheDeadline() {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF6);
        peer.synAnswer = FakeTcpPeer.SynAnswer.SILENT;
        long start = System.nanoTime();
        long deadline = start + 300 * MS;
        assertThatThrownBy(() -> InnerTcp.connect(peer, LOCAL6, PCSCF6, deadline))
                .isInstanceOf(SocketTimeoutException.class)
                .message().matches("no SYN-ACK from \\[fd00:46::10]:5060 within (2[5-9][0-9]|300) ms after 2 SYNs");
        long end = System.nanoTime();
        assertThat(end - deadline).as("returned by the deadline plus slack").isBetween(0L, SLACK);
        assertThat(peer.syns()).isEqualTo(2);
    }

    @Test
    void synsBackOffOver3Seconds() {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.synAnswer = FakeTcpPeer.SynAnswer.SILENT;
        long deadline = in(3000);
        assertThatThrownBy(() -> InnerTcp.connect(peer, LOCAL, PCSCF, deadline))
                .message().matches("no SYN-ACK from 10\\.46\\.0\\.10:5060 within (2\\.9 s|3 s) after 4 SYNs");
        assertThat(System.nanoTime() - deadline).isLessThan(SLACK);
    }

    @Test
    void aSynAckWithABadChecksumIsIgnored() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.corruptSynAcks = 1;
        long start = System.nanoTime();
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(2000));
        assertThat(peer.syns()).as("the first SYN-ACK was dropped, the second SYN answered").isEqualTo(2);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(250 * MS);
        assertThat(tcp.discardedSegments()).isEqualTo(1);
        assertThat(tcp.otherPackets()).as("a broken segment of ours is not another flow's").isEmpty();
    }

    @Test
    void otherFlowsArriveQueuedAndBounded() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.noiseBeforeSynAck = 70;
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        List<byte[]> others = tcp.otherPackets();
        assertThat(others).hasSize(InnerTcp.MAX_OTHER_PACKETS);
        assertThat(tcp.otherPacketsDropped()).isEqualTo(6);
        // the oldest were dropped: the first kept is the seventh sent
        assertThat(InnerUdp.parse(InnerPacket.parse(others.get(0))).payload()).containsExactly(6);
        assertThat(InnerUdp.parse(InnerPacket.parse(others.get(63))).sourcePort()).isEqualTo(1069);
        assertThat(tcp.otherPackets()).as("drained").isEmpty();
    }

    @Test
    void unacknowledgedDataIsSentAgain() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        peer.dropData = 1;
        tcp.send("REGISTER".getBytes(), in(2000));
        assertThat(dataSizes(peer)).containsExactly(8, 8);
        assertThat(peer.received.toString(StandardCharsets.US_ASCII)).isEqualTo("REGISTER");
    }

    @Test
    void sendGivesUpAtTheDeadline() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.mss = 200;
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        peer.dropData = Integer.MAX_VALUE;
        long deadline = in(500);
        assertThatThrownBy(() -> tcp.send(text(300, 'x'), deadline))
                .isInstanceOf(SocketTimeoutException.class)
                .message().matches("no ACK from 10\\.46\\.0\\.10:5060 for 300 of 300 bytes within (4[5-9][0-9]|500) ms after [12] retransmissions?");
        assertThat(System.nanoTime() - deadline).isBetween(0L, SLACK);
        assertThat(tcp.close(in(100))).as("unacknowledged data: RST").isFalse();
        assertThat(peer.clientRst).isTrue();
    }

    @Test
    void receiveGivesUpAtTheDeadline() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        long deadline = in(300);
        assertThatThrownBy(() -> tcp.receiveUntil(b -> b.length > 0, deadline))
                .isInstanceOf(SocketTimeoutException.class)
                .message().matches("no complete message from 10\\.46\\.0\\.10:5060 within (2[5-9][0-9]|300) ms \\(0 bytes received\\)");
        assertThat(System.nanoTime() - deadline).isBetween(0L, SLACK);
    }

    @Test
    void overlappingAndOutOfOrderSegmentsComeOutInOrder() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        byte[] response = "0123456789abcdefghijKLMNOPQRSTUVWXYZ!?".getBytes(StandardCharsets.US_ASCII);
        peer.responder = got -> got.length > 0 ? response : null;
        // [0,10), overlapping [5,20), early [30,38) dropped as out of order, then [20,38)
        peer.pieces = List.of(new int[] {0, 10}, new int[] {5, 20}, new int[] {30, 38}, new int[] {20, 38});
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        tcp.send("go".getBytes(), in(1000));
        assertThat(tcp.receiveUntil(b -> b.length == 38, in(1000))).isEqualTo(response);
        List<Integer> acks = new ArrayList<>();
        for (TcpSegment s : peer.fromClient) {
            acks.add(s.acknowledgment() - 0x7fff_fff1);
        }
        // handshake ACK, data "go", then one ACK per piece: 10, 20, 20 (duplicate for the early one), 38
        assertThat(acks.subList(acks.size() - 4, acks.size())).containsExactly(10, 20, 20, 38);
    }

    @Test
    void aFinEndsTheReceiveWithWhatCame() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.responder = got -> got.length > 0 ? "SIP/2.0 200".getBytes() : null;
        peer.finAfterResponse = true;
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        tcp.send("x".getBytes(), in(1000));
        assertThat(tcp.receiveUntil(b -> false, in(1000))).isEqualTo("SIP/2.0 200".getBytes());
        assertThat(tcp.peerClosed()).isTrue();
        assertThat(tcp.receiveUntil(b -> false, in(1000))).as("nothing more after the FIN").isEmpty();
        assertThat(tcp.close(in(1000))).isTrue();
    }

    @Test
    void anRstResetsTheConnection() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.responder = got -> got.length > 0 ? "partial".getBytes() : null;
        peer.rstAfterResponse = true;
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        tcp.send("x".getBytes(), in(1000));
        assertThatThrownBy(() -> tcp.receiveUntil(b -> false, in(1000)))
                .isInstanceOf(SocketException.class)
                .hasMessage("connection reset (RST) by 10.46.0.10:5060");
        assertThat(tcp.close(in(100))).isFalse();
    }

    @Test
    void closeSendsRstWhenThePeerDoesNotFinish() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.answerFin = false;
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        long deadline = in(300);
        assertThat(tcp.close(deadline)).isFalse();
        assertThat(System.nanoTime() - deadline).isBetween(0L, SLACK);
        TcpSegment last = peer.fromClient.get(peer.fromClient.size() - 1);
        assertThat(last.has(TcpSegment.RST)).isTrue();
        assertThat(peer.fromClient.stream().filter(s -> s.has(TcpSegment.FIN)).count()).as("the FIN, sent again once unanswered").isGreaterThanOrEqualTo(2);
    }

    @Test
    void packetTooBigLowersTheSegmentSize() throws Exception {
        FakeTcpPeer peer = new FakeTcpPeer(PCSCF);
        peer.tooBigMtu = 600;
        InnerTcp tcp = InnerTcp.connect(peer, LOCAL, PCSCF, in(1000));
        tcp.send(text(1000, 'z'), in(1000));
        assertThat(tcp.segmentSize()).isEqualTo(560);
        assertThat(dataSizes(peer)).containsExactly(1000, 560, 440);
        assertThat(peer.received.size()).isEqualTo(1000);
        assertThat(tcp.otherPackets()).as("the ICMP error was about us").isEmpty();
    }

    @Test
    void durations() {
        assertThat(InnerTcp.duration(300 * MS)).isEqualTo("300 ms");
        assertThat(InnerTcp.duration(3000 * MS)).isEqualTo("3 s");
        assertThat(InnerTcp.duration(2500 * MS)).isEqualTo("2.5 s");
        assertThat(InnerTcp.duration(2999 * MS)).isEqualTo("3 s");
    }
}
