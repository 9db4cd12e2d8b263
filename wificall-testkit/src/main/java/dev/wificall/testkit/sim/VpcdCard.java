package dev.wificall.testkit.sim;

import dev.wificall.eap.UsimCredentials;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link VirtualUsim} in a PC/SC reader: the card end of vsmartcard's vpcd, the pcscd driver
 * ({@code libifdvpcd.so}, Debian package {@code vsmartcard-vpcd}) whose reader holds whatever card
 * talks to it over TCP. Every message either way is a 2-byte big-endian length and the payload.
 * vpcd sends a 1-byte payload as a control: 00 power off, 01 power on, 02 reset (none answered),
 * 04 the ATR (answered with it; pcscd asks every 0.4 s, which is how it notices a card); any longer
 * payload is a command APDU, answered with the response APDU.
 *
 * <p>Who connects: with {@code DEVICENAME /dev/null:PORT} in its reader.conf (Debian's default is
 * {@code /dev/null:0x8C7B}) vpcd listens on PORT and PORT+1 (one per slot, on every address) and the
 * card connects: {@link Builder#connectTo}. With {@code DEVICENAME HOST:PORT} vpcd connects out to a
 * card listening there: {@link Builder#acceptOn}. Debian 12's vpcd (vsmartcard 3.3+dfsg-2) cannot
 * reconnect in that mode and pcscd aborts ("bit out of range 0 - FD_SETSIZE on fd_set") at its
 * first look at an empty slot, so there it is {@code connectTo} only.
 *
 * <p>Taking the card out ({@link #remove()}) closes the connection: vpcd's next ATR request fails
 * and pcscd reports the card absent. {@link #insert()} connects (or accepts) again. The card is
 * powered off when it is out. Each connection is served by one daemon thread
 * ({@code wificall-vpcd-card-...}); {@link #close()} ends it. Every connect, accept and read has a
 * deadline: a vpcd silent for the idle timeout counts as gone.
 *
 * <p>The log names each APDU's INS and status word, never its data (PIN, RES, CK, IK, AUTS, IMSI).
 */
public final class VpcdCard implements AutoCloseable {

    /** vpcd's default port, 0x8C7B. */
    public static final int DEFAULT_PORT = 0x8C7B;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** pcscd polls each slot every 0.4 s; this much silence means it is gone or hung. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    static final int CTRL_POWER_OFF = 0x00;
    static final int CTRL_POWER_ON = 0x01;
    static final int CTRL_RESET = 0x02;
    static final int CTRL_ATR = 0x04;
    private static final long JOIN_MILLIS = 5_000;
    private static final long RETRY_MILLIS = 100;

    private final VirtualUsim card;
    private final InetSocketAddress vpcd;
    private final ServerSocket server;
    private final Duration timeout;
    private final Duration idleTimeout;
    private final Consumer<String> log;
    private volatile Connection current;
    private volatile boolean closed;

    private VpcdCard(Builder b, ServerSocket server) {
        this.card = b.card;
        this.vpcd = b.vpcd;
        this.server = server;
        this.timeout = b.timeout;
        this.idleTimeout = b.idleTimeout;
        this.log = b.log;
    }

    public static Builder builder(VirtualUsim card) {
        return new Builder(card);
    }

    public VirtualUsim card() {
        return card;
    }

    /** Where the card meets vpcd: vpcd's address when connecting, our listening address when accepting. */
    public InetSocketAddress address() {
        return server == null ? vpcd : (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Whether the card is in: connected, and vpcd has spoken since. */
    public boolean isInserted() {
        Connection c = current;
        return c != null && !c.ended;
    }

    /**
     * Puts the card in: connects to vpcd (or accepts its connection) and waits until vpcd asks for
     * the first time, which is when pcscd sees a card. Does nothing when the card is in.
     *
     * @throws IOException when vpcd cannot be reached or does not speak within the timeout
     */
    public synchronized void insert() throws IOException {
        if (closed) {
            throw new IllegalStateException("this VpcdCard is closed; make a new one");
        }
        if (isInserted()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        card.powerOff();
        Socket socket = server == null ? connect(deadline) : accept(deadline);
        Connection c = new Connection(socket);
        current = c;
        c.thread.start();
        boolean spoke;
        try {
            spoke = c.firstWord.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spoke = false;
        }
        if (!spoke || c.ended) {
            String what = c.ended ? "closed the connection" : "asked nothing within " + seconds(timeout);
            c.end();
            current = null;
            throw new IOException("connected to " + text(socket) + ", but vpcd " + what + "; is that pcscd with the "
                    + "vpcd driver, and its slot free (vpcd takes one card per port; pcscd asks every 0.4 s)?");
        }
    }

    /** Takes the card out: closes the connection (pcscd sees the card absent at its next poll) and powers it off. */
    public synchronized void remove() {
        Connection c = current;
        current = null;
        if (c != null) {
            boolean wasIn = !c.ended;
            c.end();
            if (wasIn) {
                log.accept("card removed from vpcd at " + text(c.socket));
            }
        }
        card.powerOff();
    }

    /** Takes the card out and closes the listening socket, if any; a second call does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        remove();
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    /** Waits until the card is out (removed, closed, or vpcd gone). */
    void awaitRemoved() throws InterruptedException {
        Connection c = current;
        while (c != null) {
            c.thread.join();
            Connection next = current;
            c = next == c ? null : next;
        }
    }

    @Override
    public String toString() {
        return "VpcdCard[" + card + (server == null ? " to vpcd at " : " listening on ") + text(address())
                + (isInserted() ? ", in" : ", out") + "]";
    }

    private Socket connect(long deadline) throws IOException {
        IOException last;
        do {
            Socket s = new Socket();
            try {
                s.connect(vpcd, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                s.setTcpNoDelay(true);
                return s;
            } catch (IOException e) {
                s.close();
                last = e;
            }
            // refused: pcscd may be starting; try again until the deadline
            sleep(Math.min(RETRY_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } while (System.nanoTime() < deadline && !closed);
        throw new IOException("cannot connect to vpcd at " + text(vpcd) + " within " + seconds(timeout) + ": "
                + last.getMessage() + "; is pcscd running with a vpcd reader on that port (it/lab/sim.sh up)?", last);
    }

    private Socket accept(long deadline) throws IOException {
        try {
            server.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            Socket s = server.accept();
            s.setTcpNoDelay(true);
            return s;
        } catch (SocketTimeoutException e) {
            throw new IOException("vpcd did not connect to " + text(address()) + " within " + seconds(timeout)
                    + "; is pcscd running with a vpcd reader whose DEVICENAME is this address? (Debian 12's vpcd 3.3 "
                    + "connects only once, when pcscd starts)", e);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One insertion: the socket and the thread that serves it. */
    private final class Connection {
        final Socket socket;
        final Thread thread;
        final CountDownLatch firstWord = new CountDownLatch(1);
        volatile boolean ended;
        volatile boolean ending;

        Connection(Socket socket) {
            this.socket = socket;
            this.thread = new Thread(this::serve, "wificall-vpcd-card-" + socket.getLocalPort());
            thread.setDaemon(true);
        }

        void end() {
            ending = true;
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(JOIN_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ended = true;
        }

        private void serve() {
            String where = text(socket);
            try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                while (!ending) {
                    byte[] message = VpcdFrames.read(socket, in, idleTimeout, timeout);
                    handle(message, out);
                    firstWord.countDown();
                }
            } catch (SocketTimeoutException e) {
                if (!ending) {
                    log.accept("vpcd at " + where + " said nothing for " + seconds(idleTimeout)
                            + " (pcscd asks every 0.4 s), or stopped in the middle of a message; taking the card out");
                }
            } catch (EOFException e) {
                if (!ending) {
                    log.accept("vpcd at " + where + " closed the connection (pcscd stopped or the reader went); "
                            + "the card is out");
                }
            } catch (IOException e) {
                if (!ending) {
                    log.accept("connection to vpcd at " + where + " failed: " + e.getMessage() + "; the card is out");
                }
            } catch (RuntimeException e) {
                log.accept("internal error serving vpcd at " + where + ": " + e + "; the card is out");
            } finally {
                ended = true;
                try {
                    socket.close();
                } catch (IOException e) {
                    // already gone
                }
                card.powerOff();
            }
        }

        private void handle(byte[] message, OutputStream out) throws IOException {
            if (message.length == 0) {
                log.accept("an empty message from vpcd; ignored");
                return;
            }
            if (message.length == 1) {
                int control = message[0] & 0xff;
                switch (control) {
                    case CTRL_ATR -> VpcdFrames.write(out, card.atr());
                    case CTRL_POWER_ON -> {
                        card.powerOn();
                        log.accept("power on");
                    }
                    case CTRL_POWER_OFF -> {
                        card.powerOff();
                        log.accept("power off");
                    }
                    case CTRL_RESET -> {
                        card.reset();
                        log.accept("reset");
                    }
                    default -> log.accept(String.format("unknown control %02X from vpcd; ignored", control));
                }
                return;
            }
            byte[] response;
            try {
                response = card.transmit(message);
            } catch (IOException e) {
                // pcscd powers a card on before it sends anything; answer as a card with no precise diagnosis
                log.accept("an APDU while the card is powered off; answered 6F00");
                response = new byte[] {0x6F, 0x00};
            }
            VpcdFrames.write(out, response);
            log.accept(describe(message, response));
        }
    }

    /** INS (and its name) and SW of one exchange, never a data byte. */
    static String describe(byte[] command, byte[] response) {
        int ins = command.length > 1 ? command[1] & 0xff : -1;
        int n = response.length;
        String sw = n >= 2 ? String.format("%02X%02X", response[n - 2], response[n - 1]) : "(no SW)";
        String name = switch (ins) {
            case 0xA4 -> "SELECT";
            case 0xB2 -> "READ RECORD";
            case 0xB0 -> "READ BINARY";
            case 0x20 -> "VERIFY";
            case 0x88 -> "AUTHENTICATE";
            case 0xC0 -> "GET RESPONSE";
            default -> "INS";
        };
        return String.format("APDU %s (%02X) -> %s, %d data bytes", name, ins, sw, Math.max(0, n - 2));
    }

    private static String text(Socket s) {
        return text((InetSocketAddress) s.getRemoteSocketAddress());
    }

    static String text(InetSocketAddress a) {
        if (a == null) {
            return "(unconnected)";
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Configures a {@link VpcdCard}. */
    public static final class Builder {
        private final VirtualUsim card;
        private InetSocketAddress vpcd = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
        private InetSocketAddress listen;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Consumer<String> log = line -> { };

        private Builder(VirtualUsim card) {
            this.card = Objects.requireNonNull(card, "card");
        }

        /** vpcd listens (DEVICENAME /dev/null:PORT) and the card connects; 127.0.0.1:35963 unless told. */
        public Builder connectTo(InetSocketAddress vpcd) {
            this.vpcd = resolved(vpcd, "connect to");
            this.listen = null;
            return this;
        }

        /** The card listens here and vpcd connects to it (DEVICENAME HOST:PORT); not with Debian 12's vpcd. */
        public Builder acceptOn(InetSocketAddress listen) {
            this.listen = resolved(listen, "listen on");
            return this;
        }

        /** The deadline of a connect or accept and of each message once begun; 10 s unless told. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** How long vpcd may say nothing before the card counts it as gone; 30 s unless told. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idle timeout");
            return this;
        }

        /** Where the line per APDU and per event goes (none by default). */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Binds (when accepting) and inserts the card: returns once vpcd has asked for it. */
        public VpcdCard start() throws IOException {
            ServerSocket server = null;
            if (listen != null) {
                server = new ServerSocket();
                try {
                    server.setReuseAddress(true);
                    server.bind(listen, 1);
                } catch (IOException e) {
                    server.close();
                    throw new IOException("cannot listen on TCP " + text(listen) + " for vpcd: " + e.getMessage(), e);
                }
            }
            VpcdCard c = new VpcdCard(this, server);
            try {
                c.insert();
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
            return c;
        }

        private static InetSocketAddress resolved(InetSocketAddress a, String what) {
            Objects.requireNonNull(a, "address");
            if (a.isUnresolved()) {
                throw new IllegalArgumentException("cannot " + what + " " + a.getHostString() + ":" + a.getPort()
                        + ": unresolved; expected an address");
            }
            return a;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.toMillis() < 1 || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("the " + what + " must be 1 ms to 1 h; got " + d.toMillis() + " ms");
            }
            return d;
        }
    }

    // --- command line ---

    static final String USAGE = String.join("\n",
            "usage: java -cp wificall-testkit.jar:wificall-core.jar:bcprov.jar dev.wificall.testkit.sim.VpcdCard \\",
            "           [--vpcd ADDRESS:PORT | --listen ADDRESS:PORT] [--pin PIN | --no-pin] [--tries N]",
            "           [--highest-sqn N] [--defer-responses] [--timeout 10s] [--idle-timeout 30s]",
            "",
            "A virtual USIM in a vpcd reader of pcscd (see it/lab/README.md, the SIM lab). Subscriber from",
            "WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC (or WIFICALL_OP); when none is set, the lab subscriber",
            "(IMSI " + VirtualUsim.LAB_IMSI + ", TS 35.208 test set 1).",
            "  --vpcd ADDRESS:PORT    connect to vpcd there (default 127.0.0.1:35963; vpcd's DEVICENAME /dev/null:PORT)",
            "  --listen ADDRESS:PORT  listen there and let vpcd connect (DEVICENAME ADDRESS:PORT; not Debian 12's vpcd)",
            "  --pin PIN              PIN1, 4 to 8 digits (default " + VirtualUsim.LAB_PIN + ")",
            "  --no-pin               PIN1 disabled: EF_IMSI and AUTHENTICATE need no VERIFY",
            "  --tries N              PIN1 retry counter, 1 to 15 (default 3)",
            "  --highest-sqn N        the highest SQN already accepted; a challenge at or below it gets AUTS (default 0)",
            "  --defer-responses      answer 61xx and hand data out through GET RESPONSE, as T=0 cards do",
            "  --timeout DURATION     deadline of the connection and of each message (default 10s)",
            "  --idle-timeout DURATION how long vpcd may be silent before the card counts it gone (default 30s)",
            "  --help                 this text",
            "Prints \"virtual USIM in vpcd at ADDRESS:PORT\" when pcscd has seen the card, one line per APDU (INS and",
            "SW only), and exits when vpcd goes or on SIGTERM.");

    /** A command-line mistake: the message names the option and what is expected, never a PIN or key. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** What the command line asks for. */
    record Options(InetSocketAddress vpcd, InetSocketAddress listen, String pin, boolean pinDisabled, int tries,
            long highestSqn, boolean defer, Duration timeout, Duration idleTimeout, boolean help) {

        @Override
        public String toString() {
            return "Options[vpcd " + (vpcd == null ? "-" : text(vpcd)) + ", listen " + (listen == null ? "-" : text(listen))
                    + ", PIN " + (pinDisabled ? "disabled" : "hidden") + ", tries " + tries + ", highest SQN " + highestSqn
                    + "]";
        }
    }

    private static final List<String> OPTIONS = List.of("--vpcd", "--listen", "--pin", "--no-pin", "--tries",
            "--highest-sqn", "--defer-responses", "--timeout", "--idle-timeout", "--help");

    static Options parse(String... args) throws UsageException {
        InetSocketAddress vpcd = null;
        InetSocketAddress listen = null;
        String pin = VirtualUsim.LAB_PIN;
        boolean pinGiven = false;
        boolean pinDisabled = false;
        int tries = VirtualUsim.DEFAULT_PIN_TRIES;
        long highestSqn = 0;
        boolean defer = false;
        Duration timeout = DEFAULT_TIMEOUT;
        Duration idle = DEFAULT_IDLE_TIMEOUT;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return new Options(null, null, pin, false, tries, 0, false, timeout, idle, true);
                }
                case "--no-pin" -> {
                    pinDisabled = true;
                    continue;
                }
                case "--defer-responses" -> {
                    defer = true;
                    continue;
                }
                default -> {
                    // an option with a value, below
                }
            }
            if (!OPTIONS.contains(a)) {
                // a stray word may be a PIN that lost its option: name its position, not its text
                throw new UsageException(a.startsWith("--") ? "unknown option " + a + "; expected one of " + OPTIONS
                        : "unexpected argument " + (i + 1) + " (not an option); expected one of " + OPTIONS);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--vpcd" -> vpcd = address(a, v);
                case "--listen" -> listen = address(a, v);
                case "--pin" -> {
                    try {
                        VirtualUsim.checkPin(v);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--pin: " + e.getMessage());
                    }
                    pin = v;
                    pinGiven = true;
                }
                case "--tries" -> tries = (int) number(a, v, 1, VirtualUsim.MAX_PIN_TRIES);
                case "--highest-sqn" -> highestSqn = number(a, v, 0, (1L << 48) - 1);
                case "--timeout" -> timeout = duration(a, v);
                case "--idle-timeout" -> idle = duration(a, v);
                default -> throw new IllegalStateException(a);
            }
        }
        if (vpcd != null && listen != null) {
            throw new UsageException("--vpcd and --listen exclude each other: either the card connects to vpcd or vpcd to it");
        }
        if (pinGiven && pinDisabled) {
            throw new UsageException("--pin and --no-pin exclude each other");
        }
        if (vpcd == null && listen == null) {
            vpcd = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
        }
        return new Options(vpcd, listen, pin, pinDisabled, tries, highestSqn, defer, timeout, idle, false);
    }

    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]+)\\]|([^:\\[\\]]+)):(\\d{1,5})");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s|m)?");

    static InetSocketAddress address(String option, String text) throws UsageException {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches()) {
            throw new UsageException("bad " + option + " '" + text + "'; expected ADDRESS:PORT, e.g. 127.0.0.1:35963");
        }
        int port = Integer.parseInt(m.group(3));
        if (port < 1 || port > 0xFFFF) {
            throw new UsageException("bad " + option + " '" + text + "': port " + port + " is not 1 to 65535");
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException("bad " + option + " '" + text + "': " + host + " is no address of this host's resolver");
        }
    }

    static long number(String option, String text, long min, long max) throws UsageException {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("bad " + option + " '" + text + "'; expected a whole number " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw new UsageException("bad " + option + " " + n + "; expected " + min + " to " + max);
        }
        return n;
    }

    static Duration duration(String option, String text) throws UsageException {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("bad " + option + " '" + text + "'; expected a duration such as 500ms, 10s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.toMillis() < 1 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new UsageException("bad " + option + " '" + text + "'; expected 1ms to 60m");
        }
        return d;
    }

    /** The lab subscriber unless the environment names one; then all of it comes from there. */
    static UsimCredentials credentials(Map<String, String> env) {
        boolean any = java.util.stream.Stream.of(UsimCredentials.ENV_IMSI, UsimCredentials.ENV_K, UsimCredentials.ENV_OPC,
                UsimCredentials.ENV_OP).map(env::get).anyMatch(v -> v != null && !v.isBlank());
        return any ? UsimCredentials.fromEnvironment(env) : VirtualUsim.labCredentials();
    }

    static VirtualUsim card(Options o, UsimCredentials credentials) {
        VirtualUsim.Builder b = VirtualUsim.builder().credentials(credentials).pin(o.pin()).pinTries(o.tries())
                .highestSqn(o.highestSqn()).deferResponses(o.defer());
        if (o.pinDisabled()) {
            b.pinDisabled();
        }
        return b.build();
    }

    /** Runs the command line; returns the exit code (0 when the card went out, 64 for a usage mistake, 1 when it never got in). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options o;
        UsimCredentials credentials;
        try {
            o = parse(args);
            credentials = credentials(env);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("vpcd-card: " + e.getMessage());
            err.println("try --help");
            return 64;
        }
        if (o.help()) {
            out.println(USAGE);
            return 0;
        }
        VirtualUsim usim = card(o, credentials);
        Consumer<String> log = line -> out.println(Instant.now() + " " + line);
        Builder b = builder(usim).timeout(o.timeout()).idleTimeout(o.idleTimeout()).log(log);
        if (o.listen() != null) {
            b.acceptOn(o.listen());
        } else {
            b.connectTo(o.vpcd());
        }
        log.accept(usim + (o.listen() != null ? ", waiting for vpcd on " + text(o.listen())
                : ", connecting to vpcd at " + text(o.vpcd())));
        VpcdCard c;
        try {
            c = b.start();
        } catch (IOException e) {
            err.println("vpcd-card: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(c::close, "wificall-vpcd-card-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Connection first = c.current;
        out.println("virtual USIM in vpcd at " + (o.listen() == null ? text(o.vpcd())
                : first == null ? text(o.listen()) : text(first.socket)));
        out.flush();
        try {
            c.awaitRemoved();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        c.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (and finds the card closed)
        }
        return 0;
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }
}
