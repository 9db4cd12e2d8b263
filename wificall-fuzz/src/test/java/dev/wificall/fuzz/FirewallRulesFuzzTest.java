package dev.wificall.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wificall.firewall.DriftCheck;
import dev.wificall.firewall.DriftPolicy;
import dev.wificall.firewall.DriftReport;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RulesParseException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rules-file parsers of the drift check over arbitrary text: {@link RulesParseException} (naming
 * the file and a line of it) is the only way they may refuse a file, and what they accept a drift check
 * must take. Seeds: the sample and golden files of wificall-core's firewall tests.
 */
class FirewallRulesFuzzTest {
    static final String FILE = "firewall/fuzzed";
    static final List<EpdgAddresses> NOW = addresses();

    @FuzzTest
    void srxSet(byte[] text) {
        parse(FirewallFormat.SRX_SET, text);
    }

    @FuzzTest
    void srxHierarchical(byte[] text) {
        parse(FirewallFormat.SRX_HIERARCHICAL, text);
    }

    @FuzzTest
    void nftables(byte[] text) {
        parse(FirewallFormat.NFTABLES, text);
    }

    @FuzzTest
    void iptables(byte[] text) {
        parse(FirewallFormat.IPTABLES, text);
    }

    @FuzzTest
    void ip6tables(byte[] text) {
        parse(FirewallFormat.IP6TABLES, text);
    }

    @FuzzTest
    void asa(byte[] text) {
        parse(FirewallFormat.CISCO_ASA, text);
    }

    @FuzzTest
    void panos(byte[] text) {
        parse(FirewallFormat.PAN_OS, text);
    }

    @FuzzTest
    void fortios(byte[] text) {
        parse(FirewallFormat.FORTIOS, text);
    }

    @FuzzTest
    void pfsense(byte[] text) {
        parse(FirewallFormat.PFSENSE, text);
    }

    @FuzzTest
    void mikrotik(byte[] text) {
        parse(FirewallFormat.MIKROTIK, text);
    }

    /** terraform-aws and terraform-gcp share the parser. */
    @FuzzTest
    void terraform(byte[] text) {
        parse(FirewallFormat.TERRAFORM_AWS, text);
    }

    private static void parse(FirewallFormat format, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        ParsedRules rules;
        try {
            rules = format.parse(FILE, text);
        } catch (RulesParseException e) {
            assertThat(e.file()).isEqualTo(FILE);
            assertThat(e.line()).isBetween(1, (int) text.lines().count() + 1);
            assertThat(e.getMessage()).startsWith(FILE + " line ");
            return;
        }
        assertThat(rules.files()).containsExactly(FILE);
        DriftReport report = DriftCheck.check(NOW, rules, DriftPolicy.DEFAULTS.withStaleIsViolation(true));
        assertThat(report.text()).isNotNull();
    }

    private static List<EpdgAddresses> addresses() {
        try {
            return List.of(new EpdgAddresses("262-01 T-Mobile(Telekom)", "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
                    List.of(InetAddress.getByName("10.77.0.2"), InetAddress.getByName("fd77::2"))));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
