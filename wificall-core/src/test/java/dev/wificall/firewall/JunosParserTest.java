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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A hand-written office SRX configuration, in both forms, and the mistakes the parser names. */
class JunosParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"srx-office.conf, SRX_HIERARCHICAL", "srx-office.set, SRX_SET"})
    void readsAddressBooksSetsRangesApplicationsAndSkipsInactivePolicies(String file, FirewallFormat format) {
        String text = resource(file);
        ParsedRules rules = format.parse(file, text);
        assertThat(rules.rules()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("policy allow-wifi-calling (from-zone trust to-zone untrust)");
            assertThat(r.ports()).isEqualTo(EnumSet.allOf(IkePort.class));
            assertThat(r.addTo()).isEqualTo("address-set epdg-addresses");
            assertThat(r.destinations()).extracting(Destination::text).containsExactly("10.77.0.2", "fd77::2",
                    "10.77.0.7", "10.77.0.3-10.77.0.4", "fd77::/64");
            assertThat(r.line()).isEqualTo(lineOf(text, format == FirewallFormat.SRX_SET
                    ? "policy allow-wifi-calling match source-address any" : "policy allow-wifi-calling {"));
        });
        DriftReport report = DriftCheck.check(lab(), rules, DriftPolicy.DEFAULTS);
        int line = lineOf(text, "old-epdg 10.77.0.7/32");
        assertThat(report.passed()).isTrue();
        assertThat(report.warnings()).extracting(Finding::message).containsExactly(file + " line " + line
                + ": 10.77.0.7 (address old-epdg) is allowed on udp/500 and udp/4500 but no ePDG name resolves to it now ("
                + FQDN1 + ", " + FQDN2 + "); remove it");
    }

    @Test
    void applicationTermsSetsAndPortRangesDecideThePorts() {
        String set = """
                set security address-book global address e 10.77.0.2/32
                set applications application nat-t term t1 protocol udp destination-port 4500
                set applications application nat-t term t2 protocol tcp destination-port 500
                set applications application ike-range protocol 17
                set applications application ike-range destination-port 400-600
                set applications application-set inner application nat-t
                set applications application-set outer application-set inner
                set security policies global policy a match source-address any
                set security policies global policy a match destination-address e
                set security policies global policy a match application outer
                set security policies global policy a then permit
                set security policies from-zone x to-zone y policy b match destination-address e
                set security policies from-zone x to-zone y policy b match application ike-range
                set security policies from-zone x to-zone y policy b then permit
                set security policies from-zone x to-zone y policy c match destination-address e
                set security policies from-zone x to-zone y policy c match application junos-ike
                set security policies from-zone x to-zone y policy c then deny
                """;
        ParsedRules rules = FirewallFormat.SRX_SET.parse("s", set);
        assertThat(rules.rules()).extracting(AllowRule::name, AllowRule::ports).containsExactly(
                org.assertj.core.groups.Tuple.tuple("global policy a", EnumSet.of(IkePort.UDP_4500)),
                org.assertj.core.groups.Tuple.tuple("policy b (from-zone x to-zone y)", EnumSet.of(IkePort.UDP_500)));
    }

    @Test
    void defaultPolicyPermitAllAndExcludedDestinationsAreTooBroad() {
        String conf = """
                security {
                    address-book {
                        global {
                            address lan 10.0.0.0/8;
                        }
                    }
                    policies {
                        from-zone trust to-zone untrust {
                            policy not-lan {
                                match {
                                    source-address any;
                                    destination-address lan;
                                    destination-address-excluded;
                                    application junos-udp-any;
                                }
                                then {
                                    permit;
                                }
                            }
                        }
                        default-policy {
                            permit-all;
                        }
                    }
                }
                """;
        ParsedRules rules = FirewallFormat.SRX_HIERARCHICAL.parse("srx.conf", conf);
        assertThat(rules.rules()).extracting(AllowRule::name).containsExactly(
                "policy not-lan (from-zone trust to-zone untrust)", "default-policy permit-all");
        assertThat(rules.rules()).allMatch(AllowRule::isTooBroad);
        assertThat(rules.rules().get(0).destinations()).noneMatch(d -> d.contains(Fixtures.address("10.77.0.2")))
                .anyMatch(d -> d.contains(Fixtures.address("192.0.2.1")));
        assertThat(rules.rules().get(0).line()).isEqualTo(9);
        assertThat(rules.rules().get(1).line()).isEqualTo(22);
    }

    @Test
    void deleteAndActivateInSetForm() {
        String set = """
                set security address-book global address e 10.77.0.2/32
                set security address-book global address f 10.77.0.3/32
                set security policies global policy p match destination-address e
                set security policies global policy p match destination-address f
                set security policies global policy p match application junos-ike
                set security policies global policy p then permit
                delete security policies global policy p match destination-address f
                deactivate security policies global policy p
                activate security policies global policy p
                """;
        assertThat(FirewallFormat.SRX_SET.parse("s", set).rules()).singleElement()
                .satisfies(r -> assertThat(r.destinations()).extracting(Destination::text).containsExactly("10.77.0.2"));
    }

    @Test
    void errorsNameFileLineTextAndWhatWasExpected() {
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("fw/srx.set", "# header\n"
                + "set security address-book global address epdg-1\n"))
                .isInstanceOf(RulesParseException.class)
                .hasMessage("fw/srx.set line 2: 'set security address-book global address epdg-1': expected an address"
                        + " name, then a prefix (10.77.0.2/32), dns-name, range-address or description")
                .satisfies(e -> {
                    RulesParseException p = (RulesParseException) e;
                    assertThat(p.file()).isEqualTo("fw/srx.set");
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.text()).isEqualTo("set security address-book global address epdg-1");
                    assertThat(p.expected()).startsWith("expected an address name");
                });
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("s", "set security address-book global address a 10.77.0.300/32"))
                .hasMessageContaining("s line 1: ").hasMessageContaining("expected a prefix (10.77.0.2/32 or"
                        + " fd77::2/128), dns-name, range-address or description after address a");
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("s", "security {\n"))
                .hasMessage("s line 1: 'security {': expected a set command; braces and ';' belong to the hierarchical"
                        + " form (read such a file as SRX_HIERARCHICAL)");
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("s", "edit security\n"))
                .hasMessageContaining("expected a line starting with set, delete, deactivate or activate");
        assertThatThrownBy(() -> FirewallFormat.SRX_HIERARCHICAL.parse("c", "system {\n    host-name a;\n}\n"
                + "security {\n    policies {\n"))
                .hasMessage("c line 5: 'policies {': expected '}' to close 'policies {' before the end of the file");
        assertThatThrownBy(() -> FirewallFormat.SRX_HIERARCHICAL.parse("c", "security {\n    alg\n}\n"))
                .hasMessage("c line 3: '}': expected ';' after 'alg' before '}'");
        assertThatThrownBy(() -> FirewallFormat.SRX_HIERARCHICAL.parse("c", "a;\n}\n"))
                .hasMessage("c line 2: '}': found '}' with no block open");
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("s", """
                set security policies global policy p match destination-address epdgs
                set security policies global policy p match application junos-ike
                set security policies global policy p then permit
                """)).hasMessage("s line 1: 'set security policies global policy p match destination-address epdgs':"
                + " global policy p destination-address names epdgs, which no address book defines");
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("s", """
                set security address-book global address-set epdgs address gone
                set security policies global policy p match destination-address epdgs
                set security policies global policy p match application wfc
                set security policies global policy p then permit
                """)).hasMessage("s line 3: 'set security policies global policy p match application wfc': global policy p"
                + " matches application wfc, which is neither defined under applications nor a predefined junos-"
                + " application");
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("s", """
                set security address-book global address-set epdgs address gone
                set security policies global policy p match destination-address epdgs
                set security policies global policy p match application junos-ike
                set security policies global policy p then permit
                """)).hasMessage("s line 1: 'set security address-book global address-set epdgs address gone':"
                + " address-set epdgs names gone, which no address book defines");
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("s",
                "set security address-book global address w wildcard-address 10.0.0.1/255.0.255.255"))
                .hasMessageContaining("a wildcard-address cannot be listed as addresses");
        assertThatThrownBy(() -> FirewallFormat.SRX_SET.parse("s",
                "set security address-book global address r range-address 10.0.0.9 to 10.0.0.1"))
                .hasMessageContaining("expected range-address <first> to <last>, two addresses of one family in order");
    }

    @Test
    void partsOutsideSecurityAndApplicationsAreIgnoredHoweverOdd() {
        String set = """
                set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.2/30
                set routing-options static route 0.0.0.0/0 next-hop 192.0.2.1
                set security ike gateway gw address 198.51.100.1
                set security nat source rule-set r rule x then source-nat interface
                set groups g security policies global policy q then permit
                """;
        assertThat(FirewallFormat.SRX_SET.parse("s", set).rules()).isEmpty();
    }

    @Test
    void commentsQuotesAndAnnotationsInTheHierarchicalForm() {
        String conf = """
                /* top
                   comment */
                security {
                    address-book {
                        global {
                            address "e" {
                                description "a { tricky ; one }";
                                10.77.0.2/32;
                            }
                            # a comment line
                            protect: address-set s { address e; }
                        }
                    }
                    policies {
                        global {
                            policy p {
                                match { destination-address s; application junos-ike-nat; }
                                then { permit; }
                            }
                        }
                    }
                }
                """;
        ParsedRules rules = FirewallFormat.SRX_HIERARCHICAL.parse("c", conf);
        assertThat(rules.rules()).singleElement().satisfies(r -> {
            assertThat(r.ports()).containsExactly(IkePort.UDP_4500);
            assertThat(r.destinations()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(8));
        });
    }
}
