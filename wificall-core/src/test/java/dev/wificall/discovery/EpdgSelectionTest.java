package dev.wificall.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpdgSelectionTest {

    private static final Plmn TELEKOM = Plmn.parse("262-01");

    private static List<String> fqdns(List<Candidate> candidates) {
        return candidates.stream().map(c -> c.name().fqdn()).toList();
    }

    @Test
    void withoutAreaOnlyTheOperatorIdentifierName() {
        List<Candidate> c = EpdgSelection.candidates(SelectionInput.of(TELEKOM));
        assertThat(fqdns(c)).containsExactly("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
        assertThat(c.get(0).why()).isEqualTo("operator identifier name: the name a phone of 262-01 resolves"
                + " (TS 23.003 §19.4.2.9.2, TS 23.402 §4.5.4, TS 24.302 §7.2.1)");
        assertThat(c.get(0).naptr()).isFalse();
    }

    @Test
    void trackingAreaFirstThenOperatorIdentifier() {
        List<Candidate> c = EpdgSelection.candidates(SelectionInput.of(TELEKOM).withTac(0x1A2B));
        assertThat(fqdns(c)).containsExactly(
                "tac-lb2b.tac-hb1a.tac.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
                "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
        assertThat(c.get(0).why()).isEqualTo("tracking area name first, as a phone camped on LTE with TAC 0x1A2B"
                + " does where its operator configures area-based names (TS 23.402 §4.5.4, TS 24.302 §7.2.1)");
        assertThat(c.get(1).why()).isEqualTo("operator identifier name: the fallback when the area name does not"
                + " resolve (TS 23.402 §4.5.4, TS 24.302 §7.2.1)");
    }

    @Test
    void everyAreaNameBeforeTheOperatorIdentifier() {
        SelectionInput in = SelectionInput.of(Plmn.parse("310-260")).withLac(0x00AB).withTac(0x1A2B)
                .withTac5gs(0x0A1B2C).withEmergency(true);
        List<Candidate> c = EpdgSelection.candidates(in);
        assertThat(fqdns(c)).containsExactly(
                "tac-lb2c.tac-mb1b.tac-hb0a.5gstac.sos.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
                "tac-lb2b.tac-hb1a.tac.sos.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
                "lac00ab.sos.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org",
                "sos.epdg.epc.mnc260.mcc310.pub.3gppnetwork.org");
        assertThat(c.get(0).why()).startsWith("5GS tracking area name for emergency calls first, as a phone camped"
                + " on NR (5G) with 5GS TAC 0x0A1B2C does");
        assertThat(c.get(1).why()).startsWith("tracking area name for emergency calls next");
        assertThat(c.get(2).why()).startsWith("location area name for emergency calls next, as a phone camped on"
                + " GSM or UMTS with LAC 0x00AB does");
        assertThat(c).allMatch(x -> x.name().emergency());
    }

    @Test
    void abroadTheVisitedCountryNameFirst() {
        List<Candidate> c = EpdgSelection.candidates(SelectionInput.of(TELEKOM).visiting("234"));
        assertThat(fqdns(c)).containsExactly(
                "epdg.epc.mcc234.visited-country.pub.3gppnetwork.org",
                "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
        assertThat(c.get(0).naptr()).isTrue();
        assertThat(c.get(0).why()).isEqualTo("visited-country name first: abroad in MCC 234 (United Kingdom), a"
                + " phone asks its NAPTR records which networks' ePDG the country requires"
                + " (TS 23.402 §4.5.4, TS 24.302 §7.2.1)");
        assertThat(c.get(1).why()).startsWith("home operator identifier name: used when the visited-country name"
                + " returns no records");
        assertThat(c.get(0)).hasToString("epdg.epc.mcc234.visited-country.pub.3gppnetwork.org (NAPTR): "
                + c.get(0).why());
    }

    @Test
    void emergencyAbroad() {
        List<Candidate> c = EpdgSelection.candidates(SelectionInput.of(TELEKOM).visiting("310").withEmergency(true));
        assertThat(fqdns(c)).containsExactly(
                "sos.epdg.epc.mcc310.visited-country.pub.3gppnetwork.org",
                "sos.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
    }

    @Test
    void n3iwfNames() {
        assertThat(fqdns(EpdgSelection.candidates(SelectionInput.of(TELEKOM).withN3iwf(true).withTac(0x1A2B)
                .withTac5gs(0x0A1B2C)))).containsExactly(
                "tac-lb2c.tac-mb1b.tac-hb0a.5gstac.n3iwf.5gc.mnc001.mcc262.pub.3gppnetwork.org",
                "tac-lb2b.tac-hb1a.tac.n3iwf.5gc.mnc001.mcc262.pub.3gppnetwork.org",
                "n3iwf.5gc.mnc001.mcc262.pub.3gppnetwork.org");
        List<Candidate> abroad = EpdgSelection.candidates(SelectionInput.of(TELEKOM).withN3iwf(true).visiting("208"));
        assertThat(fqdns(abroad)).containsExactly(
                "n3iwf.5gc.mcc208.visited-country.pub.3gppnetwork.org",
                "n3iwf.5gc.mnc001.mcc262.pub.3gppnetwork.org");
        assertThat(abroad.get(0).why()).contains("which networks' N3IWF").endsWith("(TS 23.501 §6.3.6, TS 24.502 §7.2)");
    }

    @Test
    void rejectsInputsNoPhoneHas() {
        assertThatThrownBy(() -> SelectionInput.of(TELEKOM).visiting("262"))
                .hasMessage("visited MCC 262 is the home country of 262-01; a phone at home does not ask the"
                        + " visited-country name");
        assertThatThrownBy(() -> SelectionInput.of(TELEKOM).withTac(0x1A2B).visiting("234"))
                .hasMessageStartingWith("an area code abroad belongs to the visited network, not to 262-01");
        assertThatThrownBy(() -> SelectionInput.of(TELEKOM).visiting("23"))
                .hasMessage("visited MCC '23' is not 3 digits; expected e.g. 234");
        assertThatThrownBy(() -> SelectionInput.of(TELEKOM).withN3iwf(true).withLac(0xAB))
                .hasMessageStartingWith("TS 23.003 §28.3.2.2 defines no location-area N3IWF name");
        assertThatThrownBy(() -> SelectionInput.of(TELEKOM).withN3iwf(true).withEmergency(true))
                .hasMessageStartingWith("TS 23.003 §28.3.2.2 defines no emergency (sos) N3IWF name");
        assertThatThrownBy(() -> SelectionInput.of(TELEKOM).withTac(0))
                .hasMessageStartingWith("TAC 0x0000 is reserved");
        assertThatThrownBy(() -> SelectionInput.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void naptrTargetsInOrderThenPreference() {
        NaptrTargets t = EpdgSelection.naptrTargets(List.of(
                NaptrRecord.of(200, 10, "a", "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org."),
                NaptrRecord.of(100, 20, "A", "epdg.epc.mnc030.mcc234.pub.3gppnetwork.org"),
                new NaptrRecord(100, 10, "a", "x-3gpp-epdg:x-s2b-gtp", "", "epdg.epc.mnc010.mcc234.pub.3gppnetwork.org"),
                new NaptrRecord(100, 5, "a", "something-else", "", "epdg.epc.mnc020.mcc234.pub.3gppnetwork.org")));
        assertThat(t.fqdns()).containsExactly(
                "epdg.epc.mnc020.mcc234.pub.3gppnetwork.org",
                "epdg.epc.mnc010.mcc234.pub.3gppnetwork.org",
                "epdg.epc.mnc030.mcc234.pub.3gppnetwork.org",
                "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org");
        assertThat(t.notes()).isEmpty();
        assertThat(t.androidWarning()).isEmpty();
    }

    @Test
    void naptrTargetsSkipAndExplainRecordsThatDoNotQualify() {
        NaptrTargets t = EpdgSelection.naptrTargets(List.of(
                NaptrRecord.of(10, 10, "u", "sip:epdg@example.org"),
                new NaptrRecord(20, 10, "a", "", "!^.*$!epdg.example.org!", ""),
                NaptrRecord.of(30, 10, "a", "."),
                NaptrRecord.of(40, 10, "s", "_epdg._udp.epdg.epc.mnc015.mcc234.pub.3gppnetwork.org"),
                NaptrRecord.of(50, 10, "a", "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org"),
                NaptrRecord.of(60, 10, "a", "EPDG.epc.mnc015.mcc234.pub.3gppnetwork.org.")));
        assertThat(t.fqdns()).containsExactly(
                "_epdg._udp.epdg.epc.mnc015.mcc234.pub.3gppnetwork.org",
                "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org",
                "EPDG.epc.mnc015.mcc234.pub.3gppnetwork.org");
        assertThat(t.notes()).containsExactly(
                "skipped 10 10 \"u\" \"\" \"\" sip:epdg@example.org: flag \"u\" is neither \"a\" nor \"s\"",
                "skipped 20 10 \"a\" \"\" \"!^.*$!epdg.example.org!\" .: it has a regexp; a phone uses only records"
                        + " with an empty regexp and a replacement",
                "skipped 30 10 \"a\" \"\" \"\" .: it has no replacement name",
                "kept 40 10 \"s\" \"\" \"\" _epdg._udp.epdg.epc.mnc015.mcc234.pub.3gppnetwork.org (flag \"s\": the"
                        + " replacement has SRV records); Android resolves only \"a\" replacements and would pass over it");
        assertThat(t.androidWarning()).contains("Android refuses the whole NAPTR answer when one record has"
                + " flag \"u\", a regexp, no replacement; an Android phone would use none of these records and fall"
                + " back to its home operator");
    }

    @Test
    void naptrTargetsDropDuplicates() {
        NaptrTargets t = EpdgSelection.naptrTargets(List.of(
                NaptrRecord.of(10, 10, "a", "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org"),
                NaptrRecord.of(20, 10, "a", "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org.")));
        assertThat(t.fqdns()).containsExactly("epdg.epc.mnc015.mcc234.pub.3gppnetwork.org");
        assertThat(t.notes()).singleElement().asString().endsWith("same replacement as a record before it");
    }

    @Test
    void naptrWithoutRecords() {
        NaptrTargets none = EpdgSelection.naptrTargets(List.of());
        assertThat(none.fqdns()).isEmpty();
        assertThat(none.notes()).containsExactly("no records: the visited country requires no local ePDG, so a phone"
                + " uses its home operator's ePDG");
        NaptrTargets unusable = EpdgSelection.naptrTargets(List.of(NaptrRecord.of(1, 1, "p", "x.example")));
        assertThat(unusable.notes()).last().isEqualTo("no usable record: a phone falls back to its home operator's ePDG");
    }

    @Test
    void naptrRecordChecksItsFields() {
        assertThatThrownBy(() -> NaptrRecord.of(70000, 1, "a", "x"))
                .hasMessage("NAPTR order 70000 and preference 1 must each be 0 to 65535");
        assertThatThrownBy(() -> new NaptrRecord(1, 1, "a", null, "", "x")).isInstanceOf(NullPointerException.class);
    }
}
