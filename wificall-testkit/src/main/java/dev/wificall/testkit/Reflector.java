package dev.wificall.testkit;

import dev.wificall.dns.AddressText;
import dev.wificall.userplane.MalformedReflectorException;
import dev.wificall.userplane.ReflectorKey;
import dev.wificall.userplane.ReflectorMessage;
import dev.wificall.userplane.ReflectorMessage.Answer;
import dev.wificall.userplane.ReflectorMessage.Nonce;
import dev.wificall.userplane.ReflectorMessage.Request;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The far side of a NAT mapping-lifetime measurement ({@code dev.wificall.userplane.MappingLifetime}): a UDP
 * server that answers each request of the reflector protocol ({@link ReflectorMessage}) after the delay it
 * asks for, to the address and port the request came from. In the lab it runs behind the ePDG, reached
 * through the ESP tunnel; on a real network the user runs it outside their firewall, on UDP/4500 to
 * measure the mapping Wi-Fi Calling uses ({@code java -cp wificall-testkit.jar:wificall-core.jar
 * dev.wificall.testkit.Reflector --listen 0.0.0.0:4500 --key-file FILE}).
 *
 * <p>A server on the internet that sends UDP to whatever source address a request claims is a tool for
 * reflection attacks unless it is careful, hence:
 * <ul>
 * <li>It answers only requests whose HMAC-SHA256 tag is valid under the shared key: whoever spoofs a
 *     victim's source address without the key cannot make it send anything.</li>
 * <li>An answer is never larger than its request (it has exactly the request's length): no
 *     amplification even for a key holder.</li>
 * <li>One answer per request: a nonce is remembered (a bounded cache) for as long as the request's clock
 *     is within the clock window, and requests outside the window are refused, so a captured request
 *     cannot be replayed later, nor twice now.</li>
 * <li>A token bucket per source address (in a bounded map) limits how often one source is answered,
 *     and a global cap bounds the answers waiting to be sent, so a key holder cannot queue a flood.</li>
 * <li>Delays are capped ({@code --max-delay}, at most the protocol's 10 minutes), which bounds how long
 *     an answer's state is kept.</li>
 * </ul>
 * Requests are checked in that order: structure, tag, clock window, replay, rate, delay, pending cap.
 *
 * <p>One daemon thread receives, one daemon thread sends the delayed answers (both named
 * {@code wificall-reflector-<port>-...}); {@link #close()} stops both and closes the socket.
 */
public final class Reflector implements AutoCloseable {

    /** Why a request went unanswered. */
    public enum Rejection {
        /** Not a well-formed reflector request (IKE, ESP, truncated, another version, an answer). */
        MALFORMED("malformed"),
        /** The tag does not match: tampered, or another key. */
        BAD_TAG("bad tag (tampered, or another key)"),
        /** The request's clock is too far from the reflector's. */
        CLOCK_WINDOW("clock outside the window"),
        /** A nonce seen before. */
        REPLAY("replay of a request already seen"),
        /** Its source address has used up its token bucket. */
        RATE_LIMITED("rate limited"),
        /** A delay above the reflector's maximum. */
        DELAY_TOO_LONG("delay above the maximum"),
        /** Too many answers pending, or the replay cache is full. */
        BUSY("busy");

        private final String text;

        Rejection(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static final Duration DEFAULT_MAX_DELAY = ReflectorMessage.MAX_DELAY;
    public static final Duration DEFAULT_CLOCK_WINDOW = Duration.ofSeconds(60);
    public static final int DEFAULT_RATE_REQUESTS = 5;
    public static final Duration DEFAULT_RATE_PERIOD = Duration.ofSeconds(10);
    public static final int DEFAULT_BURST = 10;
    public static final int DEFAULT_MAX_PENDING = 1_000;
    public static final int DEFAULT_MAX_SOURCES = 4_096;
    public static final int DEFAULT_REPLAY_CACHE = 65_536;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final DatagramSocket socket;
    private final InetSocketAddress local;
    private final ReflectorKey key;
    private final Duration maxDelay;
    private final long clockWindowMillis;
    private final int maxPending;
    private final Consumer<String> log;
    private final Thread receiver;
    private final ScheduledExecutorService sender;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final Map<Rejection, AtomicLong> rejected = new EnumMap<>(Rejection.class);
    private final AtomicInteger pending = new AtomicInteger();
    /** The executor's threads, joined by close(): awaitTermination returns before they have quite ended. */
    private final List<Thread> answerThreads = new CopyOnWriteArrayList<>();
    // the receiving thread only
    private final ReplayCache replays;
    private final TokenBuckets buckets;

    private Reflector(Builder b, DatagramSocket socket) {
        this.socket = socket;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.key = b.key;
        this.maxDelay = b.maxDelay;
        this.clockWindowMillis = b.clockWindow.toMillis();
        this.maxPending = b.maxPending;
        this.log = b.log;
        for (Rejection r : Rejection.values()) {
            rejected.put(r, new AtomicLong());
        }
        this.replays = new ReplayCache(b.replayCache);
        this.buckets = new TokenBuckets(b.maxSources, b.burst, (double) b.rateRequests / b.ratePeriod.toNanos());
        String name = "wificall-reflector-" + local.getPort();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-answer");
            t.setDaemon(true);
            answerThreads.add(t);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        this.sender = s;
        this.receiver = new Thread(this::receive, name + "-receive");
        receiver.setDaemon(true);
        receiver.start();
    }

    public static Builder builder(ReflectorKey key) {
        return new Builder(key);
    }

    /** The address and port it listens on (the real port when it was asked for port 0). */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** Every datagram received, valid or not. */
    public long requests() {
        return requests.get();
    }

    /** Answers sent. */
    public long answered() {
        return answered.get();
    }

    /** Requests refused for {@code reason}. */
    public long rejected(Rejection reason) {
        return rejected.get(Objects.requireNonNull(reason, "reason")).get();
    }

    /** Requests refused for any reason. */
    public long rejected() {
        return rejected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Accepted requests whose answers are not sent yet. */
    public int pending() {
        return pending.get();
    }

    /** Answers the socket failed to send. */
    public long sendErrors() {
        return sendErrors.get();
    }

    /** Stops both threads, drops answers not yet sent and closes the socket; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        socket.close();
        sender.shutdownNow();
        try {
            receiver.join(CLOSE_WAIT_MILLIS);
            sender.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            for (Thread t : answerThreads) {
                t.join(CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the reflector is closed (by {@link #close()}, e.g. from a shutdown hook). */
    void awaitClose() throws InterruptedException {
        receiver.join();
    }

    @Override
    public String toString() {
        return "reflector on " + AddressText.of(local) + " (max delay " + maxDelay.toSeconds() + " s, clock window "
                + clockWindowMillis / 1000 + " s, " + key + ")";
    }

    // --- serving ---

    private void receive() {
        byte[] buffer = new byte[65_536];
        while (!closed.get()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!closed.get()) {
                    log.accept("reflector on " + AddressText.of(local) + " stopped: " + e.getMessage());
                }
                return;
            }
            long received = System.nanoTime();
            requests.incrementAndGet();
            try {
                handle(p, received);
            } catch (RuntimeException e) {
                // a bug must not end the service; the request goes unanswered
                log.accept(AddressText.of((InetSocketAddress) p.getSocketAddress()) + ": internal error: " + e);
            }
        }
    }

    private void handle(DatagramPacket p, long received) {
        InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
        String source = AddressText.of(from);
        Request request;
        try {
            request = ReflectorMessage.decodeRequest(p.getData(), p.getOffset(), p.getLength(), key);
        } catch (MalformedReflectorException e) {
            Rejection why = e.reason() == MalformedReflectorException.Reason.BAD_TAG ? Rejection.BAD_TAG : Rejection.MALFORMED;
            reject(why, source + ", " + p.getLength() + " bytes: rejected, " + why + ": " + e.getMessage());
            return;
        }
        String head = source + ", delay " + request.delay().toMillis() + " ms: ";
        long now = System.currentTimeMillis();
        long skew = request.clockMillis() - now;
        if (Math.abs(skew) > clockWindowMillis) {
            reject(Rejection.CLOCK_WINDOW, head + "rejected, the sender's clock is " + Math.abs(skew) / 1000 + " s "
                    + (skew < 0 ? "behind" : "ahead of") + " ours; the window is " + clockWindowMillis / 1000 + " s");
            return;
        }
        // the nonce can be forgotten once the clock window refuses the request anyway
        ReplayCache.Verdict seen = replays.admit(request.nonce(), request.clockMillis() + clockWindowMillis, now);
        if (seen == ReplayCache.Verdict.SEEN) {
            reject(Rejection.REPLAY, head + "rejected, replay of nonce " + request.nonce());
            return;
        }
        if (seen == ReplayCache.Verdict.FULL) {
            reject(Rejection.BUSY, head + "rejected, busy: the replay cache holds " + replays.size() + " nonces");
            return;
        }
        if (!buckets.take(from.getAddress(), received)) {
            reject(Rejection.RATE_LIMITED, head + "rejected, rate limited: " + AddressText.of(from.getAddress())
                    + " sent more than its bucket allows");
            return;
        }
        if (request.delay().compareTo(maxDelay) > 0) {
            reject(Rejection.DELAY_TOO_LONG, head + "rejected, the delay is above the maximum of " + maxDelay.toMillis()
                    + " ms");
            return;
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            reject(Rejection.BUSY, head + "rejected, busy: " + maxPending + " answers pending");
            return;
        }
        long due = request.delay().toNanos() - (System.nanoTime() - received);
        try {
            sender.schedule(() -> answer(request, from, head, received), Math.max(0, due), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            pending.decrementAndGet(); // closing
        }
    }

    private void answer(Request request, InetSocketAddress to, String head, long received) {
        try {
            Duration waited = Duration.ofNanos(System.nanoTime() - received);
            byte[] out = ReflectorMessage.encode(Answer.to(request, waited), key);
            // counted and logged first, so whoever has received the answer also sees it counted
            answered.incrementAndGet();
            log.accept(head + "answered after " + waited.toMillis() + " ms, " + out.length + " bytes");
            try {
                socket.send(new DatagramPacket(out, out.length, to));
            } catch (IOException e) {
                answered.decrementAndGet();
                throw e;
            }
        } catch (IOException e) {
            if (!closed.get()) {
                sendErrors.incrementAndGet();
                log.accept(head + "not answered, sending failed: " + e.getMessage());
            }
        } finally {
            pending.decrementAndGet();
        }
    }

    private void reject(Rejection why, String line) {
        rejected.get(why).incrementAndGet();
        log.accept(line);
    }

    /** Nonces of accepted requests until their expiry (reflector clock, ms); bounded, never evicting early. */
    static final class ReplayCache {
        enum Verdict { NEW, SEEN, FULL }

        private record Entry(long expiry, Nonce nonce) {
        }

        private final int capacity;
        private final Map<Nonce, Long> seen = new HashMap<>();
        private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparingLong(Entry::expiry));

        ReplayCache(int capacity) {
            this.capacity = capacity;
        }

        Verdict admit(Nonce nonce, long expiry, long now) {
            while (!byExpiry.isEmpty() && byExpiry.peek().expiry() < now) {
                seen.remove(byExpiry.poll().nonce());
            }
            if (seen.containsKey(nonce)) {
                return Verdict.SEEN;
            }
            // evicting a live nonce would let its request be replayed: refuse instead
            if (seen.size() >= capacity) {
                return Verdict.FULL;
            }
            seen.put(nonce, expiry);
            byExpiry.add(new Entry(expiry, nonce));
            return Verdict.NEW;
        }

        int size() {
            return seen.size();
        }
    }

    /** A token bucket per source address, the least recently seen forgotten beyond {@code maxSources}. */
    static final class TokenBuckets {
        private static final class Bucket {
            double tokens;
            long last;

            Bucket(double tokens, long last) {
                this.tokens = tokens;
                this.last = last;
            }
        }

        private final int burst;
        private final double perNano;
        private final LinkedHashMap<InetAddress, Bucket> buckets;

        TokenBuckets(int maxSources, int burst, double perNano) {
            this.burst = burst;
            this.perNano = perNano;
            this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                    return size() > maxSources;
                }
            };
        }

        boolean take(InetAddress source, long now) {
            Bucket b = buckets.computeIfAbsent(source, s -> new Bucket(burst, now));
            b.tokens = Math.min(burst, b.tokens + (now - b.last) * perNano);
            b.last = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    /** How a reflector is set up; {@link #start()} binds it. */
    public static final class Builder {
        private final ReflectorKey key;
        private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private Duration clockWindow = DEFAULT_CLOCK_WINDOW;
        private int rateRequests = DEFAULT_RATE_REQUESTS;
        private Duration ratePeriod = DEFAULT_RATE_PERIOD;
        private int burst = DEFAULT_BURST;
        private int maxPending = DEFAULT_MAX_PENDING;
        private int maxSources = DEFAULT_MAX_SOURCES;
        private int replayCache = DEFAULT_REPLAY_CACHE;
        private Consumer<String> log = line -> { };

        private Builder(ReflectorKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The address and port to bind; loopback and an ephemeral port unless told. */
        public Builder listen(InetSocketAddress listen) {
            this.listen = Objects.requireNonNull(listen, "listen");
            if (listen.isUnresolved()) {
                throw new IllegalArgumentException("cannot listen on " + listen.getHostString() + ":" + listen.getPort()
                        + ": unresolved; expected an address");
            }
            return this;
        }

        /** The longest delay answered, up to {@link ReflectorMessage#MAX_DELAY}. */
        public Builder maxDelay(Duration maxDelay) {
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (maxDelay.isNegative() || maxDelay.compareTo(ReflectorMessage.MAX_DELAY) > 0) {
                throw new IllegalArgumentException("the maximum delay is 0 to " + ReflectorMessage.MAX_DELAY.toSeconds()
                        + " s, got " + maxDelay.toMillis() + " ms");
            }
            this.maxDelay = maxDelay;
            return this;
        }

        /** How far a request's clock may be from the reflector's, either way. */
        public Builder clockWindow(Duration clockWindow) {
            Objects.requireNonNull(clockWindow, "clockWindow");
            if (clockWindow.toMillis() < 1_000 || clockWindow.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("the clock window is 1 s to 1 h, got " + clockWindow.toMillis() + " ms");
            }
            this.clockWindow = clockWindow;
            return this;
        }

        /** Each source address is answered {@code requests} times per {@code period} on average, {@code burst} at once. */
        public Builder rateLimit(int requests, Duration period, int burst) {
            Objects.requireNonNull(period, "period");
            if (requests < 1 || burst < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs at least 1 request per period above zero and a "
                        + "burst of at least 1, got " + requests + " per " + period.toMillis() + " ms, burst " + burst);
            }
            this.rateRequests = requests;
            this.ratePeriod = period;
            this.burst = burst;
            return this;
        }

        /** The most answers waiting to be sent at once. */
        public Builder maxPending(int maxPending) {
            this.maxPending = positive("the maximum of pending answers", maxPending);
            return this;
        }

        /** The most source addresses whose buckets are remembered. */
        public Builder maxSources(int maxSources) {
            this.maxSources = positive("the maximum of sources", maxSources);
            return this;
        }

        /** The most nonces remembered against replays. */
        public Builder replayCache(int nonces) {
            this.replayCache = positive("the replay cache size", nonces);
            return this;
        }

        /** Where the line per request goes (none by default). */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        private static int positive(String what, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + n);
            }
            return n;
        }

        /** Binds the socket and starts serving. */
        public Reflector start() throws IOException {
            DatagramSocket socket = new DatagramSocket(null);
            try {
                socket.bind(listen);
            } catch (SocketException e) {
                socket.close();
                throw new IOException("cannot listen on UDP " + AddressText.of(listen) + ": " + e.getMessage(), e);
            }
            return new Reflector(this, socket);
        }
    }

    // --- command line ---

    static final String USAGE = String.join("\n",
            "usage: java -cp wificall-testkit.jar:wificall-core.jar dev.wificall.testkit.Reflector \\",
            "           --listen ADDRESS:PORT --key-file FILE [--max-delay 600s] [--clock-window 60s]",
            "",
            "Answers wificall's mapping-lifetime requests after the delay they ask for (see wificall-testkit/README.md).",
            "  --listen ADDRESS:PORT  UDP address and port to bind, e.g. 0.0.0.0:4500 or [::]:4500",
            "  --key-file FILE        the shared key, at least 16 bytes, as hex (openssl rand -hex 32 > FILE)",
            "                         or base64; hex when the file holds only hex digits",
            "  --max-delay DURATION   the longest delay answered, at most 600s (default 600s); 500ms, 30s, 10m",
            "  --clock-window DURATION how far a request's clock may be from ours (default 60s)",
            "  --help                 this text");

    /** A command-line mistake: the message says which option and what is expected. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** What the command line asks for; {@code help} when it asks for nothing but the usage. */
    record Options(InetSocketAddress listen, ReflectorKey key, Duration maxDelay, Duration clockWindow, boolean help) {
    }

    static Options parse(String... args) throws UsageException {
        InetSocketAddress listen = null;
        Path keyFile = null;
        Duration maxDelay = DEFAULT_MAX_DELAY;
        Duration clockWindow = DEFAULT_CLOCK_WINDOW;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return new Options(null, null, maxDelay, clockWindow, true);
            }
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'; expected --listen, --key-file, --max-delay or "
                        + "--clock-window");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--listen" -> listen = address(v);
                case "--key-file" -> keyFile = Path.of(v);
                case "--max-delay" -> {
                    maxDelay = duration(a, v);
                    if (maxDelay.compareTo(ReflectorMessage.MAX_DELAY) > 0) {
                        throw new UsageException("--max-delay " + v + " is above the protocol's maximum of 600s");
                    }
                }
                case "--clock-window" -> {
                    clockWindow = duration(a, v);
                    if (clockWindow.toMillis() < 1_000 || clockWindow.compareTo(Duration.ofHours(1)) > 0) {
                        throw new UsageException("--clock-window " + v + " must be 1s to 60m");
                    }
                }
                default -> throw new UsageException("unknown option " + a + "; expected --listen, --key-file, --max-delay, "
                        + "--clock-window or --help");
            }
        }
        if (listen == null) {
            throw new UsageException("--listen ADDRESS:PORT is required, e.g. --listen 0.0.0.0:4500");
        }
        if (keyFile == null) {
            throw new UsageException("--key-file FILE is required (make one with: openssl rand -hex 32 > FILE)");
        }
        return new Options(listen, key(keyFile), maxDelay, clockWindow, false);
    }

    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]+)\\]|([^:\\[\\]]+)):(\\d{1,5})");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    static InetSocketAddress address(String text) throws UsageException {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches()) {
            throw new UsageException("bad --listen '" + text + "'; expected ADDRESS:PORT, e.g. 0.0.0.0:4500 or [::]:4500");
        }
        int port = Integer.parseInt(m.group(3));
        if (port > 0xFFFF) {
            throw new UsageException("bad --listen '" + text + "': port " + port + " is above 65535");
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException("bad --listen '" + text + "': " + host + " is no address of this host's resolver");
        }
    }

    static Duration duration(String option, String text) throws UsageException {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("bad " + option + " '" + text + "'; expected a duration such as 500ms, 30s or 10m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    static ReflectorKey key(Path file) throws UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new UsageException("--key-file " + file + ": no such file (make one with: openssl rand -hex 32 > " + file
                    + ")");
        } catch (IOException e) {
            throw new UsageException("--key-file " + file + ": cannot read it: " + e.getMessage());
        }
        try {
            return ReflectorKey.parse(text);
        } catch (IllegalArgumentException e) {
            // the message describes the key (its length, its form), never its bytes
            throw new UsageException("--key-file " + file + ": " + e.getMessage());
        }
    }

    /** Runs the command line; returns the exit code (0, 64 for a usage mistake, 1 when it cannot listen). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException e) {
            err.println("reflector: " + e.getMessage());
            err.println("try --help");
            return 64;
        }
        if (o.help()) {
            out.println(USAGE);
            return 0;
        }
        Reflector r;
        try {
            r = builder(o.key()).listen(o.listen()).maxDelay(o.maxDelay()).clockWindow(o.clockWindow())
                    .log(line -> out.println(Instant.now() + " " + line)).start();
        } catch (IOException e) {
            err.println("reflector: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(r::close, "wificall-reflector-shutdown"));
        out.println(Instant.now() + " " + r);
        try {
            r.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }
}
