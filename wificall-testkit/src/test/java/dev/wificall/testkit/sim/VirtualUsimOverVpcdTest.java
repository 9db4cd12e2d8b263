package dev.wificall.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** VpcdCard against a stand-in for vpcd on loopback that speaks its framing (2-byte length, payload). */
class VirtualUsimOverVpcdTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        waitFor(() -> cardThreads().isEmpty(), "the card threads end");
    }

    /** vpcd's side: listens like vpcd with DEVICENAME /dev/null:PORT, and speaks to one card at a time. */
    private static final class FakeVpcd implements AutoCloseable {
        final ServerSocket server;
        Socket card;
        DataInputStream in;
        DataOutputStream out;

        FakeVpcd() throws IOException {
            server = new ServerSocket(0, 1, LOOPBACK);
            server.setSoTimeout((int) WAIT.toMillis());
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        FakeVpcd accept() throws IOException {
            use(server.accept());
            return this;
        }

        void use(Socket s) throws IOException {
            card = s;
            card.setSoTimeout((int) WAIT.toMillis());
            in = new DataInputStream(card.getInputStream());
            out = new DataOutputStream(card.getOutputStream());
        }

        void send(byte[] payload) throws IOException {
            out.writeShort(payload.length);
            out.write(payload);
            out.flush();
        }

        String receive() throws IOException {
            byte[] b = new byte[in.readUnsignedShort()];
            in.readFully(b);
            return HEX.formatHex(b);
        }

        String atr() throws IOException {
            send(new byte[] {VpcdCard.CTRL_ATR});
            return receive();
        }

        void control(int c) throws IOException {
            send(new byte[] {(byte) c});
        }

        String apdu(String hex) throws IOException {
            send(HEX.parseHex(hex));
            return receive();
        }

        /** True when the card closed the connection: the read sees the end of the stream. */
        boolean cardClosed() throws IOException {
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            if (card != null) {
                card.close();
            }
            server.close();
        }
    }

    private FakeVpcd fakeVpcd() throws IOException {
        FakeVpcd v = new FakeVpcd();
        closeLater.add(v);
        return v;
    }

    private VpcdCard.Builder builder(VirtualUsim usim) {
        return VpcdCard.builder(usim).timeout(WAIT).log(log::add);
    }

    /** Starts the card (which blocks until vpcd speaks) while the fake accepts and asks for the ATR. */
    private VpcdCard insertInto(FakeVpcd vpcd, VpcdCard.Builder b) throws Exception {
        CompletableFuture<VpcdCard> started = CompletableFuture.supplyAsync(() -> {
            try {
                return b.connectTo(vpcd.address()).start();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        vpcd.accept();
        assertThat(vpcd.atr()).isEqualTo(VirtualUsim.ATR);
        VpcdCard card = started.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        closeLater.add(card);
        return card;
    }

    private static List<Thread> cardThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("wificall-vpcd-card-") && t.isAlive()).toList();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void theCardAnswersTheAtrPowerControlsAndApdus() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        VirtualUsim usim = VirtualUsim.builder().build();
        VpcdCard card = insertInto(vpcd, builder(usim));

        assertThat(card.isInserted()).isTrue();
        assertThat(usim.isPowered()).as("a card comes in unpowered").isFalse();
        vpcd.control(VpcdCard.CTRL_POWER_ON);
        assertThat(vpcd.apdu("00A40004022F00")).startsWith("621A").endsWith("9000");
        assertThat(vpcd.apdu("00A4040410" + VirtualUsim.USIM_AID)).endsWith("9000");
        assertThat(vpcd.apdu("002000010831323334FFFFFFFF")).isEqualTo("9000");
        assertThat(vpcd.apdu("00A40004026F07")).endsWith("9000");
        assertThat(vpcd.apdu("00B0000009")).isEqualTo("0829261021436587099000");
        assertThat(vpcd.atr()).as("pcscd's poll between commands").isEqualTo(VirtualUsim.ATR);

        vpcd.control(VpcdCard.CTRL_RESET);
        assertThat(vpcd.apdu("00200001")).as("a reset forgets the PIN").isEqualTo("63C3");
        vpcd.control(VpcdCard.CTRL_POWER_OFF);
        waitFor(() -> !usim.isPowered(), "power off");
        vpcd.control(VpcdCard.CTRL_POWER_ON);
        waitFor(usim::isPowered, "power on");

        assertThat(log).contains("power on", "reset", "power off", "APDU SELECT (A4) -> 9000, 28 data bytes",
                "APDU VERIFY (20) -> 9000, 0 data bytes", "APDU READ BINARY (B0) -> 9000, 9 data bytes",
                "APDU VERIFY (20) -> 63C3, 0 data bytes");
        assertThat(String.join("\n", log)).as("neither PIN nor IMSI digits").doesNotContain("31323334")
                .doesNotContain("1234").doesNotContain("082926").doesNotContain("262011");
    }

    @Test
    void removingClosesTheConnectionAndInsertingConnectsAgain() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        VirtualUsim usim = VirtualUsim.builder().build();
        VpcdCard card = insertInto(vpcd, builder(usim));
        vpcd.control(VpcdCard.CTRL_POWER_ON);
        assertThat(vpcd.apdu("002000010831323334FFFFFFFF")).isEqualTo("9000");

        card.remove();
        assertThat(card.isInserted()).isFalse();
        assertThat(vpcd.cardClosed()).as("vpcd sees the end of the stream").isTrue();
        assertThat(usim.isPowered()).isFalse();
        assertThat(cardThreads()).isEmpty();
        assertThat(log).contains("card removed from vpcd at " + VpcdCard.text(vpcd.address()));

        CompletableFuture<Void> inserted = CompletableFuture.runAsync(() -> {
            try {
                card.insert();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        vpcd.accept();
        assertThat(vpcd.atr()).isEqualTo(VirtualUsim.ATR);
        inserted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(card.isInserted()).isTrue();
        vpcd.control(VpcdCard.CTRL_POWER_ON);
        assertThat(vpcd.apdu("00200001")).as("out of the reader, the PIN was forgotten").isEqualTo("63C3");
    }

    @Test
    void whenVpcdClosesTheCardIsOut() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        VpcdCard card = insertInto(vpcd, builder(VirtualUsim.builder().build()));
        vpcd.card.close();
        waitFor(() -> !card.isInserted(), "the card out");
        assertThat(log).anyMatch(l -> l.startsWith("vpcd at 127.0.0.1:") && l.endsWith(
                " closed the connection (pcscd stopped or the reader went); the card is out"));
    }

    @Test
    void aSilentVpcdCountsAsGone() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        VpcdCard card = insertInto(vpcd, builder(VirtualUsim.builder().build()).idleTimeout(Duration.ofMillis(300)));
        waitFor(() -> !card.isInserted(), "the idle timeout");
        assertThat(vpcd.cardClosed()).isTrue();
        assertThat(log).anyMatch(l -> l.endsWith(" said nothing for 300 ms (pcscd asks every 0.4 s), or stopped in the "
                + "middle of a message; taking the card out"));
    }

    @Test
    void aMessageThatStopsHalfwayEndsTheConnectionAtTheDeadline() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        VpcdCard card = insertInto(vpcd, builder(VirtualUsim.builder().build()).timeout(Duration.ofMillis(400)));
        vpcd.out.write(new byte[] {0x00, 0x07, 0x00, (byte) 0xA4});
        vpcd.out.flush();
        waitFor(() -> !card.isInserted(), "the message deadline");
        assertThat(vpcd.cardClosed()).isTrue();
    }

    @Test
    void aMessageInPiecesIsPutTogether() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        insertInto(vpcd, builder(VirtualUsim.builder().build()));
        vpcd.control(VpcdCard.CTRL_POWER_ON);
        for (String piece : List.of("00", "07", "00A400", "04022F", "00")) {
            vpcd.out.write(HEX.parseHex(piece));
            vpcd.out.flush();
            Thread.sleep(20);
        }
        assertThat(vpcd.receive()).startsWith("621A").endsWith("9000");
    }

    @Test
    void aVpcdThatWritesLengthAndPayloadApartIsNotSlowedByDelayedAcks() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        insertInto(vpcd, builder(VirtualUsim.builder().build()));
        vpcd.control(VpcdCard.CTRL_POWER_ON);
        vpcd.card.setTcpNoDelay(false);
        byte[] select = HEX.parseHex("00A40004022F00");
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            // as vpcd 3.3 does: the length in one write, the payload in the next (Nagle holds it for an ACK)
            vpcd.out.writeShort(select.length);
            vpcd.out.flush();
            vpcd.out.write(select);
            vpcd.out.flush();
            assertThat(vpcd.receive()).endsWith("9000");
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        // with the ACK delayed, each exchange waits ~40 ms: 20 of them at least 800 ms
        assertThat(millis).as("20 exchanges, ms").isLessThan(400);
    }

    @Test
    void unknownControlsAndEmptyMessagesAreIgnored() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        VpcdCard card = insertInto(vpcd, builder(VirtualUsim.builder().build()));
        vpcd.control(0x07);
        vpcd.send(new byte[0]);
        assertThat(vpcd.atr()).isEqualTo(VirtualUsim.ATR);
        assertThat(card.isInserted()).isTrue();
        assertThat(log).contains("unknown control 07 from vpcd; ignored", "an empty message from vpcd; ignored");
    }

    @Test
    void anApduWhileUnpoweredGets6f00() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        insertInto(vpcd, builder(VirtualUsim.builder().build()));
        assertThat(vpcd.apdu("00A40004022F00")).isEqualTo("6F00");
        assertThat(log).contains("an APDU while the card is powered off; answered 6F00");
    }

    @Test
    void nothingListeningIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        InetSocketAddress nowhere = new InetSocketAddress(LOOPBACK, port);
        assertThatThrownBy(() -> builder(VirtualUsim.builder().build()).timeout(Duration.ofMillis(300)).connectTo(nowhere)
                .start()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot connect to vpcd at 127.0.0.1:" + port + " within 300 ms: ")
                .hasMessageEndingWith("; is pcscd running with a vpcd reader on that port (it/lab/sim.sh up)?");
        assertThat(cardThreads()).isEmpty();
    }

    @Test
    void aPeerThatNeverAsksIsNoVpcd() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        CompletableFuture<VpcdCard> started = CompletableFuture.supplyAsync(() -> {
            try {
                return builder(VirtualUsim.builder().build()).timeout(Duration.ofMillis(300)).connectTo(vpcd.address())
                        .start();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        vpcd.accept();
        assertThatThrownBy(() -> started.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasCauseInstanceOf(RuntimeException.class)
                .hasRootCauseMessage("connected to " + VpcdCard.text(vpcd.address()) + ", but vpcd asked nothing within "
                        + "300 ms; is that pcscd with the vpcd driver, and its slot free (vpcd takes one card per port; "
                        + "pcscd asks every 0.4 s)?");
        assertThat(vpcd.cardClosed()).isTrue();
        waitFor(() -> cardThreads().isEmpty(), "no thread left");
    }

    @Test
    void inAcceptModeVpcdConnectsToTheCard() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        InetSocketAddress listen = new InetSocketAddress(LOOPBACK, port);
        CompletableFuture<VpcdCard> started = CompletableFuture.supplyAsync(() -> {
            try {
                return builder(VirtualUsim.builder().build()).acceptOn(listen).start();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        FakeVpcd vpcd = fakeVpcd();
        Socket s = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (s == null) {
            try {
                s = new Socket(LOOPBACK, port);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
        vpcd.use(s);
        assertThat(vpcd.atr()).isEqualTo(VirtualUsim.ATR);
        VpcdCard card = started.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        closeLater.add(card);
        assertThat(card.address()).isEqualTo(listen);
        vpcd.control(VpcdCard.CTRL_POWER_ON);
        assertThat(vpcd.apdu("00200001")).isEqualTo("63C3");
        card.close();
        assertThat(vpcd.cardClosed()).isTrue();
        assertThatThrownBy(() -> new Socket(LOOPBACK, port)).as("closed: nothing listens").isInstanceOf(IOException.class);
        assertThatThrownBy(card::insert).isInstanceOf(IllegalStateException.class)
                .hasMessage("this VpcdCard is closed; make a new one");
    }

    @Test
    void closeEndsTheThread() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        VpcdCard card = insertInto(vpcd, builder(VirtualUsim.builder().build()));
        assertThat(cardThreads()).hasSize(1).allMatch(Thread::isDaemon);
        card.close();
        assertThat(cardThreads()).isEmpty();
        assertThat(card.isInserted()).isFalse();
        card.close();
    }

    // --- command line ---

    @Test
    void theCommandLineHasTheLabDefaults() throws Exception {
        VpcdCard.Options o = VpcdCard.parse();
        assertThat(o.vpcd()).isEqualTo(new InetSocketAddress(LOOPBACK, 35963));
        assertThat(o.listen()).isNull();
        assertThat(o.pin()).isEqualTo("1234");
        assertThat(o.tries()).isEqualTo(3);
        assertThat(o.highestSqn()).isZero();
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o).hasToString("Options[vpcd 127.0.0.1:35963, listen -, PIN hidden, tries 3, highest SQN 0]");

        VpcdCard.Options p = VpcdCard.parse("--vpcd", "127.0.0.1:35990", "--pin", "87654321", "--tries", "5",
                "--highest-sqn", "1000", "--defer-responses", "--timeout", "500ms", "--idle-timeout", "2m");
        assertThat(p.vpcd().getPort()).isEqualTo(35990);
        assertThat(p.pin()).isEqualTo("87654321");
        assertThat(p.tries()).isEqualTo(5);
        assertThat(p.highestSqn()).isEqualTo(1000);
        assertThat(p.defer()).isTrue();
        assertThat(p.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.toString()).doesNotContain("87654321");
        assertThat(VpcdCard.parse("--no-pin").pinDisabled()).isTrue();
    }

    @Test
    void commandLineMistakesSayWhatIsExpectedWithoutEchoingThePin() {
        assertThatThrownBy(() -> VpcdCard.parse("--pin", "12x45")).isInstanceOf(VpcdCard.UsageException.class)
                .hasMessage("--pin: PIN must be 4 to 8 digits; got 5 characters, not all digits");
        assertThatThrownBy(() -> VpcdCard.parse("--tries", "3", "98765"))
                .hasMessageStartingWith("unexpected argument 3 (not an option); expected one of [--vpcd,")
                .hasMessageNotContaining("98765");
        assertThatThrownBy(() -> VpcdCard.parse("--pinn", "1234")).hasMessageStartingWith("unknown option --pinn;");
        assertThatThrownBy(() -> VpcdCard.parse("--tries", "0")).hasMessage("bad --tries 0; expected 1 to 15");
        assertThatThrownBy(() -> VpcdCard.parse("--highest-sqn", "x")).hasMessage(
                "bad --highest-sqn 'x'; expected a whole number 0 to 281474976710655");
        assertThatThrownBy(() -> VpcdCard.parse("--vpcd", "localhost")).hasMessage(
                "bad --vpcd 'localhost'; expected ADDRESS:PORT, e.g. 127.0.0.1:35963");
        assertThatThrownBy(() -> VpcdCard.parse("--vpcd", "127.0.0.1:1", "--listen", "127.0.0.1:2"))
                .hasMessageStartingWith("--vpcd and --listen exclude each other");
        assertThatThrownBy(() -> VpcdCard.parse("--pin", "1234", "--no-pin")).hasMessage("--pin and --no-pin exclude each other");
        assertThatThrownBy(() -> VpcdCard.parse("--timeout")).hasMessage("--timeout needs a value");
        assertThatThrownBy(() -> VpcdCard.parse("--timeout", "0s")).hasMessage("bad --timeout '0s'; expected 1ms to 60m");
    }

    @Test
    void credentialsComeFromTheEnvironmentAllOrNothing() {
        assertThat(VpcdCard.credentials(Map.of()).imsi().digits()).isEqualTo(VirtualUsim.LAB_IMSI);
        assertThat(VpcdCard.credentials(Map.of("WIFICALL_IMSI", "001010000000001", "WIFICALL_K", VirtualUsim.LAB_K,
                "WIFICALL_OPC", VirtualUsim.LAB_OPC)).imsi().digits()).isEqualTo("001010000000001");
        assertThatThrownBy(() -> VpcdCard.credentials(Map.of("WIFICALL_IMSI", "001010000000001")))
                .hasMessage("WIFICALL_K is not set; WIFICALL_K must be 32 hex digits (16 bytes)");
    }

    @Test
    void theProgramSaysWhenTheCardIsInLogsApdusAndEndsWithTheConnection() throws Exception {
        FakeVpcd vpcd = fakeVpcd();
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        String where = VpcdCard.text(vpcd.address());
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> VpcdCard.run(
                new String[] {"--vpcd", where, "--pin", "24680", "--timeout", "2s"}, Map.of(), out, err));
        vpcd.accept();
        assertThat(vpcd.atr()).isEqualTo(VirtualUsim.ATR);
        vpcd.control(VpcdCard.CTRL_POWER_ON);
        assertThat(vpcd.apdu("002000010832343638300000FF")).isEqualTo("63C2");
        assertThat(vpcd.apdu("00200001083234363830FFFFFF")).isEqualTo("9000");
        vpcd.card.close();
        assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();

        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).contains("virtual USIM in vpcd at " + where);
        assertThat(text).contains("VirtualUsim[IMSI 26201**********, PIN enabled, 3 of 3 tries left, K, OPc and PIN hidden]"
                + ", connecting to vpcd at " + where)
                .contains("APDU VERIFY (20) -> 63C2, 0 data bytes").contains("APDU VERIFY (20) -> 9000, 0 data bytes")
                .contains("closed the connection").doesNotContain("24680").doesNotContain("3234363830");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theProgramExitsWith1WhenThereIsNoVpcdAnd64ForAMistake() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(VpcdCard.run(new String[] {"--vpcd", "127.0.0.1:" + port, "--timeout", "200ms"}, Map.of(), out, err))
                .isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).startsWith("vpcd-card: cannot connect to vpcd at 127.0.0.1:"
                + port + " within 200 ms: ");
        errBytes.reset();
        assertThat(VpcdCard.run(new String[0], Map.of("WIFICALL_OP", "00"), out, err)).isEqualTo(64);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).startsWith("vpcd-card: WIFICALL_IMSI is not set");
        errBytes.reset();
        assertThat(VpcdCard.run(new String[] {"--help"}, Map.of(), out, err)).isZero();
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
