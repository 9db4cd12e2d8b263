package dev.wificall.firewall;

import static dev.wificall.firewall.Fixtures.FQDN1;
import static dev.wificall.firewall.Fixtures.lab;
import static dev.wificall.firewall.Fixtures.lineOf;
import static dev.wificall.firewall.Fixtures.telekom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.wificall.probe.IkePort;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each vendor parser reads beyond wificall's own output, and how it refuses what it cannot judge. */
class VendorParsersTest {

    private static final String TELEKOM = "262-01 T-Mobile(Telekom)";

    @Test
    void panosWithIkeButNotEspInUdpIsAViolationSayingTheCallsAreDropped() {
        String text = FirewallFormat.PAN_OS.render(lab(), RuleOptions.DEFAULTS)
                .replace("application [ ike ipsec-esp-udp ]", "application ike");
        DriftReport report = DriftCheck.check(lab(), FirewallFormat.PAN_OS.parse("panos.set", text), DriftPolicy.DEFAULTS);
        int line = lineOf(text, "allow-wifi-calling from trust");
        assertThat(report.passed()).isFalse();
        assertThat(report.violations()).filteredOn(f -> f.kind() == Finding.Kind.INCOMPLETE).extracting(Finding::message)
                .containsExactly("panos.set line " + line + ": rule allow-wifi-calling allows application ike but not"
                        + " ipsec-esp-udp: IKE gets through, but Wi-Fi Calling's ESP in UDP/4500 (the calls themselves) is"
                        + " dropped; add it: set rulebase security rules allow-wifi-calling application [ ike ipsec-esp-udp ]");
        assertThat(report.violations()).filteredOn(f -> f.kind() == Finding.Kind.NOT_ALLOWED).extracting(Finding::message)
                .first().isEqualTo("10.77.0.2 (" + FQDN1 + ", " + TELEKOM + ") is not allowed on udp/4500 by panos.set;"
                        + " no rule there allows udp/4500; add the rules wificall writes");
    }

    @Test
    void panosEspIsAddedOnlyWhenAskedAndVsysServiceGroupsAndApplicationDefaultAreRead() {
        assertThat(FirewallFormat.PAN_OS.render(lab(), RuleOptions.DEFAULTS))
                .contains(" application [ ike ipsec-esp-udp ]\n").doesNotContain("ipsec-esp ");
        assertThat(FirewallFormat.PAN_OS.render(lab(), RuleOptions.DEFAULTS.withIpsecEsp(true)))
                .contains(" application [ ike ipsec-esp-udp ipsec-esp ]\n");
        String text = """
                set vsys vsys1 address epdg-a ip-range 10.77.0.1-10.77.0.9
                set vsys vsys1 address-group inner static epdg-a
                set vsys vsys1 address-group outer static [ inner ]
                set vsys vsys1 service ike-only protocol udp port 500
                set vsys vsys1 service-group wfc members [ ike-only ]
                set vsys vsys1 rulebase security rules a destination outer
                set vsys vsys1 rulebase security rules a application [ ike ipsec-esp-udp ]
                set vsys vsys1 rulebase security rules a service wfc
                set vsys vsys1 rulebase security rules a action allow
                set vsys vsys1 rulebase security rules b destination fd77::2
                set vsys vsys1 rulebase security rules b application ipsec-esp-udp
                set vsys vsys1 rulebase security rules b service application-default
                set vsys vsys1 rulebase security rules b action allow
                set vsys vsys1 rulebase security rules c destination any
                set vsys vsys1 rulebase security rules c application any
                set vsys vsys1 rulebase security rules c action allow
                set vsys vsys1 rulebase security rules c disabled yes
                """;
        ParsedRules rules = FirewallFormat.PAN_OS.parse("pa.set", text);
        assertThat(rules.rules()).extracting(AllowRule::name, AllowRule::ports, r -> r.destinations().get(0).text(),
                AllowRule::addTo).containsExactly(
                tuple("rule a", EnumSet.of(IkePort.UDP_500), "10.77.0.1-10.77.0.9", "address-group outer"),
                tuple("rule b", EnumSet.of(IkePort.UDP_4500), "fd77::2", null));
        assertThatThrownBy(() -> FirewallFormat.PAN_OS.parse("pa.set", "set rulebase security rules a destination x\n"
                + "set rulebase security rules a application ike\nset rulebase security rules a action allow\n"))
                .isInstanceOf(RulesParseException.class).hasMessage("pa.set line 1: 'set rulebase security rules a"
                        + " destination x': address or address-group x is not defined in pa.set; expected any, an address"
                        + " or an address-group set in the file");
        assertThatThrownBy(() -> FirewallFormat.PAN_OS.parse("pa.set", "delete address a\n"))
                .hasMessage("pa.set line 1: 'delete address a': expected a set command, as PAN-OS writes them with set cli"
                        + " config-output-format set");
    }

    @Test
    void asaReadsObjectsNestedGroupsServiceObjectsAndSkipsDenyAndInactiveLines() {
        String text = """
                ! running-config excerpt
                object network epdg-a
                 host 10.77.0.2
                object network epdg-net6
                 subnet fd77::/64
                object-group network EPDG
                 network-object object epdg-a
                 group-object EPDG6
                object-group network EPDG6
                 network-object object epdg-net6
                object-group service IKE
                 service-object udp destination eq isakmp
                 service-object udp destination eq 4500
                access-list out extended deny udp any any eq 500
                access-list out extended permit object-group IKE any object-group EPDG log
                access-list out extended permit udp 10.20.0.0 255.255.0.0 host 10.77.0.9 eq 4500 inactive
                access-list out extended permit tcp any any eq 443
                """;
        ParsedRules rules = FirewallFormat.CISCO_ASA.parse("asa.cfg", text);
        assertThat(rules.rules()).extracting(AllowRule::line, AllowRule::ports, AllowRule::addTo,
                r -> r.destinations().stream().map(Destination::text).toList()).containsExactly(
                tuple(15, EnumSet.allOf(IkePort.class), "object-group EPDG", List.of("10.77.0.2", "fd77::/64")));
        assertThatThrownBy(() -> FirewallFormat.CISCO_ASA.parse("asa.cfg", "access-list out extended permit udp any"
                + " object-group NOPE eq 500\n")).hasMessage("asa.cfg line 1: 'access-list out extended permit udp any"
                + " object-group NOPE eq 500': network object or object-group NOPE is not defined in asa.cfg");
    }

    @Test
    void fortiosReadsRangesPolicy6DisabledPoliciesAndNamesWhatIsUndefined() {
        String text = """
                config firewall address
                    edit "r"
                        set type iprange
                        set start-ip 10.77.0.1
                        set end-ip 10.77.0.9
                    next
                end
                config firewall policy6
                    edit 3
                        set dstaddr "all"
                        set action accept
                        set service "ALL_UDP"
                    next
                end
                config firewall policy
                    edit 4
                        set dstaddr "r"
                        set action accept
                        set service "IKE"
                    next
                    edit 5
                        set status disable
                        set dstaddr "all"
                        set action accept
                        set service "ALL"
                    next
                    edit 6
                        set dstaddr "all"
                        set service "ALL"
                    next
                end
                """;
        ParsedRules rules = FirewallFormat.FORTIOS.parse("fg.conf", text);
        assertThat(rules.rules()).extracting(AllowRule::name, AllowRule::ipVersion, r -> r.destinations().get(0).text())
                .containsExactly(tuple("policy 3", 6, "::/0"), tuple("policy 4", 4, "10.77.0.1-10.77.0.9"));
        assertThatThrownBy(() -> FirewallFormat.FORTIOS.parse("fg.conf", "config firewall policy\n    edit 1\n"
                + "        set dstaddr \"epdg\"\n        set action accept\n        set service \"IKE\"\n    next\nend\n"))
                .hasMessage("fg.conf line 2: 'edit 1': address or addrgrp epdg is not defined in fg.conf; expected all,"
                        + " none or an entry of config firewall address/addrgrp");
        assertThatThrownBy(() -> FirewallFormat.FORTIOS.parse("fg.conf", "config firewall address\n    edit \"a\"\n"))
                .hasMessage("fg.conf line 1: 'config firewall address': expected 'end' to close 'config firewall"
                        + " address' before the end of the file");
    }

    @Test
    void pfsenseWithoutStaticPortForNatTWarnsAndRefusesADoctype() {
        String text = FirewallFormat.PFSENSE.render(lab(), RuleOptions.DEFAULTS);
        String noNat = text.substring(0, text.indexOf("\t<nat>")) + "</pfsense>\n";
        DriftReport report = DriftCheck.check(lab(), FirewallFormat.PFSENSE.parse("config.xml", noNat),
                DriftPolicy.DEFAULTS);
        assertThat(report.passed()).isTrue();
        assertThat(report.warnings()).extracting(Finding::kind, Finding::message).containsExactly(tuple(
                Finding.Kind.INCOMPLETE, "config.xml: no outbound NAT rule keeps the source port of udp/4500 (static"
                        + " port), and the automatic rules keep it for udp/500 only; some ePDGs lose a phone's tunnel when"
                        + " the NAT rewrites it: add the <nat><outbound> rule with <staticnatport/> that wificall writes"
                        + " (Firewall > NAT > Outbound, hybrid, Static Port)"));
        assertThat(text).contains("<dstport>4500</dstport>", "<staticnatport></staticnatport>",
                "<descr>wificall: keep the source port of UDP/4500");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE pfsense [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<pfsense><aliases><alias><name>&x;</name></alias></aliases></pfsense>\n";
        assertThatThrownBy(() -> FirewallFormat.PFSENSE.parse("config.xml", xxe)).isInstanceOf(RulesParseException.class)
                .hasMessageStartingWith("config.xml line 2: '<!DOCTYPE pfsense [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>':"
                        + " expected a well-formed config.xml without a DOCTYPE: ");
        assertThatThrownBy(() -> FirewallFormat.PFSENSE.parse("config.xml", "<config/>\n"))
                .hasMessage("config.xml line 1: '<config/>': expected a pfSense or OPNsense config.xml, whose root element"
                        + " is <pfsense> or <opnsense>, not <config>");
    }

    @Test
    void opnsenseAliasesDisabledRulesAndNegationAreRead() {
        String text = """
                <?xml version="1.0"?>
                <opnsense>
                  <OPNsense><Firewall><Alias><aliases>
                    <alias><name>epdgs</name><type>host</type><content>10.77.0.2
                fd77::2</content></alias>
                  </aliases></Alias></Firewall></OPNsense>
                  <filter>
                    <rule><type>pass</type><ipprotocol>inet46</ipprotocol><protocol>udp</protocol>
                      <destination><address>epdgs</address><port>500</port></destination></rule>
                    <rule><disabled>1</disabled><type>pass</type><protocol>udp</protocol><destination><any/></destination></rule>
                    <rule><type>block</type><protocol>udp</protocol><destination><any/></destination></rule>
                    <rule><type>pass</type><protocol>udp</protocol>
                      <destination><not/><address>10.0.0.0/8</address><port>4500</port></destination></rule>
                  </filter>
                </opnsense>
                """;
        ParsedRules rules = FirewallFormat.PFSENSE.parse("opn.xml", text);
        assertThat(rules.rules()).extracting(AllowRule::line, AllowRule::ports, r -> r.destinations().size())
                .containsExactly(tuple(8, EnumSet.of(IkePort.UDP_500), 2), tuple(12, EnumSet.of(IkePort.UDP_4500), 3));
        assertThat(rules.rules().get(1).isTooBroad()).isTrue();
    }

    @Test
    void mikrotikReadsExportsWithMenusAndContinuationsAndRefusesScripts() {
        String text = """
                # RouterOS 7 export
                /ip firewall address-list
                add address=10.77.0.0/30 list=epdg
                add address=epdg.example.net list=epdg
                add address=10.77.0.9 disabled=yes list=epdg
                /ip firewall filter
                add action=accept chain=forward connection-state=established,related
                add action=accept chain=forward dst-address-list=epdg dst-port=500,4500 \\
                    protocol=udp
                add action=drop chain=forward protocol=udp dst-port=500
                add action=accept chain=input protocol=udp dst-port=500
                /ipv6 firewall filter add chain=forward protocol=udp dst-port=!500 dst-address=fd77::/64
                """;
        ParsedRules rules = FirewallFormat.MIKROTIK.parse("edge.rsc", text);
        assertThat(rules.rules()).extracting(AllowRule::line, AllowRule::ports, AllowRule::ipVersion,
                r -> r.destinations().stream().map(Destination::text).toList()).containsExactly(
                tuple(8, EnumSet.allOf(IkePort.class), 4, List.of("10.77.0.0/30", "epdg.example.net")),
                tuple(12, EnumSet.of(IkePort.UDP_4500), 6, List.of("fd77::/64")));
        assertThat(DriftCheck.check(List.of(telekom("10.77.0.2")), rules, DriftPolicy.DEFAULTS).violations()).isEmpty();
        assertThatThrownBy(() -> FirewallFormat.MIKROTIK.parse("edge.rsc", ":foreach a in={1;2} do={}\n"))
                .hasMessage("edge.rsc line 1: ':foreach a in={1;2} do={}': expected menu paths and add commands;"
                        + " scripting (:foreach) is not read, so what it adds cannot be judged");
    }

    @Test
    void terraformReferencesWhereAddressesGoAreRefusedNamingThem() {
        String text = """
                resource "aws_vpc_security_group_egress_rule" "ike" {
                  security_group_id = var.sg
                  cidr_ipv4         = var.epdg_cidr
                  ip_protocol       = "udp"
                  from_port         = 500
                  to_port           = 500
                }
                """;
        assertThatThrownBy(() -> FirewallFormat.TERRAFORM_AWS.parse("sg.tf", text))
                .isInstanceOf(RulesParseException.class)
                .hasMessage("sg.tf line 3: 'cidr_ipv4         = var.epdg_cidr': expected CIDR blocks such as"
                        + " \"10.77.0.2/32\" for cidr_ipv4 in aws_vpc_security_group_egress_rule.ike, not var.epdg_cidr:"
                        + " its value is not known here; keep the addresses and ports literal, as wificall writes them");
        assertThatThrownBy(() -> FirewallFormat.TERRAFORM_GCP.parse("fw.tf", "resource \"google_compute_firewall\" \"x\" {\n"
                + "  direction = \"EGRESS\"\n"))
                .hasMessage("fw.tf line 1: 'resource \"google_compute_firewall\" \"x\" {': expected } to close block"
                        + " resource before the end of the file");
    }

    @Test
    void terraformReadsSecurityGroupRulesAndInlineEgressAndSkipsIngressAndDisabled() {
        String text = """
                /* office egress */
                resource "aws_security_group" "office" {
                  name = "office"
                  egress {
                    protocol         = "-1"
                    from_port        = 0
                    to_port          = 0
                    cidr_blocks      = ["10.77.0.0/16"]
                    ipv6_cidr_blocks = ["fd77::/64"]
                  }
                  tags = { Name = "office", "team" = "net" }
                }
                resource "aws_security_group_rule" "nat_t" {
                  type        = "egress"
                  protocol    = "udp"
                  from_port   = 4500
                  to_port     = 4500
                  cidr_blocks = ["10.77.0.2/32"]
                  security_group_id = aws_security_group.office.id
                }
                resource "google_compute_firewall" "in" {
                  network = "default"
                  allow {
                    protocol = "udp"
                  }
                }
                resource "google_compute_firewall" "off" {
                  direction = "EGRESS"
                  disabled  = true
                  allow {
                    protocol = "all"
                  }
                }
                """;
        ParsedRules rules = FirewallFormat.TERRAFORM_AWS.parse("net.tf", text);
        assertThat(rules.rules()).extracting(AllowRule::name, AllowRule::line, AllowRule::ports).containsExactly(
                tuple("aws_security_group.office egress", 4, EnumSet.allOf(IkePort.class)),
                tuple("aws_security_group_rule.nat_t", 13, EnumSet.of(IkePort.UDP_4500)));
    }

    /** hcl4j, a maintained HCL parser from Maven Central, reads what wificall writes as the same resources. */
    @Test
    void aMaintainedHclParserReadsTheTerraformWithTheSameValues() throws Exception {
        Map<String, Object> aws = new HCLParser().parse(FirewallFormat.TERRAFORM_AWS.render(lab(), RuleOptions.DEFAULTS));
        Map<?, ?> rules = (Map<?, ?>) ((Map<?, ?>) aws.get("resource")).get("aws_vpc_security_group_egress_rule");
        assertThat(rules).hasSize(8);
        Map<?, ?> first = (Map<?, ?>) rules.get("epdg_262_01_10_77_0_2_udp_500");
        assertThat(first.get("cidr_ipv4")).isEqualTo("10.77.0.2/32");
        assertThat(first.get("ip_protocol")).isEqualTo("udp");
        assertThat(((Number) first.get("from_port")).intValue()).isEqualTo(500);
        assertThat(((Number) ((Map<?, ?>) rules.get("epdg_262_02_fd77__3_udp_4500")).get("to_port")).intValue())
                .isEqualTo(4500);
        assertThat(((Map<?, ?>) rules.get("epdg_262_02_fd77__3_udp_4500")).get("cidr_ipv6")).isEqualTo("fd77::3/128");

        Map<String, Object> gcp = new HCLParser().parse(FirewallFormat.TERRAFORM_GCP.render(lab(), RuleOptions.DEFAULTS));
        Map<?, ?> firewalls = (Map<?, ?>) ((Map<?, ?>) gcp.get("resource")).get("google_compute_firewall");
        Map<?, ?> v6 = (Map<?, ?>) firewalls.get("allow_wifi_calling_ipv6");
        assertThat(v6.get("direction")).isEqualTo("EGRESS");
        assertThat(v6.get("destination_ranges")).isEqualTo(List.of("fd77::2/128", "fd77::3/128"));
        Object allow = v6.get("allow");
        Map<?, ?> allowBlock = (Map<?, ?>) (allow instanceof List<?> l ? l.get(0) : allow);
        assertThat(allowBlock.get("protocol")).isEqualTo("udp");
        assertThat(allowBlock.get("ports")).isEqualTo(List.of("500", "4500"));
    }
}
