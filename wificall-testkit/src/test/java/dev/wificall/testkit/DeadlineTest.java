package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every network wait of a check is bounded: with the resolver silent for every name, or with DNS
 * answering and both ports of the ePDG silent, a full {@link ReadinessCheck} ends within the DNS
 * timeout plus the probe deadline (plus slack for a loaded CI machine) and says what hung. Loopback
 * only, no root: a {@link DnsStub} and an {@link EpdgSimulator} on unprivileged ports.
 */
@Timeout(30)
class DeadlineTest {

    private static final Duration DNS_TIMEOUT = Duration.ofMillis(500);
    private static final Duration PROBE_DEADLINE = Duration.ofMillis(600);
    /**
     * Thread start, key generation (40 broad re-check keys for twenty ePDGs take a few hundred ms on the
     * engine thread) and scheduling on a busy 2-core CI machine; class loading is done in {@link #warmUp}.
     */
    private static final Duration SLACK = Duration.ofMillis(1200);
    /** What {@link ReadinessCheck} resolves at once (its PARALLEL_LOOKUPS). */
    private static final int PARALLEL_LOOKUPS = 8;

    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    /** A cold JVM spends about 0.8 s loading the engine, dnsjava and Bouncy Castle: not a network wait. */
    @BeforeAll
    static void warmUp() throws IOException {
        try (EpdgSimulator sim = EpdgSimulator.builder().start();
             DnsStub dns = DnsStub.builder().address(fqdn(1), sim.address()).start()) {
            CheckSettings s = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(dns.server()))
                    .withPortOffset(sim.portOffset());
            assertThat(new ReadinessCheck(s).check(operator(1)).ready()).isTrue();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static String fqdn(int mnc) {
        return String.format("epdg.epc.mnc%03d.mcc001.pub.3gppnetwork.org", mnc);
    }

    private static SelectionInput operator(int mnc) {
        return SelectionInput.of(Plmn.of(1, mnc));
    }

    private CheckSettings settings(DnsStub dns, int portOffset) {
        CheckSettings s = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(dns.server())).withDnsTimeout(DNS_TIMEOUT)
                .withProbe(new ProbeSettings(Duration.ofMillis(100), PROBE_DEADLINE));
        return portOffset == 0 ? s : s.withPortOffset(portOffset);
    }

    private DnsStub silentResolver(int operators) throws IOException {
        DnsStub.Builder b = DnsStub.builder();
        for (int mnc = 1; mnc <= operators; mnc++) {
            b.failure(fqdn(mnc), DnsStub.Failure.SILENCE);
        }
        DnsStub dns = b.start();
        open.add(dns);
        return dns;
    }

    @Test
    void aSilentResolverEndsTheCheckAtTheDnsTimeout() throws IOException {
        DnsStub dns = silentResolver(1);
        long start = System.nanoTime();
        OperatorVerdict v = new ReadinessCheck(settings(dns, 0)).check(operator(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("DeadlineTest: " + took.toMillis() + " ms");

        assertThat(v.ready()).isFalse();
        assertThat(v.dns().status()).as(v.sentence()).isEqualTo(DnsStatus.TIMEOUT);
        assertThat(v.probes()).isEmpty();
        assertThat(v.sentence()).contains(fqdn(1)).containsIgnoringCase("no answer");
        assertThat(dns.queries(fqdn(1))).isPositive();
        assertThat(took).as(v.sentence()).isLessThan(DNS_TIMEOUT.plus(SLACK));
    }

    @Test
    void silentPortsEndTheCheckAtTheProbeDeadline() throws IOException {
        EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.silence()).start();
        open.add(sim);
        DnsStub dns = DnsStub.builder().address(fqdn(1), sim.address()).start();
        open.add(dns);
        long start = System.nanoTime();
        OperatorVerdict v = new ReadinessCheck(settings(dns, sim.portOffset())).check(operator(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("DeadlineTest: " + took.toMillis() + " ms");

        assertThat(v.ready()).isFalse();
        assertThat(v.dns().status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(v.probes()).extracting(PortResult::port).containsExactly(IkePort.UDP_500, IkePort.UDP_4500);
        assertThat(v.probes()).extracting(PortResult::outcome).containsOnly(PortOutcome.NO_ANSWER);
        assertThat(v.probes()).allSatisfy(r -> assertThat(r.detail()).endsWith(" in 0.6 s"));
        assertThat(v.sentence()).contains("got no answer");
        assertThat(sim.datagramsReceived(IkePort.UDP_500)).isPositive();
        assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isPositive();
        assertThat(took).as(v.sentence()).isBetween(PROBE_DEADLINE, PROBE_DEADLINE.plus(SLACK));
    }

    /**
     * Twenty operators whose names all hang: the lookups run {@value #PARALLEL_LOOKUPS} at a time, so
     * the check takes ceil(20 / 8) = 3 DNS timeouts, not 20: bounded whatever the list.
     */
    @Test
    void twentyHangingOperatorsStayBounded() throws IOException {
        int operators = 20;
        DnsStub dns = silentResolver(operators);
        List<SelectionInput> all = IntStream.rangeClosed(1, operators).mapToObj(DeadlineTest::operator).toList();
        long start = System.nanoTime();
        List<OperatorVerdict> verdicts = new ReadinessCheck(settings(dns, 0)).checkEach(all, v -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("DeadlineTest: " + took.toMillis() + " ms");

        assertThat(verdicts).hasSize(operators).allSatisfy(v -> {
            assertThat(v.ready()).isFalse();
            assertThat(v.dns().status()).as(v.sentence()).isEqualTo(DnsStatus.TIMEOUT);
        });
        int rounds = (operators + PARALLEL_LOOKUPS - 1) / PARALLEL_LOOKUPS;
        assertThat(took).isLessThan(DNS_TIMEOUT.multipliedBy(rounds).plus(SLACK));
    }

    /**
     * Eighty hanging operators would take ceil(80 / 8) = 10 DNS timeouts (5 s); the check's global
     * deadline (1 s here, 60 s by default) ends discovery on time, and the operators it cut short say so.
     */
    @Test
    void theGlobalDeadlineEndsDiscoveryHoweverManyNamesHang() throws IOException {
        int operators = 80;
        Duration global = Duration.ofSeconds(1);
        DnsStub dns = silentResolver(operators);
        List<SelectionInput> all = IntStream.rangeClosed(1, operators).mapToObj(DeadlineTest::operator).toList();
        CheckSettings s = settings(dns, 0);
        s = s.withProbe(s.probe().withGlobalDeadline(global));
        long start = System.nanoTime();
        List<OperatorVerdict> verdicts = new ReadinessCheck(s).checkEach(all, v -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("DeadlineTest: " + took.toMillis() + " ms for " + operators + " hanging operators");

        assertThat(verdicts).hasSize(operators).allSatisfy(v -> {
            assertThat(v.ready()).isFalse();
            assertThat(v.dns().status()).as(v.sentence()).isEqualTo(DnsStatus.TIMEOUT);
        });
        assertThat(verdicts).anySatisfy(v -> assertThat(v.sentence())
                .contains("discovery did not finish within the check's global deadline of 1000 ms"));
        assertThat(took).isBetween(global, global.plus(SLACK));
    }

    /** DNS answers, every one of 20 operators' ePDGs is silent on both ports: one probe deadline for all 40 probes. */
    @Test
    void twentySilentEpdgsTakeOneProbeDeadline() throws IOException {
        int operators = 20;
        EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.silence()).start();
        open.add(sim);
        DnsStub.Builder b = DnsStub.builder();
        for (int mnc = 1; mnc <= operators; mnc++) {
            b.address(fqdn(mnc), sim.address());
        }
        DnsStub dns = b.start();
        open.add(dns);
        List<SelectionInput> all = IntStream.rangeClosed(1, operators).mapToObj(DeadlineTest::operator).toList();
        long start = System.nanoTime();
        List<OperatorVerdict> verdicts = new ReadinessCheck(settings(dns, sim.portOffset())).checkEach(all, v -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("DeadlineTest: " + took.toMillis() + " ms");

        assertThat(verdicts).hasSize(operators).allSatisfy(v -> {
            assertThat(v.ready()).isFalse();
            assertThat(v.probes()).hasSize(2).extracting(PortResult::outcome).containsOnly(PortOutcome.NO_ANSWER);
        });
        assertThat(took).isBetween(PROBE_DEADLINE, PROBE_DEADLINE.plus(SLACK));
    }
}
