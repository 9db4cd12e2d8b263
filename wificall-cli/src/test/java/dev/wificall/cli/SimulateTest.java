package dev.wificall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wificall simulate: the printed command reaches it, --drop 4500 fails it, and it leaves no thread or socket. */
class SimulateTest {

    private static final Pattern COMMAND = Pattern.compile(
            "\n  wificall (check 262-01 --dns-server 127\\.0\\.0\\.1:(\\d+) --port-offset (\\d+))\n");

    @TempDir
    Path dir;

    @Test
    void thePrintedCommandPassesAndTheSimulatorStopsCleanly() throws Exception {
        Simulation s = Simulation.start(dir, "simulate", "--duration", "20s");
        Matcher m = s.awaitCommand();
        Run check = Run.of(dir, m.group(1).split(" "));
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).startsWith("PASS 262-01 T-Mobile(Telekom)");
        s.stopEarly();
        assertThat(s.exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(s.out()).contains("wificall: stopped the ePDG simulator (").contains(" DNS queries)");
        assertNothingLeft(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Test
    void dropping4500ShowsTheFailingDemo() throws Exception {
        Simulation s = Simulation.start(dir, "simulate", "262-01", "--drop", "4500", "--duration", "20s");
        Matcher m = s.awaitCommand();
        assertThat(s.out()).contains(" as 4500 (silence())");
        Run check = Run.of(dir, (m.group(1) + " --probe-timeout 800ms").split(" "));
        assertThat(check.exit()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("drops IKE NAT traversal (UDP/4500)");
        s.stopEarly();
        assertThat(s.exit.get(10, TimeUnit.SECONDS)).isZero();
        assertNothingLeft(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Test
    void durationEndsIt() throws Exception {
        long start = System.nanoTime();
        Run r = Run.of(dir, "simulate", "--duration", "300ms");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.out()).contains("Stops in 300ms.").contains("wificall: stopped the ePDG simulator (0 datagrams on"
                + " UDP/500, 0 on UDP/4500, 0 DNS queries)");
        Matcher m = COMMAND.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertNothingLeft(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Test
    void sigtermInAJvmOfItsOwnClosesAndSaysWhatReachedIt() throws Exception {
        // SIGTERM runs the same shutdown hook as Ctrl-C's SIGINT (which a test cannot send portably)
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "simulate").redirectErrorStream(true).start();
        try {
            StringBuilder out = new StringBuilder();
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.equals("Stop with Ctrl-C.")) {
                out.append(line).append('\n');
            }
            Matcher m = COMMAND.matcher(out);
            assertThat(m.find()).as(out.toString()).isTrue();
            Run check = Run.of(dir, m.group(1).split(" "));
            assertThat(check.exit()).as(check.toString()).isZero();
            p.toHandle().destroy();   // SIGTERM; Process.destroy would also close the streams still to be read
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            String rest = String.join("\n", r.lines().toList());
            assertThat(rest).matches("wificall: stopped the ePDG simulator \\([1-9]\\d* datagrams? on UDP/500, [1-9]\\d* on"
                    + " UDP/4500, 2 DNS queries\\)");
            assertNothingLeft(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } finally {
            p.destroyForcibly();
        }
    }

    private static void assertNothingLeft(int dnsPort, int offset) throws Exception {
        // a pool's worker is counted out before its thread has quite ended: allow it a moment, bounded
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("wificall-epdg-simulator-") || n.startsWith("wificall-dns-stub-")
                            || n.equals("wificall-simulate-stop")).toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleep());
        assertThat(left).isEmpty();
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        for (int port : new int[] {dnsPort, 500 + offset, 4500 + offset}) {
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(lo, port))) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
    }

    /** simulate on a thread of this JVM; the test reads what it prints and can end it early. */
    private static final class Simulation {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit;
        Thread thread;

        static Simulation start(Path dir, String... args) {
            Simulation s = new Simulation();
            PrintStream o = new PrintStream(s.out, true, StandardCharsets.UTF_8);
            s.exit = new CompletableFuture<>();
            s.thread = new Thread(() -> s.exit.complete(Main.run(new Io(o, o, Map.of(), dir, false), args)), "simulate");
            s.thread.start();
            return s;
        }

        synchronized String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        Matcher awaitCommand() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Matcher m = COMMAND.matcher(out());
                if (m.find()) {
                    return m;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("simulate printed no check command in 10 s:\n" + out());
        }

        /** As Ctrl-C's hook does not run in a test JVM, an interrupt stands in for it: the same finally closes. */
        void stopEarly() {
            thread.interrupt();
        }
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }
}
