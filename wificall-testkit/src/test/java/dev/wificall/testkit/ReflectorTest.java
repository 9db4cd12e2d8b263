package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.testkit.Reflector.Rejection;
import dev.wificall.userplane.ReflectorKey;
import dev.wificall.userplane.ReflectorMessage;
import dev.wificall.userplane.ReflectorMessage.Answer;
import dev.wificall.userplane.ReflectorMessage.Nonce;
import dev.wificall.userplane.ReflectorMessage.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReflectorTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ReflectorKey KEY = ReflectorKey.generate();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private DatagramSocket client;

    @BeforeEach
    void openClient() throws IOException {
        client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterEach
    void closeAll() throws Exception {
        client.close();
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    /** A reflector that answers a test's bursts: the rate limit is tested on its own. */
    private Reflector start(Reflector.Builder b) throws IOException {
        Reflector r = b.log(log::add).start();
        closeLater.add(r);
        return r;
    }

    private Reflector start() throws IOException {
        return start(Reflector.builder(KEY).rateLimit(1_000, Duration.ofSeconds(1), 1_000));
    }

    private void send(Reflector r, byte[] datagram) throws IOException {
        client.send(new DatagramPacket(datagram, datagram.length, r.localAddress()));
    }

    private Optional<DatagramPacket> receive(Duration wait) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
        client.setSoTimeout((int) wait.toMillis());
        try {
            client.receive(p);
            return Optional.of(p);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    private static Answer decode(DatagramPacket p) throws Exception {
        return ReflectorMessage.decodeAnswer(p.getData(), p.getOffset(), p.getLength(), KEY);
    }

    @Test
    void answersAfterTheRequestedDelayWithTheRequestsNonceAndSize() throws Exception {
        Reflector r = start();
        Request request = Request.create(Duration.ofMillis(300), 200, RANDOM);

        long sent = System.nanoTime();
        send(r, ReflectorMessage.encode(request, KEY));
        DatagramPacket p = receive(Duration.ofSeconds(3)).orElseThrow();
        long elapsedMillis = (System.nanoTime() - sent) / 1_000_000;

        assertThat(elapsedMillis).isBetween(295L, 1_000L);
        assertThat(p.getSocketAddress()).isEqualTo(r.localAddress());
        assertThat(p.getLength()).isEqualTo(200);
        Answer a = decode(p);
        assertThat(a.nonce()).isEqualTo(request.nonce());
        assertThat(a.delay()).isEqualTo(Duration.ofMillis(300));
        assertThat(a.waited()).isBetween(Duration.ofMillis(299), Duration.ofMillis(1_000));
        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.answered()).isEqualTo(1);
        assertThat(r.rejected()).isZero();
        assertThat(log).singleElement().asString()
                .startsWith("127.0.0.1:" + client.getLocalPort() + ", delay 300 ms: answered after ")
                .endsWith(" ms, 200 bytes");
    }

    @Test
    void shortDelaysComeBackInOrder() throws Exception {
        Reflector r = start();
        Request slow = Request.create(Duration.ofMillis(250), 56, RANDOM);
        Request fast = Request.create(Duration.ofMillis(50), 56, RANDOM);

        send(r, ReflectorMessage.encode(slow, KEY));
        send(r, ReflectorMessage.encode(fast, KEY));

        assertThat(decode(receive(Duration.ofSeconds(3)).orElseThrow()).nonce()).isEqualTo(fast.nonce());
        assertThat(decode(receive(Duration.ofSeconds(3)).orElseThrow()).nonce()).isEqualTo(slow.nonce());
    }

    @Test
    void anAnswerIsNeverLargerThanItsRequest() throws Exception {
        Reflector r = start();
        for (int length : new int[] {56, 57, 100, 1_400, 9_000}) {
            send(r, ReflectorMessage.encode(Request.create(Duration.ofMillis(10), length, RANDOM), KEY));
            DatagramPacket p = receive(Duration.ofSeconds(3)).orElseThrow();
            assertThat(p.getLength()).as("answer to %d bytes", length).isLessThanOrEqualTo(length).isEqualTo(length);
        }
        assertThat(r.answered()).isEqualTo(5);
    }

    @Test
    void rejectsABadTag() throws Exception {
        Reflector r = start();
        send(r, ReflectorMessage.encode(Request.create(Duration.ofMillis(50), 56, RANDOM), ReflectorKey.generate()));

        assertThat(receive(Duration.ofMillis(400))).isEmpty();
        assertThat(r.rejected(Rejection.BAD_TAG)).isEqualTo(1);
        assertThat(r.answered()).isZero();
        assertThat(log).singleElement().asString().contains(", 56 bytes: rejected, bad tag (tampered, or another key): "
                + "bad tag at offset 40");
    }

    @Test
    void rejectsWhatIsNotAReflectorRequest() throws Exception {
        Reflector r = start();
        send(r, new byte[] {(byte) 0xFF}); // NAT-T keep-alive
        send(r, new byte[80]); // non-ESP marker and an IKE header
        send(r, ReflectorMessage.encode(Answer.to(Request.create(Duration.ZERO, 56, RANDOM), Duration.ZERO), KEY));

        assertThat(receive(Duration.ofMillis(300))).isEmpty();
        assertThat(r.requests()).isEqualTo(3);
        assertThat(r.rejected(Rejection.MALFORMED)).isEqualTo(3);
        assertThat(log).anySatisfy(l -> assertThat(l).contains("bad type at offset 9: 2 (answer); expected 1 (request)"));
    }

    @Test
    void answersARequestOnceAndRejectsItsReplay() throws Exception {
        Reflector r = start();
        byte[] request = ReflectorMessage.encode(Request.create(Duration.ofMillis(50), 56, RANDOM), KEY);

        send(r, request);
        send(r, request);

        assertThat(receive(Duration.ofSeconds(2))).isPresent();
        assertThat(receive(Duration.ofMillis(300))).isEmpty();
        assertThat(r.answered()).isEqualTo(1);
        assertThat(r.rejected(Rejection.REPLAY)).isEqualTo(1);
        assertThat(log).anySatisfy(l -> assertThat(l).contains("rejected, replay of nonce "));
    }

    @Test
    void rejectsAClockOutsideTheWindow() throws Exception {
        Reflector r = start(Reflector.builder(KEY).clockWindow(Duration.ofSeconds(30)));
        Request old = new Request(Nonce.random(RANDOM), Duration.ofMillis(10), System.currentTimeMillis() - 120_000, 56);

        send(r, ReflectorMessage.encode(old, KEY));

        assertThat(receive(Duration.ofMillis(300))).isEmpty();
        assertThat(r.rejected(Rejection.CLOCK_WINDOW)).isEqualTo(1);
        assertThat(log).singleElement().asString().contains("delay 10 ms: rejected, the sender's clock is 120 s behind ours;"
                + " the window is 30 s");
    }

    @Test
    void rateLimitsAFloodFromOneSource() throws Exception {
        Reflector r = start(Reflector.builder(KEY)); // 5 per 10 s, burst 10
        for (int i = 0; i < 40; i++) {
            send(r, ReflectorMessage.encode(Request.create(Duration.ofMillis(50), 56, RANDOM), KEY));
        }
        int received = 0;
        while (receive(Duration.ofMillis(500)).isPresent()) {
            received++;
        }

        // the burst, and at most one token more if the flood took up to 2 s
        assertThat(r.answered()).isBetween(10L, 11L).isEqualTo(received);
        assertThat(r.rejected(Rejection.RATE_LIMITED)).isEqualTo(40 - r.answered());
        assertThat(r.requests()).isEqualTo(40);
    }

    @Test
    void capsTheDelay() throws Exception {
        Reflector r = start(Reflector.builder(KEY).maxDelay(Duration.ofSeconds(1)));

        send(r, ReflectorMessage.encode(Request.create(Duration.ofSeconds(2), 56, RANDOM), KEY));

        assertThat(receive(Duration.ofMillis(300))).isEmpty();
        assertThat(r.rejected(Rejection.DELAY_TOO_LONG)).isEqualTo(1);
        assertThat(log).singleElement().asString().endsWith("delay 2000 ms: rejected, the delay is above the maximum of 1000 ms");
    }

    @Test
    void capsThePendingAnswers() throws Exception {
        Reflector r = start(Reflector.builder(KEY).maxPending(3).rateLimit(100, Duration.ofSeconds(1), 100));
        for (int i = 0; i < 5; i++) {
            send(r, ReflectorMessage.encode(Request.create(Duration.ofMillis(300), 56, RANDOM), KEY));
        }
        int received = 0;
        while (receive(Duration.ofMillis(800)).isPresent()) {
            received++;
        }

        assertThat(received).isEqualTo(3);
        assertThat(r.rejected(Rejection.BUSY)).isEqualTo(2);
        assertThat(r.pending()).isZero();
    }

    @Test
    void closeStopsEveryThreadOfItsOwn() throws Exception {
        Reflector r = Reflector.builder(KEY).start();
        String prefix = "wificall-reflector-" + r.localAddress().getPort() + "-";
        send(r, ReflectorMessage.encode(Request.create(Duration.ofMillis(10), 56, RANDOM), KEY));
        receive(Duration.ofSeconds(2)).orElseThrow();
        // a pending answer too, which close() drops
        send(r, ReflectorMessage.encode(Request.create(Duration.ofSeconds(5), 56, RANDOM), KEY));
        Thread.sleep(100);
        assertThat(threadsNamed(prefix)).containsExactlyInAnyOrder(prefix + "receive", prefix + "answer");

        r.close();
        r.close();

        assertThat(threadsNamed(prefix)).isEmpty();
        try (DatagramSocket again = new DatagramSocket(r.localAddress())) { // the port is free again
            assertThat(again.getLocalPort()).isEqualTo(r.localAddress().getPort());
        }
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    @Test
    void toStringNeverShowsTheKey() throws Exception {
        byte[] keyBytes = HexFormat.of().parseHex("5ec2e75ec2e75ec2e75ec2e75ec2e75e");
        Reflector r = start(Reflector.builder(ReflectorKey.of(keyBytes)));

        assertThat(r.toString()).startsWith("reflector on 127.0.0.1:" + r.localAddress().getPort())
                .contains("ReflectorKey(16 bytes)").doesNotContainIgnoringCase("5ec2");
    }

    // --- command line ---

    @Test
    void commandLineReadsAddressKeyAndDurations(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key"), "00112233445566778899aabbccddeeff\n");

        Reflector.Options o = Reflector.parse("--listen", "127.0.0.1:4500", "--key-file", keyFile.toString(), "--max-delay",
                "90s", "--clock-window", "2m");

        assertThat(o.listen()).isEqualTo(new InetSocketAddress(LOOPBACK, 4500));
        assertThat(o.key().length()).isEqualTo(16);
        assertThat(o.maxDelay()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.clockWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(Reflector.parse("--listen", "[::1]:0", "--key-file", keyFile.toString()).listen())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        assertThat(Reflector.duration("--max-delay", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Reflector.duration("--max-delay", "30")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void commandLineMistakesSayWhatIsExpected(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key"), "00112233445566778899aabbccddeeff");
        Path shortKey = Files.writeString(dir.resolve("short"), "0011223344556677");
        String k = keyFile.toString();

        assertThatThrownBy(() -> Reflector.parse("--listen", "0.0.0.0", "--key-file", k))
                .hasMessage("bad --listen '0.0.0.0'; expected ADDRESS:PORT, e.g. 0.0.0.0:4500 or [::]:4500");
        assertThatThrownBy(() -> Reflector.parse("--listen", "0.0.0.0:70000", "--key-file", k))
                .hasMessage("bad --listen '0.0.0.0:70000': port 70000 is above 65535");
        assertThatThrownBy(() -> Reflector.parse("--listen", "0.0.0.0:x", "--key-file", k))
                .hasMessageStartingWith("bad --listen '0.0.0.0:x'; expected ADDRESS:PORT");
        assertThatThrownBy(() -> Reflector.parse("--key-file", k)).hasMessage(
                "--listen ADDRESS:PORT is required, e.g. --listen 0.0.0.0:4500");
        assertThatThrownBy(() -> Reflector.parse("--listen", "0.0.0.0:4500")).hasMessage(
                "--key-file FILE is required (make one with: openssl rand -hex 32 > FILE)");
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> Reflector.parse("--listen", "0.0.0.0:4500", "--key-file", missing.toString())).hasMessage(
                "--key-file " + missing + ": no such file (make one with: openssl rand -hex 32 > " + missing + ")");
        assertThatThrownBy(() -> Reflector.parse("--listen", "0.0.0.0:4500", "--key-file", shortKey.toString()))
                .hasMessage("--key-file " + shortKey + ": the reflector key holds 8 bytes; it needs 16 to 1024 "
                        + "(e.g. openssl rand -hex 32)")
                .hasMessageNotContaining("0011223344556677");
        assertThatThrownBy(() -> Reflector.parse("--listen", "0.0.0.0:4500", "--key-file", k, "--max-delay", "11m"))
                .hasMessage("--max-delay 11m is above the protocol's maximum of 600s");
        assertThatThrownBy(() -> Reflector.parse("--listen", "0.0.0.0:4500", "--key-file", k, "--max-delay", "soon"))
                .hasMessage("bad --max-delay 'soon'; expected a duration such as 500ms, 30s or 10m");
        assertThatThrownBy(() -> Reflector.parse("--port", "4500")).hasMessageStartingWith("unknown option --port;");
        assertThatThrownBy(() -> Reflector.parse("--listen")).hasMessage("--listen needs a value");
    }

    @Test
    void commandLineExitCodes(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(Reflector.run(new String[] {"--help"}, o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--listen ADDRESS:PORT", "--key-file FILE", "hex");

        assertThat(Reflector.run(new String[] {"--listen", "0.0.0.0:4500"}, o, e)).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("reflector: --key-file FILE is required");

        // a port already taken: cannot listen
        Path keyFile = Files.writeString(dir.resolve("key"), "00112233445566778899aabbccddeeff");
        err.reset();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int code = Reflector.run(new String[] {"--listen", "127.0.0.1:" + taken.getLocalPort(), "--key-file",
                    keyFile.toString()}, o, e);
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("reflector: cannot listen on UDP 127.0.0.1:"
                    + taken.getLocalPort() + ": ");
        }
    }
}
