package dev.wificall.dns;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * A DNS server on loopback for tests, built from dnsjava's Message classes: UDP and TCP on one port,
 * answers from a function of the query and the transport. It records every query it receives.
 */
final class StubDns implements AutoCloseable {

    /** The answer to a query; null to stay silent. */
    interface Answers {
        Message answer(Message query, boolean tcp) throws IOException;
    }

    /** A query as received. */
    record Seen(Message query, boolean tcp) {
    }

    private final DatagramChannel udp;
    private final ServerSocketChannel tcp;
    private final Answers answers;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    /** UDP and TCP; {@code withTcp} false leaves TCP closed (connection refused). */
    StubDns(Answers answers, boolean withTcp) throws IOException {
        this.answers = answers;
        DatagramChannel u = null;
        ServerSocketChannel t = null;
        for (int attempt = 0; ; attempt++) {
            u = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            if (!withTcp) {
                break;
            }
            try {
                t = ServerSocketChannel.open().bind(u.getLocalAddress());
                break;
            } catch (BindException e) {
                u.close();
                if (attempt > 20) {
                    throw e;
                }
            }
        }
        this.udp = u;
        this.tcp = t;
        start(this::serveUdp);
        if (tcp != null) {
            start(this::serveTcp);
        }
    }

    StubDns(Answers answers) throws IOException {
        this(answers, true);
    }

    private void start(Runnable r) {
        Thread t = new Thread(r, "stub-dns-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    DnsServer server() {
        return new DnsServer("127.0.0.1", port());
    }

    int port() {
        try {
            return ((InetSocketAddress) udp.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Seen> seen() {
        return seen;
    }

    private void serveUdp() {
        ByteBuffer in = ByteBuffer.allocate(65535);
        while (udp.isOpen()) {
            try {
                in.clear();
                SocketAddress from = udp.receive(in);
                in.flip();
                byte[] bytes = new byte[in.remaining()];
                in.get(bytes);
                Message query = new Message(bytes);
                seen.add(new Seen(query, false));
                Message answer = answers.answer(query, false);
                if (answer != null) {
                    udp.send(ByteBuffer.wrap(answer.toWire()), from);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveTcp() {
        while (tcp.isOpen()) {
            try {
                SocketChannel c = tcp.accept();
                connections.add(c);
                start(() -> connection(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connection(SocketChannel c) {
        try (c) {
            while (true) {
                ByteBuffer length = ByteBuffer.allocate(2);
                if (!readFully(c, length)) {
                    return;
                }
                ByteBuffer body = ByteBuffer.allocate(Short.toUnsignedInt(length.getShort(0)));
                if (!readFully(c, body)) {
                    return;
                }
                Message query = new Message(body.array());
                seen.add(new Seen(query, true));
                Message answer = answers.answer(query, true);
                if (answer == null) {
                    continue;
                }
                byte[] wire = answer.toWire();
                ByteBuffer out = ByteBuffer.allocate(2 + wire.length);
                out.putShort((short) wire.length).put(wire).flip();
                while (out.hasRemaining()) {
                    c.write(out);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static boolean readFully(SocketChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                return false;
            }
        }
        return true;
    }

    /** An empty answer to the query: QR set, the question copied, RD and AD as asked unless told otherwise. */
    static Message reply(Message query) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            m.getHeader().setFlag(Flags.RD);
            m.getHeader().setFlag(Flags.RA);
        }
        m.addRecord(query.getQuestion(), Section.QUESTION);
        return m;
    }

    @Override
    public void close() throws Exception {
        udp.close();
        if (tcp != null) {
            tcp.close();
        }
        for (SocketChannel c : connections) {
            c.close();
        }
        for (Thread t : threads) {
            t.join(2000);
        }
    }
}
