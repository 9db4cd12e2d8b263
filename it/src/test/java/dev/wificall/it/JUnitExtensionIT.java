package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.discovery.Plmn;
import dev.wificall.junit.EpdgReachable;
import dev.wificall.junit.EpdgResolvable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit front end against the real lab: fixture classes annotated with {@code @EpdgReachable}
 * or {@code @EpdgResolvable} run through the JUnit Platform (EngineTestKit), one per lab scenario.
 */
@ExtendWith(LabExtension.class)
class JUnitExtensionIT {

    /** The lab's second resolver (unbound), beside {@link Lab#DNS} (dnsmasq). */
    private static final String UNBOUND = "127.0.0.79:15355";

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
                .hasMessageContaining("10.77.0.3 and fd77::3 got no answer to 4 IKE_SA_INIT requests in 2.4 s")
                .hasMessageContaining("while UDP/500 answered")
                .hasMessageContaining("resolver 127.0.0.77:15353")
                .hasMessageContaining("Allow outbound UDP/4500 to 10.77.0.3 and fd77::3");
    }

    @Test
    void udp500DroppedFailsNamingUdp500() {
        Throwable failure = onlyFailure(run(Udp500Dropped.class, Lab.DNS));
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 262-03 E-Plus will fail: UDP/500 to epdg.epc.mnc003.mcc262.pub.3gppnetwork.org")
                .hasMessageContaining("got no answer to 4 IKE_SA_INIT requests")
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
                .hasMessageContaining("mcc = 2620: MCC 2620 is not a mobile country code; expected 200 to 799 (e.g. 262"
                        + " for Germany");
    }

    @Test
    void badDnsServerIsAConfigurationError() {
        Throwable failure = onlyFailure(run(UnknownOperator.class, "not a host:99999"));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter wificall.dns.server = 'not a host:99999'")
                .hasMessageContaining("expected host[:port] with a port from 1 to 65535");
    }

    @Test
    void resolvablePassesWithoutIkeEvenWhenIkeIsBlocked(Lab lab) {
        lab.command("block", "500", "drop", "10.77.0.2", "fd77::2");
        lab.command("block", "4500", "drop", "10.77.0.2", "fd77::2");
        try {
            Events events = run(Resolvable26201.class, Lab.DNS);
            events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
            assertThat(reportEntries(events)).anyMatch(v -> v.startsWith("The ePDG of 262-01 T-Mobile(Telekom) can be"
                    + " discovered: resolver 127.0.0.77:15353 answered epdg.epc.mnc001.mcc262.pub.3gppnetwork.org (A and"
                    + " AAAA) with 10.77.0.2 and fd77::2"));
        } finally {
            lab.command("unblock");
        }
    }

    @Test
    void resolvableFailsWithNxdomainForAnUnknownName() {
        assertThat(Plmn.of(1, 14)).hasToString("001-14");
        assertThat(Plmn.of(1, 14).epdgFqdn()).isEqualTo("epdg.epc.mnc014.mcc001.pub.3gppnetwork.org");
        Throwable failure = onlyFailure(run(ResolvableNxdomain.class, Lab.DNS));
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 001-14 will fail: resolver 127.0.0.77:15353 answered NXDOMAIN"
                        + " for epdg.epc.mnc014.mcc001.pub.3gppnetwork.org (A and AAAA): the name does not exist there")
                .hasMessageContaining("Check the name (MCC and MNC)")
                .hasMessageContaining("\n  DNS epdg.epc.mnc014.mcc001.pub.3gppnetwork.org (operator identifier name):"
                        + " NXDOMAIN from 127.0.0.77:15353");
    }

    @Test
    void resolvableWithTacUsesTheTrackingAreaNameWhenItResolves() {
        Events events = run(ResolvableTaiName.class, Lab.DNS);
        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(reportEntries(events)).anyMatch(v -> v.startsWith("The ePDG of 001-22 can be discovered: resolver"
                + " 127.0.0.77:15353 answered tac-lb2b.tac-hb1a.tac.epdg.epc.mnc022.mcc001.pub.3gppnetwork.org (A and AAAA)"
                + " with 10.77.0.2") && !v.contains("10.77.0.4"));
    }

    @Test
    void reachableWithTacFallsBackToTheOperatorName() {
        Events events = run(TaiNameFallback.class, Lab.DNS);
        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(reportEntries(events)).anyMatch(v -> v.startsWith("Wi-Fi Calling to 001-21 can reach its ePDG:"
                + " epdg.epc.mnc021.mcc001.pub.3gppnetwork.org resolved to IPv4 10.77.0.2; no IPv6")
                && v.contains("Discovery: tracking area name tac-lb2b.tac-hb1a.tac.epdg.epc.mnc021.mcc001.pub.3gppnetwork.org"
                + " gave NXDOMAIN from 127.0.0.77:15353; then epdg.epc.mnc021.mcc001.pub.3gppnetwork.org resolved"
                + " (operator identifier name: the fallback when the area name does not resolve"));
    }

    @Test
    void twoResolversThatDisagreeAreNamedInTheSentence() {
        Events events = run(Disagreeing.class, Map.of("wificall.dns.servers", Lab.DNS + "," + UNBOUND));
        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        List<String> entries = reportEntries(events);
        assertThat(entries).anyMatch(v -> v.startsWith("Wi-Fi Calling to 001-19 can reach its ePDG:"
                + " epdg.epc.mnc019.mcc001.pub.3gppnetwork.org resolved to IPv4 10.77.0.2; no IPv6 (resolver"
                + " 127.0.0.77:15353) and 10.77.0.2 answered IKE_SA_INIT on UDP/500 and UDP/4500.")
                && v.contains(" Resolvers disagree: resolvers 127.0.0.77:15353 and 127.0.0.79:15355 give different"
                + " addresses for epdg.epc.mnc019.mcc001.pub.3gppnetwork.org"));
        assertThat(entries).anyMatch(v -> v.startsWith("The ePDG of 001-19 can be discovered:")
                && v.contains("only 127.0.0.77:15353 gave 10.77.0.2; only 127.0.0.79:15355 gave 10.77.0.4"));
    }

    @Test
    void addressPolicyAllFailsNamingTheBlockedAddress(Lab lab) {
        lab.command("block", "4500", "drop", "fd77::2");
        try {
            Events any = run(PolicyAny.class, Lab.DNS);
            any.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
            assertThat(reportEntries(any)).anyMatch(v -> v.startsWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) can"
                    + " reach its ePDG") && v.contains("Not every address works: fd77::2 (UDP/4500 got no answer"));

            Throwable failure = onlyFailure(run(PolicyAll.class, Lab.DNS));
            assertThat(failure).isInstanceOf(AssertionFailedError.class)
                    .hasMessageStartingWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) fails address policy 'all'")
                    .hasMessageContaining("but fd77::2 (UDP/4500 got no answer to 4 IKE_SA_INIT requests")
                    .hasMessageContaining("UDP/4500 to fd77::2 (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org): NO_ANSWER");
        } finally {
            lab.command("unblock");
        }
    }

    @Test
    void tacInBareHexIsAConfigurationError() {
        Throwable failure = onlyFailure(run(BareHexTac.class, Lab.DNS));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 1, mnc = 21, tac = \"1a2b\") on class ")
                .hasMessageContaining("tac = \"1a2b\": TAC '1a2b' looks like hex without 0x; write 0x1a2b for hex"
                        + " (6699 in decimal)");
    }

    private static Events run(Class<?> fixture, String dnsServer) {
        return run(fixture, Map.of("wificall.dns.server", dnsServer));
    }

    private static Events run(Class<?> fixture, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(parameters)
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
    }

    private static List<String> reportEntries(Events events) {
        return events.reportingEntryPublished().stream()
                .flatMap(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().values().stream())
                .toList();
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

    @EpdgResolvable(mcc = 262, mnc = 1)
    static class Resolvable26201 {
        @Test
        void call() {
        }
    }

    static class ResolvableNxdomain {
        @Test
        @EpdgResolvable(mcc = 1, mnc = 14)
        void call() {
        }
    }

    @EpdgResolvable(mcc = 1, mnc = 22, tac = "0x1A2B")
    static class ResolvableTaiName {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 1, mnc = 21, tac = "0x1A2B")
    static class TaiNameFallback {
        @Test
        void call() {
        }
    }

    static class Disagreeing {
        @Test
        @EpdgReachable(mcc = 1, mnc = 19)
        void reachable() {
        }

        @Test
        @EpdgResolvable(mcc = 1, mnc = 19)
        void resolvable() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class PolicyAny {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, addressPolicy = "all")
    static class PolicyAll {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 1, mnc = 21, tac = "1a2b")
    static class BareHexTac {
        @Test
        void call() {
        }
    }
}
