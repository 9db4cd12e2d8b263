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

/** A hand-written office ruleset (checked by nft itself in FirewallToolsTest) and the mistakes the parser names. */
class NftParserTest {

    @Test
    void readsSetsAnonymousSetsServiceNamesConcatenationsAndDefines() {
        String text = resource("office.nft");
        ParsedRules rules = FirewallFormat.NFTABLES.parse("office.nft", text);
        // input, nat, established-only, tcp and drop rules are not counted
        assertThat(rules.rules()).extracting(AllowRule::line, AllowRule::ports).containsExactly(
                org.assertj.core.groups.Tuple.tuple(lineOf(text, "@epdg_v4"), EnumSet.allOf(IkePort.class)),
                org.assertj.core.groups.Tuple.tuple(lineOf(text, "isakmp"), EnumSet.of(IkePort.UDP_500)),
                org.assertj.core.groups.Tuple.tuple(lineOf(text, "ip6 daddr . udp dport"), EnumSet.of(IkePort.UDP_500)),
                org.assertj.core.groups.Tuple.tuple(lineOf(text, "ip6 daddr . udp dport"), EnumSet.of(IkePort.UDP_4500)),
                org.assertj.core.groups.Tuple.tuple(lineOf(text, "$ROAMING_EPDG udp"), EnumSet.of(IkePort.UDP_4500)));
        assertThat(rules.rules().get(0).addTo()).isEqualTo("set epdg_v4");
        assertThat(rules.rules().get(0).ipVersion()).isEqualTo(4);
        assertThat(rules.rules().get(0).name()).isEqualTo("chain forward in table inet filter");

        DriftReport r = DriftCheck.check(lab(), rules, DriftPolicy.DEFAULTS);
        String names = "(" + FQDN1 + ", " + FQDN2 + "); remove it";
        int elements = lineOf(text, "elements = { 10.77.0.0/24, 10.99.0.1 }");
        int roaming = lineOf(text, "$ROAMING_EPDG udp");
        assertThat(r.violations()).isEmpty();
        assertThat(r.warnings()).extracting(Finding::message).containsExactly(
                "office.nft line " + elements + ": 10.99.0.1 (set epdg_v4) is allowed on udp/500 and udp/4500 but no"
                        + " ePDG name resolves to it now " + names,
                "office.nft line " + roaming + ": 10.88.0.1 (the rule) is allowed on udp/4500 but no ePDG name resolves"
                        + " to it now " + names,
                "office.nft line " + roaming + ": 10.88.0.2 (the rule) is allowed on udp/4500 but no ePDG name resolves"
                        + " to it now " + names);
    }

    @Test
    void addRuleCommandsFlushAndDeleteTable() {
        String text = """
                flush ruleset
                table inet old {
                \tchain output {
                \t\ttype filter hook output priority 0; policy accept;
                \t\tudp dport 500 accept
                \t}
                }
                delete table inet old
                add table ip fw
                add chain ip fw out { type filter hook output priority 0 ; policy drop ; }
                add set ip fw epdg { type ipv4_addr ; }
                add element ip fw epdg { 10.77.0.2, 10.77.0.3 }
                add rule ip fw out ip daddr @epdg meta l4proto udp th dport { 500, 4500 } accept
                add rule ip fw out udp dport != 4500 ip daddr 10.77.0.4 accept
                add rule ip fw out ct state new udp dport 4500 ip daddr 10.77.0.5 accept
                add rule ip fw out ct state established udp dport 4500 accept
                """;
        ParsedRules rules = FirewallFormat.NFTABLES.parse("cmds.nft", text);
        assertThat(rules.rules()).extracting(AllowRule::line).containsExactly(13, 14, 15);
        assertThat(rules.rules().get(0).destinations()).extracting(Destination::text, Destination::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.77.0.2", 12),
                        org.assertj.core.groups.Tuple.tuple("10.77.0.3", 12));
        assertThat(rules.rules().get(1).ports()).containsExactly(IkePort.UDP_500);
        assertThat(rules.rules().get(2).ports()).containsExactly(IkePort.UDP_4500);
    }

    @Test
    void errorsNameFileLineTextAndWhatWasExpected() {
        assertThatThrownBy(() -> FirewallFormat.NFTABLES.parse("fw.nft", """
                table inet f {
                \tchain o {
                \t\ttype filter hook output priority 0;
                \t\tip daddr 10.77.0.300 udp dport 500 accept
                \t}
                }
                """)).isInstanceOf(RulesParseException.class)
                .hasMessage("fw.nft line 4: 'ip daddr 10.77.0.300 udp dport 500 accept': expected an IPv4 address, prefix"
                        + " or range in the rule, not '10.77.0.300'");
        assertThatThrownBy(() -> FirewallFormat.NFTABLES.parse("fw.nft", "table inet f {\n\tset s {\n\t\ttype ipv4_addr\n"))
                .hasMessage("fw.nft line 2: 'set s {': expected '}' to close set s before the end of the file");
        assertThatThrownBy(() -> FirewallFormat.NFTABLES.parse("fw.nft", "table inet f {\n\tchain c {\n\t}\n"))
                .hasMessage("fw.nft line 1: 'table inet f {': expected '}' to close table f before the end of the file");
        assertThatThrownBy(() -> FirewallFormat.NFTABLES.parse("fw.nft", "include \"/etc/nftables.d/*.nft\"\n"))
                .hasMessageContaining("wificall does not follow include");
        assertThatThrownBy(() -> FirewallFormat.NFTABLES.parse("fw.nft", "iptables -A OUTPUT -j ACCEPT\n"))
                .hasMessageContaining("fw.nft line 1: 'iptables -A OUTPUT -j ACCEPT': expected table, add, insert,"
                        + " delete, flush or define");
        assertThatThrownBy(() -> FirewallFormat.NFTABLES.parse("fw.nft", """
                table ip f {
                \tchain o {
                \t\ttype filter hook output priority 0;
                \t\tip daddr $EPDG accept
                \t}
                }
                """)).hasMessageContaining("fw.nft line 4: ").hasMessageContaining("expected 'define EPDG = ...' before"
                + " $EPDG is used");
        assertThatThrownBy(() -> FirewallFormat.NFTABLES.parse("fw.nft", """
                table ip f {
                \tchain o {
                \t\ttype filter hook output priority 0;
                \t\tip daddr @nope udp dport 500 accept
                \t}
                }
                """)).hasMessageContaining("expected a set nope declared in this rule's table");
        assertThatThrownBy(() -> FirewallFormat.NFTABLES.parse("fw.nft", """
                table inet f {
                \tset s {
                \t\ttype ipv4_addr
                \t\telements = { fd77::2 }
                \t}
                \tchain o {
                \t\ttype filter hook output priority 0;
                \t\tip daddr @s udp dport 500 accept
                \t}
                }
                """)).hasMessage("fw.nft line 4: 'elements = { fd77::2 }': expected an IPv4 address, prefix or range in"
                + " set s, not 'fd77::2'");
    }

    @Test
    void aTableOfFamilyIpOnlyOpensIpv4() {
        String text = "table ip f {\n\tchain o {\n\t\ttype filter hook forward priority 0;\n\t\tudp dport 4500 accept\n"
                + "\t}\n}\n";
        List<AllowRule> rules = FirewallFormat.NFTABLES.parse("f", text).rules();
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.destinations()).extracting(Destination::text).containsExactly("0.0.0.0/0");
            assertThat(r.ipVersion()).isEqualTo(4);
        });
    }
}
