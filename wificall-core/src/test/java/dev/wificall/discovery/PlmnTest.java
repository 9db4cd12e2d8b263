package dev.wificall.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlmnTest {

    @ParameterizedTest
    @CsvSource({
        "262-01,  262, 01,  epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "262-001, 262, 001, epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "310-260, 310, 260, epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "23415,   234, 15,  epdg.epc.mnc015.mcc234.pub.3gppnetwork.org",
        "' 001 01 ', 001, 01, epdg.epc.mnc001.mcc001.pub.3gppnetwork.org",
    })
    void parsesTextAndBuildsTheOperatorIdentifierFqdn(String text, String mcc, String mnc, String fqdn) {
        Plmn plmn = Plmn.parse(text);
        assertThat(plmn.mcc()).isEqualTo(mcc);
        assertThat(plmn.mnc()).isEqualTo(mnc);
        assertThat(plmn.epdgFqdn()).isEqualTo(fqdn);
    }

    @Test
    void fromNumbersPadsTheMncToTwoDigitsBelow100() {
        assertThat(Plmn.of(262, 1)).hasToString("262-01");
        assertThat(Plmn.of(262, 1).epdgFqdn()).isEqualTo("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
        assertThat(Plmn.of(310, 260)).hasToString("310-260");
        assertThat(Plmn.of(1, 1)).hasToString("001-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"26-1", "2620-01", "262-1", "262-0001", "abc-01", "262_01x", ""})
    void rejectsMalformedTextNamingTheValue(String text) {
        assertThatThrownBy(() -> Plmn.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "no operator given" : "'" + text + "'")
                .hasMessageContaining("expected MCC-MNC with a 3-digit MCC and a 2- or 3-digit MNC, e.g. 262-01");
    }

    @Test
    void rejectsNumbersOutOfRange() {
        assertThatThrownBy(() -> Plmn.of(2620, 1)).hasMessageStartingWith("MCC 2620 is not 3 digits");
        assertThatThrownBy(() -> Plmn.of(262, 1000)).hasMessageStartingWith("MNC 1000 is not 2 or 3 digits");
        assertThatThrownBy(() -> Plmn.of(-1, 1)).hasMessageStartingWith("MCC -1 is not 3 digits");
    }
}
