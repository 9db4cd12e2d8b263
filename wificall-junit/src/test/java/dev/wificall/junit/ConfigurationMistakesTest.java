package dev.wificall.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
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

    @Test
    void twoDigitMccIsNotACountryCode() {
        assertThat(failure(TwoDigitMcc.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 26, mnc = 1) on class ")
                .hasMessageContaining(": mcc = 26: MCC 026 is not a mobile country code; expected 200 to 799");
    }

    @Test
    void noOperatorAtAll() {
        assertThat(failure(NoOperator.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable() on class ")
                .hasMessageContaining(": no operator named; give mcc and mnc (mcc = 262, mnc = 1), operator = \"262-01\"");
    }

    @Test
    void mccWithoutMnc() {
        assertThat(failure(MccAlone.class, Map.of()))
                .hasMessageContaining("@EpdgReachable(mcc = 262)").hasMessageContaining("mcc = 262 without mnc; give both");
    }

    @Test
    void fqdnAndMccTogether() {
        assertThat(failure(FqdnAndMcc.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("mcc = 262, mnc = 1 and fqdn = \"epdg.example.net\" each name an operator; give one"
                        + " of them");
    }

    @Test
    void unknownPort() {
        assertThat(failure(UnknownPort.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("ports = {500, 501}: '501' is not an IKE port; expected 500 or 4500");
    }

    @Test
    void unknownOperatorName() {
        assertThat(failure(UnknownName.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("operator = \"Nokiafon\": ");
    }

    @Test
    void badDurationAttribute() {
        assertThat(failure(BadTimeout.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("probeTimeout = \"5\": '5' is not a duration; expected a number with a unit");
    }

    @Test
    void badConfigurationParametersNameThemselves() {
        assertThat(failure(Fine.class, Map.of("wificall.ports", "501")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter wificall.ports = '501': '501' is not an IKE port; expected 500 or 4500");
        assertThat(failure(Fine.class, Map.of("wificall.dns.timeout", "3")))
                .hasMessage("configuration parameter wificall.dns.timeout = '3': '3' is not a duration; expected a number"
                        + " with a unit, e.g. 3s, 500ms or 1m");
        assertThat(failure(Fine.class, Map.of("wificall.rate", "fast")))
                .hasMessageStartingWith("configuration parameter wificall.rate = 'fast': 'fast' is not a packet rate");
        assertThat(failure(Fine.class, Map.of("wificall.abortWhenUnreachable", "yes")))
                .hasMessage("configuration parameter wificall.abortWhenUnreachable = 'yes': 'yes' is not a boolean;"
                        + " expected true or false");
        assertThat(failure(Fine.class, Map.of("wificall.addressPolicy", "most")))
                .hasMessageStartingWith("configuration parameter wificall.addressPolicy = 'most': 'most' is not an"
                        + " address policy");
        assertThat(failure(Fine.class, Map.of("wificall.maxAddresses", "all")))
                .hasMessage("configuration parameter wificall.maxAddresses = 'all': 'all' is not a number of addresses;"
                        + " expected a positive whole number of addresses to probe per name, e.g. 16 (the default) or 1000");
    }

    @Test
    void builderMistakesNameTheCall() {
        assertThatThrownBy(() -> WifiCallingExtension.builder().operator("26-1"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("WifiCallingExtension.builder().operator(\"26-1\"): '26-1' is not an operator");
        assertThatThrownBy(() -> WifiCallingExtension.builder().build())
                .hasMessageStartingWith("WifiCallingExtension.builder().build(): no operator");
        assertThatThrownBy(() -> WifiCallingExtension.builder().operator("262-01").operator(262, 1))
                .hasMessageContaining("operator(262, 1): this operator is already named");
        assertThatThrownBy(() -> WifiCallingExtension.builder().dnsServer("not a host:99999"))
                .hasMessageStartingWith("WifiCallingExtension.builder().dnsServer(\"not a host:99999\"):");
        assertThatThrownBy(() -> WifiCallingExtension.builder().fqdn("epdg..example.net"))
                .hasMessageContaining("'epdg..example.net' is not a domain name");
        assertThatThrownBy(() -> WifiCallingExtension.builder().ports())
                .hasMessageContaining("expected UDP_500, UDP_4500 or both, each once");
        assertThatThrownBy(() -> WifiCallingExtension.builder().probeTimeout(Duration.ZERO))
                .hasMessageContaining("probeTimeout(PT0S): expected a duration between 1 ms and 10 minutes");
    }

    @EpdgReachable(mcc = 26, mnc = 1)
    static class TwoDigitMcc {
        @Test
        void call() {
        }
    }

    @EpdgReachable
    static class NoOperator {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262)
    static class MccAlone {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, fqdn = "epdg.example.net")
    static class FqdnAndMcc {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ports = {500, 501})
    static class UnknownPort {
        @Test
        void call() {
        }
    }

    @EpdgReachable(operator = "Nokiafon")
    static class UnknownName {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, probeTimeout = "5")
    static class BadTimeout {
        @Test
        void call() {
        }
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
