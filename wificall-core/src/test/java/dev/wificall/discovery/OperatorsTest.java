package dev.wificall.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperatorsTest {

    @Test
    void tableLoads() {
        assertThat(Operators.entries()).hasSizeGreaterThan(700);
        assertThat(Operators.source()).contains("mobile-broadband-provider-info").contains("public domain");
    }

    @Test
    void namesKnownOperators() {
        assertThat(Operators.name(Plmn.parse("262-01"))).hasValueSatisfying(n -> assertThat(n).contains("Telekom"));
        assertThat(Operators.name(Plmn.parse("262-001"))).isEqualTo(Operators.name(Plmn.parse("262-01")));
        assertThat(Operators.name(Plmn.parse("310-260"))).hasValueSatisfying(n -> assertThat(n).contains("T-Mobile"));
        assertThat(Operators.name(Plmn.parse("001-01"))).isEmpty();
        assertThat(Operators.label(Plmn.parse("262-01"))).isEqualTo("262-01 T-Mobile(Telekom)");
        assertThat(Operators.label(Plmn.parse("001-01"))).isEqualTo("001-01");
    }

    @Test
    void namesCountries() {
        assertThat(Operators.country("262")).contains("Germany");
        assertThat(Operators.country("310")).contains("United States");
        assertThat(Operators.country("234")).contains("United Kingdom");
        assertThat(Operators.country("001")).isEmpty();
    }

    @Test
    void findsByPlmnOrUnambiguousName() {
        assertThat(Operators.find("262-01")).isEqualTo(Plmn.parse("262-01"));
        assertThat(Operators.find("00101")).isEqualTo(Plmn.parse("001-01"));
        assertThat(Operators.find("congstar")).isEqualTo(Plmn.parse("262-01"));
        assertThat(Operators.find("Mint Mobile")).isEqualTo(Plmn.parse("310-260"));
        assertThat(Operators.find("TUENTI movil")).isEqualTo(Plmn.parse("214-05"));
    }

    @Test
    void ambiguousNamesListTheCandidates() {
        assertThatThrownBy(() -> Operators.find("Vodafone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'Vodafone' matches ")
                .hasMessageContaining("262-02 Vodafone (Germany)")
                .hasMessageContaining(" more; give the MCC-MNC");
        assertThatThrownBy(() -> Operators.find("Telekom"))
                .hasMessageStartingWith("'Telekom' matches 6 operators: ")
                .hasMessageContaining("262-01 T-Mobile(Telekom) (Germany)")
                .hasMessageContaining("220-03 Telekom Srbija (Serbia)");
    }

    @Test
    void oneOperatorOnSeveralNetworksAsksWhichOne() {
        assertThatThrownBy(() -> Operators.find("Vodafone Germany"))
                .hasMessage("'Vodafone Germany' is Vodafone (Germany) on 3 networks: 262-02, 262-04, 262-09;"
                        + " give the MCC-MNC of the SIM (the first 5 or 6 digits of its IMSI)");
        assertThatThrownBy(() -> Operators.find("t-mobile telekom"))
                .hasMessageStartingWith("'t-mobile telekom' is T-Mobile(Telekom) (Germany) on 2 networks: 262-01, 262-06;");
    }

    @Test
    void unknownNamesSaySo() {
        assertThatThrownBy(() -> Operators.find("Nonexistent Mobile Ltd"))
                .hasMessageStartingWith("'Nonexistent Mobile Ltd' matches no operator in the bundled table (")
                .hasMessageEndingWith("networks); give the MCC-MNC, e.g. 262-01");
        assertThatThrownBy(() -> Operators.find("262-1")).hasMessageContaining("'262-1' is not an operator");
        assertThatThrownBy(() -> Operators.find(" ")).hasMessageStartingWith("no operator given");
    }

    @Test
    void normalizesForMatching() {
        assertThat(Operators.normalize("Movistar (Telefónica)")).isEqualTo("movistar telefonica");
        assertThat(Operators.normalize("T-Mobile(Telekom)")).isEqualTo("t mobile telekom");
    }
}
