package dev.wificall.probe;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny IKEv2 responder on loopback with an ephemeral port, for the probe's tests. It records
 * every datagram and every answer and answers as its {@link Behaviour} says: accept, COOKIE first,
 * INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN, silence to all but the broad re-check, dropping a share,
 * answering only a retransmission.
 */
final class EmbeddedResponder implements AutoCloseable {
    static final long SPI_R = 0x5151515151515151L;

    /** What to send back for one received datagram (none: stay silent). */
    interface Behaviour {
        List<byte[]> answer(Received request) throws Exception;
    }

    /** One datagram as received, decoded when it is IKE. */
    record Received(byte[] bytes, InetSocketAddress from, IkeMessage message, boolean marker) {
        long spi() {
            return message.initiatorSpi();
        }

        /** The cookie a request echoes as its first payload, or null. */
        byte[] echoedCookie() {
            IkePayload first = message.payloads().isEmpty() ? null : message.payloads().get(0);
            return first instanceof Notify n && n.notifyType() == Notify.COOKIE ? n.data() : null;
        }

        int keGroup() {
            return message.payloads(KeyExchange.class).get(0).group();
        }
    }

    /** An answer the responder sent. */
    record Sent(InetSocketAddress to, long spi, int size) {
    }

    private final DatagramChannel channel;
    private final Thread thread;
    private final boolean marker;
    private volatile Behaviour behaviour;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Throwable> problems = new CopyOnWriteArrayList<>();

    EmbeddedResponder(boolean marker, Behaviour behaviour) throws IOException {
        this(InetAddress.getLoopbackAddress(), marker, behaviour);
    }

    EmbeddedResponder(InetAddress bind, boolean marker, Behaviour behaviour) throws IOException {
        this.marker = marker;
        this.behaviour = behaviour;
        channel = DatagramChannel.open(bind.getAddress().length == 16 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        // room for hundreds of queued requests when many probes start at once
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.bind(new InetSocketAddress(bind, 0));
        thread = new Thread(this::serve, "embedded-ike-responder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sets the behaviour after construction, for answers that need {@link #address()}. */
    void behaviour(Behaviour b) {
        behaviour = b;
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** The first {@code n} datagrams, waiting up to 5 s for the responder thread to record them. */
    List<Received> awaitReceived(int n) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (received.size() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        return List.copyOf(received);
    }

    /** Datagrams received from one source port. */
    List<Received> from(int port) {
        return received.stream().filter(r -> r.from().getPort() == port).toList();
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(65_535);
        while (channel.isOpen()) {
            try {
                InetSocketAddress from = (InetSocketAddress) channel.receive(in.clear());
                byte[] bytes = Arrays.copyOf(in.array(), in.position());
                IkeMessage message = IkeMessage.decode(bytes, bytes.length, marker);
                Received r = new Received(bytes, from, message, marker);
                received.add(r);
                for (byte[] answer : behaviour.answer(r)) {
                    channel.send(ByteBuffer.wrap(answer), from);
                    sent.add(new Sent(from, r.spi(), answer.length));
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (Exception e) {
                problems.add(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- behaviours ---

    static final Behaviour SILENT = r -> List.of();

    /** Accepts every request the way strongSwan does. */
    Behaviour accepting() throws IOException {
        InetSocketAddress self = address();
        return r -> List.of(accept(r, self, marker));
    }

    /** COOKIE (16390) unless the request echoes this responder's cookie first; then accepts. */
    Behaviour cookieFirst() throws IOException {
        InetSocketAddress self = address();
        return r -> List.of(Arrays.equals(r.echoedCookie(), cookieFor(r.spi())) ? accept(r, self, marker)
                : notify(r, Notify.COOKIE, cookieFor(r.spi())));
    }

    /** A fresh cookie for every request, echoed or not: a probe must stop after its cookie rounds. */
    Behaviour cookieForever() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            byte[] cookie = cookieFor(r.spi() + n.incrementAndGet());
            return List.of(notify(r, Notify.COOKIE, cookie));
        };
    }

    /** INVALID_KE_PAYLOAD asking for {@code group} unless the KE is for it; then accepts. */
    Behaviour wantsGroup(int group) throws IOException {
        InetSocketAddress self = address();
        return r -> List.of(r.keGroup() == group ? accept(r, self, marker)
                : notify(r, Notify.INVALID_KE_PAYLOAD, new byte[] {(byte) (group >> 8), (byte) group}));
    }

    /** INVALID_KE_PAYLOAD for {@code group} to every request, even one with a KE for it. */
    Behaviour alwaysWantsGroup(int group) {
        return r -> List.of(notify(r, Notify.INVALID_KE_PAYLOAD, new byte[] {(byte) (group >> 8), (byte) group}));
    }

    Behaviour noProposalChosen() {
        return r -> List.of(notify(r, Notify.NO_PROPOSAL_CHOSEN, new byte[0]));
    }

    /**
     * Silent to the first SPI each source sends (the configured proposal) and accepting to any other
     * (the broad re-check), like an ePDG that ignores proposals it dislikes.
     */
    Behaviour onlySecondSpi() throws IOException {
        InetSocketAddress self = address();
        Map<Integer, Long> firstSpi = new ConcurrentHashMap<>();
        return r -> firstSpi.computeIfAbsent(r.from().getPort(), p -> r.spi()) == r.spi() ? List.of()
                : List.of(accept(r, self, marker));
    }

    /** Answers only the {@code n}-th datagram of each SPI, and those after it (earlier ones are "lost"). */
    Behaviour fromNth(int n, Behaviour inner) {
        Map<Long, Integer> seen = new ConcurrentHashMap<>();
        return r -> seen.merge(r.spi(), 1, Integer::sum) >= n ? inner.answer(r) : List.of();
    }

    /** Answers only the first SPI of each source: the broad re-check goes unanswered. */
    static Behaviour firstSpiOnly(Behaviour inner) {
        Map<Integer, Long> firstSpi = new ConcurrentHashMap<>();
        return r -> firstSpi.computeIfAbsent(r.from().getPort(), p -> r.spi()) == r.spi() ? inner.answer(r) : List.of();
    }

    /** Drops each datagram with probability {@code share}, from a seeded sequence. */
    static Behaviour dropping(double share, long seed, Behaviour inner) {
        Random random = new Random(seed);
        return r -> random.nextDouble() < share ? List.of() : inner.answer(r);
    }

    /** Sends every answer of {@code inner} twice, as a duplicating network would. */
    static Behaviour duplicating(Behaviour inner) {
        return r -> {
            List<byte[]> twice = new ArrayList<>();
            for (byte[] a : inner.answer(r)) {
                twice.add(a);
                twice.add(a);
            }
            return twice;
        };
    }

    // --- answers ---

    static byte[] cookieFor(long spi) {
        return ByteBuffer.allocate(16).putLong(spi).putLong(~spi).array();
    }

    private byte[] notify(Received r, int type, byte[] data) {
        return response(r.spi(), List.of(Notify.of(type, data)), marker);
    }

    /** What strongSwan sends: the first AEAD transforms, a real KE of the request's group, NAT detection for the real endpoints. */
    static byte[] accept(Received r, InetSocketAddress self, boolean withMarker) throws Exception {
        int group = r.keGroup();
        SecurityAssociation sa = new SecurityAssociation(List.of(Proposal.ike(1, List.of(Transform.encr(20, 256),
                Transform.of(SecurityAssociation.PRF, 5), Transform.of(SecurityAssociation.DH, group)))));
        long spi = r.message().initiatorSpi();
        return response(spi, List.of(sa,
                new IkePayload.KeyExchange(group, DhGroup.byId(group).orElseThrow().generatePublicValue(new SecureRandom())),
                new IkePayload.Nonce(new byte[32]),
                Notify.of(Notify.NAT_DETECTION_SOURCE_IP, natHash(spi, SPI_R, self)),
                Notify.of(Notify.NAT_DETECTION_DESTINATION_IP, natHash(spi, SPI_R, r.from())),
                Notify.of(Notify.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0])), withMarker);
    }

    static byte[] response(long spiI, List<IkePayload> payloads, boolean withMarker) {
        return new IkeMessage(spiI, SPI_R, IkeMessage.VERSION_2_0, IkeMessage.IKE_SA_INIT, IkeMessage.FLAG_RESPONSE, 0, payloads)
                .encode(withMarker);
    }

    /** SHA-1(SPIi | SPIr | IP | port), computed here independently of the codec. */
    static byte[] natHash(long spiI, long spiR, InetSocketAddress endpoint) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array());
        sha1.update(endpoint.getAddress().getAddress());
        sha1.update(new byte[] {(byte) (endpoint.getPort() >> 8), (byte) endpoint.getPort()});
        return sha1.digest();
    }

    static byte[] notifyHash(IkeMessage m, int type) {
        return m.payloads(Notify.class).stream().filter(n -> n.notifyType() == type).findFirst().orElseThrow().data();
    }
}
