package dev.wificall.esp;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The far side of an {@link InnerLink} for InnerTcp's tests: a small TCP responder that answers the
 * client's segments synchronously (its answers wait in a queue until the client receives), with knobs
 * for misbehaving. Every packet the client sends must be well formed, or the test fails.
 */
final class FakeTcpPeer implements InnerLink {
    enum SynAnswer { ACCEPT, REFUSE, SILENT }

    final InetSocketAddress address;
    final ArrayDeque<byte[]> toClient = new ArrayDeque<>();
    final List<TcpSegment> fromClient = new ArrayList<>();
    final List<InnerPacket> packetsFromClient = new ArrayList<>();

    SynAnswer synAnswer = SynAnswer.ACCEPT;
    int mss = 1460;
    int window = 65535;
    /** SYN-ACKs to send with a broken checksum before a good one. */
    int corruptSynAcks;
    /** Other flows' packets to queue before the SYN-ACK. */
    int noiseBeforeSynAck;
    /** Data segments of the client to drop without an ACK. */
    int dropData;
    /** An ICMP packet-too-big with this MTU instead of the first data segment larger than it (0: none). */
    int tooBigMtu;
    /** Given all bytes received so far, the response (sent once), or null while the request is incomplete. */
    Function<byte[], byte[]> responder = b -> null;
    /** Pieces [start, end) of the response, in the order they are sent; null: consecutive segments of responseSegment bytes. */
    List<int[]> pieces;
    int responseSegment = 100;
    boolean finAfterResponse;
    boolean rstAfterResponse;
    boolean answerFin = true;

    private InetAddress client;
    private int clientPort;
    private final int iss = 0x7fff_fff0; // wraps past 2^31 and 2^32 soon: sequence arithmetic must cope
    private int sndNxt;
    private int rcvNxt;
    private boolean responded;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean clientFin;
    boolean clientRst;

    FakeTcpPeer(InetSocketAddress address) {
        this.address = address;
    }

    @Override
    public void send(byte[] ipPacket) {
        InnerPacket p;
        TcpSegment s;
        try {
            p = InnerPacket.parse(ipPacket);
            s = TcpSegment.parse(p);
        } catch (MalformedInnerPacketException e) {
            throw new AssertionError("the client sent a malformed packet: " + e.getMessage(), e);
        }
        packetsFromClient.add(p);
        fromClient.add(s);
        client = p.source();
        clientPort = s.sourcePort();
        if (s.has(TcpSegment.RST)) {
            clientRst = true;
            return;
        }
        if (s.has(TcpSegment.SYN)) {
            syn(s);
            return;
        }
        if (s.payloadLength() > 0 && dropData > 0) {
            dropData--;
            return;
        }
        if (s.payloadLength() > 0 && tooBigMtu > 0 && p.encode().length > tooBigMtu) {
            toClient.add(InnerIcmp.ErrorReport.tooBig(p, tooBigMtu).packet(address.getAddress(), client).encode());
            return;
        }
        boolean ack = false;
        if (s.payloadLength() > 0) {
            ack = true;
            if (s.sequence() == rcvNxt) {
                received.writeBytes(s.payload());
                rcvNxt += s.payloadLength();
            }
        }
        if (s.has(TcpSegment.FIN) && s.sequence() + s.payloadLength() == rcvNxt && !clientFin) {
            clientFin = true;
            rcvNxt++;
            if (!answerFin) {
                return;
            }
            out(TcpSegment.ACK | TcpSegment.FIN, sndNxt, new byte[0]);
            sndNxt++;
            return;
        }
        if (ack) {
            out(TcpSegment.ACK, sndNxt, new byte[0]);
        }
        if (!responded) {
            byte[] response = responder.apply(received.toByteArray());
            if (response != null) {
                responded = true;
                respond(response);
            }
        }
    }

    private void syn(TcpSegment s) {
        switch (synAnswer) {
            case SILENT -> {
            }
            case REFUSE -> toClient.add(packet(new TcpSegment(address.getPort(), clientPort, 0, s.sequence() + 1,
                    TcpSegment.RST | TcpSegment.ACK, 0, 0, new byte[0])));
            case ACCEPT -> {
                rcvNxt = s.sequence() + 1;
                sndNxt = iss + 1;
                for (int i = 0; i < noiseBeforeSynAck; i++) {
                    toClient.add(InnerUdp.packet(new InetSocketAddress("10.99.0.1", 1000 + i),
                            new InetSocketAddress(client, 9999), new byte[] {(byte) i}).encode());
                }
                noiseBeforeSynAck = 0;
                byte[] synAck = packet(new TcpSegment(address.getPort(), clientPort, iss, rcvNxt, TcpSegment.SYN | TcpSegment.ACK,
                        window, mss, new byte[0]));
                if (corruptSynAcks > 0) {
                    corruptSynAcks--;
                    // the TCP checksum's low byte, after a 20- or 40-byte IP header
                    synAck[synAck.length - 24 + 17] ^= 0x5a;
                }
                toClient.add(synAck);
            }
        }
    }

    private void respond(byte[] response) {
        int base = sndNxt;
        List<int[]> order = pieces;
        if (order == null) {
            order = new ArrayList<>();
            for (int i = 0; i < response.length; i += responseSegment) {
                order.add(new int[] {i, Math.min(response.length, i + responseSegment)});
            }
        }
        for (int[] piece : order) {
            byte[] data = java.util.Arrays.copyOfRange(response, piece[0], piece[1]);
            out(TcpSegment.ACK | TcpSegment.PSH, base + piece[0], data);
        }
        sndNxt = base + response.length;
        if (finAfterResponse) {
            out(TcpSegment.ACK | TcpSegment.FIN, sndNxt, new byte[0]);
            sndNxt++;
        }
        if (rstAfterResponse) {
            toClient.add(packet(new TcpSegment(address.getPort(), clientPort, sndNxt, rcvNxt, TcpSegment.RST | TcpSegment.ACK, 0, 0, new byte[0])));
        }
    }

    private void out(int flags, int sequence, byte[] data) {
        toClient.add(packet(new TcpSegment(address.getPort(), clientPort, sequence, rcvNxt, flags, window, 0, data)));
    }

    /** A packet from the peer to the client carrying {@code s}. */
    byte[] packet(TcpSegment s) {
        return InnerPacket.of(address.getAddress(), client, InnerPacket.TCP, s.encode(address.getAddress(), client)).encode();
    }

    /** What the peer has sent so far, for tests that send extra segments themselves. */
    int sndNxt() {
        return sndNxt;
    }

    int rcvNxt() {
        return rcvNxt;
    }

    int clientPort() {
        return clientPort;
    }

    long syns() {
        return fromClient.stream().filter(s -> s.has(TcpSegment.SYN)).count();
    }

    @Override
    public Optional<byte[]> receive(long deadlineNanos) {
        byte[] next = toClient.poll();
        if (next != null) {
            return Optional.of(next);
        }
        long wait = deadlineNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.empty();
    }
}
