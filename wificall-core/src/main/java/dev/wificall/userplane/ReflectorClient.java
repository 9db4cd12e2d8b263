package dev.wificall.userplane;

import dev.wificall.dns.AddressText;
import dev.wificall.userplane.MappingLifetime.Outcome;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks a reflector ({@link ReflectorMessage}) for an answer after a delay, from a socket the caller owns,
 * so it may be the very socket whose NAT mapping is measured, and says whether the answer came back.
 * Keeping the mapping alive between probes (NAT-T keep-alives) is not its job. One caller at a time.
 *
 * <pre>{@code
 * ReflectorClient client = new ReflectorClient(socket, new InetSocketAddress(host, 4500), key);
 * MappingLifetime.Result r = MappingLifetime.measure(settings.withGrace(client.grace()), client.asProbe());
 * }</pre>
 */
public final class ReflectorClient {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    /** Datagrams that are not the awaited answer a probe skips before it gives up as inconclusive. */
    public static final int DEFAULT_MAX_IGNORED = 64;

    /** What one request saw: the answer came back ({@link Outcome#SURVIVED}) or not. */
    public record Echo(Outcome outcome, Duration delay, Duration elapsed, Optional<Duration> reflectorWaited, int ignored) {
        public Echo {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(reflectorWaited, "reflectorWaited");
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress reflector;
    private final ReflectorKey key;
    private final Duration grace;
    private final int requestLength;
    private final int maxIgnored;
    private final SecureRandom random = new SecureRandom();

    /** With a 2 s grace, requests of {@value ReflectorMessage#REQUEST_MIN_LENGTH} bytes, 64 ignored datagrams at most. */
    public ReflectorClient(DatagramSocket socket, InetSocketAddress reflector, ReflectorKey key) {
        this(socket, reflector, key, DEFAULT_GRACE, ReflectorMessage.REQUEST_MIN_LENGTH, DEFAULT_MAX_IGNORED);
    }

    /**
     * @param grace how long past the delay an answer may take to arrive
     * @param requestLength the request's size in bytes, padding included (the answer has the same size)
     * @param maxIgnored datagrams other than the answer (other senders, other nonces, bad tags) one request skips
     */
    public ReflectorClient(DatagramSocket socket, InetSocketAddress reflector, ReflectorKey key, Duration grace,
            int requestLength, int maxIgnored) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.reflector = Objects.requireNonNull(reflector, "reflector");
        this.key = Objects.requireNonNull(key, "key");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (reflector.isUnresolved()) {
            throw new IllegalArgumentException("the reflector " + reflector.getHostString() + ":" + reflector.getPort()
                    + " is unresolved; expected an address");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period must not be negative, got " + grace);
        }
        if (requestLength < ReflectorMessage.REQUEST_MIN_LENGTH || requestLength > ReflectorMessage.MAX_LENGTH) {
            throw new IllegalArgumentException("a reflector request is " + ReflectorMessage.REQUEST_MIN_LENGTH + " to "
                    + ReflectorMessage.MAX_LENGTH + " bytes, got " + requestLength);
        }
        if (maxIgnored < 0) {
            throw new IllegalArgumentException("the number of ignored datagrams must not be negative, got " + maxIgnored);
        }
        this.requestLength = requestLength;
        this.maxIgnored = maxIgnored;
    }

    public InetSocketAddress reflector() {
        return reflector;
    }

    public Duration grace() {
        return grace;
    }

    /**
     * Sends one request for an answer after {@code delay} and waits until {@code delay + grace} for the
     * answer with its nonce and a valid tag from the reflector's address and port. Other datagrams are
     * skipped, at most {@code maxIgnored} of them; beyond that the outcome is INCONCLUSIVE.
     *
     * @throws IOException when the socket fails, e.g. "reflector 192.0.2.7:4500: port unreachable"
     */
    public Echo ask(Duration delay) throws IOException {
        ReflectorMessage.Request request = ReflectorMessage.Request.create(delay, requestLength, random);
        byte[] out = ReflectorMessage.encode(request, key);
        long sent = System.nanoTime();
        long deadline = sent + delay.plus(grace).toNanos();
        int savedTimeout = socket.getSoTimeout();
        try {
            try {
                socket.send(new DatagramPacket(out, out.length, reflector));
            } catch (IOException e) {
                throw failure("cannot send the request", e);
            }
            byte[] in = new byte[ReflectorMessage.MAX_LENGTH + 1];
            int ignored = 0;
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Echo(Outcome.LOST, delay, elapsed(sent), Optional.empty(), ignored);
                }
                DatagramPacket p = new DatagramPacket(in, in.length);
                // at least 1 ms: 0 would mean "wait forever"
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    throw failure("cannot receive the answer", e);
                }
                Optional<ReflectorMessage.Answer> answer = match(p, request);
                if (answer.isPresent()) {
                    return new Echo(Outcome.SURVIVED, delay, elapsed(sent), Optional.of(answer.get().waited()), ignored);
                }
                if (++ignored > maxIgnored) {
                    return new Echo(Outcome.INCONCLUSIVE, delay, elapsed(sent), Optional.empty(), ignored);
                }
            }
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(savedTimeout);
            }
        }
    }

    /** The probe {@link MappingLifetime} runs: {@link #ask} with the idle time as the delay. */
    public MappingLifetime.Probe asProbe() {
        return idle -> ask(idle).outcome();
    }

    private Optional<ReflectorMessage.Answer> match(DatagramPacket p, ReflectorMessage.Request request) {
        if (!reflector.equals(p.getSocketAddress())) {
            return Optional.empty();
        }
        try {
            ReflectorMessage.Answer a = ReflectorMessage.decodeAnswer(p.getData(), p.getOffset(), p.getLength(), key);
            return a.nonce().equals(request.nonce()) ? Optional.of(a) : Optional.empty();
        } catch (MalformedReflectorException e) {
            return Optional.empty();
        }
    }

    private IOException failure(String what, IOException e) {
        String why = e instanceof PortUnreachableException ? "port unreachable (no reflector listens there?)"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException("reflector " + AddressText.of(reflector) + ": " + what + ": " + why, e);
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }

    @Override
    public String toString() {
        return "reflector client for " + AddressText.of(reflector) + " (" + requestLength + "-byte requests, grace "
                + MappingLifetime.text(grace) + ")";
    }
}
