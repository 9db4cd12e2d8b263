package dev.wificall.firewall;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Hand-written rules of the vendor formats, as an administrator would keep them. */
final class VendorSamples {

    private VendorSamples() {
    }

    /** Format, text, the rule's first line, its name in findings, the destinations that are too broad. */
    static Stream<Arguments> broad() {
        return Stream.of(
                Arguments.of(FirewallFormat.CISCO_ASA, """
                        access-list inside_access_in remark IPsec out
                        access-list inside_access_in extended permit udp any any range 500 4500 log
                        """, "extended permit", "access-list inside_access_in", "0.0.0.0/0 and ::/0"),
                Arguments.of(FirewallFormat.PAN_OS, """
                        set rulebase security rules open from trust
                        set rulebase security rules open to untrust
                        set rulebase security rules open source any
                        set rulebase security rules open destination any
                        set rulebase security rules open application [ ike ipsec-esp-udp ]
                        set rulebase security rules open service application-default
                        set rulebase security rules open action allow
                        """, "open from trust", "rule open", "0.0.0.0/0 and ::/0"),
                Arguments.of(FirewallFormat.FORTIOS, """
                        config firewall policy
                            edit 7
                                set name "vpn-out"
                                set srcintf "lan"
                                set dstintf "wan1"
                                set srcaddr "all"
                                set dstaddr "all"
                                set action accept
                                set schedule "always"
                                set service "IKE"
                            next
                        end
                        """, "edit 7", "policy 7 (vpn-out)", "0.0.0.0/0"),
                Arguments.of(FirewallFormat.PFSENSE, """
                        <?xml version="1.0"?>
                        <pfsense>
                        \t<filter>
                        \t\t<rule>
                        \t\t\t<type>pass</type>
                        \t\t\t<interface>lan</interface>
                        \t\t\t<ipprotocol>inet</ipprotocol>
                        \t\t\t<protocol>udp</protocol>
                        \t\t\t<source><any/></source>
                        \t\t\t<destination><any/><port>500:4500</port></destination>
                        \t\t\t<descr>IPsec out</descr>
                        \t\t</rule>
                        \t</filter>
                        </pfsense>
                        """, "<rule>", "rule \"IPsec out\"", "0.0.0.0/0"),
                Arguments.of(FirewallFormat.MIKROTIK, """
                        /ip firewall filter
                        add chain=forward action=accept protocol=udp dst-port=500,4500 comment="IPsec"
                        """, "add chain=forward", "/ip firewall filter chain forward", "0.0.0.0/0"),
                Arguments.of(FirewallFormat.TERRAFORM_AWS, """
                        resource "aws_vpc_security_group_egress_rule" "ipsec" {
                          security_group_id = var.sg
                          cidr_ipv4         = "0.0.0.0/0"
                          ip_protocol       = "udp"
                          from_port         = 500
                          to_port           = 4500
                        }
                        """, "resource", "aws_vpc_security_group_egress_rule.ipsec", "0.0.0.0/0"),
                Arguments.of(FirewallFormat.TERRAFORM_GCP, """
                        resource "google_compute_firewall" "egress_ike" {
                          name      = "egress-ike"
                          network   = var.network
                          direction = "EGRESS"
                          allow {
                            protocol = "udp"
                            ports    = ["500", "4500"]
                          }
                        }
                        """, "resource", "google_compute_firewall.egress_ike", "0.0.0.0/0 and ::/0"));
    }
}
