package dev.wificall.firewall;

import static dev.wificall.firewall.Fixtures.FQDN1;
import static dev.wificall.firewall.Fixtures.FQDN2;
import static dev.wificall.firewall.Fixtures.lab;
import static dev.wificall.firewall.Fixtures.lineOf;
import static dev.wificall.firewall.Fixtures.telekom;
import static dev.wificall.firewall.Fixtures.vodafone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules kept in a repository against what DNS says now. */
class DriftCheckTest {

    private static final String TELEKOM = "262-01 T-Mobile(Telekom)";

    private static ParsedRules rendered(FirewallFormat format, String file) {
        return format.parse(file, format.render(lab(), RuleOptions.DEFAULTS));
    }

    @Test
    void anAddressAddedInDnsIsAViolationNamingItTheOperatorAndWhereItGoes() {
        List<EpdgAddresses> now = List.of(telekom("10.77.0.2", "fd77::2", "10.77.0.9"), vodafone("10.77.0.3", "fd77::3"));
        DriftReport srx = DriftCheck.check(now, rendered(FirewallFormat.SRX_SET, "firewall/srx.conf"), DriftPolicy.DEFAULTS);
        assertThat(srx.passed()).isFalse();
        assertThat(srx.violations()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.NOT_ALLOWED);
            assertThat(f.address()).isEqualTo(Fixtures.address("10.77.0.9"));
            assertThat(f.message()).isEqualTo("10.77.0.9 (" + FQDN1 + ", " + TELEKOM + ") is not allowed on udp/500 and"
                    + " udp/4500 by firewall/srx.conf; add it to address-set epdg-addresses");
        });
        assertThat(srx.text()).startsWith("Firewall drift: 1 violation, 0 warnings (5 ePDG addresses of 2 operators"
                + " against 1 rule allowing udp/500 or udp/4500 in firewall/srx.conf).\n  VIOLATION NOT_ALLOWED: 10.77.0.9");

        List<EpdgAddresses> v6 = List.of(telekom("10.77.0.2", "fd77::2", "fd77::9"), vodafone("10.77.0.3", "fd77::3"));
        assertThat(DriftCheck.check(v6, rendered(FirewallFormat.NFTABLES, "wificall.nft"), DriftPolicy.DEFAULTS)
                .violations()).extracting(Finding::message).containsExactly("fd77::9 (" + FQDN1 + ", " + TELEKOM + ") is"
                + " not allowed on udp/500 and udp/4500 by wificall.nft; add it to set epdg6");
        ParsedRules both = ParsedRules.merge(List.of(rendered(FirewallFormat.IPTABLES, "v4.rules"),
                rendered(FirewallFormat.IP6TABLES, "v6.rules")));
        assertThat(DriftCheck.check(now, both, DriftPolicy.DEFAULTS).violations()).extracting(Finding::message)
                .containsExactly("10.77.0.9 (" + FQDN1 + ", " + TELEKOM + ") is not allowed on udp/500 and udp/4500 by"
                        + " v4.rules and v6.rules; add it to chain WIFICALL in v4.rules");
    }

    @Test
    void oneMissingPortIsNamed() {
        String nft = """
                table inet filter {
                \tchain forward {
                \t\ttype filter hook forward priority filter; policy drop;
                \t\tip daddr 10.77.0.2 udp dport 500 accept
                \t\tip daddr 10.77.0.5 udp dport 4500 accept
                \t}
                }
                """;
        DriftReport r = DriftCheck.check(List.of(telekom("10.77.0.2")), FirewallFormat.NFTABLES.parse("gw.nft", nft),
                DriftPolicy.DEFAULTS);
        assertThat(r.violations()).extracting(Finding::message).containsExactly("10.77.0.2 (" + FQDN1 + ", " + TELEKOM
                + ") is not allowed on udp/4500 by gw.nft; allow it in chain forward in table inet filter (gw.nft line 5)");
        assertThat(r.warnings()).extracting(Finding::message).containsExactly("gw.nft line 5: 10.77.0.5 (the rule) is"
                + " allowed on udp/4500 but no ePDG name resolves to it now (" + FQDN1 + "); remove it");
    }

    @Test
    void anAddressGoneFromDnsIsStaleWithFileLineAndAddress() {
        String text = FirewallFormat.SRX_HIERARCHICAL.render(lab(), RuleOptions.DEFAULTS);
        ParsedRules rules = FirewallFormat.SRX_HIERARCHICAL.parse("firewall/srx.conf", text);
        List<EpdgAddresses> now = List.of(telekom("fd77::2"), vodafone("10.77.0.3", "fd77::3"));
        DriftReport r = DriftCheck.check(now, rules, DriftPolicy.DEFAULTS);
        int line = lineOf(text, "address epdg-262-01-10.77.0.2 10.77.0.2/32;");
        assertThat(r.passed()).isTrue();
        assertThat(r.warnings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.STALE);
            assertThat(f.violation()).isFalse();
            assertThat(f.file()).isEqualTo("firewall/srx.conf");
            assertThat(f.line()).isEqualTo(line);
            assertThat(f.message()).isEqualTo("firewall/srx.conf line " + line + ": 10.77.0.2 (address"
                    + " epdg-262-01-10.77.0.2) is allowed on udp/500 and udp/4500 but no ePDG name resolves to it now ("
                    + FQDN1 + ", " + FQDN2 + "); remove it");
        });
        assertThat(DriftCheck.check(now, rules, DriftPolicy.DEFAULTS.withStaleIsViolation(true)).passed()).isFalse();

        String nft = FirewallFormat.NFTABLES.render(lab(), RuleOptions.DEFAULTS);
        assertThat(DriftCheck.check(now, FirewallFormat.NFTABLES.parse("wificall.nft", nft), DriftPolicy.DEFAULTS)
                .warnings()).extracting(Finding::line).containsExactly(lineOf(nft, "\t\t\t10.77.0.2,"));
    }

    @Test
    void anOperatorThatResolvedToNothingStopsTheStaleCheckAndSaysWhy() {
        List<EpdgAddresses> now = List.of(telekom(), vodafone("10.77.0.3", "fd77::3"));
        DriftReport r = DriftCheck.check(now, rendered(FirewallFormat.NFTABLES, "wificall.nft"), DriftPolicy.DEFAULTS
                .withStaleIsViolation(true));
        assertThat(r.passed()).isTrue();
        assertThat(r.warnings()).extracting(Finding::message).containsExactly("stale entries not checked: " + FQDN1
                + " (" + TELEKOM + ") resolved to no address, and the rules may hold its addresses");
    }

    @Test
    void aRuleToAnyHostIsTooBroadAWarningOrAViolation() {
        String set = """
                set security policies from-zone trust to-zone untrust policy internet match source-address any
                set security policies from-zone trust to-zone untrust policy internet match destination-address any
                set security policies from-zone trust to-zone untrust policy internet match application any
                set security policies from-zone trust to-zone untrust policy internet then permit
                """;
        ParsedRules rules = FirewallFormat.SRX_SET.parse("firewall/srx.set", set);
        DriftReport warn = DriftCheck.check(lab(), rules, DriftPolicy.DEFAULTS);
        assertThat(warn.passed()).isTrue();
        assertThat(warn.warnings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.TOO_BROAD);
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.message()).isEqualTo("firewall/srx.set line 1: policy internet (from-zone trust to-zone untrust)"
                    + " allows udp/500 and udp/4500 to any destination (0.0.0.0/0 and ::/0), which lets any IKE/IPsec VPN"
                    + " out too; allow the ePDG addresses only");
        });
        DriftReport fail = DriftCheck.check(lab(), rules, DriftPolicy.DEFAULTS.withTooBroadIsViolation(true));
        assertThat(fail.passed()).isFalse();
        assertThat(fail.violations()).extracting(Finding::kind).containsExactly(Finding.Kind.TOO_BROAD);
    }

    @Test
    void aNegatedDestinationIsTooBroadAndCoversOnlyWhatItDoesNotExclude() {
        String text = Fixtures.resource("office-broad.nft");
        ParsedRules rules = FirewallFormat.NFTABLES.parse("office-broad.nft", text);
        DriftReport r = DriftCheck.check(lab(), rules, DriftPolicy.DEFAULTS);
        assertThat(r.warnings()).extracting(Finding::message).containsExactly(
                "office-broad.nft line 4: chain output in table inet filter allows udp/500 and udp/4500 to any"
                        + " destination (0.0.0.0/0 and ::/0), which lets any IKE/IPsec VPN out too; allow the ePDG"
                        + " addresses only",
                "office-broad.nft line 8: chain forward in table inet filter allows udp/500 to any destination (not"
                        + " 10.0.0.0/8), which lets any IKE/IPsec VPN out too; allow the ePDG addresses only");
        AllowRule forward = rules.rules().get(1);
        assertThat(forward.destinations()).noneMatch(d -> d.contains(Fixtures.address("10.77.0.2")))
                .anyMatch(d -> d.contains(Fixtures.address("192.0.2.1")))
                .anyMatch(d -> d.contains(Fixtures.address("9.255.255.255")));
    }

    @Test
    void prefixesAndRangesCoverTheAddressesInThem() {
        String nft = """
                table inet filter {
                \tchain forward {
                \t\ttype filter hook forward priority filter; policy drop;
                \t\tip daddr 10.77.0.0/24 udp dport { 500, 4500 } accept
                \t\tip6 daddr fd77::/64 udp dport 500-4500 accept
                \t}
                }
                """;
        DriftReport r = DriftCheck.check(lab(), FirewallFormat.NFTABLES.parse("gw.nft", nft), DriftPolicy.DEFAULTS
                .withStaleIsViolation(true).withTooBroadIsViolation(true));
        assertThat(r.findings()).isEmpty();
        assertThat(DriftCheck.check(List.of(telekom("10.77.1.2", "fd77:0:0:1::2")), FirewallFormat.NFTABLES.parse("gw.nft",
                nft), DriftPolicy.DEFAULTS).violations()).extracting(Finding::address)
                .containsExactly(Fixtures.address("10.77.1.2"), Fixtures.address("fd77:0:0:1::2"));
    }

    @Test
    void aJunosDnsNameEntryCoversTheAddressesOfThatName() {
        String set = """
                set security address-book global address telekom-epdg dns-name EPDG.epc.mnc001.mcc262.pub.3gppnetwork.org.
                set security address-book global address retired dns-name epdg.epc.mnc099.mcc262.pub.3gppnetwork.org
                set security address-book global address-set epdg address telekom-epdg
                set security address-book global address-set epdg address retired
                set security policies from-zone trust to-zone untrust policy wfc match source-address any
                set security policies from-zone trust to-zone untrust policy wfc match destination-address epdg
                set security policies from-zone trust to-zone untrust policy wfc match application junos-ike
                set security policies from-zone trust to-zone untrust policy wfc match application junos-ike-nat
                set security policies from-zone trust to-zone untrust policy wfc then permit
                """;
        DriftReport r = DriftCheck.check(List.of(telekom("10.77.0.2", "fd77::2")),
                FirewallFormat.SRX_SET.parse("srx.set", set), DriftPolicy.DEFAULTS);
        assertThat(r.violations()).isEmpty();
        assertThat(r.warnings()).extracting(Finding::message).containsExactly("srx.set line 2:"
                + " epdg.epc.mnc099.mcc262.pub.3gppnetwork.org (address retired) is allowed on udp/500 and udp/4500 but"
                + " no ePDG name resolves to it now (" + FQDN1 + "); remove it");
    }

    @Test
    void noRulesAtAll() {
        DriftReport r = DriftCheck.check(lab(), FirewallFormat.NFTABLES.parse("empty.nft", "# nothing\n"),
                DriftPolicy.DEFAULTS);
        assertThat(r.violations()).hasSize(4).first().extracting(Finding::message).isEqualTo("10.77.0.2 (" + FQDN1
                + ", " + TELEKOM + ") is not allowed on udp/500 and udp/4500 by empty.nft; no rule there allows udp/500"
                + " and udp/4500; add the rules wificall writes");
    }

    @Test
    void argumentsAreRequired() {
        assertThatThrownBy(() -> DriftCheck.check(null, new ParsedRules(List.of(), List.of()), DriftPolicy.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the resolved addresses");
    }
}
