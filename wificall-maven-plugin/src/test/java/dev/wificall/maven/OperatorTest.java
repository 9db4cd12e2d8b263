package dev.wificall.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.probe.IkePort;
import dev.wificall.verdict.AddressPolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** The two forms of {@code <operator>} and the mistakes in them, as the goal reports them. */
class OperatorTest {

    @Test
    void shortForm() throws Exception {
        assertThat(Operator.of("262-01").selection()).isEqualTo(SelectionInput.of(new Plmn("262", "01")));
        assertThat(Operator.of("262-01")).hasToString("<operator>262-01</operator>");
    }

    @Test
    void shortFormMistakeNamesTheElement() {
        assertThatThrownBy(() -> Operator.of("26-1").selection()).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<operator>26-1</operator>: '26-1' is not an operator; expected MCC-MNC");
        assertThatThrownBy(() -> Operator.of((String) null).selection()).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<operator></operator>: no operator given");
    }

    @Test
    void longFormWithEveryAreaAndEmergency() throws Exception {
        SelectionInput in = longForm("plmn", "001-21", "tac", "0x1A2B", "tac5gs", "662316", "lac", "171",
                "emergency", "true").selection();
        assertThat(in.plmn()).isEqualTo(new Plmn("001", "21"));
        assertThat(in.tac()).isEqualTo(OptionalInt.of(0x1A2B));
        assertThat(in.tac5gs()).isEqualTo(OptionalInt.of(662316));
        assertThat(in.lac()).isEqualTo(OptionalInt.of(171));
        assertThat(in.emergency()).isTrue();
        assertThat(in.visitedMcc()).isEmpty();
    }

    @Test
    void longFormAbroad() throws Exception {
        SelectionInput in = longForm("plmn", "262-01", "visitedMcc", "234").selection();
        assertThat(in.visitedMcc()).isEqualTo(Optional.of("234"));
    }

    @Test
    void nameAloneIsFoundInTheTable() throws Exception {
        assertThat(longForm("name", "Congstar").selection().plmn()).isEqualTo(new Plmn("262", "01"));
    }

    @Test
    void nameBesidePlmnMustAgree() throws Exception {
        assertThat(longForm("plmn", "262-01", "name", "Congstar").selection().plmn()).isEqualTo(new Plmn("262", "01"));
        // ambiguous in the table: a label only
        assertThat(longForm("plmn", "262-01", "name", "Telekom").selection().plmn()).isEqualTo(new Plmn("262", "01"));
        assertThatThrownBy(() -> longForm("plmn", "262-02", "name", "Congstar").selection())
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("<operator><plmn>262-02</plmn><name>Congstar</name></operator>: <name>Congstar</name> is"
                        + " 262-01 T-Mobile(Telekom), but <plmn>262-02</plmn> is 262-02 Vodafone; drop one of them, or"
                        + " make them agree");
    }

    @Test
    void ambiguousNameListsTheCandidates() {
        assertThatThrownBy(() -> longForm("name", "Telekom").selection()).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<operator><name>Telekom</name></operator>: <name>Telekom</name>: 'Telekom' matches")
                .hasMessageContaining("262-01 T-Mobile(Telekom)");
    }

    @Test
    void mistakesNameTheElementAndValue() {
        assertThatThrownBy(() -> longForm("plmn", "001-21", "tac", "1a2b").selection())
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<operator><plmn>001-21</plmn><tac>1a2b</tac></operator>: <tac>1a2b</tac>: TAC"
                        + " '1a2b' looks like hex without 0x; write 0x1a2b for hex (6699 in decimal)");
        assertThatThrownBy(() -> longForm("plmn", "2621").selection()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining(": <plmn>2621</plmn>: '2621' is not an operator");
        assertThatThrownBy(() -> longForm("plmn", "262-01", "lac", "0").selection())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("<lac>0</lac>: LAC 0x0000 is reserved");
        assertThatThrownBy(() -> longForm("plmn", "262-01", "emergency", "yes").selection())
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<emergency>yes</emergency>: 'yes' is not a boolean");
        assertThatThrownBy(() -> longForm("plmn", "262-01", "visitedMcc", "262").selection())
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<visitedMcc>262</visitedMcc>: visited MCC 262 is the home country of 262-01");
        assertThatThrownBy(() -> longForm("plmn", "262-01", "tac", "0x1A2B", "visitedMcc", "234").selection())
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining(": <tac>0x1A2B</tac> with <visitedMcc>234</visitedMcc>: an area code abroad");
        assertThatThrownBy(() -> longForm("tac", "0x1A2B").selection()).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<operator><tac>0x1A2B</tac></operator>: no <plmn>, <name> or <fqdn>");
    }

    @Test
    void configuredNameInTheShortAndLongForm() throws Exception {
        assertThat(Operator.of("epdg.example.net").selection()).isEqualTo(SelectionInput.configured("epdg.example.net"));
        assertThat(longForm("fqdn", "ePDG.example.net.").selection().configured().orElseThrow().fqdn())
                .isEqualTo("epdg.example.net");
        assertThatThrownBy(() -> longForm("fqdn", "epdg..example.net").selection())
                .hasMessageStartingWith("<operator><fqdn>epdg..example.net</fqdn></operator>: <fqdn>epdg..example.net</fqdn>:"
                        + " 'epdg..example.net' is not a domain name");
        assertThatThrownBy(() -> longForm("fqdn", "epdg.example.net", "tac", "0x1A2B").selection())
                .hasMessageContaining("<fqdn>epdg.example.net</fqdn> with <tac>0x1A2B</tac>: a configured ePDG name is"
                        + " used as given");
        assertThatThrownBy(() -> Operator.of("26201x").selection())
                .hasMessageContaining("'26201x' is not an operator").hasMessageEndingWith("or an ePDG name such as epdg.example.net");
    }

    @Test
    void portsAndAddressPolicyPerOperatorOverrideTheGoal() throws Exception {
        CheckSettings goal = CheckSettings.DEFAULTS;
        CheckTarget plain = Operator.of("262-01").target(goal);
        assertThat(plain.ports()).containsExactly(IkePort.UDP_500, IkePort.UDP_4500);
        assertThat(plain.addressPolicy()).isEqualTo(AddressPolicy.ANY);
        CheckTarget own = longForm("plmn", "262-01", "ports", "UDP/4500", "addressPolicy", "ALL").target(goal);
        assertThat(own.ports()).containsExactly(IkePort.UDP_4500);
        assertThat(own.addressPolicy()).isEqualTo(AddressPolicy.ALL);
        assertThatThrownBy(() -> longForm("plmn", "262-01", "ports", "4500,4501").target(goal))
                .hasMessageContaining("<ports>4500,4501</ports>: '4501' is not an IKE port; expected 500 or 4500");
        assertThatThrownBy(() -> longForm("plmn", "262-01", "ports", "500, 500").target(goal))
                .hasMessageContaining("UDP/500 is listed twice");
        assertThatThrownBy(() -> longForm("plmn", "262-01", "addressPolicy", "most").target(goal))
                .hasMessageContaining("<addressPolicy>most</addressPolicy>: 'most' is not an address policy");
    }

    private static Operator longForm(String... fieldsAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return Operator.of(fields);
    }
}
