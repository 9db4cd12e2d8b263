package dev.wificall.esp;

import dev.wificall.attach.Attachment;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ESP in UDP (RFC 3948) on the attach's own UDP/4500 socket, in user space: no tun device, no root,
 * no kernel XFRM. What arrives is told apart by its first bytes: four zero bytes start an IKE
 * message (answered through the attach's IKE SA), a single 0xFF is a NAT-keepalive, anything else is
 * ESP for our SPI. NAT-keepalives go out at the chosen interval while the caller waits, from the
 * caller's thread: the tunnel starts no threads. Single-threaded.
 */
public final class EspTunnel implements InnerLink {
    /** Notes shown per tunnel; further ones are counted. */
    private static final int SHOWN_NOTES = 40;
    private static final int QUEUED = 64;

    private final Attachment.Tunnel tunnel;
    private final DatagramSocket socket;
    private final EspSa out;
    private final EspSa in;
    private final SecureRandom random;
    private final long start = System.nanoTime();
    private final byte[] buffer = new byte[65536];
    private final List<String> notes = new ArrayList<>();
    private int notesDropped;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private final Map<EspException.Reason, Integer> refused = new EnumMap<>(EspException.Reason.class);
    private long keepAliveNanos;
    private long lastSent = System.nanoTime();
    private long lastEspReceived;
    private int espSent;
    private long espBytesSent;
    private int espReceived;
    private int keepAlivesSent;
    private int ikeReceived;
    /** Message ID of the last INFORMATIONAL response to our request, as {@link #receiveOnce} saw it. */
    private int lastAnswered = -1;

    public EspTunnel(Attachment.Tunnel tunnel, SecureRandom random) {
        this.tunnel = tunnel;
        this.socket = tunnel.socket();
        this.out = EspSa.outbound(tunnel.keys(), tunnel.peerSpi());
        this.in = EspSa.inbound(tunnel.keys(), tunnel.ownSpi());
        this.random = random;
    }

    public Attachment.Tunnel attachment() {
        return tunnel;
    }

    /**
     * Sends a NAT-keepalive (RFC 3948 §2.3) whenever nothing was sent for {@code interval} while the
     * caller waits in {@link #receive}; {@link Duration#ZERO} sends none.
     */
    public void keepAlives(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the NAT-keepalive interval must be 0 (none) or positive, not " + interval);
        }
        keepAliveNanos = interval.toNanos();
    }

    /** Bytes ESP in UDP adds to an inner packet of {@code length} bytes, UDP header included (not the outer IP header). */
    public int overhead(int length) {
        return out.overhead(length) + 8;
    }

    @Override
    public void send(byte[] ipPacket) throws IOException {
        if (ipPacket.length == 0) {
            throw new IllegalArgumentException("an inner packet cannot be empty");
        }
        int version = Byte.toUnsignedInt(ipPacket[0]) >> 4;
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("an inner packet must be IPv4 or IPv6, not IP version " + version);
        }
        byte[] esp = out.seal(version == 4 ? EspSa.IPV4 : EspSa.IPV6, ipPacket, random);
        socket.send(new DatagramPacket(esp, esp.length));
        espSent++;
        espBytesSent += esp.length;
        lastSent = System.nanoTime();
    }

    /** One NAT-keepalive now: a single 0xFF byte, which the ePDG's IKE stack discards. */
    public void sendKeepAlive() throws IOException {
        socket.send(new DatagramPacket(new byte[] {(byte) 0xFF}, 1));
        keepAlivesSent++;
        lastSent = System.nanoTime();
    }

    @Override
    public Optional<byte[]> receive(long deadlineNanos) throws IOException {
        if (!queued.isEmpty()) {
            return Optional.of(queued.poll());
        }
        while (true) {
            long now = System.nanoTime();
            if (keepAliveNanos > 0 && now - lastSent >= keepAliveNanos) {
                sendKeepAlive();
                now = System.nanoTime();
            }
            long until = keepAliveNanos > 0 ? Math.min(deadlineNanos, lastSent + keepAliveNanos) : deadlineNanos;
            long left = until - now;
            if (left <= 0) {
                if (now - deadlineNanos >= 0) {
                    return Optional.empty();
                }
                continue;
            }
            Optional<byte[]> got = receiveOnce((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)), -1);
            if (got.isPresent()) {
                return got;
            }
        }
    }

    /**
     * An empty INFORMATIONAL request on the same socket, answered by the ePDG before {@code deadlineNanos}:
     * proves that IKE still gets through on UDP/4500. Inner packets that arrive meanwhile are kept.
     */
    public boolean ikeAnswers(long deadlineNanos) throws IOException {
        int id = tunnel.sendLivenessCheck();
        lastSent = System.nanoTime();
        note("→ INFORMATIONAL request " + id + " (liveness check) on " + where());
        long wait = 500_000_000L;
        long resendAt = System.nanoTime() + wait;
        while (true) {
            long now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                note("no answer to the liveness check by the deadline");
                return false;
            }
            long left = Math.min(deadlineNanos, resendAt) - now;
            if (left <= 0) {
                // retransmissions of an INFORMATIONAL reuse its message ID (RFC 7296 §2.1); a new one is simpler and just as valid
                id = tunnel.sendLivenessCheck();
                wait *= 2;
                resendAt = System.nanoTime() + wait;
                continue;
            }
            Optional<byte[]> inner = receiveOnce((int) Math.max(1, left / 1_000_000), id);
            inner.ifPresent(p -> {
                if (queued.size() < QUEUED) {
                    queued.add(p);
                }
            });
            if (lastAnswered == id) {
                note("← INFORMATIONAL response " + id + ": IKE on " + where() + " gets through");
                return true;
            }
        }
    }

    /** Waits up to {@code timeoutMs} for one datagram; returns an inner packet if it was one. */
    private Optional<byte[]> receiveOnce(int timeoutMs, int awaitedIkeId) throws IOException {
        socket.setSoTimeout(timeoutMs);
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (java.net.PortUnreachableException e) {
            note("ICMP port unreachable from " + where() + ": nothing listens there any more");
            return Optional.empty();
        }
        int length = packet.getLength();
        if (length == 1 && buffer[0] == (byte) 0xFF) {
            return Optional.empty();
        }
        if (length >= 4 && buffer[0] == 0 && buffer[1] == 0 && buffer[2] == 0 && buffer[3] == 0) {
            byte[] ike = Arrays.copyOfRange(buffer, 4, length);
            ikeReceived++;
            if (awaitedIkeId >= 0 && tunnel.answers(ike, awaitedIkeId)) {
                lastAnswered = awaitedIkeId;
                return Optional.empty();
            }
            tunnel.ikeFromPeer(ike).ifPresent(s -> note("← " + s));
            return Optional.empty();
        }
        try {
            EspSa.Opened opened = in.open(buffer, 0, length);
            if (opened.nextHeader() == 59) {
                // a dummy packet (RFC 4303 §2.6): traffic flow confidentiality, nothing inside
                return Optional.empty();
            }
            espReceived++;
            lastEspReceived = System.nanoTime();
            return Optional.of(opened.inner());
        } catch (EspException e) {
            refused.merge(e.reason(), 1, Integer::sum);
            note("refused an ESP packet: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** ESP packets sent, bytes sent, ESP packets received and accepted, NAT-keepalives sent, IKE messages received. */
    public Counters counters() {
        return new Counters(espSent, espBytesSent, espReceived, keepAlivesSent, ikeReceived, Map.copyOf(refused));
    }

    /** What the tunnel counted; {@code refused} by reason (integrity, replay, SPI, padding). */
    public record Counters(int espSent, long espBytesSent, int espReceived, int keepAlivesSent, int ikeReceived,
                           Map<EspException.Reason, Integer> refused) {
        public int refusedTotal() {
            return refused.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** When the last ESP packet was accepted, as a {@link System#nanoTime()} value; 0 when none was. */
    public long lastEspReceived() {
        return lastEspReceived;
    }

    /** Notes on what the tunnel saw (IKE requests answered, packets refused), with the time since it opened. */
    public List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        if (notesDropped > 0) {
            all.add(notesDropped + " more notes like these");
        }
        return all;
    }

    public String where() {
        String host = dev.wificall.dns.AddressText.of(tunnel.epdg().getAddress());
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + tunnel.epdg().getPort();
    }

    private void note(String line) {
        if (notes.size() >= SHOWN_NOTES) {
            notesDropped++;
            return;
        }
        notes.add(String.format("%6d ms  %s", (System.nanoTime() - start) / 1_000_000, line));
    }

    /** SPIs and algorithms, never keys. */
    @Override
    public String toString() {
        return "EspTunnel[" + where() + ", out " + out + ", in " + in + "]";
    }
}
