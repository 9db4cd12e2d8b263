package dev.wificall.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Misuse of the annotations and the configuration parameters, found before any DNS query: each
 * fixture fails with an ExtensionConfigurationException that names the attribute and the value.
 */
class ConfigurationMistakesTest {

    @Test
    void tacAsBareHexNamesTheAttributeAndBothReadings() {
        assertThat(failure(BareHexTac.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 262, mnc = 1, tac = \"1a2b\") on class ")
                .hasMessageContaining("BareHexTac: tac = \"1a2b\": TAC '1a2b' looks like hex without 0x; write 0x1a2b"
                        + " for hex (6699 in decimal)");
    }

    @Test
    void reservedLacOnAMethodNamesTheMethod() {
        assertThat(failure(ReservedLac.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgResolvable(mcc = 262, mnc = 1, lac = \"0xFFFE\") on ")
                .hasMessageContaining("ReservedLac.call()")
                .hasMessageContaining("lac = \"0xFFFE\": LAC 0xFFFE is reserved");
    }

    @Test
    void tac5gsOutOfRange() {
        assertThat(failure(BigTac5gs.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("tac5gs = \"0x1000000\": 5GS TAC '0x1000000' is not 24-bit hex");
    }

    @Test
    void visitedMccOfTheHomeCountry() {
        assertThat(failure(VisitingHome.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("visitedMcc = \"262\": visited MCC 262 is the home country of 262-01");
    }

    @Test
    void visitedMccOfTwoDigits() {
        assertThat(failure(VisitingTwoDigits.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("visitedMcc = \"23\": visited MCC '23' is not 3 digits");
    }

    @Test
    void tacAbroadNamesBothAttributes() {
        assertThat(failure(TacAbroad.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 262, mnc = 1, tac = \"0x1A2B\", visitedMcc = \"234\")")
                .hasMessageContaining("tac = \"0x1A2B\" with visitedMcc = \"234\": an area code abroad belongs to the"
                        + " visited network");
    }

    @Test
    void unknownAddressPolicy() {
        assertThat(failure(SomePolicy.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("addressPolicy = \"most\": 'most' is not an address policy; expected any");
    }

    @Test
    void bothDnsParametersAreAMistakeNamingBoth() {
        assertThat(failure(Fine.class, Map.of("wificall.dns.server", "10.0.0.53",
                "wificall.dns.servers", "10.0.0.53,9.9.9.9")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameters wificall.dns.server = '10.0.0.53' and"
                        + " wificall.dns.servers = '10.0.0.53,9.9.9.9' are both set; set one");
    }

    @Test
    void emptyItemInDnsServers() {
        assertThat(failure(Fine.class, Map.of("wificall.dns.servers", "10.0.0.53,,9.9.9.9")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter wificall.dns.servers = '10.0.0.53,,9.9.9.9': item 2"
                        + " of 3 is empty");
    }

    @Test
    void badItemInDnsServers() {
        assertThat(failure(Fine.class, Map.of("wificall.dns.servers", "10.0.0.53,[fd00::53]:70000")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter wificall.dns.servers = '10.0.0.53,[fd00::53]:70000':")
                .hasMessageContaining("port 70000 is out of range");
    }

    @Test
    void sameResolverTwice() {
        assertThat(failure(Fine.class, Map.of("wificall.dns.servers", "10.0.0.53, 10.0.0.53:53")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("10.0.0.53:53 is listed twice");
    }

    private static Throwable failure(Class<?> fixture, Map<String, String> parameters) {
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(parameters)
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
        events.assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @EpdgReachable(mcc = 262, mnc = 1, tac = "1a2b")
    static class BareHexTac {
        @Test
        void call() {
        }
    }

    static class ReservedLac {
        @Test
        @EpdgResolvable(mcc = 262, mnc = 1, lac = "0xFFFE")
        void call() {
        }
    }

    @EpdgResolvable(mcc = 262, mnc = 1, tac5gs = "0x1000000")
    static class BigTac5gs {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, visitedMcc = "262")
    static class VisitingHome {
        @Test
        void call() {
        }
    }

    @EpdgResolvable(mcc = 262, mnc = 1, visitedMcc = "23")
    static class VisitingTwoDigits {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, tac = "0x1A2B", visitedMcc = "234")
    static class TacAbroad {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, addressPolicy = "most")
    static class SomePolicy {
        @Test
        void call() {
        }
    }

    @EpdgResolvable(mcc = 262, mnc = 1)
    static class Fine {
        @Test
        void call() {
        }
    }
}
