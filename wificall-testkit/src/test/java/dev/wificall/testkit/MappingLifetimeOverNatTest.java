package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.userplane.MappingLifetime;
import dev.wificall.userplane.MappingLifetime.Ending;
import dev.wificall.userplane.MappingLifetime.Outcome;
import dev.wificall.userplane.MappingLifetime.Settings;
import dev.wificall.userplane.ReflectorClient;
import dev.wificall.userplane.ReflectorKey;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The whole measurement over loopback: client, a NAT that forgets idle mappings, the reflector. */
class MappingLifetimeOverNatTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /**
     * A NAT of one mapping: what the client sends to {@link #inside()} leaves from one outside socket to
     * the reflector, and what comes back passes only while the mapping has been idle at most
     * {@code timeout} since the client's last packet (as conntrack forgets an unreplied UDP flow).
     */
    static final class ForgetfulNat implements AutoCloseable {
        private final DatagramSocket inside;
        private final DatagramSocket outside;
        private final SocketAddress reflector;
        private final long timeoutNanos;
        private final Thread up;
        private final Thread down;
        private volatile SocketAddress client;
        private volatile long lastOut;
        final AtomicInteger forwarded = new AtomicInteger();
        final AtomicInteger forgotten = new AtomicInteger();

        ForgetfulNat(SocketAddress reflector, Duration timeout) throws IOException {
            this.reflector = reflector;
            this.timeoutNanos = timeout.toNanos();
            this.inside = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            this.outside = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            this.up = relay("up", inside, p -> {
                client = p.getSocketAddress();
                lastOut = System.nanoTime();
                outside.send(new DatagramPacket(p.getData(), p.getOffset(), p.getLength(), this.reflector));
            });
            this.down = relay("down", outside, p -> {
                SocketAddress to = client;
                if (!p.getSocketAddress().equals(this.reflector) || to == null) {
                    return;
                }
                if (System.nanoTime() - lastOut > timeoutNanos) {
                    forgotten.incrementAndGet();
                    client = null; // the mapping is gone
                    return;
                }
                forwarded.incrementAndGet();
                inside.send(new DatagramPacket(p.getData(), p.getOffset(), p.getLength(), to));
            });
        }

        interface Handler {
            void handle(DatagramPacket p) throws IOException;
        }

        private static Thread relay(String name, DatagramSocket from, Handler handler) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[65_536];
                while (!from.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    try {
                        from.receive(p);
                        handler.handle(p);
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "test-nat-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        InetSocketAddress inside() {
            return (InetSocketAddress) inside.getLocalSocketAddress();
        }

        @Override
        public void close() throws InterruptedException {
            inside.close();
            outside.close();
            up.join(2_000);
            down.join(2_000);
        }
    }

    @Test
    void bisectsTheNatsIdleTimeoutToWithinTheStep() throws Exception {
        ReflectorKey key = ReflectorKey.generate();
        Duration timeout = Duration.ofMillis(400);
        Duration step = Duration.ofMillis(50);
        try (Reflector reflector = Reflector.builder(key).rateLimit(100, Duration.ofSeconds(1), 100).start();
                ForgetfulNat nat = new ForgetfulNat(reflector.localAddress(), timeout);
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            ReflectorClient client = new ReflectorClient(socket, nat.inside(), key, Duration.ofMillis(150), 56, 8);
            Settings settings = new Settings(Duration.ofMillis(100), Duration.ofMillis(900), step, Duration.ofSeconds(30),
                    client.grace(), 1);

            MappingLifetime.Result r = MappingLifetime.measure(settings, client.asProbe());

            assertThat(r.ending()).as(r.interval()).isEqualTo(Ending.RESOLVED);
            Duration lo = r.longestSurvived().orElseThrow();
            Duration hi = r.shortestLost().orElseThrow();
            assertThat(hi.minus(lo)).isLessThanOrEqualTo(step);
            // the answer reaches the NAT a little after the delay, so the edge lies at or just below 400 ms
            assertThat(lo).isLessThanOrEqualTo(timeout).isGreaterThanOrEqualTo(timeout.minus(step).minusMillis(40));
            assertThat(hi).isGreaterThan(timeout.minusMillis(40));
            assertThat(r.probes()).filteredOn(p -> p.outcome() == Outcome.SURVIVED).hasSize(nat.forwarded.get());
            assertThat(nat.forgotten.get()).isEqualTo((int) r.probes().stream().filter(p -> p.outcome() == Outcome.LOST).count());
            assertThat(reflector.answered()).isEqualTo(r.probeCount());
            assertThat(r.interval()).startsWith("between ").endsWith(" ms");
        }
    }
}
