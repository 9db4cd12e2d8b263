package dev.wificall.dns;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * The bytes of every lookup, UDP and TCP, on one thread of ours that runs only while queries are on
 * their way or a {@link DnsLookup.Hold} is open; dnsjava builds and checks the messages. dnsjava's own
 * transport is never used: it starts a selector thread and a JVM shutdown hook that outlive the Maven
 * goal or test that started them, and once Maven has closed the plugin's class realm that hook waits
 * forever and the build's JVM never exits (issue 16).
 *
 * <p>UDP: {@value #SOCKETS} connected sockets per server on ephemeral ports the kernel picks, so the
 * kernel drops datagrams from anyone else and an ICMP port unreachable reaches the queries it concerns.
 * An answer is matched by socket and message ID (16 random bits from dnsjava): less entropy against
 * off-path spoofing than a new port per query (RFC 5452 §9.2), a fair trade for a client asking its own
 * network's resolver. Answers with an ID nobody asked for are counted and named when the query times out.
 *
 * <p>TCP (after a truncated UDP answer): one connection per query, the answer framed by its two-byte
 * length (RFC 1035 §4.2.2), read without trusting that length beyond 65,535 bytes, under the query's
 * deadline however slowly the bytes come. Deadlines are swept every {@value #SWEEP_MS} ms.
 */
final class DnsSockets implements IoClientFactory, UdpIoClient, TcpIoClient {

    static final DnsSockets INSTANCE = new DnsSockets();

    private static final int SOCKETS = 4;
    private static final int SWEEP_MS = 50;
    /** How long the last hold waits for the thread to close its sockets and end: it does so at once. */
    private static final long JOIN_MILLIS = 2_000;
    private static final AtomicInteger THREADS = new AtomicInteger();
    static final String THREAD_NAME = "wificall-dns-io-";

    private final Object lock = new Object();
    /** Under {@code lock}: open holds, queries on their way, the running loop (null when none). */
    private int holds;
    private int queries;
    private Loop loop;

    private DnsSockets() {
    }

    @Override
    public TcpIoClient createOrGetTcpClient() {
        return this;
    }

    @Override
    public UdpIoClient createOrGetUdpClient() {
        return this;
    }

    // ------------------------------------------------------------------------------- lifetime

    void hold() {
        synchronized (lock) {
            holds++;
        }
    }

    /** Ends a hold; the last one waits (bounded) until the thread has closed every socket and ended. */
    void release() {
        Loop l;
        synchronized (lock) {
            if (holds == 0) {
                throw new IllegalStateException("bug: a DNS hold released twice");
            }
            l = --holds == 0 ? loop : null;
            if (l != null) {
                l.selector.wakeup();
            }
        }
        if (l != null && l.thread != Thread.currentThread()) {
            try {
                l.thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the thread runs, for tests: after the last hold it must not. */
    boolean running() {
        synchronized (lock) {
            return loop != null && loop.thread.isAlive();
        }
    }

    /** The loop that carries one more query, started when none runs. */
    private Loop begin() throws IOException {
        synchronized (lock) {
            if (loop == null) {
                loop = new Loop(Selector.open());
                loop.thread.start();
            }
            queries++;
            return loop;
        }
    }

    private void end() {
        synchronized (lock) {
            if (--queries == 0 && holds == 0 && loop != null) {
                loop.selector.wakeup();
            }
        }
    }

    /** Whether {@code l} may end now; if so it is no longer the running loop. */
    private boolean quit(Loop l) {
        synchronized (lock) {
            if (queries > 0 || holds > 0 || !l.tasks.isEmpty()) {
                return false;
            }
            if (loop == l) {
                loop = null;
            }
            return true;
        }
    }

    private <T> CompletableFuture<T> counted(CompletableFuture<T> f) {
        f.whenComplete((r, e) -> end());
        return f;
    }

    // ------------------------------------------------------------------------------- queries

    @Override
    public CompletableFuture<byte[]> sendAndReceiveUdp(InetSocketAddress local, InetSocketAddress remote, Message query,
                                                       byte[] data, int max, Duration timeout) {
        if (local != null) { // DnsLookup never binds; a caller that does needs a transport of its own
            return CompletableFuture.failedFuture(new DnsIoException("a fixed local address for DNS queries is not"
                    + " supported", false));
        }
        Loop l;
        try {
            l = begin();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new DnsIoException("cannot open a selector for DNS ("
                    + e.getMessage() + ")", false));
        }
        return counted(l.udp(remote, query.getHeader().getID(), data, timeout));
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveTcp(InetSocketAddress local, InetSocketAddress remote, Message query,
                                                       byte[] data, Duration timeout) {
        if (local != null) {
            return CompletableFuture.failedFuture(new DnsIoException("a fixed local address for DNS queries is not"
                    + " supported", false));
        }
        Loop l;
        try {
            l = begin();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new DnsIoException("cannot open a selector for DNS ("
                    + e.getMessage() + ")", false));
        }
        return counted(l.tcp(remote, data, deadline(timeout), timeout));
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + Math.max(1, timeout.toNanos());
    }

    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String millis(Duration d) {
        return bytes(d.toMillis()) + " ms";
    }

    // ------------------------------------------------------------------------------- one generation

    /** A UDP query on its way, and how many stray answers its socket had seen when it went out. */
    private record Pending(CompletableFuture<byte[]> future, long deadline, int straysBefore, Duration timeout) {
    }

    /** One connected UDP socket and the queries waiting on it, by message ID. */
    private static final class Udp {
        final DatagramChannel channel;
        final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
        /** Datagrams whose message ID no query on this socket had; written by the loop only. */
        volatile int strays;

        Udp(DatagramChannel channel) {
            this.channel = channel;
        }
    }

    /** One TCP query: connect, send the length-framed query, read the length-framed answer. */
    private final class Tcp {
        final CompletableFuture<byte[]> future = new CompletableFuture<>();
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer length = ByteBuffer.allocate(2);
        final long deadline;
        final Duration timeout;
        ByteBuffer body;
        boolean connected;

        Tcp(SocketChannel channel, byte[] data, long deadline, Duration timeout) {
            this.channel = channel;
            this.out = ByteBuffer.allocate(2 + data.length).putShort((short) data.length).put(data).flip();
            this.deadline = deadline;
            this.timeout = timeout;
        }

        void ready(SelectionKey key) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    connected = true;
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                fail(failure(e), false);
            }
        }

        private void read() throws IOException {
            while (true) {
                ByteBuffer into = body == null ? length : body;
                int n = channel.read(into);
                if (n < 0) {
                    throw new EOFException();
                }
                if (into.hasRemaining()) {
                    return; // more later: the resolver may send byte by byte, the deadline holds
                }
                if (body == null) {
                    int size = length.getShort(0) & 0xFFFF;
                    if (size == 0) {
                        fail("the resolver announced a TCP answer of 0 bytes", false);
                        return;
                    }
                    body = ByteBuffer.allocate(size);
                } else {
                    close();
                    future.complete(body.array());
                    return;
                }
            }
        }

        /** What an I/O error means at this point of the exchange, for a person. */
        private String failure(IOException e) {
            if (!connected) {
                return e instanceof ConnectException
                        ? "the resolver refused the TCP connection (nothing accepts TCP on port " + remotePort() + ")"
                        : "the TCP connection to the resolver failed (" + e.getMessage() + ")";
            }
            String where = progress();
            if (e instanceof EOFException) {
                return "the resolver closed the TCP connection " + where;
            }
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("reset")) {
                return "the resolver reset the TCP connection " + where;
            }
            return "the TCP connection to the resolver broke " + where + " (" + e.getMessage() + ")";
        }

        /** "before answering", "after 40 of the 5,000 bytes it announced". */
        private String progress() {
            if (out.hasRemaining()) {
                return "before it had our query";
            }
            if (body == null) {
                return length.position() == 0 ? "before answering" : "after 1 byte of the answer's length";
            }
            return "after " + bytes(body.position()) + " of the " + bytes(body.capacity()) + " bytes it announced";
        }

        void expire() {
            String what;
            if (!connected) {
                what = "the resolver did not accept the TCP connection within " + millis(timeout);
            } else if (body == null && length.position() == 0) {
                what = "no TCP answer within " + millis(timeout);
            } else {
                what = "the TCP answer was not complete within " + millis(timeout) + ": the resolver sent "
                        + (body == null ? "1 byte" : bytes(body.position() + 2L) + " of the " + bytes(body.capacity() + 2L)
                        + " bytes") + " it announced";
            }
            fail(what, true);
        }

        private int remotePort() {
            try {
                return ((InetSocketAddress) channel.getRemoteAddress()).getPort();
            } catch (IOException | RuntimeException e) {
                return 53;
            }
        }

        void fail(String message, boolean timeout) {
            close();
            future.completeExceptionally(new DnsIoException(message, timeout));
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket we no longer read
            }
        }
    }

    /** The thread, its selector and its sockets: made when a query needs them, closed when none is left. */
    private final class Loop {
        final Selector selector;
        final Thread thread;
        final Map<InetSocketAddress, Udp[]> udp = new ConcurrentHashMap<>();
        /** Work for the loop's thread (registrations), handed over from callers. */
        final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        /** Loop thread only. */
        final Set<Tcp> tcp = new HashSet<>();

        Loop(Selector selector) {
            this.selector = selector;
            this.thread = new Thread(this::run, THREAD_NAME + THREADS.incrementAndGet());
            thread.setDaemon(true);
        }

        CompletableFuture<byte[]> udp(InetSocketAddress remote, int id, byte[] data, Duration timeout) {
            long deadline = deadline(timeout);
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            Udp socket = null;
            Pending p = null;
            try {
                Udp[] sockets = sockets(remote);
                int first = ThreadLocalRandom.current().nextInt(sockets.length);
                for (int i = 0; i < sockets.length && socket == null; i++) {
                    Udp s = sockets[(first + i) % sockets.length];
                    Pending mine = new Pending(f, deadline, s.strays, timeout);
                    if (s.pending.putIfAbsent(id, mine) == null) {
                        socket = s;
                        p = mine;
                    }
                }
                if (socket == null) {
                    throw new DnsIoException("query ID " + id + " to " + AddressText.of(remote) + " is already waiting on"
                            + " every socket; too many queries at once", false);
                }
                if (socket.channel.write(ByteBuffer.wrap(data)) != data.length) {
                    throw new DnsIoException("the socket's send buffer is full; the query to " + AddressText.of(remote)
                            + " was not sent", false);
                }
            } catch (PortUnreachableException e) {
                unreachable(socket, p, f);
            } catch (IOException e) {
                if (socket != null) {
                    socket.pending.remove(id, p);
                }
                f.completeExceptionally(e instanceof DnsIoException ? e
                        : new DnsIoException("the query could not be sent (" + e.getMessage() + ")", false));
            }
            return f;
        }

        private void unreachable(Udp socket, Pending p, CompletableFuture<byte[]> f) {
            if (socket != null) {
                socket.pending.values().remove(p);
            }
            f.completeExceptionally(portUnreachable());
        }

        private Udp[] sockets(InetSocketAddress remote) throws IOException {
            Udp[] sockets = udp.get(remote);
            if (sockets != null) {
                return sockets;
            }
            synchronized (this) {
                sockets = udp.get(remote);
                if (sockets == null) {
                    Udp[] made = new Udp[SOCKETS];
                    try {
                        for (int i = 0; i < SOCKETS; i++) {
                            DatagramChannel c = DatagramChannel.open();
                            made[i] = new Udp(c);
                            c.configureBlocking(false);
                            c.connect(remote);
                        }
                    } catch (IOException e) {
                        for (Udp s : made) {
                            if (s != null) {
                                s.channel.close();
                            }
                        }
                        throw e;
                    }
                    for (Udp s : made) {
                        task(() -> register(s.channel, SelectionKey.OP_READ, s));
                    }
                    udp.put(remote, made);
                    sockets = made;
                }
                return sockets;
            }
        }

        CompletableFuture<byte[]> tcp(InetSocketAddress remote, byte[] data, long deadline, Duration timeout) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Tcp t = new Tcp(channel, data, deadline, timeout);
                t.connected = channel.connect(remote);
                task(() -> {
                    tcp.add(t);
                    t.future.whenComplete((r, e) -> tcp.remove(t)); // completed on this thread
                    register(t.channel, t.connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, t);
                });
                return t.future;
            } catch (IOException e) {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // the error below is what counts
                    }
                }
                String why = e instanceof ConnectException ? "the resolver refused the TCP connection"
                        : "the TCP connection to the resolver failed (" + e.getMessage() + ")";
                return CompletableFuture.failedFuture(new DnsIoException(why, false));
            }
        }

        private void task(Runnable r) {
            tasks.add(r);
            selector.wakeup();
        }

        private void register(java.nio.channels.SelectableChannel c, int ops, Object attachment) {
            try {
                c.register(selector, ops, attachment);
            } catch (ClosedChannelException e) {
                if (attachment instanceof Tcp t) {
                    t.fail("the TCP connection to the resolver closed before it was used", false);
                } else {
                    failAll((Udp) attachment, new DnsIoException("the UDP socket to the resolver closed", false));
                }
            }
        }

        private void run() {
            ByteBuffer buffer = ByteBuffer.allocate(65535);
            long nextSweep = System.nanoTime();
            try {
                do {
                    try {
                        selector.select(SWEEP_MS);
                        for (Runnable r; (r = tasks.poll()) != null; ) {
                            r.run();
                        }
                        for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                            SelectionKey key = it.next();
                            it.remove();
                            if (!key.isValid()) {
                                continue;
                            }
                            if (key.attachment() instanceof Tcp t) {
                                t.ready(key);
                            } else {
                                drain((Udp) key.attachment(), buffer);
                            }
                        }
                        long now = System.nanoTime();
                        if (now - nextSweep >= 0) {
                            sweep(now);
                            nextSweep = now + SWEEP_MS * 1_000_000L;
                        }
                    } catch (IOException | RuntimeException e) {
                        // a selector failure: keep serving; the queries concerned run into their deadline
                    }
                } while (!quit(this));
            } finally {
                closeAll();
            }
        }

        private void drain(Udp s, ByteBuffer buffer) {
            while (true) {
                buffer.clear();
                int n;
                try {
                    n = s.channel.read(buffer);
                } catch (PortUnreachableException e) {
                    failAll(s, portUnreachable());
                    return;
                } catch (IOException e) {
                    failAll(s, new DnsIoException("the UDP socket to the resolver failed (" + e.getMessage() + ")", false));
                    return;
                }
                if (n <= 0) {
                    return;
                }
                Pending p = n < 2 ? null : s.pending.remove(((buffer.get(0) & 0xFF) << 8) | (buffer.get(1) & 0xFF));
                if (p == null) {
                    s.strays++;
                    continue;
                }
                byte[] answer = new byte[n];
                buffer.get(0, answer);
                p.future.complete(answer);
            }
        }

        private void sweep(long now) {
            for (Udp[] sockets : udp.values()) {
                for (Udp s : sockets) {
                    for (Iterator<Pending> it = s.pending.values().iterator(); it.hasNext(); ) {
                        Pending p = it.next();
                        if (now - p.deadline >= 0 || p.future.isDone()) {
                            it.remove();
                            p.future.completeExceptionally(new DnsIoException(silence(p, s.strays - p.straysBefore), true));
                        }
                    }
                }
            }
            for (Tcp t : List.copyOf(tcp)) {
                if (now - t.deadline >= 0) {
                    t.expire();
                }
            }
        }

        private static String silence(Pending p, int strays) {
            String waited = "no answer in " + millis(p.timeout);
            return strays <= 0 ? waited : waited + " (" + bytes(strays) + " datagram" + (strays == 1 ? "" : "s")
                    + " from it carried a message ID we had not asked with and " + (strays == 1 ? "was" : "were")
                    + " ignored, as a phone's resolver ignores them)";
        }

        private void failAll(Udp s, IOException cause) {
            for (Iterator<Pending> it = s.pending.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                it.remove();
                p.future.completeExceptionally(cause);
            }
        }

        private void closeAll() {
            DnsIoException stopped = new DnsIoException("the DNS transport stopped before the answer came", false);
            for (Udp[] sockets : udp.values()) {
                for (Udp s : sockets) {
                    failAll(s, stopped);
                    try {
                        s.channel.close();
                    } catch (IOException e) {
                        // nothing more to read from it
                    }
                }
            }
            for (Tcp t : new ArrayList<>(tcp)) {
                t.fail(stopped.getMessage(), false);
            }
            try {
                selector.close();
            } catch (IOException e) {
                // the thread ends either way
            }
        }
    }

    private static DnsIoException portUnreachable() {
        return new DnsIoException("ICMP port unreachable: no DNS server listens there", false);
    }
}
