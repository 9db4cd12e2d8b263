package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile resolvers (issue 16) against a whole check: each one ends within the DNS timeout (plus
 * slack), fails with the status a phone would agree with and one sentence that says what happened in
 * words (no exception class, no "null"), and leaves no DNS thread running. Before the fix a TCP retry
 * that was cut off read "TCP retry: EOFException: null", a CNAME loop read as NODATA, and dnsjava's
 * selector thread and shutdown hook stayed behind.
 */
@Timeout(60)
class HostileResolverTest {

    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final Duration DNS_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration SLACK = Duration.ofMillis(1500);

    static Stream<Arguments> resolvers() {
        return Stream.of(
                Arguments.of(DnsStub.Failure.TRUNCATE_THEN_CUT_TCP, DnsStatus.ERROR,
                        "the resolver closed the TCP connection after 40 of the 5,000 bytes it announced"),
                Arguments.of(DnsStub.Failure.TRUNCATE_THEN_RESET_TCP, DnsStatus.ERROR,
                        "the resolver reset the TCP connection before answering"),
                Arguments.of(DnsStub.Failure.TRUNCATE_THEN_SLOW_TCP, DnsStatus.TIMEOUT,
                        "the TCP answer was not complete within"),
                Arguments.of(DnsStub.Failure.WRONG_ID, DnsStatus.TIMEOUT,
                        "carried a message ID we had not asked with"),
                Arguments.of(DnsStub.Failure.COMPRESSION_LOOP, DnsStatus.MALFORMED, "not a valid DNS message"),
                Arguments.of(DnsStub.Failure.GARBAGE, DnsStatus.MALFORMED, "not a valid DNS message"),
                Arguments.of(DnsStub.Failure.CNAME_LOOP, DnsStatus.CNAME_LOOP, "CNAME loop: " + FQDN + " → loop-1."
                        + FQDN + " → loop-2." + FQDN + " → " + FQDN),
                Arguments.of(DnsStub.Failure.LONG_CNAME_CHAIN, DnsStatus.CNAME_CHAIN,
                        "CNAME chain of more than 16 links from " + FQDN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolvers")
    void aHostileResolverFailsTheCheckInWordsAndInTime(DnsStub.Failure failure, DnsStatus status, String expected)
            throws IOException {
        try (DnsStub dns = DnsStub.builder().a(FQDN, "127.0.0.1").failure(FQDN, failure).start()) {
            long start = System.nanoTime();
            OperatorVerdict v = new ReadinessCheck(settings(dns)).check(SelectionInput.of(Plmn.of(262, 1)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("HostileResolverTest " + failure + " (" + took.toMillis() + " ms): " + v.sentence());

            assertThat(v.ready()).as(v.sentence()).isFalse();
            assertThat(v.dns().status()).as(v.sentence()).isEqualTo(status);
            assertThat(v.sentence()).contains(expected).contains("resolver " + dns.server()).contains(FQDN)
                    .doesNotContain("Exception").doesNotContain("null");
            assertThat(v.sentence().length()).as(v.sentence()).isLessThan(2_000);
            assertThat(took).isLessThan(DNS_TIMEOUT.plus(SLACK));
            assertThat(DnsLookup.transportRunning()).as("the DNS thread after the check").isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(n -> n.startsWith("wificall-dns-io") || n.startsWith("dnsjava"));
        }
    }

    /** Thousands of records: UDP truncates, TCP carries 16 KB; the addresses all arrive and nothing stays behind. */
    @Test
    void thousandsOfRecordsComeOverTcpAndNothingStaysBehind() throws IOException {
        String[] addresses = new String[1000];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = "127.0." + (10 + i / 250) + "." + (1 + i % 250);
        }
        try (DnsStub dns = DnsStub.builder().a(FQDN, addresses).start()) {
            var r = new ReadinessCheck(settings(dns)).discover(SelectionInput.of(Plmn.of(262, 1)));
            assertThat(dns.tcpQueries()).isPositive();
            assertThat(r.toString()).contains("127.0.13.250");
            assertThat(DnsLookup.transportRunning()).isFalse();
        }
    }

    private static CheckSettings settings(DnsStub dns) {
        return CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(dns.server())).withDnsTimeout(DNS_TIMEOUT)
                .withProbe(new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600)));
    }
}
