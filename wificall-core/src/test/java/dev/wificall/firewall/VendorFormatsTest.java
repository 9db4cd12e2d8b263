package dev.wificall.firewall;

import static dev.wificall.firewall.Fixtures.FQDN1;
import static dev.wificall.firewall.Fixtures.FQDN2;
import static dev.wificall.firewall.Fixtures.lab;
import static dev.wificall.firewall.Fixtures.lineOf;
import static dev.wificall.firewall.Fixtures.telekom;
import static dev.wificall.firewall.Fixtures.vodafone;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The formats of Cisco ASA, PAN-OS, FortiOS, pfSense/OPNsense, MikroTik and Terraform, rendered for the lab's
 * ePDGs and read back: no drift; an address edited out is missing, with where it goes; an address
 * gone from DNS is stale; a rule to any host is too broad.
 */
class VendorFormatsTest {

    static final List<FirewallFormat> VENDORS = List.of(FirewallFormat.CISCO_ASA, FirewallFormat.PAN_OS, FirewallFormat.FORTIOS,
            FirewallFormat.PFSENSE, FirewallFormat.MIKROTIK, FirewallFormat.TERRAFORM_AWS, FirewallFormat.TERRAFORM_GCP);
    private static final DriftPolicy STRICT = DriftPolicy.DEFAULTS.withTooBroadIsViolation(true)
            .withStaleIsViolation(true);

    static Stream<Arguments> formatsAndOptions() {
        return VENDORS.stream().flatMap(f -> Stream.of(RuleOptions.DEFAULTS, RenderGoldenTest.OFFICE, RenderGoldenTest.DROP,
                RuleOptions.DEFAULTS.withIpsecEsp(true).withAddressSetName("epdg.v2_set")).map(o -> Arguments.of(f, o)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndOptions")
    void renderedRulesParseBackWithoutDrift(FirewallFormat format, RuleOptions options) {
        ParsedRules rules = format.parse("firewall/" + format.fileName(), format.render(lab(), options));
        DriftReport report = DriftCheck.check(lab(), rules, STRICT);
        assertThat(report.findings()).isEmpty();
        assertThat(report.text()).startsWith("Firewall rules match DNS: 4 ePDG addresses of 2 operators against");
        assertThat(rules.rules()).isNotEmpty().allSatisfy(r -> assertThat(r.isTooBroad()).isFalse());
    }

    static Stream<Arguments> missing() {
        String ePdg = "its ePDG's ";
        return Stream.of(
                Arguments.of(FirewallFormat.CISCO_ASA, "object-group EPDG-ADDRESSES", "object-group EPDG-ADDRESSES"),
                Arguments.of(FirewallFormat.PAN_OS, ePdg + "address-group (epdg-262-01, epdg-262-02)",
                        ePdg + "address-group (epdg-262-01, epdg-262-02)"),
                Arguments.of(FirewallFormat.FORTIOS, "addrgrp epdg-262-02", "addrgrp6 epdg-262-01-v6"),
                Arguments.of(FirewallFormat.PFSENSE, ePdg + "alias (epdg_262_01, epdg_262_02)",
                        ePdg + "alias (epdg_262_01, epdg_262_02)"),
                Arguments.of(FirewallFormat.MIKROTIK, "/ip firewall address-list epdg-addresses",
                        "/ipv6 firewall address-list epdg-addresses"),
                Arguments.of(FirewallFormat.TERRAFORM_AWS,
                        "the file as one aws_vpc_security_group_egress_rule per port, as wificall writes them",
                        "the file as one aws_vpc_security_group_egress_rule per port, as wificall writes them"),
                Arguments.of(FirewallFormat.TERRAFORM_GCP,
                        "destination_ranges of google_compute_firewall.allow_wifi_calling_ipv4",
                        "destination_ranges of google_compute_firewall.allow_wifi_calling_ipv6"));
    }

    /** The file was written when 262-01 had fd77::2 only and 262-02 10.77.0.3 only; DNS now gives both more. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void anAddressEditedOutIsMissingWithWhereItGoes(FirewallFormat format, String addTo4, String addTo6) {
        String file = "firewall/" + format.fileName();
        String text = format.render(List.of(telekom("fd77::2"), vodafone("10.77.0.3")), RuleOptions.DEFAULTS);
        DriftReport report = DriftCheck.check(lab(), format.parse(file, text), DriftPolicy.DEFAULTS);
        assertThat(report.passed()).isFalse();
        assertThat(report.violations()).extracting(Finding::kind).containsOnly(Finding.Kind.NOT_ALLOWED);
        assertThat(report.violations()).extracting(Finding::message).containsExactly(
                "10.77.0.2 (" + FQDN1 + ", 262-01 T-Mobile(Telekom)) is not allowed on udp/500 and udp/4500 by " + file
                        + "; add it to " + addTo4,
                "fd77::3 (" + FQDN2 + ", 262-02 Vodafone) is not allowed on udp/500 and udp/4500 by " + file
                        + "; add it to " + addTo6);
    }

    static Stream<Arguments> stale() {
        return Stream.of(
                Arguments.of(FirewallFormat.CISCO_ASA, "network-object host 10.77.0.3", "object-group EPDG-ADDRESSES",
                        "udp/500 and udp/4500"),
                Arguments.of(FirewallFormat.PAN_OS, "ip-netmask 10.77.0.3/32", "address epdg-262-02-10.77.0.3", "udp/500 and udp/4500"),
                Arguments.of(FirewallFormat.FORTIOS, "edit \"epdg-262-02-10.77.0.3\"", "address epdg-262-02-10.77.0.3",
                        "udp/500 and udp/4500"),
                Arguments.of(FirewallFormat.PFSENSE, "<name>epdg_262_02</name>", "alias epdg_262_02", "udp/500 and udp/4500"),
                Arguments.of(FirewallFormat.MIKROTIK, "address=10.77.0.3 ", "address-list epdg-addresses", "udp/500 and udp/4500"),
                Arguments.of(FirewallFormat.TERRAFORM_GCP, "\"10.77.0.2/32\", \"10.77.0.3/32\"", "destination_ranges",
                        "udp/500 and udp/4500"));
    }

    /** 10.77.0.3 no longer resolves: its entry is stale, named with the file and the line it is defined on. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stale")
    void anAddressGoneFromDnsIsStale(FirewallFormat format, String lineText, String origin, String ports) {
        String file = "firewall/" + format.fileName();
        String text = format.render(lab(), RuleOptions.DEFAULTS);
        List<EpdgAddresses> now = List.of(telekom("10.77.0.2", "fd77::2"), vodafone("fd77::3"));
        DriftReport report = DriftCheck.check(now, format.parse(file, text), DriftPolicy.DEFAULTS);
        int line = format == FirewallFormat.PFSENSE ? lineOf(text, lineText) - 1 : lineOf(text, lineText);
        assertThat(report.passed()).isTrue();
        assertThat(report.warnings()).extracting(Finding::message).containsExactly(file + " line " + line
                + ": 10.77.0.3 (" + origin + ") is allowed on " + ports + " but no ePDG name resolves to it now (" + FQDN1
                + ", " + FQDN2 + "); remove it");
        assertThat(DriftCheck.check(now, format.parse(file, text), STRICT).passed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.wificall.firewall.VendorSamples#broad")
    void aRuleToAnyHostIsTooBroad(FirewallFormat format, String text, String marker, String rule, String what) {
        DriftReport report = DriftCheck.check(List.of(telekom("10.77.0.2")), format.parse("gw", text),
                DriftPolicy.DEFAULTS.withTooBroadIsViolation(true));
        assertThat(report.violations()).extracting(Finding::message).containsExactly("gw line " + lineOf(text, marker)
                + ": " + rule + " allows udp/500 and udp/4500 to any destination (" + what + "), which lets any IKE/IPsec"
                + " VPN out too; allow the ePDG addresses only");
        assertThat(report.violations()).extracting(Finding::kind).containsExactly(Finding.Kind.TOO_BROAD);
    }
}
