package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.junit.EpdgReachable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit front end against the real lab: fixture classes annotated with {@code @EpdgReachable}
 * run through the JUnit Platform (EngineTestKit), one per lab scenario.
 */
@ExtendWith(LabExtension.class)
class JUnitExtensionIT {

    @Test
    void openPathPasses() {
        Events events = run(OpenPath.class, Lab.DNS);
        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(events.reportingEntryPublished().stream()
                .flatMap(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .getKeyValuePairs().values().stream()))
                .anyMatch(v -> v.startsWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) can reach its ePDG")
                        && v.contains("answered IKE_SA_INIT on UDP/500 and UDP/4500"));
    }

    @Test
    void udp4500DroppedFailsNamingTheDroppedPortAndTheOneThatAnswered() {
        Throwable failure = onlyFailure(run(Udp4500Dropped.class, Lab.DNS));
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 262-02 Vodafone will fail: UDP/4500 to epdg.epc.mnc002.mcc262.pub.3gppnetwork.org")
                .hasMessageContaining("10.77.0.3 and fd77::3 got no answer to 3 IKE_SA_INIT requests in 2.4 s")
                .hasMessageContaining("while UDP/500 answered")
                .hasMessageContaining("resolver 127.0.0.77:15353")
                .hasMessageContaining("Allow outbound UDP/4500 to 10.77.0.3 and fd77::3");
    }

    @Test
    void udp500DroppedFailsNamingUdp500() {
        Throwable failure = onlyFailure(run(Udp500Dropped.class, Lab.DNS));
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 262-03 E-Plus will fail: UDP/500 to epdg.epc.mnc003.mcc262.pub.3gppnetwork.org")
                .hasMessageContaining("got no answer to 3 IKE_SA_INIT requests")
                .hasMessageContaining("while UDP/4500 answered")
                .hasMessageContaining("Allow outbound UDP/500 to 10.77.0.4 and fd77::4");
    }

    @Test
    void udp4500RejectedFailsSayingPortUnreachable() {
        Throwable failure = onlyFailure(run(Udp4500Rejected.class, Lab.DNS));
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 262-04 Vodafone will fail: UDP/4500 to epdg.epc.mnc004.mcc262.pub.3gppnetwork.org")
                .hasMessageContaining("was refused with ICMP port unreachable")
                .hasMessageContaining("while UDP/500 answered");
    }

    @Test
    void unknownOperatorFailsSayingNxdomain() {
        Throwable failure = onlyFailure(run(UnknownOperator.class, Lab.DNS));
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 262-99 will fail: resolver 127.0.0.77:15353 answered NXDOMAIN"
                        + " for epdg.epc.mnc099.mcc262.pub.3gppnetwork.org");
    }

    @Test
    void mccOfFourDigitsIsAConfigurationError() {
        Throwable failure = onlyFailure(run(FourDigitMcc.class, Lab.DNS));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 2620, mnc = 1)")
                .hasMessageContaining("MCC 2620 is not 3 digits")
                .hasMessageContaining("e.g. 262-01");
    }

    @Test
    void badDnsServerIsAConfigurationError() {
        Throwable failure = onlyFailure(run(UnknownOperator.class, "not a host:99999"));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter wificall.dns.server = 'not a host:99999'")
                .hasMessageContaining("expected host[:port] with a port from 1 to 65535");
    }

    private static Events run(Class<?> fixture, String dnsServer) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("wificall.dns.server", dnsServer)
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
    }

    private static Throwable onlyFailure(Events events) {
        events.assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable().orElseThrow();
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class OpenPath {
        @Test
        void first() {
        }

        @Test
        void secondUsesTheCachedVerdict() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 2)
    static class Udp4500Dropped {
        @Test
        void call() {
        }
    }

    static class Udp500Dropped {
        @Test
        @EpdgReachable(mcc = 262, mnc = 3)
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 4)
    static class Udp4500Rejected {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 99)
    static class UnknownOperator {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 2620, mnc = 1)
    static class FourDigitMcc {
        @Test
        void call() {
        }
    }
}
