package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.dns.DnsStatus;
import dev.wificall.junit.EpdgReachable;
import dev.wificall.junit.OperatorSource;
import dev.wificall.junit.WifiCallingAssertions;
import dev.wificall.junit.WifiCallingExtension;
import dev.wificall.junit.WifiCallingResult;
import dev.wificall.junit.WifiCallingResults;
import dev.wificall.probe.IkePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.OutputDirectoryProvider;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit extension's features against the real lab, through EngineTestKit: results injected and
 * asserted with WifiCallingAssertions, several operators, @OperatorSource, the builder,
 * configuration precedence, abort, one probe for 200 tests (also in parallel), the transcript file.
 */
@ExtendWith(LabExtension.class)
class JUnitFeaturesIT {

    private static final String PROBE = "wificall.probe";

    @Test
    void resultIsInjectedAndAssertedFluently() {
        EngineExecutionResults r = run(Injected.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertThat(failureOf(r, "wrongGroup")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("262-01 T-Mobile(Telekom)").hasMessageContaining("20");
    }

    @Test
    void severalOperatorsOnClassAndMethodAsResults() {
        EngineExecutionResults r = run(Several.class, Map.of("wificall.ports", "500"));
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(entries(r, PROBE)).hasSize(2);
    }

    @Test
    void operatorSourceProbesAllAtOnceAndTheTestDecides() {
        EngineExecutionResults r = run(Sourced.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        assertThat(entries(r, PROBE)).hasSize(3);
        assertThat(failureOf(r, "[2]")).hasMessageContaining("262-02 Vodafone").hasMessageContaining("UDP/4500");
        assertThat(failureOf(r, "[3]")).hasMessageContaining("NXDOMAIN");
    }

    @Test
    void builderWithItsOwnResolverAndPorts() {
        // no wificall.dns.server: the builder names the resolver itself
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Programmatic.class)).execute();
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(entries(r, "wificall 262-02 Vodafone").get(0)).contains("answered IKE_SA_INIT on UDP/500.");
    }

    @Test
    void annotationBeatsParameterBeatsDefault() {
        // default: both ports, UDP/4500 is dropped for 262-02
        run(PortsFromParameter.class, Map.of()).testEvents().assertStatistics(s -> s.started(1).failed(1));
        // parameter: UDP/500 only
        run(PortsFromParameter.class, Map.of("wificall.ports", "500")).testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
        // annotation (UDP/500) over the parameter (UDP/4500)
        run(PortsFromAnnotation.class, Map.of("wificall.ports", "4500")).testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void abortWhenUnreachableSkipsWithTheReason() {
        EngineExecutionResults r = run(Aborting.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(1).aborted(1));
        Throwable reason = r.testEvents().aborted().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(reason).hasMessageStartingWith("aborted (abortWhenUnreachable): Wi-Fi Calling to 262-02 Vodafone"
                + " will fail: UDP/4500");
    }

    @Test
    void twoHundredTestsOneProbe() {
        EngineExecutionResults r = run(TwoHundred.class, Map.of());
        r.testEvents().assertStatistics(s -> s.started(200).succeeded(200));
        assertThat(entries(r, PROBE)).hasSize(1);
        assertThat(entries(r, "wificall 262-01 T-Mobile(Telekom)")).hasSize(200);
    }

    @Test
    void twoHundredTestsInParallelOneProbe() {
        EngineExecutionResults r = run(TwoHundred.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "16"));
        r.testEvents().assertStatistics(s -> s.started(200).succeeded(200));
        assertThat(entries(r, PROBE)).hasSize(1);
    }

    @Test
    void transcriptIsPublishedAsAFile(@TempDir Path out) throws IOException {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("wificall.dns.server", Lab.DNS))
                .outputDirectoryProvider(new Folder(out))
                .selectors(selectClass(Udp4500Dropped.class)).execute();
        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        List<Path> files = r.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class).getPath()).toList();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).isEqualTo("wificall-262-02_vodafone.txt");
        assertThat(Files.readString(files.get(0))).startsWith("Wi-Fi Calling to 262-02 Vodafone will fail")
                .contains("UDP/4500 probe of 10.77.0.3:4500").contains("IKE_SA_INIT");
    }

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.putIfAbsent("wificall.dns.server", Lab.DNS);
        return EngineTestKit.engine("junit-jupiter").configurationParameters(all).selectors(selectClass(fixture)).execute();
    }

    private static List<String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class))
                .flatMap(e -> e.getKeyValuePairs().entrySet().stream())
                .filter(kv -> kv.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    private static Throwable failureOf(EngineExecutionResults results, String displayName) {
        Event failed = results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(displayName)).findFirst().orElseThrow();
        return failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** A plain output folder for published files. */
    private record Folder(Path root) implements OutputDirectoryProvider {
        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
            return Files.createDirectories(root.resolve(descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9]+", "_")));
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class Injected {
        @Test
        void rightGroup(WifiCallingResult result) {
            assertThat(result.ready()).isTrue();
            assertThat(result.fqdn()).isEqualTo("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
            assertThat(result.dnsStatus()).isEqualTo(DnsStatus.ADDRESSES);
            WifiCallingAssertions.assertThat(result).isReachableOn(IkePort.UDP_4500).hasNoNat().acceptedGroup(19);
        }

        @Test
        void wrongGroup(WifiCallingResult result) {
            WifiCallingAssertions.assertThat(result).acceptedGroup(20);
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class Several {
        @Test
        @EpdgReachable(operator = "262-02")
        void both(WifiCallingResults results) {
            assertThat(results.all()).hasSize(2);
            assertThat(results.get("262-02").operator()).isEqualTo("262-02 Vodafone");
            assertThat(results.get("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org").ready()).isTrue();
            assertThat(results.allReady()).isTrue();
        }
    }

    static class Sourced {
        @ParameterizedTest
        @OperatorSource({"262-01", "262-02", "262-99"})
        void ready(WifiCallingResult result) {
            if (!result.ready()) {
                throw new AssertionFailedError(result.message());
            }
        }
    }

    static class Programmatic {
        @RegisterExtension
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-02").dnsServer(Lab.DNS)
                .ports(IkePort.UDP_500).build();

        @Test
        void udp500Only(WifiCallingResult result) {
            assertThat(result.probes(IkePort.UDP_4500)).isEmpty();
            assertThat(result.probes(IkePort.UDP_500)).hasSize(2);
        }
    }

    @EpdgReachable(mcc = 262, mnc = 2)
    static class PortsFromParameter {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 2, ports = 500)
    static class PortsFromAnnotation {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 2, abortWhenUnreachable = true)
    static class Aborting {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class TwoHundred {
        @RepeatedTest(200)
        void call(WifiCallingResult result) {
            assertThat(result.ready()).isTrue();
        }
    }

    @EpdgReachable(mcc = 262, mnc = 2)
    static class Udp4500Dropped {
        @Test
        void call() {
        }
    }

}
