package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.userplane.MappingLifetime.Outcome;
import dev.wificall.userplane.ReflectorClient;
import dev.wificall.userplane.ReflectorClient.Echo;
import dev.wificall.userplane.ReflectorKey;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReflectorClientTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ReflectorKey KEY = ReflectorKey.generate();

    private Reflector reflector;
    private DatagramSocket socket;

    @BeforeEach
    void start() throws IOException {
        reflector = Reflector.builder(KEY).rateLimit(1_000, Duration.ofSeconds(1), 1_000).start();
        socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterEach
    void stop() {
        socket.close();
        reflector.close();
    }

    private ReflectorClient client(ReflectorKey key, Duration grace, int length, int maxIgnored) {
        return new ReflectorClient(socket, reflector.localAddress(), key, grace, length, maxIgnored);
    }

    @Test
    void theAnswerComesBackAfterTheDelay() throws IOException {
        Echo e = client(KEY, Duration.ofMillis(300), 120, 8).ask(Duration.ofMillis(200));

        assertThat(e.outcome()).isEqualTo(Outcome.SURVIVED);
        assertThat(e.delay()).isEqualTo(Duration.ofMillis(200));
        assertThat(e.elapsed()).isBetween(Duration.ofMillis(195), Duration.ofMillis(500));
        assertThat(e.reflectorWaited().orElseThrow()).isBetween(Duration.ofMillis(199), e.elapsed());
        assertThat(e.ignored()).isZero();
        assertThat(reflector.answered()).isEqualTo(1);
    }

    @Test
    void withAnotherKeyNoAnswerComesAndTheProbeIsLost() throws IOException {
        Echo e = client(ReflectorKey.generate(), Duration.ofMillis(150), 56, 8).ask(Duration.ofMillis(50));

        assertThat(e.outcome()).isEqualTo(Outcome.LOST);
        assertThat(e.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(e.reflectorWaited()).isEmpty();
        assertThat(reflector.rejected(Reflector.Rejection.BAD_TAG)).isEqualTo(1);
    }

    @Test
    void otherDatagramsAreSkipped() throws Exception {
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            CountDownLatch sent = new CountDownLatch(1);
            Thread noise = new Thread(() -> {
                try {
                    Thread.sleep(50);
                    for (int i = 0; i < 3; i++) {
                        stranger.send(new DatagramPacket(new byte[60], 60, socket.getLocalSocketAddress()));
                    }
                    sent.countDown();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "noise");
            noise.start();

            Echo e = client(KEY, Duration.ofMillis(500), 56, 8).ask(Duration.ofMillis(250));

            assertThat(sent.await(1, TimeUnit.SECONDS)).isTrue();
            noise.join();
            assertThat(e.outcome()).isEqualTo(Outcome.SURVIVED);
            assertThat(e.ignored()).isEqualTo(3);
        }
    }

    @Test
    void tooManyOtherDatagramsMakeTheProbeInconclusive() throws Exception {
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < 5; i++) {
                stranger.send(new DatagramPacket(new byte[60], 60, socket.getLocalSocketAddress()));
            }

            Echo e = client(KEY, Duration.ofMillis(500), 56, 2).ask(Duration.ofMillis(300));

            assertThat(e.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
            assertThat(e.ignored()).isEqualTo(3);
        }
    }

    @Test
    void aReflectorThatIsNotThereIsNamed() throws IOException {
        InetSocketAddress nobody;
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            nobody = (InetSocketAddress) gone.getLocalSocketAddress();
        }
        socket.connect(nobody); // a connected socket hears the ICMP port unreachable
        ReflectorClient c = new ReflectorClient(socket, nobody, KEY, Duration.ofMillis(500), 56, 8);

        assertThatThrownBy(() -> c.ask(Duration.ofMillis(100))).isInstanceOf(IOException.class)
                .hasMessage("reflector 127.0.0.1:" + nobody.getPort() + ": cannot receive the answer: port unreachable (no "
                        + "reflector listens there?)");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> client(KEY, Duration.ofMillis(100), 55, 8))
                .hasMessage("a reflector request is 56 to 65507 bytes, got 55");
        assertThatThrownBy(() -> new ReflectorClient(socket, InetSocketAddress.createUnresolved("reflector.example", 4500), KEY))
                .hasMessage("the reflector reflector.example:4500 is unresolved; expected an address");
        assertThat(new ReflectorClient(socket, reflector.localAddress(), KEY).toString())
                .isEqualTo("reflector client for 127.0.0.1:" + reflector.localAddress().getPort()
                        + " (56-byte requests, grace 2 s)");
    }
}
