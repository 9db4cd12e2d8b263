package dev.wificall.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachResult.Delivery;
import dev.wificall.attach.AttachResult.Outcome;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateReport;
import dev.wificall.attach.CertificateSummary;
import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.eap.Imsi;
import dev.wificall.eap.Nai;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.Test;

/** What the goal logs of IKE_AUTH: a short line per probe, findings, the transcript when it failed; the summary's column. */
class IkeAuthLogTest {

    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final String SUBSCRIBER = Nai.eapAka(Imsi.parse(CheckMojoTest.IMSI), 2).masked();

    private static CertificateReport certificate(long days, List<CertificateFinding> findings) {
        CertificateSummary leaf = new CertificateSummary("CN=" + FQDN, "CN=lab CA", List.of("DNS:" + FQDN), "1",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), "EC P-256", "SHA256withECDSA",
                "00:11", 500);
        return new CertificateReport(FQDN, List.of(leaf), "ID_FQDN " + FQDN, true, true,
                findings.isEmpty() ? CertificateReport.ChainStatus.TRUSTED : CertificateReport.ChainStatus.UNTRUSTED, days, days,
                findings, FQDN + ": certificate CN=" + FQDN);
    }

    private static AttachResult answered() {
        return new AttachResult(FQDN, "10.77.9.2", Outcome.ANSWERED, true, "the ePDG answered IKE_AUTH in 5 IKE fragments",
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.IKE_FRAGMENTS, 5, 6120,
                Optional.of(certificate(35, List.of())), Optional.empty(), Optional.of("EAP-AKA (23) AKA-Challenge"), List.of(),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), SUBSCRIBER,
                List.of("     0 ms  → IKE_SA_INIT", "    40 ms  ← IKE_AUTH in 5 fragments"), Duration.ofMillis(40));
    }

    private static AttachResult expired() {
        CertificateFinding finding = new CertificateFinding(CertificateFinding.Severity.ERROR, CertificateFinding.Kind.EXPIRED,
                "the ePDG certificate CN=" + FQDN + " expired 3 days ago");
        return new AttachResult(FQDN, "10.77.9.5", Outcome.ANSWERED, false, "the ePDG answered; its certificate expired",
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.WHOLE, 0, 1180,
                Optional.of(certificate(-3, List.of(finding))), Optional.empty(), Optional.of("EAP-AKA (23) AKA-Challenge"),
                List.of(), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), SUBSCRIBER,
                List.of("     0 ms  → IKE_SA_INIT", "    30 ms  ← IKE_AUTH, 1180 bytes"), Duration.ofMillis(30));
    }

    private static AttachResult attached() {
        return new AttachResult(FQDN, "10.77.9.2", Outcome.ATTACHED, true, "attached as " + SUBSCRIBER,
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.WHOLE, 0, 1420, Optional.of(certificate(35, List.of())),
                Optional.empty(), Optional.of("EAP-AKA (23) AKA-Challenge"), List.of(), Optional.empty(), List.of("10.45.0.2"),
                List.of("10.46.0.53"), List.of("10.46.0.10"), Optional.of("aes256gcm16-esn"), SUBSCRIBER,
                List.of("     0 ms  → IKE_AUTH (IDi " + SUBSCRIBER + ")"), Duration.ofMillis(650));
    }

    /** Every line logged, with its level. */
    static final class Lines implements Log {
        final List<String> lines = new ArrayList<>();
        final boolean debug;

        Lines(boolean debug) {
            this.debug = debug;
        }

        private void add(String level, CharSequence text) {
            lines.add(level + " " + text);
        }

        @Override public boolean isDebugEnabled() { return debug; }
        @Override public void debug(CharSequence c) { if (debug) { add("DEBUG", c); } }
        @Override public void debug(CharSequence c, Throwable t) { debug(c); }
        @Override public void debug(Throwable t) { }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(CharSequence c) { add("INFO", c); }
        @Override public void info(CharSequence c, Throwable t) { info(c); }
        @Override public void info(Throwable t) { }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(CharSequence c) { add("WARNING", c); }
        @Override public void warn(CharSequence c, Throwable t) { warn(c); }
        @Override public void warn(Throwable t) { }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(CharSequence c) { add("ERROR", c); }
        @Override public void error(CharSequence c, Throwable t) { error(c); }
        @Override public void error(Throwable t) { }
    }

    private static List<String> logged(boolean debug, AttachResult r) {
        CheckMojo m = new CheckMojo(new ReportWriter());
        Lines log = new Lines(debug);
        m.setLog(log);
        m.logAttach(r, m.getLog()::info);
        return log.lines;
    }

    @Test
    void aPassingProbeIsOneLineAndItsTranscriptOnlyAtDebugLevel() {
        assertThat(logged(false, answered())).containsExactly("INFO   IKE_AUTH 10.77.9.2: ANSWERED in 5 IKE fragments (6120"
                + " bytes), certificate trusted, expires in 35 days, EAP-AKA requested");
        assertThat(logged(true, answered())).containsExactly("INFO   IKE_AUTH 10.77.9.2: ANSWERED in 5 IKE fragments (6120"
                + " bytes), certificate trusted, expires in 35 days, EAP-AKA requested",
                "DEBUG          0 ms  → IKE_SA_INIT", "DEBUG         40 ms  ← IKE_AUTH in 5 fragments");
    }

    @Test
    void aFailingProbeShowsItsFindingSentenceAndTranscript() {
        assertThat(logged(false, expired())).containsExactly(
                "INFO   IKE_AUTH 10.77.9.5: ANSWERED in one message of 1180 bytes, certificate untrusted, expired 3 days ago,"
                        + " EAP-AKA requested; FAILED: EXPIRED",
                "INFO     certificate ERROR EXPIRED: the ePDG certificate CN=" + FQDN + " expired 3 days ago",
                "INFO     the ePDG answered; its certificate expired",
                "INFO          0 ms  → IKE_SA_INIT",
                "INFO         30 ms  ← IKE_AUTH, 1180 bytes");
    }

    @Test
    void anAttachShowsWhatTheEpdgAssignedAndNoSecret() {
        List<String> lines = logged(true, attached());
        assertThat(lines.get(0)).isEqualTo("INFO   IKE_AUTH 10.77.9.2: ATTACHED in one message of 1420 bytes, certificate"
                + " trusted, expires in 35 days, attached as 026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org, inner"
                + " 10.45.0.2, DNS 10.46.0.53, P-CSCF 10.46.0.10");
        assertThat(String.join("\n", lines)).doesNotContainIgnoringCase(CheckMojoTest.K)
                .doesNotContainIgnoringCase(CheckMojoTest.OPC).doesNotContain(CheckMojoTest.IMSI).doesNotContain("1234567890");
    }

    @Test
    void theSummaryHasAnIkeAuthColumnOnlyWhenIkeAuthRan() throws Exception {
        Plmn plmn = Plmn.parse("262-01");
        InetAddress a = InetAddress.getByName("10.77.9.2");
        DnsOutcome dns = new DnsOutcome(FQDN, "127.0.0.81:15381", DnsStatus.ADDRESSES, List.of(a), List.of(), "A: 10.77.9.2",
                Duration.ofMillis(2));
        List<PortResult> probes = List.of(
                new PortResult(a, IkePort.UDP_500, PortOutcome.ANSWERED, 1, Duration.ofMillis(3), "IKE_SA_INIT response", 300),
                new PortResult(a, IkePort.UDP_4500, PortOutcome.ANSWERED, 1, Duration.ofMillis(3), "IKE_SA_INIT response", 300));
        OperatorVerdict v = new OperatorVerdict(plmn, FQDN, dns, probes, true, "ready", Duration.ofMillis(1200), null,
                List.of(answered()));
        DnsOutcome nx = new DnsOutcome("epdg.epc.mnc099.mcc262.pub.3gppnetwork.org", "127.0.0.81:15381", DnsStatus.NXDOMAIN,
                List.of(), List.of(), "A: NXDOMAIN", Duration.ofMillis(1));
        OperatorVerdict unresolved = new OperatorVerdict(Plmn.parse("262-99"), nx.fqdn(), nx, List.of(), false, "NXDOMAIN",
                Duration.ofMillis(5));

        List<String> with = Summary.table(List.of(v, unresolved), List.of("262-02 Vodafone"), true);
        assertThat(with.get(0)).matches("  result +operator +ePDG name +UDP/500 +UDP/4500 +IKE_AUTH +time");
        assertThat(with.get(1)).matches("  PASS +262-01 T-Mobile\\(Telekom\\) +" + FQDN.replace(".", "\\.")
                + " +1/1 answered +1/1 answered +ANSWERED 10\\.77\\.9\\.2 +1\\.2 s");
        assertThat(with.get(2)).matches("  FAIL +262-99 +epdg\\.epc\\.mnc099\\.mcc262\\.pub\\.3gppnetwork\\.org +DNS NXDOMAIN +- +- +0\\.0 s");
        assertThat(with.get(3)).matches("  - +262-02 Vodafone +not checked \\(failFast\\)");
        List<String> without = Summary.table(List.of(v), List.of(), false);
        assertThat(without.get(0)).matches("  result +operator +ePDG name +UDP/500 +UDP/4500 +time").doesNotContain("IKE_AUTH");
        assertThat(without.get(1)).doesNotContain("ANSWERED 10.77.9.2").endsWith("1.2 s");
    }
}
