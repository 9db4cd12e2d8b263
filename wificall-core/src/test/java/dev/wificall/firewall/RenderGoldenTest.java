package dev.wificall.firewall;

import static dev.wificall.firewall.Fixtures.lab;
import static dev.wificall.firewall.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each format against a file of expected output, compared exactly. */
class RenderGoldenTest {

    /** Sources (out of order), other zones, no ALG and a time stamp. */
    static final RuleOptions OFFICE = RuleOptions.DEFAULTS
            .withSources(List.of("10.20.0.0/16", "fd00:20::/64", "192.168.7.0/24"))
            .withZones("office", "internet").withIkeEspNatAlg(false)
            .withGeneratedAt(Instant.parse("2026-11-27T08:00:00Z"));

    /** The defaults as a complete default-drop firewall. */
    static final RuleOptions DROP = RuleOptions.DEFAULTS.withDefaultDrop(true);

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of(FirewallFormat.SRX_SET, RuleOptions.DEFAULTS, "golden-srx.set"),
                Arguments.of(FirewallFormat.SRX_HIERARCHICAL, RuleOptions.DEFAULTS, "golden-srx.conf"),
                Arguments.of(FirewallFormat.NFTABLES, RuleOptions.DEFAULTS, "golden.nft"),
                Arguments.of(FirewallFormat.IPTABLES, RuleOptions.DEFAULTS, "golden.iptables"),
                Arguments.of(FirewallFormat.IP6TABLES, RuleOptions.DEFAULTS, "golden.ip6tables"),
                Arguments.of(FirewallFormat.CISCO_ASA, RuleOptions.DEFAULTS, "golden-asa.txt"),
                Arguments.of(FirewallFormat.SRX_SET, OFFICE, "golden-sources-srx.set"),
                Arguments.of(FirewallFormat.NFTABLES, OFFICE, "golden-sources.nft"),
                Arguments.of(FirewallFormat.IPTABLES, OFFICE, "golden-sources.iptables"),
                Arguments.of(FirewallFormat.CISCO_ASA, OFFICE, "golden-sources-asa.txt"),
                Arguments.of(FirewallFormat.NFTABLES, DROP, "golden-drop.nft"),
                Arguments.of(FirewallFormat.IPTABLES, DROP, "golden-drop.iptables"),
                Arguments.of(FirewallFormat.IP6TABLES, DROP, "golden-drop.ip6tables"),
                Arguments.of(FirewallFormat.NFTABLES, OFFICE.withDefaultDrop(true), "golden-sources-drop.nft"),
                Arguments.of(FirewallFormat.IPTABLES, OFFICE.withDefaultDrop(true), "golden-sources-drop.iptables"),
                Arguments.of(FirewallFormat.IP6TABLES, OFFICE.withDefaultDrop(true), "golden-sources-drop.ip6tables"),
                Arguments.of(FirewallFormat.PAN_OS, RuleOptions.DEFAULTS, "golden-panos.set"),
                Arguments.of(FirewallFormat.PAN_OS, OFFICE, "golden-sources-panos.set"),
                Arguments.of(FirewallFormat.FORTIOS, RuleOptions.DEFAULTS, "golden-fortios.conf"),
                Arguments.of(FirewallFormat.FORTIOS, OFFICE, "golden-sources-fortios.conf"),
                Arguments.of(FirewallFormat.PFSENSE, RuleOptions.DEFAULTS, "golden-pfsense.xml"),
                Arguments.of(FirewallFormat.PFSENSE, OFFICE, "golden-sources-pfsense.xml"),
                Arguments.of(FirewallFormat.MIKROTIK, RuleOptions.DEFAULTS, "golden-mikrotik.rsc"),
                Arguments.of(FirewallFormat.MIKROTIK, OFFICE, "golden-sources-mikrotik.rsc"),
                Arguments.of(FirewallFormat.TERRAFORM_AWS, RuleOptions.DEFAULTS, "golden-aws.tf"),
                Arguments.of(FirewallFormat.TERRAFORM_GCP, RuleOptions.DEFAULTS, "golden-gcp.tf"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("goldens")
    void matchesTheGoldenFile(FirewallFormat format, RuleOptions options, String golden) {
        assertThat(format.render(lab(), options)).isEqualTo(resource(golden));
    }

    @ParameterizedTest
    @EnumSource(FirewallFormat.class)
    void outputDoesNotDependOnInputOrder(FirewallFormat format) {
        List<EpdgAddresses> reversed = new ArrayList<>();
        for (EpdgAddresses o : lab()) {
            List<java.net.InetAddress> a = new ArrayList<>(o.addresses());
            Collections.reverse(a);
            reversed.add(0, new EpdgAddresses(o.operator(), o.fqdn(), a));
        }
        assertThat(format.render(reversed, RuleOptions.DEFAULTS)).isEqualTo(format.render(lab(), RuleOptions.DEFAULTS));
    }

    @Test
    void srxHasTheAddressSetTheApplicationSetWithTheAlgAndALoggingPolicy() {
        String set = FirewallFormat.SRX_SET.render(lab(), RuleOptions.DEFAULTS);
        assertThat(set).contains(
                "set security address-book global address epdg-262-01-10.77.0.2 10.77.0.2/32\n",
                "set security address-book global address epdg-262-01-fd77--2 fd77::2/128\n",
                "set security address-book global address-set epdg-addresses address epdg-262-02-fd77--3\n",
                "set applications application wificall-ike destination-port 500\n",
                "set applications application wificall-nat-t destination-port 4500\n",
                "set applications application wificall-ike-esp-nat application-protocol ike-esp-nat\n",
                "set applications application-set wificall-ike-apps application wificall-ike\n",
                "set applications application-set wificall-ike-apps application wificall-nat-t\n",
                "set applications application-set wificall-ike-apps application wificall-ike-esp-nat\n",
                "set security alg ike-esp-nat enable\n",
                "policy allow-wifi-calling match destination-address epdg-addresses\n",
                "policy allow-wifi-calling match application wificall-ike-apps\n",
                "policy allow-wifi-calling then permit\n",
                "policy allow-wifi-calling then log session-init\n",
                "policy allow-wifi-calling then log session-close\n");
        assertThat(set).doesNotContain("generated 20").doesNotContain("Generated");
    }

    /** A security group or network is where the phones are: Terraform takes no sources, and says so. */
    @ParameterizedTest
    @EnumSource(value = FirewallFormat.class, names = {"TERRAFORM_AWS", "TERRAFORM_GCP"})
    void terraformWritesNoSourcesButSaysSo(FirewallFormat format) {
        String office = format.render(lab(), OFFICE.withGeneratedAt(null));
        assertThat(office).contains("# From: 10.20.0.0/16, 192.168.7.0/24, fd00:20::/64\n")
                .contains("Sources are not written").doesNotContain("10.20.0.0/16\"");
        assertThat(withoutComments(office)).isEqualTo(withoutComments(format.render(lab(), RuleOptions.DEFAULTS)));
    }

    private static String withoutComments(String text) {
        return text.lines().filter(l -> !l.startsWith("#")).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void anAddressSharedByTwoOperatorsIsWrittenOnceUnderTheFirst() {
        String out = FirewallFormat.SRX_SET.render(List.of(Fixtures.vodafone("10.77.0.9"),
                Fixtures.telekom("10.77.0.9")), RuleOptions.DEFAULTS);
        assertThat(out).containsOnlyOnce("address epdg-262-01-10.77.0.9 10.77.0.9/32")
                .doesNotContain("epdg-262-02-10.77.0.9");
    }

    @Test
    void aConfiguredNameWithoutPlmnGivesNamesWithoutOne() {
        EpdgAddresses custom = new EpdgAddresses("epdg.example.net", "epdg.example.net", Fixtures.addresses("192.0.2.7"));
        assertThat(FirewallFormat.SRX_SET.render(List.of(custom), RuleOptions.DEFAULTS))
                .contains("address epdg-192.0.2.7 192.0.2.7/32");
        assertThat(FirewallFormat.CISCO_ASA.render(List.of(custom), RuleOptions.DEFAULTS))
                .contains(" description wificall: ePDG addresses of the operators in the header");
    }

    @Test
    void nothingResolvedWritesNoRuleButSaysSo() {
        List<EpdgAddresses> none = List.of(Fixtures.telekom());
        assertThat(FirewallFormat.SRX_SET.render(none, RuleOptions.DEFAULTS))
                .contains("262-01 T-Mobile(Telekom): " + Fixtures.FQDN1 + " -> no address (nothing allowed for it)")
                .contains("# No ePDG address resolved: nothing to allow.").doesNotContain("\nset ");
        assertThat(FirewallFormat.CISCO_ASA.render(none, RuleOptions.DEFAULTS)).doesNotContain("\naccess-list");
        assertThat(FirewallFormat.NFTABLES.render(none, RuleOptions.DEFAULTS))
                .contains("\tset epdg4 {\n\t\ttype ipv4_addr\n\t}\n").doesNotContain("elements");
        assertThat(FirewallFormat.IPTABLES.render(none, RuleOptions.DEFAULTS)).endsWith(":WIFICALL - [0:0]\nCOMMIT\n");
    }

    @ParameterizedTest
    @EnumSource(value = FirewallFormat.class, names = {"SRX_SET", "SRX_HIERARCHICAL", "CISCO_ASA"})
    void defaultDropChangesNothingWhereTheFormatDeniesByDefaultAnyway(FirewallFormat format) {
        assertThat(format.render(lab(), DROP)).isEqualTo(format.render(lab(), RuleOptions.DEFAULTS));
        assertThat(format.render(lab(), OFFICE.withDefaultDrop(true))).isEqualTo(format.render(lab(), OFFICE));
    }

    @Test
    void defaultDropLetsRepliesOutAndDropsEverythingElse() {
        String nft = FirewallFormat.NFTABLES.render(lab(), DROP);
        assertThat(nft).doesNotContain("policy accept")
                .contains("\tchain output {\n\t\ttype filter hook output priority filter; policy drop;\n"
                        + "\t\tct state established,related accept\n\t\toifname \"lo\" accept\n")
                .contains("\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n"
                        + "\t\tct state established,related accept\n\t\tip daddr @epdg4 udp dport { 500, 4500 } accept\n")
                .contains("# Default drop: this table is a complete default-drop firewall for this host (chain output)");
        String v4 = FirewallFormat.IPTABLES.render(lab(), DROP);
        assertThat(v4).contains(":FORWARD DROP [0:0]\n:OUTPUT DROP [0:0]\n:WIFICALL - [0:0]\n-F FORWARD\n-F OUTPUT\n",
                "-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n-A FORWARD -p udp -j WIFICALL\n",
                "-A OUTPUT -o lo -j ACCEPT\n-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
                        + "-A OUTPUT -p udp -j WIFICALL\n")
                .doesNotContain("icmp");
        assertThat(FirewallFormat.IP6TABLES.render(lab(), DROP))
                .contains("-A OUTPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation -j ACCEPT\n");
        assertThat(v4).contains("iptables-restore --noflush <file>. It sets the policies and replaces the rules");
    }

    @Test
    void defaultDropWithNothingResolvedDropsEverythingButReplies() {
        List<EpdgAddresses> none = List.of(Fixtures.telekom());
        assertThat(FirewallFormat.NFTABLES.render(none, DROP)).contains("policy drop;")
                .contains("\tset epdg4 {\n\t\ttype ipv4_addr\n\t}\n");
        assertThat(FirewallFormat.IPTABLES.render(none, DROP)).contains(":OUTPUT DROP [0:0]\n")
                .endsWith("-A OUTPUT -p udp -j WIFICALL\nCOMMIT\n");
    }

    @Test
    void aControlCharacterInALabelCannotBreakOutOfTheComment() {
        EpdgAddresses odd = new EpdgAddresses("262-01 Evil\nset system root-authentication", Fixtures.FQDN1,
                Fixtures.addresses("10.77.0.2"));
        String out = FirewallFormat.SRX_SET.render(List.of(odd), RuleOptions.DEFAULTS);
        assertThat(out).contains("#   262-01 Evil set system root-authentication: ")
                .doesNotContain("\nset system");
    }

    @Test
    void sourcesOfOneFamilyOnlyLeaveTheOtherFamilyClosed() {
        RuleOptions v4only = RuleOptions.DEFAULTS.withSources(List.of("10.20.0.0/16"));
        assertThat(FirewallFormat.NFTABLES.render(lab(), v4only))
                .contains("\t\t# no IPv6 source configured: nothing allowed over IPv6\n")
                .doesNotContain("ip6 daddr");
        assertThat(FirewallFormat.IP6TABLES.render(lab(), v4only))
                .contains("# no IPv6 source configured: nothing allowed\n").doesNotContain("-A WIFICALL");
    }
}
