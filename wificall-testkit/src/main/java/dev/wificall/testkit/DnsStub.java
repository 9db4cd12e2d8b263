package dev.wificall.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNS server for tests, on loopback and an unprivileged port, UDP and TCP on the same port: it
 * answers from the names it was built with, as the network's resolver would, so that wificall's
 * discovery can be pointed at it ({@code wificall.dns.server}, {@code <dnsServer>}).
 *
 * <pre>{@code
 * try (DnsStub dns = DnsStub.builder()
 *         .a("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org", "127.0.0.1")
 *         .failure("epdg.epc.mnc002.mcc262.pub.3gppnetwork.org", DnsStub.Failure.SERVFAIL)
 *         .start()) {
 *     DnsLookup lookup = DnsLookup.using(DnsServer.parse(dns.server()), Duration.ofSeconds(1));
 *     ...
 * }
 * }</pre>
 *
 * <p>How it answers: names match in any case; an unknown name is NXDOMAIN; a known name without
 * records of the asked type is NODATA (NOERROR, empty answer); a CNAME is followed like a resolver
 * does (the CNAMEs, then the target's records; an unknown target gives NXDOMAIN, a loop SERVFAIL);
 * a {@link Failure} configured for a name (or one type at it) wins over its records. Answers carry
 * AA and RA, echo RD, and an OPT record when the query had one. A UDP answer larger than 512 bytes,
 * or than the query's EDNS payload size, goes out truncated (TC set, dnsjava drops what does not
 * fit), and the client asks again over TCP, as resolvers do.
 *
 * <p>Thread-safe; {@link #close()} stops both listeners. Written with dnsjava, which also parses
 * and builds every message.
 */
public final class DnsStub implements AutoCloseable {

    /** What a name can be made to answer instead of its records. */
    public enum Failure {
        /** RCODE 2: the resolver could not resolve (an upstream or DNSSEC failure). */
        SERVFAIL,
        /** RCODE 5: the resolver will not answer (a policy, a filter). */
        REFUSED,
        /** RCODE 3 although the name has records: a filter that lies. */
        NXDOMAIN,
        /** No answer at all, over UDP or TCP: the client times out. */
        SILENCE,
        // --- hostile resolvers (issue 16): answers no phone gets an address from; the check must say so and end

        /** UDP: TC set, no records. TCP: announces 5,000 bytes, sends 40 of them and closes the connection. */
        TRUNCATE_THEN_CUT_TCP,
        /** UDP: TC set, no records. TCP: reads the query and resets the connection (RST). */
        TRUNCATE_THEN_RESET_TCP,
        /** UDP: TC set, no records. TCP: the real answer, one byte every 100 ms, slower than any client waits. */
        TRUNCATE_THEN_SLOW_TCP,
        /** The real answer under another message ID, as a spoofer or a broken resolver sends it. */
        WRONG_ID,
        /** A message whose answer record's name is a compression pointer to itself (RFC 1035 §4.1.4 misused). */
        COMPRESSION_LOOP,
        /** The query's message ID, then random bytes. */
        GARBAGE,
        /** NOERROR with CNAMEs that come back to the name: name → loop-1.name → loop-2.name → name. */
        CNAME_LOOP,
        /**
         * NOERROR with a chain of {@value DnsStubZone#LONG_CHAIN} CNAMEs (name → chain-1.name → …) and, for A,
         * 127.0.0.1 at its end: longer than resolvers follow.
         */
        LONG_CNAME_CHAIN;

        /** Whether UDP answers TC and the harm is done over TCP. */
        boolean overTcp() {
            return this == TRUNCATE_THEN_CUT_TCP || this == TRUNCATE_THEN_RESET_TCP || this == TRUNCATE_THEN_SLOW_TCP;
        }
    }

    /** A reply's bytes and, for a hostile TCP failure, how to damage the TCP exchange. */
    record Outgoing(byte[] wire, Failure tcp) {
    }

    /** The classic UDP limit without EDNS (RFC 1035 §4.2.1). */
    static final int CLASSIC_UDP_SIZE = 512;
    /** The payload size the stub announces in its OPT record (the DNS Flag Day 2020 value). */
    static final int EDNS_SIZE = 1232;

    private final DnsStubZone zone;
    /** Kept apart from the socket, which forgets them once closed. */
    private final InetAddress address;
    private final int port;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final Map<Name, AtomicInteger> queriesByName = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private DnsStub(DnsStubZone zone, DatagramSocket udp, ServerSocket tcp) {
        this.zone = zone;
        this.address = udp.getLocalAddress();
        this.port = udp.getLocalPort();
        this.udp = udp;
        this.tcp = tcp;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wificall-dns-stub-" + port + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::serveUdp);
        threads.execute(this::acceptTcp);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server as wificall takes it ({@code DnsServer.parse}, {@code wificall.dns.server}): "127.0.0.1:53053". */
    public String server() {
        InetAddress a = address();
        String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return host + ":" + port();
    }

    public InetAddress address() {
        return address;
    }

    /** The port, the same for UDP and TCP. */
    public int port() {
        return port;
    }

    /** Queries received so far, over UDP and TCP, answered or not. */
    public int queries() {
        return queries.get();
    }

    /** Queries received so far for this name (any case, any type). */
    public int queries(String name) {
        AtomicInteger n = queriesByName.get(Builder.name(name));
        return n == null ? 0 : n.get();
    }

    /** Queries received over TCP so far (after truncated UDP answers). */
    public int tcpQueries() {
        return tcpQueries.get();
    }

    /** Stops both listeners and closes open TCP connections; idempotent. */
    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing a listener: nothing to do
        }
        for (Socket s : connections) {
            closeQuietly(s);
        }
        threads.shutdownNow();
        try { // its threads end once their sockets are closed: none outlives the stub (simulator-stop, a test)
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DnsStub[" + server() + ", " + zone.size() + " names, " + queries() + " queries]";
    }

    // ------------------------------------------------------------------------------------------ serving

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(in);
                Outgoing reply = reply(Arrays.copyOf(in.getData(), in.getLength()), false);
                if (reply != null) {
                    udp.send(new DatagramPacket(reply.wire(), reply.wire().length, in.getSocketAddress()));
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // one bad exchange (e.g. the client went away): serve the next
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            try {
                Socket s = tcp.accept();
                connections.add(s);
                threads.execute(() -> serveTcp(s));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
        }
    }

    /** Length-prefixed messages (RFC 1035 §4.2.2) until the client closes; silence keeps the connection open. */
    private void serveTcp(Socket s) {
        boolean keep = false;
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                Outgoing reply = reply(query, true);
                if (reply == null) {
                    keep = true; // SILENCE: let the client time out, as a dead resolver would make it
                    return;
                }
                byte[] framed = new byte[reply.wire().length + 2];
                framed[0] = (byte) (reply.wire().length >>> 8);
                framed[1] = (byte) reply.wire().length;
                System.arraycopy(reply.wire(), 0, framed, 2, reply.wire().length);
                if (reply.tcp() != null) {
                    damage(reply.tcp(), s, out, framed);
                    return;
                }
                out.write(framed);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed (EOF, reset), or the stub did
        } finally {
            if (!keep) {
                connections.remove(s);
                closeQuietly(s);
            }
        }
    }

    /** What a hostile resolver does to a TCP answer; the connection is closed afterwards. */
    private void damage(Failure how, Socket s, OutputStream out, byte[] framed) throws IOException {
        switch (how) {
            case TRUNCATE_THEN_CUT_TCP -> {
                byte[] cut = Arrays.copyOf(framed, 42);
                cut[0] = (byte) (5000 >>> 8);
                cut[1] = (byte) 5000;
                out.write(cut);
                out.flush();
            }
            case TRUNCATE_THEN_RESET_TCP -> s.setSoLinger(true, 0); // close() now sends RST
            case TRUNCATE_THEN_SLOW_TCP -> {
                for (int i = 0; i < framed.length && !closed; i++) {
                    out.write(framed[i]);
                    out.flush();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return; // the stub is closing
                    }
                }
            }
            default -> throw new IllegalStateException("not a TCP failure: " + how);
        }
    }

    /** The answer's wire form, or null for no answer. */
    Outgoing reply(byte[] wire, boolean overTcp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return wrap(formErr(wire));
        }
        queries.incrementAndGet();
        if (overTcp) {
            tcpQueries.incrementAndGet();
        }
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        Header h = response.getHeader();
        h.setFlag(Flags.QR);
        h.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        OPTRecord clientOpt = query.getOPT();
        if (clientOpt != null) {
            response.addRecord(new OPTRecord(EDNS_SIZE, 0, 0), Section.ADDITIONAL);
        }
        if (question == null || query.getHeader().getCount(Section.QUESTION) != 1
                || query.getHeader().getFlag(Flags.QR)) {
            h.setRcode(Rcode.FORMERR);
            return wrap(response.toWire());
        }
        response.addRecord(question, Section.QUESTION);
        queriesByName.computeIfAbsent(question.getName(), n -> new AtomicInteger()).incrementAndGet();
        if (query.getHeader().getOpcode() != Opcode.QUERY || question.getDClass() != DClass.IN) {
            h.setRcode(Rcode.NOTIMP);
            return wrap(response.toWire());
        }
        DnsStubZone.Answer answer = zone.answer(question.getName(), question.getType());
        if (answer.silent()) {
            return null;
        }
        Failure hostile = answer.hostile();
        if (hostile != null && hostile.overTcp() && !overTcp) {
            h.setFlag(Flags.TC);
            return wrap(response.toWire());
        }
        h.setFlag(Flags.AA);
        h.setFlag(Flags.RA);
        h.setRcode(answer.rcode());
        for (Record r : answer.records()) {
            response.addRecord(r, Section.ANSWER);
        }
        if (hostile == Failure.WRONG_ID) {
            h.setID(h.getID() ^ 0x5A5A);
        } else if (hostile == Failure.COMPRESSION_LOOP) {
            return wrap(compressionLoop(response));
        } else if (hostile == Failure.GARBAGE) {
            byte[] garbage = new byte[64];
            new java.util.Random(h.getID()).nextBytes(garbage);
            garbage[0] = wire[0];
            garbage[1] = wire[1];
            return wrap(garbage);
        }
        if (overTcp) {
            return new Outgoing(response.toWire(), hostile != null && hostile.overTcp() ? hostile : null);
        }
        int limit = clientOpt == null ? CLASSIC_UDP_SIZE : Math.max(CLASSIC_UDP_SIZE, clientOpt.getPayloadSize());
        return wrap(response.toWire(limit)); // sets TC and leaves out the records that do not fit
    }

    private static Outgoing wrap(byte[] wire) {
        return wire == null ? null : new Outgoing(wire, null);
    }

    /** The response's header and question, then one answer record whose name points at itself. */
    private static byte[] compressionLoop(Message response) {
        response.removeAllRecords(Section.ANSWER);
        response.removeAllRecords(Section.ADDITIONAL);
        byte[] head = response.toWire();
        int at = Header.LENGTH;
        while (head[at] != 0) { // past the question's name (uncompressed: the first name in a message)
            at += (head[at] & 0xFF) + 1;
        }
        at += 5; // the root label, QTYPE, QCLASS
        byte[] out = Arrays.copyOf(head, at + 2 + 10 + 4);
        out[6] = 0;
        out[7] = 1; // ANCOUNT 1; no authority or additional records
        java.util.Arrays.fill(out, 8, 12, (byte) 0);
        out[at] = (byte) (0xC0 | (at >>> 8));
        out[at + 1] = (byte) at; // the owner name: a pointer to this very pointer
        out[at + 3] = 1; // TYPE A
        out[at + 5] = 1; // CLASS IN
        out[at + 11] = 4; // RDLENGTH 4, then 4 zero bytes
        return out;
    }

    /** FORMERR for a query dnsjava cannot parse, when at least its ID is there; nothing otherwise. */
    private static byte[] formErr(byte[] wire) {
        if (wire.length < Header.LENGTH) {
            return null;
        }
        Message m = new Message(((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(Rcode.FORMERR);
        return m.toWire();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    // ------------------------------------------------------------------------------------------ builder

    /**
     * The names to answer for. Names are absolute with or without the final dot; any mistake (a name
     * that is not a domain name, an address of the wrong family, a CNAME beside other records)
     * throws an {@link IllegalArgumentException} that names the call and the value.
     */
    public static final class Builder {
        private final Map<Name, DnsStubZone.Node> nodes = DnsStubZone.newNodes();
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private long ttl = 300;

        private Builder() {
        }

        /** Where to listen: loopback (127.0.0.1) by default. */
        public Builder listen(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port for UDP and TCP: 0 (the default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port(" + port + "): expected 0 (a free port) to 65535");
            }
            this.port = port;
            return this;
        }

        /** The TTL of the records added after this call; 300 s until called. */
        public Builder ttl(long seconds) {
            if (seconds < 0 || seconds > 0x7FFFFFFFL) {
                throw new IllegalArgumentException("ttl(" + seconds + "): expected 0 to 2147483647 seconds");
            }
            this.ttl = seconds;
            return this;
        }

        /** A records, e.g. {@code a("epdg.example.net", "127.0.0.1", "127.0.0.2")}. */
        public Builder a(String name, String... addresses) {
            Name n = name("a", name);
            for (String text : addresses) {
                add(n, new ARecord(n, DClass.IN, ttl, literal("a", name, text, Address.IPv4)));
            }
            return this;
        }

        /** AAAA records, e.g. {@code aaaa("epdg.example.net", "::1")}. */
        public Builder aaaa(String name, String... addresses) {
            Name n = name("aaaa", name);
            for (String text : addresses) {
                add(n, new AAAARecord(n, DClass.IN, ttl, literal("aaaa", name, text, Address.IPv6)));
            }
            return this;
        }

        /** A or AAAA records, by each address's family. */
        public Builder address(String name, InetAddress... addresses) {
            Name n = name("address", name);
            for (InetAddress a : addresses) {
                add(n, a instanceof Inet6Address ? new AAAARecord(n, DClass.IN, ttl, a) : new ARecord(n, DClass.IN, ttl, a));
            }
            return this;
        }

        /** A CNAME: {@code name} is an alias of {@code target}; nothing else may be at {@code name}. */
        public Builder cname(String name, String target) {
            Name n = name("cname", name);
            Name t = name("cname", target);
            DnsStubZone.Node node = DnsStubZone.node(nodes, n);
            if (node.cname != null || !node.records.isEmpty()) {
                throw new IllegalArgumentException("cname(\"" + name + "\", \"" + target + "\"): " + name
                        + " already has " + (node.cname != null ? "a CNAME" : "records") + "; a CNAME stands alone at its"
                        + " name (RFC 1034 §3.6.2)");
            }
            node.cname = new CNAMERecord(n, DClass.IN, ttl, t);
            return this;
        }

        /**
         * A NAPTR record, as the visited-country names carry them (TS 23.003 §19.4.2.9A), e.g.
         * {@code naptr("epdg.epc.mcc234.visited-country.pub.3gppnetwork.org", 10, 10, "a", "x-3gpp-epdg:x-s2b-gtp",
         * "", "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org")}.
         */
        public Builder naptr(String name, int order, int preference, String flags, String service, String regexp,
                             String replacement) {
            String call = "naptr(\"" + name + "\", " + order + ", " + preference + ", ...)";
            Name n = name("naptr", name);
            try {
                add(n, new NAPTRRecord(n, DClass.IN, ttl, order, preference, flags, service, regexp,
                        name("naptr", replacement)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(call + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** Every query for {@code name} (any type) fails this way; the name counts as known. */
        public Builder failure(String name, Failure failure) {
            DnsStubZone.node(nodes, name("failure", name)).failures.put(DnsStubZone.ANY_TYPE,
                    Objects.requireNonNull(failure, "failure"));
            return this;
        }

        /** Queries for {@code name} and this type ({@code "A"}, {@code "AAAA"}, {@code "NAPTR"}) fail this way. */
        public Builder failure(String name, String type, Failure failure) {
            int t = Type.value(type == null ? "" : type.strip().toUpperCase(Locale.ROOT));
            if (t < 0) {
                throw new IllegalArgumentException("failure(\"" + name + "\", \"" + type + "\", " + failure + "): '" + type
                        + "' is not a record type; expected e.g. A, AAAA or NAPTR");
            }
            DnsStubZone.node(nodes, name("failure", name)).failures.put(t, Objects.requireNonNull(failure, "failure"));
            return this;
        }

        /**
         * Binds UDP and TCP on one port (a free one unless {@link #port} was set) and starts
         * answering.
         *
         * @throws IOException when the address or port cannot be bound
         */
        public DnsStub start() throws IOException {
            Map<Name, DnsStubZone.Node> copy = DnsStubZone.newNodes();
            nodes.forEach((n, node) -> {
                DnsStubZone.Node c = DnsStubZone.node(copy, n);
                node.records.forEach((t, rs) -> c.records.put(t, List.copyOf(rs)));
                c.cname = node.cname;
                c.failures.putAll(node.failures);
            });
            IOException last = null;
            for (int attempt = 0; attempt < (port == 0 ? 20 : 1); attempt++) {
                DatagramSocket udp = new DatagramSocket(null);
                try {
                    udp.bind(new InetSocketAddress(address, port));
                } catch (IOException e) {
                    udp.close();
                    throw bindFailure("UDP", port, e);
                }
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.setReuseAddress(true);
                    tcp.bind(new InetSocketAddress(address, udp.getLocalPort()));
                    return new DnsStub(new DnsStubZone(copy), udp, tcp);
                } catch (IOException e) {
                    udp.close();
                    tcp.close();
                    last = e; // the UDP port's TCP twin is taken: try another free port
                }
            }
            throw bindFailure("TCP", port, last);
        }

        private IOException bindFailure(String what, int port, IOException e) {
            String where = (address instanceof Inet6Address ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress()) + ":" + (port == 0 ? "(a free port)" : port);
            return new BindException("DNS stub cannot listen on " + what + " " + where + ": " + e.getMessage()
                    + (port == 0 ? "" : "; use port 0 for a free port"));
        }

        private void add(Name n, Record r) {
            DnsStubZone.Node node = DnsStubZone.node(nodes, n);
            if (node.cname != null) {
                throw new IllegalArgumentException(n.toString(true) + " is a CNAME of " + node.cname.getTarget().toString(true)
                        + "; a CNAME stands alone at its name (RFC 1034 §3.6.2), put the " + Type.string(r.getType())
                        + " record at the target");
            }
            node.records.computeIfAbsent(r.getType(), t -> new ArrayList<>()).add(r);
        }

        private static InetAddress literal(String call, String name, String text, int family) {
            try {
                return Address.getByAddress(text == null ? "" : text.strip(), family);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(call + "(\"" + name + "\", \"" + text + "\"): '" + text + "' is not an "
                        + (family == Address.IPv4 ? "IPv4 address, e.g. 127.0.0.1" : "IPv6 address, e.g. ::1"), e);
            }
        }

        private static Name name(String call, String text) {
            try {
                return name(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(call + "(\"" + text + "\", ...): " + e.getMessage(), e);
            }
        }

        static Name name(String text) {
            String t = text == null ? "" : text.strip();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty name; expected a domain name, e.g. epdg.example.net");
            }
            try {
                return Name.fromString(t.endsWith(".") ? t : t + ".");
            } catch (TextParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a domain name: " + e.getMessage(), e);
            }
        }
    }
}
