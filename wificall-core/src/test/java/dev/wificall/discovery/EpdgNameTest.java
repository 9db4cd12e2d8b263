package dev.wificall.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpdgNameTest {

    private static final Plmn TELEKOM = Plmn.parse("262-01");
    private static final Plmn TMOBILE_US = Plmn.parse("310-260");

    /** Every form, ordinary and emergency, for a 2-digit and a 3-digit MNC. */
    @ParameterizedTest(name = "{0} {1} sos={2}")
    @CsvSource({
        "OPERATOR_IDENTIFIER, 262-01,  false, , epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "OPERATOR_IDENTIFIER, 262-01,  true,  , sos.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "OPERATOR_IDENTIFIER, 310-260, false, , epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "OPERATOR_IDENTIFIER, 310-260, true,  , sos.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "TRACKING_AREA, 262-01,  false, 0x1A2B, tac-lb2b.tac-hb1a.tac.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "TRACKING_AREA, 262-01,  true,  0x1A2B, tac-lb2b.tac-hb1a.tac.sos.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "TRACKING_AREA, 310-260, false, 0x0001, tac-lb01.tac-hb00.tac.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "TRACKING_AREA, 310-260, true,  0xFFFF, tac-lbff.tac-hbff.tac.sos.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "LOCATION_AREA, 262-01,  false, 0x00AB, lac00ab.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "LOCATION_AREA, 262-01,  true,  0x00AB, lac00ab.sos.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "LOCATION_AREA, 310-260, false, 0xBEEF, lacbeef.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "LOCATION_AREA, 310-260, true,  0x0001, lac0001.sos.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "TRACKING_AREA_5GS, 262-01,  false, 0x0A1B2C, tac-lb2c.tac-mb1b.tac-hb0a.5gstac.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "TRACKING_AREA_5GS, 262-01,  true,  0x0A1B2C, tac-lb2c.tac-mb1b.tac-hb0a.5gstac.sos.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
        "TRACKING_AREA_5GS, 310-260, false, 0x000100, tac-lb00.tac-mb01.tac-hb00.5gstac.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "TRACKING_AREA_5GS, 310-260, true,  0xFFFFFF, tac-lbff.tac-mbff.tac-hbff.5gstac.sos.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
        "N3IWF_OPERATOR_IDENTIFIER, 262-01,  false, , n3iwf.5gc.mnc001.mcc262.pub.3gppnetwork.org",
        "N3IWF_OPERATOR_IDENTIFIER, 310-260, false, , n3iwf.5gc.mnc260.mcc310.pub.3gppnetwork.org",
        "N3IWF_TRACKING_AREA, 262-01,  false, 0x1A2B, tac-lb2b.tac-hb1a.tac.n3iwf.5gc.mnc001.mcc262.pub.3gppnetwork.org",
        "N3IWF_TRACKING_AREA, 310-260, false, 0x0102, tac-lb02.tac-hb01.tac.n3iwf.5gc.mnc260.mcc310.pub.3gppnetwork.org",
        "N3IWF_TRACKING_AREA_5GS, 262-01,  false, 0x0A1B2C, tac-lb2c.tac-mb1b.tac-hb0a.5gstac.n3iwf.5gc.mnc001.mcc262.pub.3gppnetwork.org",
        "N3IWF_TRACKING_AREA_5GS, 310-260, false, 0x123456, tac-lb56.tac-mb34.tac-hb12.5gstac.n3iwf.5gc.mnc260.mcc310.pub.3gppnetwork.org",
    })
    void buildsEveryOperatorForm(NameForm form, String plmnText, boolean sos, String area, String expected) {
        Plmn plmn = Plmn.parse(plmnText);
        int a = area == null ? 0 : Integer.decode(area);
        EpdgName name = switch (form) {
            case OPERATOR_IDENTIFIER -> EpdgName.operatorIdentifier(plmn, sos);
            case TRACKING_AREA -> EpdgName.trackingArea(plmn, a, sos);
            case LOCATION_AREA -> EpdgName.locationArea(plmn, a, sos);
            case TRACKING_AREA_5GS -> EpdgName.trackingArea5gs(plmn, a, sos);
            case N3IWF_OPERATOR_IDENTIFIER -> EpdgName.n3iwfOperatorIdentifier(plmn);
            case N3IWF_TRACKING_AREA -> EpdgName.n3iwfTrackingArea(plmn, a);
            case N3IWF_TRACKING_AREA_5GS -> EpdgName.n3iwfTrackingArea5gs(plmn, a);
            default -> throw new AssertionError(form);
        };
        assertThat(name.fqdn()).isEqualTo(expected);
        assertThat(name.form()).isEqualTo(form);
        assertThat(name.emergency()).isEqualTo(sos);
        assertThat(name.plmn()).contains(plmn);
        assertThat(name.mcc()).isEqualTo(plmn.mcc());
        assertThat(name.area()).isEqualTo(area == null ? OptionalInt.empty() : OptionalInt.of(a));
        assertThat(name.form().naptr()).isFalse();
        assertThat(name).hasToString(expected);
    }

    @Test
    void buildsVisitedCountryNames() {
        assertThat(EpdgName.visitedCountry("262", false).fqdn())
                .isEqualTo("epdg.epc.mcc262.visited-country.pub.3gppnetwork.org");
        assertThat(EpdgName.visitedCountry("310", true).fqdn())
                .isEqualTo("sos.epdg.epc.mcc310.visited-country.pub.3gppnetwork.org");
        assertThat(EpdgName.n3iwfVisitedCountry("234").fqdn())
                .isEqualTo("n3iwf.5gc.mcc234.visited-country.pub.3gppnetwork.org");
        EpdgName name = EpdgName.visitedCountry("234", false);
        assertThat(name.plmn()).isEmpty();
        assertThat(name.area()).isEmpty();
        assertThat(name.mcc()).isEqualTo("234");
        assertThat(name.form().naptr()).isTrue();
        assertThat(name.twoDigitMncMistake()).isEmpty();
    }

    /** The vectors of Android's Iwlan EpdgSelectorTest (MCC 311, MNC 120, LAC/TAC 0xFFCC, NR TAC 0xFFCCAA). */
    @Test
    void agreesWithAndroidsTestVectors() {
        Plmn plmn = Plmn.parse("311-120");
        assertThat(EpdgName.locationArea(plmn, 65484, true).fqdn())
                .isEqualTo("lacffcc.sos.epdg.epc.mnc120.mcc311.pub.3gppnetwork.org");
        assertThat(EpdgName.trackingArea(plmn, 65484, false).fqdn())
                .isEqualTo("tac-lbcc.tac-hbff.tac.epdg.epc.mnc120.mcc311.pub.3gppnetwork.org");
        assertThat(EpdgName.trackingArea5gs(plmn, 16764074, true).fqdn())
                .isEqualTo("tac-lbaa.tac-mbcc.tac-hbff.5gstac.sos.epdg.epc.mnc120.mcc311.pub.3gppnetwork.org");
    }

    @Test
    void hexCaseDoesNotMatterToDns() {
        // an EPC DNS library writes the same names in upper case; RFC 4343 makes them equal
        assertThat(EpdgName.trackingArea(Plmn.parse("311-990"), 0x1B0A, false).fqdn())
                .isEqualToIgnoringCase("tac-lb0A.tac-hb1B.tac.epdg.epc.mnc990.mcc311.pub.3gppnetwork.org");
        assertThat(EpdgName.locationArea(Plmn.parse("311-990"), 0x01AB, true).fqdn())
                .isEqualToIgnoringCase("lac01AB.sos.epdg.epc.mnc990.mcc311.pub.3gppnetwork.org");
    }

    @Test
    void plmnEpdgFqdnIsTheOperatorIdentifierName() {
        assertThat(TELEKOM.epdgFqdn()).isEqualTo(EpdgName.operatorIdentifier(TELEKOM).fqdn());
        assertThat(Plmn.parse("262-001").epdgFqdn()).isEqualTo("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
    }

    @Test
    void areaTextUsesTheStandardsNotation() {
        assertThat(EpdgName.trackingArea(TELEKOM, 0x1A2B, false).areaText()).contains("TAC 0x1A2B");
        assertThat(EpdgName.locationArea(TELEKOM, 0xAB, false).areaText()).contains("LAC 0x00AB");
        assertThat(EpdgName.trackingArea5gs(TELEKOM, 0x0A1B2C, false).areaText()).contains("5GS TAC 0x0A1B2C");
        assertThat(EpdgName.operatorIdentifier(TELEKOM).areaText()).isEmpty();
    }

    @Test
    void givesTheTwoDigitMncMistake() {
        assertThat(EpdgName.twoDigitMncMistake(TELEKOM)).contains("epdg.epc.mnc01.mcc262.pub.3gppnetwork.org");
        assertThat(EpdgName.twoDigitMncMistake(Plmn.parse("262-001")))
                .contains("epdg.epc.mnc01.mcc262.pub.3gppnetwork.org");
        assertThat(EpdgName.twoDigitMncMistake(TMOBILE_US)).isEmpty();
        assertThat(EpdgName.trackingArea(TELEKOM, 0x1A2B, true).twoDigitMncMistake())
                .contains("tac-lb2b.tac-hb1a.tac.sos.epdg.epc.mnc01.mcc262.pub.3gppnetwork.org");
        assertThat(EpdgName.n3iwfOperatorIdentifier(Plmn.parse("234-15")).twoDigitMncMistake())
                .contains("n3iwf.5gc.mnc15.mcc234.pub.3gppnetwork.org");
    }

    @Test
    void rejectsAreaCodesOutOfRangeNamingTheValue() {
        assertThatThrownBy(() -> EpdgName.trackingArea(TELEKOM, 0x10000, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TAC 65536 is out of range; expected 1 to 65535 (0x0001 to 0xFFFF, 16 bits) except 0xFFFE");
        assertThatThrownBy(() -> EpdgName.trackingArea5gs(TELEKOM, 0x1000000, false))
                .hasMessageStartingWith("5GS TAC 16777216 is out of range; expected 1 to 16777215 (0x000001 to 0xFFFFFF");
        assertThatThrownBy(() -> EpdgName.locationArea(TELEKOM, -1, false))
                .hasMessageStartingWith("LAC -1 is out of range");
        assertThatThrownBy(() -> EpdgName.n3iwfTrackingArea(TELEKOM, 0x10000))
                .hasMessageStartingWith("TAC 65536 is out of range");
    }

    @Test
    void rejectsReservedAreaCodes() {
        assertThatThrownBy(() -> EpdgName.locationArea(TELEKOM, 0x0000, false))
                .hasMessageStartingWith("LAC 0x0000 is reserved: it marks a deleted or absent area (TS 23.003 §4.1)");
        assertThatThrownBy(() -> EpdgName.locationArea(TELEKOM, 0xFFFE, false))
                .hasMessageStartingWith("LAC 0xFFFE is reserved");
        assertThatThrownBy(() -> EpdgName.trackingArea(TELEKOM, 0xFFFE, false))
                .hasMessageStartingWith("TAC 0xFFFE is reserved").hasMessageContaining("TS 24.301");
        assertThatThrownBy(() -> EpdgName.trackingArea5gs(TELEKOM, 0xFFFFFE, false))
                .hasMessageStartingWith("5GS TAC 0xFFFFFE is reserved").hasMessageContaining("TS 24.501");
        assertThatThrownBy(() -> EpdgName.trackingArea5gs(TELEKOM, 0, false))
                .hasMessageStartingWith("5GS TAC 0x000000 is reserved");
    }

    @Test
    void rejectsBadVisitedMcc() {
        assertThatThrownBy(() -> EpdgName.visitedCountry("26", false))
                .hasMessage("MCC '26' is not 3 digits; expected e.g. 262");
        assertThatThrownBy(() -> EpdgName.n3iwfVisitedCountry(null)).hasMessageStartingWith("MCC 'null'");
    }

    @Test
    void constructorChecksTheNameAgainstItsParts() {
        assertThatThrownBy(() -> new EpdgName("epdg.epc.mnc01.mcc262.pub.3gppnetwork.org",
                NameForm.OPERATOR_IDENTIFIER, false, "262", Optional.of(TELEKOM), OptionalInt.empty()))
                .hasMessage("'epdg.epc.mnc01.mcc262.pub.3gppnetwork.org' is not the operator identifier name for"
                        + " these values; expected 'epdg.epc.mnc001.mcc262.pub.3gppnetwork.org'");
        assertThatThrownBy(() -> new EpdgName("x", NameForm.TRACKING_AREA, false, "262", Optional.of(TELEKOM),
                OptionalInt.empty())).hasMessage("the tracking area name needs a TAC");
        assertThatThrownBy(() -> new EpdgName("x", NameForm.VISITED_COUNTRY, false, "262", Optional.of(TELEKOM),
                OptionalInt.empty())).hasMessageContaining("has no operator");
        assertThatThrownBy(() -> new EpdgName("x", NameForm.OPERATOR_IDENTIFIER, false, "310",
                Optional.of(TELEKOM), OptionalInt.empty())).hasMessage("MCC 310 differs from the operator 262-01's");
        EpdgName same = new EpdgName("sos.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
                NameForm.OPERATOR_IDENTIFIER, true, "262", Optional.of(TELEKOM), OptionalInt.empty());
        assertThat(same).isEqualTo(EpdgName.operatorIdentifier(TELEKOM, true));
    }

    @Test
    void n3iwfFormsHaveNoEmergencyVariant() {
        assertThat(NameForm.N3IWF_OPERATOR_IDENTIFIER.hasEmergencyVariant()).isFalse();
        assertThat(NameForm.N3IWF_TRACKING_AREA.n3iwf()).isTrue();
        assertThat(NameForm.TRACKING_AREA.n3iwf()).isFalse();
        assertThatThrownBy(() -> new EpdgName("x", NameForm.N3IWF_OPERATOR_IDENTIFIER, true, "262",
                Optional.of(TELEKOM), OptionalInt.empty()))
                .hasMessageStartingWith("TS 23.003 §28.3.2.2 defines no emergency (sos) N3IWF operator identifier name");
    }

    @Test
    void formsNameTheirClauses() {
        assertThat(NameForm.OPERATOR_IDENTIFIER.clause(false)).isEqualTo("TS 23.003 §19.4.2.9.2");
        assertThat(NameForm.OPERATOR_IDENTIFIER.clause(true)).isEqualTo("TS 23.003 §19.4.2.9A.2");
        assertThat(NameForm.TRACKING_AREA_5GS.clause(true)).isEqualTo("TS 23.003 §19.4.2.9A.3");
        assertThat(NameForm.VISITED_COUNTRY.clause(true)).isEqualTo("TS 23.003 §19.4.2.9A.4");
        assertThat(NameForm.N3IWF_VISITED_COUNTRY.clause(true)).isEqualTo("TS 23.003 §28.3.2.2.4");
    }
}
