package dev.wificall.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A phone configured with its ePDG name: used as given, the operator read from 3GPP labels. */
class ConfiguredNameTest {

    @Test
    void operatorOwnNameIsUsedAsGivenWithoutOperator() {
        EpdgName name = EpdgName.configured(" ePDG.Example.NET. ");
        assertThat(name.fqdn()).isEqualTo("epdg.example.net");
        assertThat(name.form()).isEqualTo(NameForm.CONFIGURED);
        assertThat(name.plmn()).isEmpty();
        assertThat(name.twoDigitMncMistake()).isEmpty();
        SelectionInput in = SelectionInput.configured("epdg.example.net");
        assertThat(in.plmn()).isNull();
        assertThat(in.label()).isEqualTo("epdg.example.net");
    }

    @Test
    void threeGppLabelsNameTheOperator() {
        SelectionInput in = SelectionInput.configured("ss.epdg.epc.geo.mnc260.mcc310.pub.3gppnetwork.org");
        assertThat(in.plmn()).isEqualTo(Plmn.parse("310-260"));
        assertThat(SelectionInput.configured("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org").plmn())
                .isEqualTo(Plmn.parse("262-01"));
        assertThat(SelectionInput.configured("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org").label())
                .isEqualTo(Operators.label(Plmn.parse("262-01")));
    }

    @Test
    void theOnlyCandidateIsTheConfiguredName() {
        List<Candidate> candidates = EpdgSelection.candidates(SelectionInput.configured("epdg.example.net"));
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).name().fqdn()).isEqualTo("epdg.example.net");
        assertThat(candidates.get(0).why()).contains("configured name").contains("TS 24.302 §7.2.1");
        assertThat(candidates.get(0).naptr()).isFalse();
    }

    @Test
    void notADomainNameIsRefusedNamingTheText() {
        for (String bad : List.of("epdg", "epdg..example.net", "-epdg.example.net", "epdg.exa mple.net", "a/b.net",
                "x".repeat(64) + ".net")) {
            assertThatThrownBy(() -> SelectionInput.configured(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not a domain name")
                    .hasMessageContaining("e.g. epdg.example.net");
        }
        assertThatThrownBy(() -> SelectionInput.configured(" ")).hasMessageContaining("empty ePDG name");
    }

    @Test
    void builtNameOptionsDoNotApplyToAConfiguredName() {
        SelectionInput in = SelectionInput.configured("epdg.example.net");
        assertThatThrownBy(() -> in.withTac(0x1A2B)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a configured ePDG name (epdg.example.net) is used as given");
        assertThatThrownBy(() -> in.withEmergency(true)).hasMessageContaining("is used as given");
    }
}
