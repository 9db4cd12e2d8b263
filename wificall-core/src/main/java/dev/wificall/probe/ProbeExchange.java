package dev.wificall.probe;

import dev.wificall.dns.AddressText;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SaInitRequest;
import dev.wificall.ike.SaInitResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One probe: a connected, non-blocking DatagramChannel (so ICMP errors surface as exceptions) and
 * a Selector whose every wait ends at the next retransmission or the deadline. Not thread-safe;
 * {@link IkeProbe} makes one per call.
 */
final class ProbeExchange {
    private static final int MAX_DATAGRAM = 65_535;

    private final InetSocketAddress target;
    private final IkePort port;
    private final ProbeSettings settings;
    private final DhGroup group;
    private final SecureRandom random;
    /** Reset at the first request: key generation is not network time. */
    private long start = System.nanoTime();
    private int requests;
    private boolean sending = true;
    private String lastBad;
    private int lastBadSize;

    ProbeExchange(InetSocketAddress target, IkePort port, ProbeSettings settings, DhGroup group, SecureRandom random) {
        this.target = target;
        this.port = port;
        this.settings = settings;
        this.group = group;
        this.random = random;
    }

    PortResult run() {
        boolean v6 = target.getAddress() instanceof Inet6Address;
        try (DatagramChannel channel = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.connect(target);
            channel.register(selector, SelectionKey.OP_READ);
            // NAT detection hashes the address and port the kernel chose for this connected socket
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            SaInitRequest request = SaInitRequest.create(group, local, target, random);
            return exchange(channel, selector, request, request.encode(port.nonEspMarker()));
        } catch (ClosedByInterruptException e) {
            return interrupted();
        } catch (IOException | UnsupportedAddressTypeException | UnresolvedAddressException | UnsupportedOperationException e) {
            NetworkErrors.Failure f = NetworkErrors.classify(e, sending, AddressText.of(target.getAddress()), elapsed().toMillis());
            return result(f.outcome(), f.detail(), 0);
        }
    }

    private PortResult exchange(DatagramChannel channel, Selector selector, SaInitRequest request, byte[] datagram)
            throws IOException {
        start = System.nanoTime();
        long deadline = start + settings.deadline().toNanos();
        long wait = settings.initialWait().toNanos();
        long nextSend = start;
        ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) {
                return timeout();
            }
            if (now >= nextSend && nextSend < deadline) {
                sending = true;
                if (channel.write(ByteBuffer.wrap(datagram)) == datagram.length) {
                    requests++;
                }
                // schedule from the plan, not from this send, so a late wake-up does not shift later requests
                nextSend += wait;
                wait *= 2;
            }
            long until = nextSend < deadline ? nextSend : deadline;
            sending = false;
            selector.select(Math.max(1, (until - System.nanoTime() + 999_999) / 1_000_000));
            if (Thread.interrupted()) {
                return interrupted();
            }
            selector.selectedKeys().clear();
            while (channel.receive(in.clear()) != null) {
                Optional<PortResult> answer = accept(Arrays.copyOf(in.array(), in.position()), request, datagram);
                if (answer.isPresent()) {
                    return answer.get();
                }
            }
        }
    }

    /** The result if this datagram is the authentic answer; otherwise remembers why it is not. */
    private Optional<PortResult> accept(byte[] received, SaInitRequest request, byte[] sent) {
        if (Arrays.equals(received, sent)) {
            return bad("our own IKE_SA_INIT request came back unchanged (a UDP echo, not an IKE responder)", received.length);
        }
        try {
            IkeMessage message = IkeMessage.decode(received, received.length, port.nonEspMarker());
            Optional<String> mismatch = request.mismatch(message);
            if (mismatch.isPresent()) {
                return bad("not an answer to our IKE_SA_INIT: " + mismatch.get(), received.length);
            }
            SaInitResponse response = new SaInitResponse(message, received.length);
            return Optional.of(result(PortOutcome.ANSWERED, response.describe(request), received.length));
        } catch (MalformedIkeException e) {
            return bad(e.getMessage(), received.length);
        }
    }

    // an old or stray datagram may precede the real answer: keep waiting, but remember it
    private Optional<PortResult> bad(String why, int size) {
        lastBad = why;
        lastBadSize = size;
        return Optional.empty();
    }

    private PortResult timeout() {
        if (lastBad != null) {
            return result(PortOutcome.MALFORMED, lastBad, lastBadSize);
        }
        return result(PortOutcome.NO_ANSWER, "no answer to " + requests + " IKE_SA_INIT request" + (requests == 1 ? "" : "s")
                + " in " + seconds(settings.deadline()) + " s", 0);
    }

    private PortResult interrupted() {
        Thread.currentThread().interrupt();
        return result(requests == 0 ? PortOutcome.NOT_SENT : PortOutcome.NO_ANSWER,
                "probe interrupted after " + requests + " IKE_SA_INIT request" + (requests == 1 ? "" : "s"), 0);
    }

    private PortResult result(PortOutcome outcome, String detail, int responseBytes) {
        return new PortResult(target.getAddress(), port, outcome, requests, elapsed(), detail, responseBytes);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
