package dev.wificall.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.DefaultIoClientFactory;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * dnsjava's UDP transport, replaced for speed: a few long-lived sockets per server instead of a new
 * socket (open, bind, connect, register, close) for every query, and one reader thread for all.
 * dnsjava still builds and checks every message (ID, question, TC); this class only moves bytes.
 *
 * <p>Each server gets {@value #SOCKETS} sockets on ephemeral ports the kernel picks at random,
 * connected to the server, so that the kernel drops datagrams from anyone else and an ICMP port
 * unreachable reaches the queries it concerns. An answer is matched to its query by socket and
 * message ID (16 random bits, from dnsjava). That is less entropy against off-path spoofing than a new
 * random port per query (RFC 5452 §9.2), a fair trade for a client that asks its own network's
 * resolver to diagnose it. TCP and queries from a fixed local address go through dnsjava's own client.
 *
 * <p>Timeouts are swept every {@value #SWEEP_MS} ms. The sockets and the thread live as long as the JVM,
 * like dnsjava's own selector thread.
 */
final class SharedUdp implements IoClientFactory, UdpIoClient {

    static final SharedUdp INSTANCE = new SharedUdp();

    private static final int SOCKETS = 4;
    private static final int SWEEP_MS = 50;

    private final IoClientFactory dnsjava = new DefaultIoClientFactory();
    private final Map<InetSocketAddress, Socket[]> servers = new ConcurrentHashMap<>();
    private final Queue<Socket> toRegister = new ConcurrentLinkedQueue<>();
    private volatile Selector selector;

    /** A query on its way. */
    private record Pending(CompletableFuture<byte[]> future, long deadline) {
    }

    /** One connected socket and the queries waiting on it, by message ID. */
    private static final class Socket {
        final DatagramChannel channel;
        final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

        Socket(DatagramChannel channel) {
            this.channel = channel;
        }

        void failAll(Throwable cause) {
            for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                it.remove();
                p.future.completeExceptionally(cause);
            }
        }
    }

    private SharedUdp() {
    }

    @Override
    public TcpIoClient createOrGetTcpClient() {
        return dnsjava.createOrGetTcpClient();
    }

    @Override
    public UdpIoClient createOrGetUdpClient() {
        return this;
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveUdp(InetSocketAddress local, InetSocketAddress remote, Message query,
                                                       byte[] data, int max, Duration timeout) {
        if (local != null) {
            return dnsjava.createOrGetUdpClient().sendAndReceiveUdp(local, remote, query, data, max, timeout);
        }
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        int id = query.getHeader().getID();
        Pending p = new Pending(f, System.nanoTime() + timeout.toNanos());
        Socket socket = null;
        try {
            Socket[] sockets = sockets(remote);
            int first = ThreadLocalRandom.current().nextInt(sockets.length);
            for (int i = 0; i < sockets.length && socket == null; i++) {
                Socket s = sockets[(first + i) % sockets.length];
                if (s.pending.putIfAbsent(id, p) == null) {
                    socket = s;
                }
            }
            if (socket == null) { // the ID is waiting on every socket: let dnsjava's own client carry this one
                return dnsjava.createOrGetUdpClient().sendAndReceiveUdp(null, remote, query, data, max, timeout);
            }
            if (socket.channel.write(ByteBuffer.wrap(data)) != data.length) {
                throw new IOException("the socket's send buffer is full; query " + id + " to " + AddressText.of(remote)
                        + " not sent");
            }
        } catch (IOException e) {
            if (socket != null) {
                socket.pending.remove(id, p);
            }
            f.completeExceptionally(e);
        }
        return f;
    }

    private Socket[] sockets(InetSocketAddress remote) throws IOException {
        Socket[] sockets = servers.get(remote);
        if (sockets != null) {
            return sockets;
        }
        synchronized (this) {
            sockets = servers.get(remote);
            if (sockets == null) {
                Selector sel = selector();
                sockets = new Socket[SOCKETS];
                try {
                    for (int i = 0; i < SOCKETS; i++) {
                        DatagramChannel c = DatagramChannel.open();
                        sockets[i] = new Socket(c);
                        c.configureBlocking(false);
                        c.connect(remote);
                    }
                } catch (IOException e) {
                    for (Socket s : sockets) {
                        if (s != null) {
                            s.channel.close();
                        }
                    }
                    throw e;
                }
                toRegister.addAll(java.util.List.of(sockets));
                sel.wakeup();
                servers.put(remote, sockets);
            }
            return sockets;
        }
    }

    private Selector selector() throws IOException {
        if (selector == null) {
            selector = Selector.open();
            Thread reader = new Thread(this::run, "wificall-dns-udp");
            reader.setDaemon(true);
            reader.start();
        }
        return selector;
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(65535);
        long nextSweep = System.nanoTime();
        while (true) {
            try {
                selector.select(SWEEP_MS);
                for (Socket s; (s = toRegister.poll()) != null; ) {
                    try {
                        s.channel.register(selector, SelectionKey.OP_READ, s);
                    } catch (ClosedChannelException e) {
                        s.failAll(e);
                    }
                }
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    drain((Socket) key.attachment(), buffer);
                }
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + SWEEP_MS * 1_000_000L;
                }
            } catch (IOException | RuntimeException e) {
                // a selector failure: keep serving; the queries concerned time out
            }
        }
    }

    private static void drain(Socket s, ByteBuffer buffer) {
        while (true) {
            buffer.clear();
            int n;
            try {
                n = s.channel.read(buffer);
            } catch (IOException e) { // ICMP port unreachable and the like: for every query on this socket
                s.failAll(e);
                return;
            }
            if (n <= 0) {
                return;
            }
            if (n < 2) {
                continue;
            }
            int id = ((buffer.get(0) & 0xFF) << 8) | (buffer.get(1) & 0xFF);
            Pending p = s.pending.remove(id);
            if (p != null) {
                byte[] answer = new byte[n];
                buffer.get(0, answer);
                p.future.complete(answer);
            }
        }
    }

    private void sweep(long now) {
        for (Socket[] sockets : servers.values()) {
            for (Socket s : sockets) {
                for (Iterator<Pending> it = s.pending.values().iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    if (now - p.deadline >= 0 || p.future.isDone()) {
                        it.remove();
                        p.future.completeExceptionally(new SocketTimeoutException("Query timed out"));
                    }
                }
            }
        }
    }
}
