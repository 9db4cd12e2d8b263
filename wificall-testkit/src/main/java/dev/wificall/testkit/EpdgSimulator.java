package dev.wificall.testkit;

import dev.wificall.dns.AddressText;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.probe.IkePort;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ePDG for tests: an IKEv2 responder on two UDP ports of one address, playing UDP/500 and UDP/4500
 * (with the non-ESP marker) at a port offset, so it runs without root beside a real IKE daemon. It
 * answers IKE_SA_INIT like a real ePDG or misbehaves as each port's {@link Behaviour} says, which a
 * test may change while it runs; IKE_AUTH it drops, or answers with an error notify
 * ({@link Behaviour#authError}) under the keys of the IKE SA it accepted. Point the engine at it with
 * {@code new ProbeTarget(new InetSocketAddress(sim.address(), sim.port(IkePort.UDP_4500)), IkePort.UDP_4500)},
 * or a whole check with {@code CheckSettings.withPortOffset(sim.portOffset())}.
 *
 * <pre>{@code
 * try (EpdgSimulator epdg = EpdgSimulator.builder().behaviour(IkePort.UDP_4500, Behaviour.silence()).start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>One daemon thread serves both sockets and sends delayed answers; {@link #close()} stops it.
 */
public final class EpdgSimulator implements AutoCloseable {

    /**
     * What the simulator accepts unless told otherwise, as a typical ePDG: AES-GCM or AES-CBC with
     * HMAC, DH groups 19, 20 and 14. It takes a phone's offer, strongSwan's, and ike-scan's with
     * {@code --dhgroup=14}.
     */
    public static final String DEFAULT_PROPOSALS = "aes256gcm16-aes128gcm16-prfsha256-prfsha384-ecp256-ecp384-modp2048,"
            + "aes256-aes128-sha256-sha1-ecp256-ecp384-modp2048";

    /** The range a free port offset is drawn from: 10500 to 54500, clear of privileged ports. */
    static final int FIRST_FREE_OFFSET = 10_000;
    static final int LAST_FREE_OFFSET = 50_000;
    private static final int FREE_OFFSET_TRIES = 64;
    private static final int MAX_OFFSET = 0xFFFF - IkePort.UDP_4500.number();
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    /** One of the two sockets and what it does. */
    private static final class Endpoint {
        final IkePort port;
        final DatagramChannel channel;
        final InetSocketAddress local;
        final AtomicInteger received = new AtomicInteger();
        volatile Behaviour behaviour;

        Endpoint(IkePort port, DatagramChannel channel, Behaviour behaviour) throws IOException {
            this.port = port;
            this.channel = channel;
            this.local = (InetSocketAddress) channel.getLocalAddress();
            this.behaviour = behaviour;
        }
    }

    /** A delayed answer, due at {@code due} (System.nanoTime); {@code order} keeps equal times in send order. */
    private record Pending(long due, long order, Endpoint endpoint, InetSocketAddress to, byte[] datagram) {
    }

    private final InetAddress address;
    private final int offset;
    private final Map<IkePort, Endpoint> endpoints = new EnumMap<>(IkePort.class);
    private final SaInitResponder responder;
    private final Selector selector;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Bugs in a behaviour (never network conditions), for tests to assert there were none. */
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    // the simulator's thread only
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparingLong(Pending::due).thenComparingLong(Pending::order));
    private long scheduled;

    private EpdgSimulator(Builder b, Bound bound) throws IOException {
        this.address = b.address;
        this.offset = bound.offset();
        this.responder = new SaInitResponder(b.proposals, b.seed != null ? b.seed : new SecureRandom().nextLong(),
                b.staticKeys != null ? b.staticKeys : StaticKeys.create());
        Selector s = null;
        try {
            endpoints.put(IkePort.UDP_500, new Endpoint(IkePort.UDP_500, bound.ike(), b.behaviours.get(IkePort.UDP_500)));
            endpoints.put(IkePort.UDP_4500, new Endpoint(IkePort.UDP_4500, bound.natT(), b.behaviours.get(IkePort.UDP_4500)));
            s = Selector.open();
            for (Endpoint e : endpoints.values()) {
                e.channel.configureBlocking(false);
                e.channel.register(s, SelectionKey.OP_READ, e);
            }
        } catch (IOException | RuntimeException e) {
            if (s != null) {
                closeQuietly(s);
            }
            bound.close();
            throw e;
        }
        selector = s;
        thread = new Thread(this::serve, "wificall-epdg-simulator-" + port(IkePort.UDP_500));
        thread.setDaemon(true);
        thread.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address both sockets are bound to. */
    public InetAddress address() {
        return address;
    }

    /** The UDP port that plays {@code port}: its number plus {@link #portOffset()}. */
    public int port(IkePort port) {
        return endpoints.get(Objects.requireNonNull(port, "port")).local.getPort();
    }

    /** {@code port(UDP_500) - 500}, which is also {@code port(UDP_4500) - 4500}. */
    public int portOffset() {
        return offset;
    }

    /** What {@code port} does from the next request on; safe from any thread. */
    public void behave(IkePort port, Behaviour behaviour) {
        endpoints.get(Objects.requireNonNull(port, "port")).behaviour = Objects.requireNonNull(behaviour, "behaviour");
    }

    public Behaviour behaviour(IkePort port) {
        return endpoints.get(Objects.requireNonNull(port, "port")).behaviour;
    }

    /** Every datagram that reached {@code port}, IKE or not, answered or not. */
    public int datagramsReceived(IkePort port) {
        return endpoints.get(Objects.requireNonNull(port, "port")).received.get();
    }

    /** Exceptions a behaviour threw (a bug in the simulator); the request that caused one went unanswered. */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Stops the thread, drops answers not yet sent and closes both sockets; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        selector.wakeup();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Endpoint e : endpoints.values()) {
            closeQuietly(e.channel);
        }
        closeQuietly(selector);
    }

    @Override
    public String toString() {
        Endpoint ike = endpoints.get(IkePort.UDP_500);
        Endpoint natT = endpoints.get(IkePort.UDP_4500);
        return "ePDG simulator on " + AddressText.of(address) + ", UDP " + ike.local.getPort() + " as 500 (" + ike.behaviour
                + ") and " + natT.local.getPort() + " as 4500 (" + natT.behaviour + ")";
    }

    // --- serving: receive, decide, answer now or later ---

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(65_535);
        while (!closed.get()) {
            try {
                selector.select(sendDue());
                for (SelectionKey key : selector.selectedKeys()) {
                    receiveAll((Endpoint) key.attachment(), in);
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException | ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // a receive error on a UDP socket (an ICMP error for an earlier answer): the socket goes on
            }
        }
    }

    private void receiveAll(Endpoint e, ByteBuffer in) throws IOException {
        InetSocketAddress from;
        while ((from = (InetSocketAddress) e.channel.receive(in.clear())) != null) {
            e.received.incrementAndGet();
            Optional<Received> request = request(e, from, Arrays.copyOf(in.array(), in.position()));
            if (request.isEmpty()) {
                continue;
            }
            Optional<Reply> reply;
            try {
                reply = e.behaviour.apply(request.get(), responder);
            } catch (RuntimeException bug) {
                failures.add(bug);
                continue;
            }
            reply.ifPresent(r -> answer(e, request.get().from(), r));
        }
    }

    /** The datagram as an IKE_SA_INIT request or IKE_AUTH request 1; empty for anything a responder drops. */
    private static Optional<Received> request(Endpoint e, InetSocketAddress from, byte[] datagram) {
        IkeMessage m;
        try {
            m = IkeMessage.decode(datagram, datagram.length, e.port.nonEspMarker());
        } catch (MalformedIkeException notIke) {
            // ESP and keepalives on "4500", IKEv1, noise: a responder drops them without a word
            return Optional.empty();
        }
        boolean saInit = m.exchangeType() == IkeMessage.IKE_SA_INIT && !m.isResponse() && m.messageId() == 0
                && m.responderSpi() == 0;
        // the behaviour decides on IKE_AUTH, the responder finds its SA and checks its ICV; later
        // requests (EAP rounds, INFORMATIONAL) would need more than the error answer the simulator gives
        boolean auth = m.exchangeType() == SaInitResponder.IKE_AUTH && !m.isResponse() && m.isInitiator()
                && m.messageId() == 1 && m.responderSpi() != 0;
        return saInit || auth ? Optional.of(new Received(e.port, from, e.local, datagram, m)) : Optional.empty();
    }

    private void answer(Endpoint received, InetSocketAddress to, Reply reply) {
        Endpoint e = reply.otherPort() ? endpoints.get(received.port == IkePort.UDP_500 ? IkePort.UDP_4500 : IkePort.UDP_500)
                : received;
        List<byte[]> datagrams = new java.util.ArrayList<>(reply.before());
        datagrams.add(reply.datagram());
        for (byte[] d : datagrams) {
            if (reply.delay().isZero()) {
                send(e, to, d);
            } else {
                pending.add(new Pending(System.nanoTime() + saturatedNanos(reply.delay()), scheduled++, e, to, d));
            }
        }
    }

    /** Sends the delayed answers that are due; returns the milliseconds until the next one, 0 for none. */
    private long sendDue() {
        long now = System.nanoTime();
        while (!pending.isEmpty() && pending.peek().due() - now <= 0) {
            Pending p = pending.poll();
            send(p.endpoint(), p.to(), p.datagram());
        }
        if (pending.isEmpty()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(pending.peek().due() - now + 999_999));
    }

    private static void send(Endpoint e, InetSocketAddress to, byte[] datagram) {
        try {
            e.channel.send(ByteBuffer.wrap(datagram), to);
        } catch (IOException lost) {
            // UDP: an answer that cannot leave is lost, as on a real path
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a socket or selector fails only when it is gone already
        }
    }

    // --- binding ---

    /** The two bound sockets. */
    private record Bound(int offset, DatagramChannel ike, DatagramChannel natT) {
        void close() {
            closeQuietly(ike);
            closeQuietly(natT);
        }
    }

    /** A failed bind of one port, with the port named. */
    private static final class PortTaken extends IOException {
        private static final long serialVersionUID = 1L;

        PortTaken(int port, IOException cause) {
            super("port " + port + ": " + cause.getMessage(), cause);
        }

        boolean inUse() {
            return getCause() instanceof BindException;
        }
    }

    private static Bound bindExactly(InetAddress address, int offset) throws IOException {
        try {
            return bindPair(address, offset);
        } catch (PortTaken e) {
            throw new IOException("cannot bind the ePDG simulator to UDP ports " + (500 + offset) + " and " + (4500 + offset)
                    + " on " + AddressText.of(address) + " (port offset " + offset + "): " + e.getMessage()
                    + "; choose another port offset, or leave it unset to take a free pair", e.getCause());
        }
    }

    private static Bound bindFree(InetAddress address) throws IOException {
        // an address this host does not have fails on every port: say so, not "no free ports"
        try {
            closeQuietly(bind(address, 0));
        } catch (PortTaken e) {
            throw new IOException("cannot bind the ePDG simulator to " + AddressText.of(address) + ": "
                    + e.getCause().getMessage() + " (is it an address of this host?)", e.getCause());
        }
        PortTaken last = null;
        for (int i = 0; i < FREE_OFFSET_TRIES; i++) {
            int offset = ThreadLocalRandom.current().nextInt(FIRST_FREE_OFFSET, LAST_FREE_OFFSET + 1);
            try {
                return bindPair(address, offset);
            } catch (PortTaken e) {
                if (!e.inUse()) {
                    throw e;
                }
                last = e;
            }
        }
        throw new IOException("no free pair of UDP ports 500+N and 4500+N on " + AddressText.of(address) + " for N from "
                + FIRST_FREE_OFFSET + " to " + LAST_FREE_OFFSET + " in " + FREE_OFFSET_TRIES + " tries; the last: "
                + last.getMessage(), last.getCause());
    }

    private static Bound bindPair(InetAddress address, int offset) throws IOException {
        DatagramChannel ike = bind(address, IkePort.UDP_500.number() + offset);
        try {
            return new Bound(offset, ike, bind(address, IkePort.UDP_4500.number() + offset));
        } catch (IOException e) {
            closeQuietly(ike);
            throw e;
        }
    }

    private static DatagramChannel bind(InetAddress address, int port) throws IOException {
        DatagramChannel ch = DatagramChannel.open(address instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(address, port));
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new PortTaken(port, e);
        }
    }

    /** How to start a simulator; every setting has a default. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private Integer offset;
        private final Map<IkePort, Behaviour> behaviours = new EnumMap<>(Map.of(
                IkePort.UDP_500, Behaviour.answer(), IkePort.UDP_4500, Behaviour.answer()));
        private IkeProposals proposals = IkeProposals.parse(DEFAULT_PROPOSALS);
        private Long seed;
        private StaticKeys staticKeys;

        private Builder() {
        }

        /**
         * The address to bind, 127.0.0.1 by default; one address, not the wildcard, since NAT
         * detection hashes the address each request was sent to.
         */
        public Builder address(InetAddress address) {
            Objects.requireNonNull(address, "address");
            if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw new IllegalArgumentException("the ePDG simulator binds one unicast address of this host, not "
                        + AddressText.of(address) + ": its NAT detection hashes the address a request was sent to");
            }
            this.address = address;
            return this;
        }

        /**
         * Binds exactly 500 + {@code offset} and 4500 + {@code offset} ({@link #start()} fails naming
         * them when one is taken). Unset, a free pair is drawn from offsets 10000 to 50000.
         */
        public Builder portOffset(int offset) {
            if (offset < 0 || offset > MAX_OFFSET) {
                throw new IllegalArgumentException("port offset " + offset + " must be from 0 to " + MAX_OFFSET
                        + " (the simulator binds 500 and 4500 plus the offset), e.g. 10000");
            }
            this.offset = offset;
            return this;
        }

        /** What {@code port} does; {@link Behaviour#answer()} by default. */
        public Builder behaviour(IkePort port, Behaviour behaviour) {
            behaviours.put(Objects.requireNonNull(port, "port"), Objects.requireNonNull(behaviour, "behaviour"));
            return this;
        }

        /** What both ports do. */
        public Builder behaviour(Behaviour behaviour) {
            return behaviour(IkePort.UDP_500, behaviour).behaviour(IkePort.UDP_4500, behaviour);
        }

        /**
         * The proposals the simulator accepts, in strongSwan syntax ({@link IkeProposals#parse});
         * {@link #DEFAULT_PROPOSALS} by default.
         *
         * @throws IllegalArgumentException naming the keyword that is wrong
         */
        public Builder proposals(String strongSwanProposals) {
            this.proposals = IkeProposals.parse(strongSwanProposals);
            return this;
        }

        /** Seeds the random draws of {@link Behaviour#drop} and {@link Malformation#GARBAGE}, so a run repeats. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The key pairs {@link Behaviour#sharedKey()} and {@link Behaviour#staticKe()} answer with; give
         * several simulators the same ones to play ePDGs that share a private key. Each simulator has
         * its own by default.
         */
        public Builder staticKeys(StaticKeys keys) {
            this.staticKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Binds both ports and starts answering. */
        public EpdgSimulator start() throws IOException {
            Bound bound = offset != null ? bindExactly(address, offset) : bindFree(address);
            return new EpdgSimulator(this, bound);
        }
    }
}
