package dev.wificall.firewall;

import static dev.wificall.firewall.Fixtures.FQDN1;
import static dev.wificall.firewall.Fixtures.FQDN2;
import static dev.wificall.firewall.Fixtures.lab;
import static dev.wificall.firewall.Fixtures.lineOf;
import static dev.wificall.firewall.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.probe.IkePort;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written iptables-save and ip6tables-save files (checked by the tools in FirewallToolsTest). */
class IptablesParserTest {

    @Test
    void readsUserChainsMultiportRangesCountersAndQuotedComments() {
        String v4 = resource("office.iptables");
        String v6 = resource("office.ip6tables");
        ParsedRules rules = ParsedRules.merge(List.of(FirewallFormat.IPTABLES.parse("office.iptables", v4),
                FirewallFormat.IP6TABLES.parse("office.ip6tables", v6)));
        assertThat(rules.rules()).extracting(AllowRule::file, AllowRule::line, AllowRule::ports).containsExactly(
                tuple("office.iptables", lineOf(v4, "10.77.0.2/32"), EnumSet.allOf(IkePort.class)),
                tuple("office.iptables", lineOf(v4, "10.77.0.3/32"), EnumSet.of(IkePort.UDP_500)),
                tuple("office.iptables", lineOf(v4, "10.77.0.66/32"), EnumSet.of(IkePort.UDP_4500)),
                tuple("office.iptables", lineOf(v4, "1024:65535"), EnumSet.of(IkePort.UDP_4500)),
                tuple("office.ip6tables", 5, EnumSet.of(IkePort.UDP_500)),
                tuple("office.ip6tables", 6, EnumSet.of(IkePort.UDP_4500)),
                tuple("office.ip6tables", 7, EnumSet.of(IkePort.UDP_500)));
        DriftReport r = DriftCheck.check(lab(), rules, DriftPolicy.DEFAULTS);
        assertThat(r.violations()).isEmpty(); // 10.77.0.3 gets udp/4500 from the too broad rule
        assertThat(r.warnings()).extracting(Finding::message).containsExactly(
                "office.iptables line " + lineOf(v4, "1024:65535") + ": -A EPDG allows udp/4500 to any destination"
                        + " (0.0.0.0/0), which lets any IKE/IPsec VPN out too; allow the ePDG addresses only",
                "office.iptables line " + lineOf(v4, "10.77.0.66/32") + ": 10.77.0.66 (-d) is allowed on udp/4500 but no"
                        + " ePDG name resolves to it now (" + FQDN1 + ", " + FQDN2 + "); remove it");
    }

    @Test
    void negationsStateAndOtherTargets() {
        String text = """
                *filter
                :OUTPUT ACCEPT [0:0]
                -A OUTPUT ! -d 10.0.0.0/255.0.0.0 -p udp --dport 500 -j ACCEPT
                -A OUTPUT -d 10.77.0.2 ! -p tcp -m state --state NEW,ESTABLISHED -j ACCEPT
                -A OUTPUT -d 10.77.0.3 -p udp -m state ! --state NEW -j ACCEPT
                -A OUTPUT -d 10.77.0.4 -p udp --dport 4500 -j DROP
                -A OUTPUT -m iprange --dst-range 10.77.0.5-10.77.0.9 -p udp -m multiport --dports isakmp,ipsec-nat-t -j ACCEPT
                -I OUTPUT 1 -p tcp --dport 500 -j ACCEPT
                COMMIT
                """;
        List<AllowRule> rules = FirewallFormat.IPTABLES.parse("t", text).rules();
        assertThat(rules).extracting(AllowRule::line).containsExactly(3, 4, 7);
        assertThat(rules.get(0).isTooBroad()).isTrue();
        assertThat(rules.get(0).destinations()).noneMatch(d -> d.contains(Fixtures.address("10.77.0.2")));
        assertThat(rules.get(1).ports()).isEqualTo(EnumSet.allOf(IkePort.class));
        assertThat(rules.get(2).destinations()).extracting(Destination::text).containsExactly("10.77.0.5-10.77.0.9");
    }

    @Test
    void errorsNameFileLineTextAndWhatWasExpected() {
        assertThatThrownBy(() -> FirewallFormat.IPTABLES.parse("v4.rules", "*filter\n:WIFICALL - [0:0]\n"
                + "-A WIFICALL -d fd77::2/128 -p udp -m udp --dport 500 -j ACCEPT\nCOMMIT\n"))
                .isInstanceOf(RulesParseException.class)
                .hasMessage("v4.rules line 3: '-A WIFICALL -d fd77::2/128 -p udp -m udp --dport 500 -j ACCEPT': expected"
                        + " an IPv4 address, not 'fd77::2/128': IPv6 rules belong in the ip6tables-save file (IP6TABLES)");
        assertThatThrownBy(() -> FirewallFormat.IPTABLES.parse("v4.rules", "*filter\n-A FORWARD -j ACCEPT\n"))
                .hasMessage("v4.rules line 1: '*filter': expected COMMIT to end *filter before the end of the file");
        assertThatThrownBy(() -> FirewallFormat.IPTABLES.parse("v4.rules", "-A FORWARD -j ACCEPT\n"))
                .hasMessageContaining("v4.rules line 1: ").hasMessageContaining("expected *filter (or another table)");
        assertThatThrownBy(() -> FirewallFormat.IPTABLES.parse("v4.rules", "*filter\n:WIFICALL\nCOMMIT\n"))
                .hasMessageContaining("v4.rules line 2: ':WIFICALL': expected ':CHAIN POLICY [packets:bytes]'");
        assertThatThrownBy(() -> FirewallFormat.IPTABLES.parse("v4.rules", "*filter\n-A X -d 10.77.0.2 -p udp --dport"
                + " 5oo -j ACCEPT\nCOMMIT\n")).hasMessageContaining("expected a port, a range low:high or a service"
                + " name after --dport, not '5oo'");
        assertThatThrownBy(() -> FirewallFormat.IPTABLES.parse("v4.rules", "*filter\n-A X --comment \"open -j ACCEPT\n"
                + "COMMIT\n")).hasMessageContaining("expected a closing \" for the quoted argument");
        assertThatThrownBy(() -> FirewallFormat.IPTABLES.parse("v4.rules", "*filter\nALLOW udp 500\nCOMMIT\n"))
                .hasMessageContaining("v4.rules line 2: 'ALLOW udp 500': expected a chain line (:CHAIN POLICY), a rule"
                        + " (-A CHAIN ...), COMMIT or a comment, as iptables-save writes them");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
