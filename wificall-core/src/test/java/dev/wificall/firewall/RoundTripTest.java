package dev.wificall.firewall;

import static dev.wificall.firewall.Fixtures.lab;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a renderer writes, its parser reads back as exactly the addresses it was given: no drift. */
class RoundTripTest {

    private static final DriftPolicy STRICT = DriftPolicy.DEFAULTS.withTooBroadIsViolation(true)
            .withStaleIsViolation(true);

    static Stream<Arguments> cases() {
        List<RuleOptions> options = List.of(RuleOptions.DEFAULTS, RenderGoldenTest.OFFICE,
                RuleOptions.DEFAULTS.withIkeEspNatAlg(false).withAddressSetName("epdg.v2_set"),
                RenderGoldenTest.DROP, RenderGoldenTest.OFFICE.withDefaultDrop(true));
        return options.stream().flatMap(o -> Stream.of(FirewallFormat.SRX_SET, FirewallFormat.SRX_HIERARCHICAL,
                FirewallFormat.NFTABLES).map(f -> Arguments.of(f, o)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void renderedRulesParseBackWithoutDrift(FirewallFormat format, RuleOptions options) {
        String text = format.render(lab(), options);
        ParsedRules rules = format.parse("firewall/wificall." + format.id(), text);
        DriftReport report = DriftCheck.check(lab(), rules, STRICT);
        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.text()).startsWith("Firewall rules match DNS: 4 ePDG addresses of 2 operators against");
        assertThat(rules.rules()).allSatisfy(r -> assertThat(r.isTooBroad()).isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionsOnly")
    void iptablesAndIp6tablesTogetherParseBackWithoutDrift(RuleOptions options) {
        ParsedRules v4 = FirewallFormat.IPTABLES.parse("firewall/wificall.iptables",
                FirewallFormat.IPTABLES.render(lab(), options));
        ParsedRules v6 = FirewallFormat.IP6TABLES.parse("firewall/wificall.ip6tables",
                FirewallFormat.IP6TABLES.render(lab(), options));
        DriftReport report = DriftCheck.check(lab(), ParsedRules.merge(List.of(v4, v6)), STRICT);
        assertThat(report.findings()).isEmpty();
        assertThat(v4.rules()).hasSize(options.sources().isEmpty() ? 4 : 8)
                .allSatisfy(r -> assertThat(r.addTo()).isEqualTo("chain WIFICALL"));
    }

    static Stream<RuleOptions> optionsOnly() {
        return Stream.of(RuleOptions.DEFAULTS, RenderGoldenTest.OFFICE, RenderGoldenTest.DROP,
                RenderGoldenTest.OFFICE.withDefaultDrop(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionsOnly")
    void iptablesAloneWithoutIpv6PassesAndWithIpv6NamesTheMissingFamily(RuleOptions options) {
        ParsedRules v4 = FirewallFormat.IPTABLES.parse("firewall/wificall.iptables",
                FirewallFormat.IPTABLES.render(lab(), options));
        assertThat(DriftCheck.check(lab(), v4, DriftPolicy.DEFAULTS.withCheckIpv6(false)).findings()).isEmpty();
        DriftReport withV6 = DriftCheck.check(lab(), v4, DriftPolicy.DEFAULTS);
        assertThat(withV6.violations()).extracting(Finding::message).containsExactly(
                "fd77::2 (" + Fixtures.FQDN1 + ", 262-01 T-Mobile(Telekom)) is not allowed on udp/500 and udp/4500 by"
                        + " firewall/wificall.iptables; no rule there lets IPv6 out on udp/500 and udp/4500; add one,"
                        + " or check the file with the IPv6 rules together with this one",
                "fd77::3 (" + Fixtures.FQDN2 + ", 262-02 Vodafone) is not allowed on udp/500 and udp/4500 by"
                        + " firewall/wificall.iptables; no rule there lets IPv6 out on udp/500 and udp/4500; add one,"
                        + " or check the file with the IPv6 rules together with this one");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("oneFamily")
    void anEmptyFamilyStillParses(FirewallFormat format, String address) {
        List<EpdgAddresses> one = List.of(Fixtures.telekom(address));
        for (RuleOptions options : List.of(RuleOptions.DEFAULTS, RenderGoldenTest.DROP)) {
            ParsedRules rules = format.parse("f", format.render(one, options));
            assertThat(DriftCheck.check(one, rules, STRICT).findings()).isEmpty();
        }
    }

    /** Every readable format with only IPv4 and with only IPv6 addresses, where the format holds that family. */
    static Stream<Arguments> oneFamily() {
        return Stream.of(FirewallFormat.values()).filter(FirewallFormat::parsable)
                .flatMap(f -> Stream.of("10.77.0.2", "fd77::2").map(a -> Arguments.of(f, a)))
                .filter(a -> !(a.get()[0] == FirewallFormat.IPTABLES && a.get()[1].equals("fd77::2"))
                        && !(a.get()[0] == FirewallFormat.IP6TABLES && a.get()[1].equals("10.77.0.2")));
    }
}
