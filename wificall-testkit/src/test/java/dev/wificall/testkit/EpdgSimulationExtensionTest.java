package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.DnsStatus;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.junit.EpdgReachable;
import dev.wificall.junit.EpdgResolvable;
import dev.wificall.junit.WifiCallingExtension;
import dev.wificall.junit.WifiCallingResult;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code @EpdgSimulation} and the builder beside wificall's own {@code @EpdgReachable}, run through
 * EngineTestKit: the check in the class finds the simulator through the published resolver and port
 * offset, a dropped port fails it, the parts are injected, and everything stops after the class.
 */
class EpdgSimulationExtensionTest {

    /** Probes are fast on loopback; a dropped port costs the probe timeout. */
    private static final Map<String, String> FAST = Map.of("wificall.probe.timeout", "800ms",
            // a resolver configured for the whole run, which the simulation replaces in its classes
            "wificall.dns.servers", "127.0.0.1:9,127.0.0.1:11");

    /** What the fixtures saw, to check from the outside after their run. */
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    private static EngineExecutionResults run(Class<?> fixture) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter").configurationParameters(FAST).selectors(selectClass(fixture))
                .execute();
    }

    private static Throwable onlyFailure(Events events) {
        events.assertStatistics(s -> s.failed(1));
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    void annotatedClassIsCheckedAgainstTheSimulator() {
        run(Open.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        WifiCallingResult result = (WifiCallingResult) SEEN.get(0);
        EpdgSimulator simulator = (EpdgSimulator) SEEN.get(1);
        assertThat(result.ready()).isTrue();
        assertThat(result.fqdn()).isEqualTo("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
        assertThat(result.probes()).extracting(PortResult::outcome).containsOnly(PortOutcome.ANSWERED);
        assertThat(result.addresses()).containsExactly(simulator.address());
        assertThat(SEEN.get(2)).isEqualTo(simulator.port(IkePort.UDP_500));
    }

    @Test
    void droppedPortFailsTheTestWithTheFirewallSentence() {
        Throwable failure = onlyFailure(run(Firewall.class).testEvents());

        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: UDP/4500 to"
                        + " epdg.epc.mnc001.mcc262.pub.3gppnetwork.org")
                .hasMessageContaining("while UDP/500 answered");
    }

    @Test
    void theReadmeExample() {
        run(IkeGetsThrough.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void partsAreInjectedAndStoppedAfterTheClass() throws Exception {
        run(Injected.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        EpdgSimulationNetwork network = (EpdgSimulationNetwork) SEEN.get(0);
        assertThat(SEEN.get(1)).isSameAs(network.simulator());
        assertThat(SEEN.get(2)).isSameAs(network.dns());
        DnsLookup lookup = DnsLookup.using(DnsServer.parse(network.dnsServer()), Duration.ofMillis(300));
        assertThat(lookup.resolve("epdg.example.net").status()).isIn(DnsStatus.TIMEOUT, DnsStatus.ERROR);
        try (EpdgSimulator again = EpdgSimulator.builder().portOffset(network.portOffset()).start()) {
            assertThat(again.portOffset()).isEqualTo(network.portOffset()); // its ports are free again
        }
    }

    @Test
    void builderFormWithABehaviour() {
        run(Cookie.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        WifiCallingResult result = (WifiCallingResult) SEEN.get(0);
        assertThat(result.probes()).allMatch(PortResult::cookieNeeded);
        assertThat(SEEN.get(1)).isEqualTo(2); // the request, then the request with the cookie
    }

    @Test
    void nestedClassesShareTheOuterSimulation() {
        run(Outer.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
    }

    @Test
    void resolvableFindsTheSimulator() {
        run(Resolvable.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        Resolution r = (Resolution) SEEN.get(0);
        assertThat(r.outcome().usableAddresses()).containsExactly(InetAddress.getLoopbackAddress());
    }

    @Test
    void builderSettingsOfWificallWinOverTheSimulation() {
        Throwable failure = onlyFailure(run(OwnResolver.class).testEvents());

        assertThat(failure).hasMessageContaining("127.0.0.1:7");
    }

    @Test
    void classesWithoutTheSimulationKeepTheirConfiguration() {
        Throwable failure = onlyFailure(run(Plain.class).testEvents());

        assertThat(failure).hasMessageContaining("127.0.0.1:9");
    }

    @Test
    void annotationMistakesNameTheAnnotationAndTheClass() {
        Throwable none = onlyFailure(run(NothingToSimulate.class).containerEvents());
        assertThat(none).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@EpdgSimulation(drop = 4500) on " + NothingToSimulate.class.getName() + ": no operator and"
                        + " no fqdn; name what the simulator plays, e.g. operators = \"262-01\"");

        Throwable port = onlyFailure(run(NoSuchPort.class).containerEvents());
        assertThat(port).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgSimulation(operators = \"262-01\", drop = {500, 501}) on ")
                .hasMessageEndingWith("'501' is not an IKE port; expected 500 or 4500");

        Throwable operator = onlyFailure(run(NoSuchOperator.class).containerEvents());
        assertThat(operator).hasMessageStartingWith("@EpdgSimulation(operators = \"26-1\") on ")
                .hasMessageContaining("'26-1'");
    }

    @Test
    void builderMistakesNameTheCall() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EpdgSimulationExtension.builder().operator("26-1"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("EpdgSimulationExtension.builder().operator(\"26-1\"): ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EpdgSimulationExtension.builder()
                        .drop(IkePort.UDP_4500).build())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("EpdgSimulationExtension.builder().drop([UDP/4500]).build(): no operator");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EpdgSimulationExtension.builder().behaviour(null,
                        Behaviour.answer()))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("port is null");
    }

    @Test
    void simulatorOfTheBuilderFormOnlyWhileRunning() {
        EpdgSimulationExtension ext = EpdgSimulationExtension.builder().operator("262-01").build();
        org.assertj.core.api.Assertions.assertThatThrownBy(ext::simulator).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the simulation is not running");
    }

    // ---------------------------------------------------------------------------------------- fixtures

    @EpdgSimulation(operators = "262-01")
    @EpdgReachable(mcc = 262, mnc = 1)
    static class Open {
        @Test
        void call(WifiCallingResult result, EpdgSimulator simulator) {
            SEEN.add(result);
            SEEN.add(simulator);
            SEEN.add(simulator.port(IkePort.UDP_500));
        }
    }

    @EpdgSimulation(operators = "262-01", drop = 4500)
    @EpdgReachable(mcc = 262, mnc = 1)
    static class Firewall {
        @Test
        void call() {
        }
    }

    /** As in the README. */
    @EpdgSimulation(operators = "262-01", drop = 4500)      // the simulated firewall drops NAT traversal
    @EpdgReachable(mcc = 262, mnc = 1, ports = 500)          // so this test asks only UDP/500
    static class IkeGetsThrough {
        @Test
        void ikeAnswers(WifiCallingResult result, EpdgSimulator simulator) {
            assertThat(result.ready()).isTrue();
            assertThat(simulator.datagramsReceived(IkePort.UDP_4500)).isZero();
        }
    }

    @EpdgSimulation(fqdns = "epdg.example.net")
    @EpdgReachable(fqdn = "epdg.example.net")
    static class Injected {
        @Test
        void call(EpdgSimulationNetwork network, EpdgSimulator simulator, DnsStub dns) {
            SEEN.add(network);
            SEEN.add(simulator);
            SEEN.add(dns);
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ports = 500)
    static class Cookie {
        @RegisterExtension
        static EpdgSimulationExtension epdg = EpdgSimulationExtension.builder().operator("262-01")
                .behaviour(IkePort.UDP_500, Behaviour.cookieFirst()).build();

        @Test
        void call(WifiCallingResult result) {
            SEEN.add(result);
            SEEN.add(epdg.simulator().datagramsReceived(IkePort.UDP_500));
        }
    }

    @EpdgSimulation(operators = "262-01")
    @EpdgReachable(mcc = 262, mnc = 1)
    static class Outer {
        @Test
        void call(EpdgSimulationNetwork network) {
            SEEN.add(network);
        }

        @Nested
        class Inner {
            @Test
            void call(EpdgSimulationNetwork network) {
                SEEN.add(network);
            }
        }
    }

    @EpdgSimulation(operators = "262-01")
    static class Resolvable {
        @Test
        @EpdgResolvable(mcc = 262, mnc = 1)
        void call(Resolution resolution) {
            SEEN.add(resolution);
        }
    }

    @EpdgSimulation(operators = "262-01")
    static class OwnResolver {
        @RegisterExtension
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").dnsServer("127.0.0.1:7")
                .build();

        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class Plain {
        @Test
        void call() {
        }
    }

    @EpdgSimulation(drop = 4500)
    static class NothingToSimulate {
        @Test
        void call() {
        }
    }

    @EpdgSimulation(operators = "262-01", drop = {500, 501})
    static class NoSuchPort {
        @Test
        void call() {
        }
    }

    @EpdgSimulation(operators = "26-1")
    static class NoSuchOperator {
        @Test
        void call() {
        }
    }
}
