package dev.wificall.esp;

import dev.wificall.dns.AddressText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A minimal TCP client (RFC 9293) for one connection over an {@link InnerLink}, enough to send a SIP
 * request over TCP through the tunnel and read the answer. It announces an MSS that keeps its packets
 * at 1280 bytes (the IPv6 minimum MTU), so that they stay below most paths' MTU after the ESP-in-UDP
 * overhead; it lowers that when an ICMP "packet too big" about the connection arrives. No window
 * scaling, SACK, timestamps, delayed ACKs or congestion control: the messages are small. Every call
 * takes a deadline (a {@link System#nanoTime()} value) and returns or throws by then (plus the
 * link's own lateness). Packets of other flows that arrive meanwhile are kept, at most
 * {@value #MAX_OTHER_PACKETS} of them, for {@link #otherPackets()}. Not thread-safe: one caller, like the link.
 */
public final class InnerTcp {
    /** How many packets of other flows are kept for {@link #otherPackets()}; older ones are dropped first. */
    public static final int MAX_OTHER_PACKETS = 64;
    /** Bytes received and not yet returned by {@link #receiveUntil}; also the window announced. */
    static final int RECEIVE_BUFFER = 0xFFFF;
    private static final long MS = 1_000_000L;
    private static final long FIRST_SYN_RTO = 250 * MS;
    private static final long MIN_RTO = 200 * MS;
    private static final long MAX_RTO = 3_000 * MS;
    private static final int PACKET = 1280;
    private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

    private final InnerLink link;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final InetAddress localAddress;
    private final InetAddress remoteAddress;
    private final String peer;
    private final int ipHeader;
    private final int iss;
    private int ipIdentification;

    private int sndUna;
    private int sndNxt;
    private int sndMax;
    private int sndWnd;
    private int irs;
    private int rcvNxt;
    private int peerMss;
    private int segmentSize;
    private int advertised;

    /** Bytes from sndUna on: sent and not acknowledged, then not yet sent. */
    private byte[] sendBuffer = new byte[0];
    private int sendLength;
    private boolean finQueued;
    private boolean finAcked;

    private final byte[] receiveBuffer = new byte[RECEIVE_BUFFER];
    private int receiveLength;
    private boolean peerFin;
    private boolean reset;
    private boolean closed;

    private long rto = FIRST_SYN_RTO;
    private long srtt;
    private long rttvar;
    private long retransmitAt;
    private boolean timerRunning;
    private int retransmissions;
    private int timedSequence;
    private long timedAt;
    private boolean timing;

    private final ArrayDeque<byte[]> others = new ArrayDeque<>();
    private int othersDropped;
    private int discarded;
    private String lastIcmp = "";

    private InnerTcp(InnerLink link, InetSocketAddress local, InetSocketAddress remote, SecureRandom random) {
        this.link = link;
        this.local = local;
        this.remote = remote;
        this.localAddress = local.getAddress();
        this.remoteAddress = remote.getAddress();
        this.peer = AddressText.of(remote);
        boolean v4 = localAddress instanceof Inet4Address;
        this.ipHeader = v4 ? InnerPacket.IPV4_HEADER : InnerPacket.IPV6_HEADER;
        this.iss = random.nextInt();
        this.ipIdentification = random.nextInt(0x10000);
        this.segmentSize = PACKET - ipHeader - TcpSegment.HEADER;
    }

    /** {@link #connect(InnerLink, InetSocketAddress, InetSocketAddress, SecureRandom, long)} with a SecureRandom of its own. */
    public static InnerTcp connect(InnerLink link, InetSocketAddress local, InetSocketAddress remote, long deadlineNanos) throws IOException {
        return connect(link, local, remote, DEFAULT_RANDOM, deadlineNanos);
    }

    /**
     * Opens the connection: a SYN with the MSS option, sent again after 250 ms, 500 ms, 1 s, ... until a
     * SYN-ACK or the deadline, then the ACK. The initial sequence number comes from {@code random}, and
     * so does the local port when {@code local} has port 0 (then one of 49152..65535).
     *
     * @throws ConnectException       "connection refused (RST) by 10.46.0.10:5060"
     * @throws SocketTimeoutException "no SYN-ACK from 10.46.0.10:5060 within 3 s after 4 SYNs"
     * @throws IOException            when the link fails
     */
    public static InnerTcp connect(InnerLink link, InetSocketAddress local, InetSocketAddress remote, SecureRandom random,
                                   long deadlineNanos) throws IOException {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(random, "random");
        if (local.isUnresolved() || remote.isUnresolved()) {
            throw new IllegalArgumentException("TCP needs addresses, not names: " + local + " to " + remote);
        }
        if (local.getAddress().getClass() != remote.getAddress().getClass()) {
            throw new IllegalArgumentException("TCP from " + AddressText.of(local) + " to " + AddressText.of(remote)
                    + " mixes IPv4 and IPv6");
        }
        if (remote.getPort() == 0) {
            throw new IllegalArgumentException("TCP to " + AddressText.of(remote) + ": port 0 is not a destination");
        }
        InetSocketAddress from = local.getPort() != 0 ? local : new InetSocketAddress(local.getAddress(), 49152 + random.nextInt(16384));
        InnerTcp tcp = new InnerTcp(link, from, remote, random);
        tcp.handshake(System.nanoTime(), deadlineNanos);
        return tcp;
    }

    private void handshake(long start, long deadline) throws IOException {
        int syns = 0;
        long nextSyn = start;
        long sentAt = start;
        long wait = FIRST_SYN_RTO;
        while (true) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new SocketTimeoutException("no SYN-ACK from " + peer + " within " + duration(deadline - start) + " after " + syns
                        + (syns == 1 ? " SYN" : " SYNs") + lastIcmp);
            }
            if (now - nextSyn >= 0) {
                emit(new TcpSegment(local.getPort(), remote.getPort(), iss, 0, TcpSegment.SYN, RECEIVE_BUFFER, segmentSize, new byte[0]));
                syns++;
                sentAt = now;
                nextSyn = now + wait;
                wait = Math.min(wait * 2, MAX_RTO);
            }
            Optional<byte[]> raw = link.receive(earlier(deadline, nextSyn));
            if (raw.isEmpty()) {
                continue;
            }
            TcpSegment s = ours(raw.get());
            if (s == null) {
                continue;
            }
            boolean acksSyn = s.has(TcpSegment.ACK) && s.acknowledgment() == iss + 1;
            if (s.has(TcpSegment.RST)) {
                if (acksSyn) {
                    throw new ConnectException("connection refused (RST) by " + peer);
                }
                continue;
            }
            if (s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK)) {
                if (!acksSyn) {
                    // a SYN-ACK for some older connection on the same ports: tell it to go away (RFC 9293 §3.10.7.3)
                    emit(new TcpSegment(local.getPort(), remote.getPort(), s.acknowledgment(), 0, TcpSegment.RST, 0, 0, new byte[0]));
                    continue;
                }
                irs = s.sequence();
                rcvNxt = irs + 1;
                sndUna = iss + 1;
                sndNxt = sndUna;
                sndMax = sndUna;
                sndWnd = s.window();
                peerMss = s.mss() != 0 ? s.mss() : (ipHeader == InnerPacket.IPV4_HEADER ? 536 : 1220);
                segmentSize = Math.min(segmentSize, peerMss);
                if (syns == 1) {
                    sample(System.nanoTime() - sentAt);
                } else {
                    rto = Math.max(MIN_RTO, Math.min(MAX_RTO, 3 * (System.nanoTime() - sentAt)));
                }
                sendAck();
                return;
            }
        }
    }

    /**
     * Sends {@code data} in segments of at most the peer's MSS (and the window it offers), sending
     * again what is not acknowledged, until all is acknowledged. Data that arrives meanwhile is kept
     * for {@link #receiveUntil}.
     *
     * @throws SocketTimeoutException "no ACK from 10.46.0.10:5060 for 300 of 1200 bytes within 2 s after 3 retransmissions"
     * @throws SocketException        "connection reset (RST) by 10.46.0.10:5060"
     */
    public void send(byte[] data, long deadlineNanos) throws IOException {
        long start = System.nanoTime();
        ensureOpen();
        if (finQueued) {
            throw new IllegalStateException("send after close on the connection to " + peer);
        }
        if (sendLength + data.length > sendBuffer.length) {
            sendBuffer = Arrays.copyOf(sendBuffer, Math.max(sendLength + data.length, 2 * sendBuffer.length));
        }
        System.arraycopy(data, 0, sendBuffer, sendLength, data.length);
        sendLength += data.length;
        int total = sendLength;
        int retransmittedBefore = retransmissions;
        transmit();
        while (sendLength > 0) {
            ensureOpen();
            if (System.nanoTime() - deadlineNanos >= 0) {
                int n = retransmissions - retransmittedBefore;
                throw new SocketTimeoutException("no ACK from " + peer + " for " + sendLength + " of " + total + " bytes within "
                        + duration(deadlineNanos - start) + " after " + n + (n == 1 ? " retransmission" : " retransmissions") + lastIcmp);
            }
            step(deadlineNanos);
        }
    }

    /**
     * Data from the peer, in order, until {@code complete} says the bytes received so far (since the
     * last return) are a whole message, or the peer closes (FIN: then whatever came, possibly nothing).
     * Every segment is acknowledged as it arrives. Returns at once when what is already here is
     * complete, or when the peer has closed.
     *
     * @throws SocketTimeoutException "no complete message from 10.46.0.10:5060 within 2 s (120 bytes received)"
     * @throws SocketException        on RST, or when 65535 bytes came without a complete message
     */
    public byte[] receiveUntil(Predicate<byte[]> complete, long deadlineNanos) throws IOException {
        long start = System.nanoTime();
        boolean fresh = true;
        while (true) {
            if (fresh) {
                byte[] have = Arrays.copyOf(receiveBuffer, receiveLength);
                if (complete.test(have) || peerFin) {
                    consume();
                    return have;
                }
            }
            ensureOpen();
            if (receiveLength == RECEIVE_BUFFER) {
                throw new SocketException(RECEIVE_BUFFER + " bytes from " + peer + " without a complete message");
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new SocketTimeoutException("no complete message from " + peer + " within " + duration(deadlineNanos - start)
                        + " (" + receiveLength + " bytes received)");
            }
            int before = receiveLength;
            boolean finBefore = peerFin;
            step(deadlineNanos);
            fresh = receiveLength != before || peerFin != finBefore;
        }
    }

    /**
     * Closes the connection: a FIN, then waits for its ACK and the peer's FIN until the deadline, and
     * sends an RST when they have not both come by then (or when data is still unacknowledged).
     *
     * @return true when both FINs were exchanged, false when it ended with an RST (sent or received)
     */
    public boolean close(long deadlineNanos) throws IOException {
        if (closed || reset) {
            closed = true;
            return false;
        }
        if (sendLength > 0) {
            abort();
            return false;
        }
        finQueued = true;
        transmit();
        while (!(finAcked && peerFin)) {
            if (reset) {
                closed = true;
                return false;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                abort();
                return false;
            }
            step(deadlineNanos);
        }
        closed = true;
        return true;
    }

    private void abort() throws IOException {
        closed = true;
        emit(new TcpSegment(local.getPort(), remote.getPort(), sndNxt, rcvNxt, TcpSegment.RST | TcpSegment.ACK, 0, 0, new byte[0]));
    }

    /** Packets of other flows that arrived since the last call (at most {@value #MAX_OTHER_PACKETS}), oldest first; drains them. */
    public List<byte[]> otherPackets() {
        List<byte[]> list = new ArrayList<>(others);
        others.clear();
        return list;
    }

    /** Packets of other flows dropped because {@value #MAX_OTHER_PACKETS} were already kept. */
    public int otherPacketsDropped() {
        return othersDropped;
    }

    /** Packets dropped as malformed: segments of this connection with a bad checksum or header, and packets whose IP header is broken. */
    public int discardedSegments() {
        return discarded;
    }

    public InetSocketAddress local() {
        return local;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /** The MSS the peer announced in its SYN-ACK (536 for IPv4 or 1220 for IPv6 when it announced none). */
    public int peerMss() {
        return peerMss;
    }

    /** The largest payload this connection puts in one segment now: the peer's MSS, ours, and what ICMP said about the path. */
    public int segmentSize() {
        return segmentSize;
    }

    /** The peer sent its FIN: it sends no more. */
    public boolean peerClosed() {
        return peerFin;
    }

    private void ensureOpen() throws SocketException {
        if (reset) {
            throw new SocketException("connection reset (RST) by " + peer);
        }
        if (closed) {
            throw new SocketException("connection to " + peer + " is closed");
        }
    }

    private void consume() throws IOException {
        receiveLength = 0;
        // the window was shrinking: tell the peer it is open again
        if (advertised < RECEIVE_BUFFER / 2 && !reset && !closed) {
            sendAck();
        }
    }

    /** Waits for one packet or the retransmission timer, whichever is first, and acts on it. */
    private void step(long deadline) throws IOException {
        if (timerRunning && System.nanoTime() - retransmitAt >= 0) {
            retransmitTimeout();
        }
        long wake = timerRunning ? earlier(deadline, retransmitAt) : deadline;
        Optional<byte[]> raw = link.receive(wake);
        if (raw.isPresent()) {
            TcpSegment s = ours(raw.get());
            if (s != null) {
                handle(s);
            }
        }
        transmit();
    }

    private void retransmitTimeout() throws IOException {
        retransmissions++;
        rto = Math.min(rto * 2, MAX_RTO);
        timing = false;
        // go back to the oldest unacknowledged byte and send from there again (RFC 9293 §3.10.7.4's "retransmit")
        sndNxt = sndUna;
        timerRunning = false;
        transmit();
    }

    /** Sends what the window allows of the data not yet sent, then the FIN when close asked for it. */
    private void transmit() throws IOException {
        if (reset || closed) {
            return;
        }
        while (true) {
            int inFlight = sndNxt - sndUna;
            int unsent = sendLength - inFlight;
            if (unsent <= 0) {
                break;
            }
            int room = sndWnd - inFlight;
            // with nothing in flight, a closed window still gets one byte as a probe
            int len = Math.min(Math.min(segmentSize, unsent), inFlight == 0 ? Math.max(1, room) : room);
            if (len <= 0) {
                break;
            }
            int flags = TcpSegment.ACK | (len == unsent ? TcpSegment.PSH : 0);
            byte[] data = Arrays.copyOfRange(sendBuffer, inFlight, inFlight + len);
            emit(new TcpSegment(local.getPort(), remote.getPort(), sndNxt, rcvNxt, flags, window(), 0, data));
            if (!timing && sndNxt == sndMax) {
                timing = true;
                timedSequence = sndNxt + len;
                timedAt = System.nanoTime();
            }
            sndNxt += len;
            sentSomething();
        }
        if (finQueued && !finAcked && sndNxt - sndUna == sendLength) {
            emit(new TcpSegment(local.getPort(), remote.getPort(), sndNxt, rcvNxt, TcpSegment.FIN | TcpSegment.ACK, window(), 0, new byte[0]));
            sndNxt += 1;
            sentSomething();
        }
    }

    private void sentSomething() {
        if (after(sndNxt, sndMax)) {
            sndMax = sndNxt;
        }
        if (!timerRunning) {
            timerRunning = true;
            retransmitAt = System.nanoTime() + rto;
        }
    }

    private void handle(TcpSegment s) throws IOException {
        if (s.has(TcpSegment.RST)) {
            // only an RST inside the window counts, so a stray one cannot end the connection (RFC 5961 §3)
            int offset = s.sequence() - rcvNxt;
            if (offset >= 0 && offset < Math.max(1, window())) {
                reset = true;
            }
            return;
        }
        if (s.has(TcpSegment.SYN)) {
            // our ACK of the SYN-ACK was lost, and the peer sends the SYN-ACK again
            sendAck();
            return;
        }
        if (!s.has(TcpSegment.ACK)) {
            return;
        }
        acknowledge(s);
        boolean ack = false;
        int len = s.payloadLength();
        int already = rcvNxt - s.sequence();
        boolean inOrder = false;
        if (len > 0) {
            ack = true;
            if (already >= 0 && already < len) {
                int take = Math.min(len - already, RECEIVE_BUFFER - receiveLength);
                System.arraycopy(s.payload(), already, receiveBuffer, receiveLength, take);
                receiveLength += take;
                rcvNxt += take;
                inOrder = already + take == len;
            }
        } else {
            inOrder = already == 0;
        }
        if (s.has(TcpSegment.FIN)) {
            ack = true;
            if (inOrder && !peerFin) {
                peerFin = true;
                rcvNxt += 1;
            }
        }
        if (ack) {
            sendAck();
        }
    }

    private void acknowledge(TcpSegment s) {
        int ack = s.acknowledgment();
        if (after(ack, sndUna) && !after(ack, sndMax)) {
            int acked = ack - sndUna;
            int data = Math.min(acked, sendLength);
            System.arraycopy(sendBuffer, data, sendBuffer, 0, sendLength - data);
            sendLength -= data;
            if (acked > data && finQueued) {
                finAcked = true;
            }
            sndUna = ack;
            if (after(ack, sndNxt)) {
                sndNxt = ack;
            }
            if (timing && !after(timedSequence, ack)) {
                timing = false;
                sample(System.nanoTime() - timedAt);
            }
            sndWnd = s.window();
            if (sndUna == sndNxt) {
                timerRunning = false;
            } else {
                retransmitAt = System.nanoTime() + rto;
                timerRunning = true;
            }
        } else if (ack == sndUna) {
            sndWnd = s.window();
        }
    }

    /** RFC 6298 §2: the retransmission timeout from round-trip samples, here between 200 ms and 3 s. */
    private void sample(long rtt) {
        if (srtt == 0) {
            srtt = rtt;
            rttvar = rtt / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
            srtt = (7 * srtt + rtt) / 8;
        }
        rto = Math.max(MIN_RTO, Math.min(MAX_RTO, srtt + 4 * rttvar));
    }

    private int window() {
        return RECEIVE_BUFFER - receiveLength;
    }

    private void sendAck() throws IOException {
        emit(new TcpSegment(local.getPort(), remote.getPort(), sndNxt, rcvNxt, TcpSegment.ACK, window(), 0, new byte[0]));
    }

    private void emit(TcpSegment s) throws IOException {
        if (s.has(TcpSegment.ACK) || s.has(TcpSegment.SYN)) {
            advertised = s.window();
        }
        int id = 0;
        if (localAddress instanceof Inet4Address) {
            id = ipIdentification;
            ipIdentification = (ipIdentification + 1) & 0xFFFF;
        }
        InnerPacket p = new InnerPacket(ipHeader == InnerPacket.IPV4_HEADER ? 4 : 6, localAddress, remoteAddress, InnerPacket.TCP,
                InnerPacket.DEFAULT_HOP_LIMIT, ipHeader == InnerPacket.IPV4_HEADER, id, 0, false, s.encode(localAddress, remoteAddress));
        link.send(p.encode());
    }

    /** The segment of this connection in {@code raw}, or null after filing the packet under other flows or acting on an ICMP error. */
    private TcpSegment ours(byte[] raw) {
        InnerPacket p;
        try {
            p = InnerPacket.parse(raw);
        } catch (MalformedInnerPacketException e) {
            // a broken IP header cannot be told apart by flow: count it, as the peer's may be among them
            discarded++;
            return null;
        }
        if (p.protocol() == InnerPacket.TCP && !p.isFragment() && p.source().equals(remoteAddress) && p.destination().equals(localAddress)
                && p.payloadLength() >= 4) {
            byte[] b = p.payload();
            int sourcePort = Byte.toUnsignedInt(b[0]) << 8 | Byte.toUnsignedInt(b[1]);
            int destinationPort = Byte.toUnsignedInt(b[2]) << 8 | Byte.toUnsignedInt(b[3]);
            if (sourcePort == remote.getPort() && destinationPort == local.getPort()) {
                try {
                    return TcpSegment.parse(p);
                } catch (MalformedInnerPacketException e) {
                    discarded++;
                    return null;
                }
            }
        }
        if ((p.protocol() == InnerPacket.ICMP || p.protocol() == InnerPacket.ICMPV6) && !p.isFragment() && p.destination().equals(localAddress)) {
            try {
                if (InnerIcmp.parse(p) instanceof InnerIcmp.ErrorReport e && aboutUs(e.original())) {
                    icmp(e, p.source());
                    return null;
                }
            } catch (MalformedInnerPacketException e) {
                // not an error about us: someone else's
            }
        }
        keepOther(raw);
        return null;
    }

    private boolean aboutUs(InnerIcmp.Quoted q) {
        return q.protocol() == InnerPacket.TCP && q.source().equals(localAddress) && q.destination().equals(remoteAddress)
                && q.sourcePort() == local.getPort() && q.destinationPort() == remote.getPort();
    }

    private void icmp(InnerIcmp.ErrorReport e, InetAddress from) {
        lastIcmp = "; ICMP " + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (e.mtu() != 0 ? " (MTU " + e.mtu() + ")" : "") + " from " + AddressText.of(from);
        int floor = ipHeader == InnerPacket.IPV4_HEADER ? 68 : 1280;
        if ((e.kind() == InnerIcmp.Kind.FRAGMENTATION_NEEDED || e.kind() == InnerIcmp.Kind.PACKET_TOO_BIG) && e.mtu() > 0) {
            int size = Math.max(e.mtu(), floor) - ipHeader - TcpSegment.HEADER;
            if (size < segmentSize) {
                segmentSize = size;
                // what was in flight was too big for the path: send it again, cut to the new size
                sndNxt = sndUna;
                timing = false;
                timerRunning = false;
            }
        }
    }

    private void keepOther(byte[] raw) {
        if (others.size() == MAX_OTHER_PACKETS) {
            others.removeFirst();
            othersDropped++;
        }
        others.addLast(raw);
    }

    /** a after b in sequence space (RFC 1982 arithmetic on 32 bits). */
    private static boolean after(int a, int b) {
        return a - b > 0;
    }

    private static long earlier(long a, long b) {
        return a - b < 0 ? a : b;
    }

    /** "300 ms", "3 s", "2.5 s": milliseconds below a second, else seconds to a tenth. */
    static String duration(long nanos) {
        long ms = Math.max(0, Math.round(nanos / 1e6));
        if (ms < 1000) {
            return ms + " ms";
        }
        long tenths = Math.round(ms / 100.0);
        return tenths % 10 == 0 ? tenths / 10 + " s" : tenths / 10 + "." + tenths % 10 + " s";
    }
}
