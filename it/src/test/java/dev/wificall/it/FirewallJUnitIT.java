package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.junit.FirewallAllowsEpdg;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * {@code @FirewallAllowsEpdg} against the lab's resolver: rules written for the addresses DNS gives
 * pass; an address added in DNS fails naming it; a rule to any destination fails when asked; a rules
 * file that does not parse is a configuration error with its line. The rules files live under
 * target/firewall-junit, relative to the module directory (the tests' working directory).
 */
@ExtendWith(LabExtension.class)
class FirewallJUnitIT {

    private static final Path DIR = Path.of("target/firewall-junit");

    @Test
    void rulesThatMatchDnsPassAndAnAddedAddressFails() throws Exception {
        EpdgAddresses telekom = new EpdgAddresses("262-01 T-Mobile(Telekom)", "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
                List.of(InetAddress.getByName("10.77.0.2"), InetAddress.getByName("fd77::2")));
        write("current.nft", FirewallFormat.NFTABLES.render(List.of(telekom), RuleOptions.DEFAULTS));
        run(Current.class).assertStatistics(s -> s.started(1).succeeded(1));

        EpdgAddresses before = new EpdgAddresses(telekom.operator(), telekom.fqdn(),
                List.of(InetAddress.getByName("10.77.0.2")));
        write("old.nft", FirewallFormat.NFTABLES.render(List.of(before), RuleOptions.DEFAULTS));
        assertThat(failure(run(Old.class))).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("fd77::2 (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org, 262-01 T-Mobile(Telekom)) is"
                        + " not allowed on udp/500 and udp/4500 by target/firewall-junit/old.nft");
    }

    @Test
    void aRuleToAnyDestinationFailsWhenAsked() throws Exception {
        write("broad.nft", """
                table inet office {
                  chain output {
                    type filter hook output priority filter; policy accept;
                    udp dport { 500, 4500 } accept
                  }
                }
                """);
        Events warned = run(BroadWarned.class);
        warned.assertStatistics(s -> s.started(1).succeeded(1));
        // a warning, not silence: the report entry names the rule
        assertThat(warned.reportingEntryPublished().stream()
                .flatMap(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().values().stream()))
                .anyMatch(v -> v.contains("target/firewall-junit/broad.nft line 4") && v.contains("to any destination"));
        assertThat(failure(run(BroadFails.class))).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("target/firewall-junit/broad.nft line 4")
                .hasMessageContaining("to any destination");
    }

    @Test
    void aRulesFileThatDoesNotParseNamesItsLine() throws Exception {
        write("broken.nft", "table inet office {\n  chain output {\n    ip daddr 10.77.0.300 udp dport 500 accept\n  }\n}\n");
        assertThat(failure(run(Broken.class))).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@FirewallAllowsEpdg(rules = \"target/firewall-junit/broken.nft\")")
                .hasMessageContaining("line 3").hasMessageContaining("10.77.0.300");
    }

    private static void write(String name, String text) throws Exception {
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve(name), text);
    }

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").configurationParameters(Map.of("wificall.dns.server", Lab.DNS))
                .selectors(selectClass(fixture)).execute().testEvents();
    }

    private static Throwable failure(Events events) {
        events.assertStatistics(s -> s.started(1).failed(1));
        return events.failed().stream().findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow();
    }

    @FirewallAllowsEpdg(rules = "target/firewall-junit/current.nft", operators = "262-01")
    static class Current {
        @Test
        void call() {
        }
    }

    @FirewallAllowsEpdg(rules = "target/firewall-junit/old.nft", operators = "262-01")
    static class Old {
        @Test
        void call() {
        }
    }

    @FirewallAllowsEpdg(rules = "target/firewall-junit/broad.nft", operators = "262-01")
    static class BroadWarned {
        @Test
        @FirewallAllowsEpdg(rules = "target/firewall-junit/broad.nft", operators = "262-01")
        void call() {
        }
    }

    @FirewallAllowsEpdg(rules = "target/firewall-junit/broad.nft", operators = "262-01", broadRulesFail = true)
    static class BroadFails {
        @Test
        void call() {
        }
    }

    @FirewallAllowsEpdg(rules = "target/firewall-junit/broken.nft", operators = "262-01")
    static class Broken {
        @Test
        void call() {
        }
    }
}
