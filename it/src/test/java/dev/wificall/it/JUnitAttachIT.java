package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateReport;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import dev.wificall.junit.EpdgReachable;
import dev.wificall.junit.EpdgTunnel;
import dev.wificall.junit.IkeAuth;
import dev.wificall.junit.WifiCallingAssertions;
import dev.wificall.junit.WifiCallingExtension;
import dev.wificall.junit.WifiCallingResult;
import dev.wificall.userplane.UserPlaneResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.OutputDirectoryProvider;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The JUnit extension's IKE_AUTH against the attach lab (charon with eap-aka-3gpp), through
 * EngineTestKit: the probe without a SIM (trusted, expired and expiring certificates, an answer in IKE
 * fragments), the full EAP-AKA attach from the builder's USIM and from configuration parameters, a
 * wrong K, {@code @EpdgTunnel}'s user plane through the tunnel (and its failure behind a DPI firewall), and that nothing a run publishes (report entries, transcript files, failure messages)
 * holds K, OPc or the IMSI's digits.
 */
@ExtendWith(AttachLab.class)
class JUnitAttachIT {

    /** {@link AttachLab#TRUST} as an annotation takes it. */
    static final String TRUST = "/run/wificall-ims/trust/ca.pem";
    private static final String WRONG_K = "00112233445566778899aabbccddeeff";
    private static final Map<String, String> SUBSCRIBER = Map.of("wificall.imsi", AttachLab.IMSI,
            "wificall.k", AttachLab.K, "wificall.opc", AttachLab.OPC);

    @Test
    void probeWithoutSimShowsATrustedCertificateAndEapAka() {
        EngineExecutionResults r = run(ProbeTrusted.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        // the small ECDSA chain comes whole: the assertion says so per address
        assertThat(failureOf(r, "inIkeFragments")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have the ePDG's IKE_AUTH answer arrive in IKE fragments (RFC 7383)")
                .hasMessageContaining("10.77.9.2 IKE_AUTH: WHOLE: one message of ");
    }

    @Test
    void expiredCertificateFailsTheAnnotationSayingSo() {
        EngineExecutionResults r = run(Expired.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureOf(r, "call")).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("IKE_AUTH failed: the ePDG epdg.epc.mnc007.mcc262.pub.3gppnetwork.org at 10.77.9.5:4500")
                .hasMessageContaining("expired on ")
                .hasMessageContaining("\n  IKE_AUTH to 10.77.9.5 (epdg.epc.mnc007.mcc262.pub.3gppnetwork.org): ANSWERED,"
                        + " failed: ")
                .hasMessageContaining("ERROR EXPIRED: ");
    }

    @Test
    void certificateExpiringSoonPassesTheAnnotationButNotThirtyDays() {
        EngineExecutionResults r = run(Expiring.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureOf(r, "thirtyDays")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have every certificate of the ePDG's chain valid for at least 30 more days")
                .hasMessageContaining("10.77.9.7 IKE_AUTH: ePDG certificate ")
                .hasMessageContaining("WARNING EXPIRES_SOON: ");
    }

    @Test
    void bigChainAnswersInIkeFragments() {
        run(Fragmented.class, Map.of()).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void builderWithASoftUsimAttaches() {
        EngineExecutionResults r = run(AttachedWithUsim.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(entries(r, "wificall 262-01 T-Mobile(Telekom)")).singleElement().asString()
                .contains("Attach: attached to the ePDG epdg.epc.mnc001.mcc262.pub.3gppnetwork.org at 10.77.9.2:4500")
                .contains("P-CSCF 10.46.0.10");
    }

    @Test
    void attachWithCredentialsFromParameters() {
        run(AttachedFromParameters.class, SUBSCRIBER).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void wrongKFailsWithTheEapReason() {
        EngineExecutionResults r = run(WrongK.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureOf(r, "call")).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Attach failed: EAP-AKA for 026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org at 10.77.9.2:4500")
                .hasMessageContaining("AUTN did not verify")
                .hasMessageContaining("\n  IKE_AUTH to 10.77.9.2 (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org): EAP_FAILED,"
                        + " failed: ");
    }

    @Test
    void tunnelAnnotationAttachesAndPassesTheUserPlane() {
        EngineExecutionResults r = run(Tunnel.class, SUBSCRIBER);
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(entries(r, "wificall 262-01 T-Mobile(Telekom)")).singleElement().asString()
                .contains("Attach: attached to the ePDG epdg.epc.mnc001.mcc262.pub.3gppnetwork.org at 10.77.9.2:4500")
                .contains(" User plane: the user plane through 10.77.9.2:4500 works");
    }

    @Test
    void userPlaneBlockedByADpiFirewallFailsTheTestWithItsSentence(AttachLab.Handle lab) {
        lab.lab().command("dpi", "on");
        try {
            EngineExecutionResults r = run(ReachableWithUserPlane.class, with(SUBSCRIBER, "wificall.userPlane.timeout", "1s"));
            r.testEvents().assertStatistics(s -> s.started(1).failed(1));
            assertThat(failureOf(r, "call")).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("User plane failed: ")
                    .hasMessageContaining("drops ESP in UDP")
                    .hasMessageContaining("\n  user plane through 10.77.9.2:4500 (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org):"
                            + " FAILED, ")
                    .hasMessageContaining("\n    FAILED ESP both ways (inner echo): ")
                    .hasMessageContaining("\n    PASSED IKE on UDP/4500 beside ESP: ");
        } finally {
            lab.lab().command("dpi", "off");
        }
    }

    @Test
    void probeEntryAndTranscriptFileCarryTheIkeAuthExchange(@TempDir Path out) throws IOException {
        EngineExecutionResults r = run(AttachedWithUsim.class, Map.of(), out);
        assertThat(entries(r, "wificall.probe")).singleElement().asString()
                .startsWith("READY 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org\nIKE_AUTH to 10.77.9.2"
                        + " (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org) as 026201")
                .contains(": ATTACHED in ").contains("AUTH of the ePDG verified with the EAP MSK");
        List<Path> files = files(r);
        assertThat(files).singleElement().extracting(p -> p.getFileName().toString())
                .isEqualTo("wificall-262-01_t-mobile_telekom_.txt");
        assertThat(Files.readString(files.get(0))).contains("UDP/4500 probe of 10.77.9.2:4500")
                .contains("IKE_AUTH to 10.77.9.2").contains("AKA-Challenge: AUTN and AT_MAC verified");
    }

    @Test
    void nothingPublishedHoldsTheSubscribersSecrets(@TempDir Path out) throws IOException {
        List<String> published = new ArrayList<>();
        int files = 0;
        for (Class<?> fixture : List.of(AttachedWithUsim.class, AttachedFromParameters.class, WrongK.class, Expired.class,
                ProbeTrusted.class)) {
            Path dir = Files.createDirectories(out.resolve(fixture.getSimpleName()));
            EngineExecutionResults r = run(fixture, SUBSCRIBER, dir);
            r.allEvents().reportingEntryPublished().stream().map(e -> e.getRequiredPayload(ReportEntry.class))
                    .forEach(e -> e.getKeyValuePairs().forEach((k, v) -> published.add(k + "=" + v)));
            for (Path f : files(r)) {
                published.add(f.getFileName() + "\n" + Files.readString(f));
                files++;
            }
            r.allEvents().stream().flatMap(e -> e.getPayload(TestExecutionResult.class).stream())
                    .flatMap(t -> t.getThrowable().stream()).forEach(t -> published.add(chain(t)));
        }
        String all = String.join("\n", published);
        // what was collected is the real thing: attaches, EAP exchanges, failures
        assertThat(files).isGreaterThanOrEqualTo(5);
        assertThat(all).contains("ATTACHED").contains("AKA-Challenge").contains("AUTN did not verify").contains("expired on ")
                .contains("026201");
        assertThat(all).doesNotContainIgnoringCase(AttachLab.K).doesNotContainIgnoringCase(AttachLab.OPC)
                .doesNotContainIgnoringCase(WRONG_K).doesNotContain(AttachLab.IMSI)
                .doesNotContain(AttachLab.IMSI.substring(5));
    }

    // --- running fixtures ---

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        return run(fixture, parameters, null);
    }

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters, Path out) {
        Map<String, String> all = new HashMap<>(parameters);
        all.putIfAbsent("wificall.dns.server", AttachLab.DNS);
        var kit = EngineTestKit.engine("junit-jupiter").configurationParameters(all).selectors(selectClass(fixture));
        return (out == null ? kit : kit.outputDirectoryProvider(new Folder(out))).execute();
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(name, value);
        return m;
    }

    private static List<String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class))
                .flatMap(e -> e.getKeyValuePairs().entrySet().stream())
                .filter(kv -> kv.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    private static List<Path> files(EngineExecutionResults results) {
        return results.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class).getPath()).toList();
    }

    private static Throwable failureOf(EngineExecutionResults results, String displayName) {
        Event failed = results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(displayName)).findFirst().orElseThrow();
        return failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** A throwable as a report shows it: its text and its causes' and suppressed ones', with the stack. */
    private static String chain(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static SoftUsim usim(String k) {
        return SoftUsim.builder(UsimCredentials.parse(AttachLab.IMSI, k, AttachLab.OPC, null))
                .sqnCheck(SoftUsim.SqnCheck.ACCEPT_ANY).build();
    }

    /** A plain output folder for published files. */
    private record Folder(Path root) implements OutputDirectoryProvider {
        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) {
            try {
                return Files.createDirectories(root.resolve(descriptor.getUniqueId().toString()
                        .replaceAll("[^A-Za-z0-9]+", "_")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // --- fixtures ---

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE, trustStore = TRUST)
    static class ProbeTrusted {
        @Test
        void trusted(WifiCallingResult result) {
            WifiCallingAssertions.assertThat(result).isReady().hasTrustedCertificate().certificateValidForAtLeast(30)
                    .asksForEap("EAP-AKA");
            assertThat(result.attach()).map(AttachResult::outcome).contains(AttachResult.Outcome.ANSWERED);
            assertThat(result.certificate()).map(CertificateReport::trust).contains(CertificateReport.ChainStatus.TRUSTED);
            assertThat(result.attached()).isFalse();
        }

        @Test
        void inIkeFragments(WifiCallingResult result) {
            WifiCallingAssertions.assertThat(result).answeredInIkeFragments();
        }
    }

    @EpdgReachable(mcc = 262, mnc = 7, ikeAuth = IkeAuth.PROBE, trustStore = TRUST)
    static class Expired {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 9, ikeAuth = IkeAuth.PROBE, trustStore = TRUST)
    static class Expiring {
        @Test
        void thirtyDays(WifiCallingResult result) {
            WifiCallingAssertions.assertThat(result).isReady().hasTrustedCertificate().certificateValidForAtLeast(30);
        }
    }

    @EpdgReachable(mcc = 262, mnc = 2, ikeAuth = IkeAuth.PROBE, trustStore = TRUST)
    static class Fragmented {
        @Test
        void call(WifiCallingResult result) {
            WifiCallingAssertions.assertThat(result).answeredInIkeFragments().hasTrustedCertificate();
            assertThat(result.attach().orElseThrow().answerFragments()).isGreaterThanOrEqualTo(4);
        }
    }

    static class AttachedWithUsim {
        @RegisterExtension
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").dnsServer(AttachLab.DNS)
                .ikeAuth(IkeAuth.ATTACH).trustStore(AttachLab.TRUST).credentials(usim(AttachLab.K)).build();

        @Test
        void attached(WifiCallingResult result) {
            WifiCallingAssertions.assertThat(result).isReady().isAttached().hasTrustedCertificate()
                    .assignedInnerAddress().assignedInnerAddressIn("10.45.0.0/24").hasPcscf().hasPcscf("10.46.0.10");
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.ATTACH, trustStore = TRUST)
    static class AttachedFromParameters {
        @Test
        void attached(WifiCallingResult result) {
            WifiCallingAssertions.assertThat(result).isAttached().hasPcscf("10.46.0.10", "10.46.0.11");
            assertThat(result.innerAddresses()).anyMatch(a -> a.startsWith("10.45.0."));
        }
    }

    @EpdgTunnel(mcc = 262, mnc = 1, trustStore = TRUST)
    static class Tunnel {
        @Test
        void calls(WifiCallingResult result) {
            WifiCallingAssertions.assertThat(result).isReady().isAttached().hasWorkingUserPlane();
            assertThat(result.userPlane()).map(UserPlaneResult::sentence).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("the user plane through 10.77.9.2:4500 works"));
            assertThat(result.userPlane().orElseThrow().step(UserPlaneResult.Check.SIP_TCP)).map(UserPlaneResult.Step::status)
                    .contains(UserPlaneResult.Status.PASSED);
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.ATTACH, trustStore = TRUST, userPlane = true)
    static class ReachableWithUserPlane {
        @Test
        void call() {
        }
    }

    static class WrongK {
        @RegisterExtension
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").trustStore(AttachLab.TRUST)
                .credentials(usim(WRONG_K)).build();

        @Test
        void call() {
        }
    }
}
