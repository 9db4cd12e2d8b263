package dev.wificall.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleOptionsTest {

    @Test
    void defaults() {
        RuleOptions d = RuleOptions.DEFAULTS;
        assertThat(d.fromZone()).isEqualTo("trust");
        assertThat(d.toZone()).isEqualTo("untrust");
        assertThat(d.policyName()).isEqualTo("allow-wifi-calling");
        assertThat(d.addressSetName()).isEqualTo("epdg-addresses");
        assertThat(d.applicationSetName()).isEqualTo("wificall-ike-apps");
        assertThat(d.sources()).isEmpty();
        assertThat(d.nftTable()).isEqualTo("wificall");
        assertThat(d.iptablesChain()).isEqualTo("WIFICALL");
        assertThat(d.ikeEspNatAlg()).isTrue();
        assertThat(d.generatedAt()).isNull();
        assertThat(d.defaultDrop()).isFalse();
        assertThat(d.withDefaultDrop(true).defaultDrop()).isTrue();
        assertThat(d.withDefaultDrop(true).withSources(List.of("10.20.0.0/16")).withNftTable("t").defaultDrop()).isTrue();
    }

    @Test
    void namesAreCheckedWithTheValueAndWhatIsExpected() {
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withZones("tr ust", "untrust"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fromZone 'tr ust' is not a usable name: expected 1 to 63 letters, digits, '.', '-' or '_',"
                        + " starting with a letter or digit");
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withAddressSetName("any"))
                .hasMessageContaining("addressSetName 'any' is a Junos keyword");
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withPolicyName("x".repeat(64)))
                .hasMessageContaining("policyName '" + "x".repeat(64) + "' is not a usable name");
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withNftTable("wifi-call"))
                .hasMessageContaining("nftTable 'wifi-call' is not an nftables name");
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withIptablesChain("FORWARD"))
                .hasMessageContaining("iptablesChain 'FORWARD' is not a user chain name");
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withIptablesChain("W".repeat(29)))
                .hasMessageContaining("up to 27");
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withApplicationSetName(null))
                .hasMessageContaining("applicationSetName null is not a usable name");
    }

    @Test
    void sourcesAreCidrPrefixes() {
        assertThat(RuleOptions.DEFAULTS.withSources(List.of(" 10.20.0.0/16", "fd00:20:0::/64", "10.20.0.0/16")).sources())
                .containsExactly("10.20.0.0/16", "fd00:20::/64");
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withSources(List.of("10.20.0.1/16")))
                .hasMessageContaining("sources: '10.20.0.1/16' has bits set past the prefix length; did you mean"
                        + " 10.20.0.0/16?");
        assertThatThrownBy(() -> RuleOptions.DEFAULTS.withSources(List.of("office-lan")))
                .hasMessageContaining("sources: 'office-lan' is not an address prefix");
    }

    @Test
    void formatsByName() {
        assertThat(FirewallFormat.of("srx-set")).isEqualTo(FirewallFormat.SRX_SET);
        assertThat(FirewallFormat.of(" NFTABLES ")).isEqualTo(FirewallFormat.NFTABLES);
        assertThat(FirewallFormat.of("cisco_asa")).isEqualTo(FirewallFormat.CISCO_ASA);
        assertThat(FirewallFormat.of("OPNsense")).isEqualTo(FirewallFormat.PFSENSE);
        assertThat(FirewallFormat.of("fortigate")).isEqualTo(FirewallFormat.FORTIOS);
        assertThat(FirewallFormat.of("terraform-gcp")).isEqualTo(FirewallFormat.TERRAFORM_GCP);
        assertThatThrownBy(() -> FirewallFormat.of("pf"))
                .hasMessage("'pf' is not a firewall format; expected one of srx-set, srx, nftables, iptables, ip6tables,"
                        + " asa, panos, fortios, pfsense, mikrotik, terraform-aws, terraform-gcp");
        assertThatThrownBy(() -> FirewallFormat.of("*.tf")).hasMessageStartingWith("'*.tf' is not a firewall format");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "firewall/srx.set, SRX_SET", "srx.conf, SRX_HIERARCHICAL", "edge.junos, SRX_HIERARCHICAL",
            "wificall.nft, NFTABLES", "gcp.nft, NFTABLES", "iptables.rules, IPTABLES", "ip6tables.rules, IP6TABLES",
            "office-iptables.conf, IPTABLES", // the tool's name wins over the ending
            "firewall/asa.txt, CISCO_ASA", "edge.asa, CISCO_ASA", "PaloAlto-edge.txt, PAN_OS", "panos.set, PAN_OS",
            "fortigate-hq.conf, FORTIOS", "fortios.txt, FORTIOS", "opnsense-config.xml, PFSENSE", "pfsense.xml, PFSENSE",
            "edge.rsc, MIKROTIK", "routeros-export.txt, MIKROTIK", "egress.tf, TERRAFORM_AWS", "gcp-egress.tf, TERRAFORM_GCP"})
    void formatsByFileName(String name, FirewallFormat format) {
        assertThat(FirewallFormat.ofFileName(name)).contains(format);
    }

    @Test
    void aNameThatTellsNothingGivesNoFormat() {
        assertThat(FirewallFormat.ofFileName("rules.txt")).isEmpty();
        assertThat(FirewallFormat.ofFileName(null)).isEmpty();
    }

    @Test
    void anOperatorNeedsALabelAndAName() {
        assertThatThrownBy(() -> new EpdgAddresses(" ", Fixtures.FQDN1, List.of()))
                .hasMessageContaining("operator is empty");
        assertThatThrownBy(() -> new EpdgAddresses("262-01", "", List.of()))
                .hasMessageContaining("fqdn of 262-01 is empty");
    }
}
