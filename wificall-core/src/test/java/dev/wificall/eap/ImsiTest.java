package dev.wificall.eap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.discovery.Plmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImsiTest {

    @Test
    void splitsMccAndMncByTheGivenLength() {
        Imsi imsi = new Imsi("310260123456789");
        assertThat(imsi.mcc()).isEqualTo("310");
        assertThat(imsi.mnc(3)).isEqualTo("260");
        assertThat(imsi.mnc(2)).isEqualTo("26");
        assertThat(imsi.plmn(3)).isEqualTo(new Plmn("310", "260"));
        assertThat(new Imsi("262011234567890").plmn(2)).isEqualTo(Plmn.parse("262-01"));
    }

    @Test
    void masksEverythingAfterMccAndTwoMncDigits() {
        Imsi imsi = new Imsi("262011234567890");
        assertThat(imsi.masked()).isEqualTo("26201**********");
        assertThat(imsi).hasToString("26201**********");
        assertThat(new Imsi("310260123456789").masked(3)).isEqualTo("310260*********");
        assertThat(new Imsi("001010")).hasToString("00101*");
        assertThat(imsi.toString()).doesNotContain("1234567890").doesNotContain("90");
    }

    @Test
    void parseStripsWhiteSpace() {
        assertThat(Imsi.parse(" 262011234567890\n").digits()).isEqualTo("262011234567890");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1234567890123456", "26201123456789a", "262-01-12345678"})
    void rejectsWithoutEchoingTheValue(String text) {
        assertThatThrownBy(() -> new Imsi(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("IMSI must be 6 to 15 digits")
                .hasMessageContaining("got " + text.length() + " characters")
                .hasMessageNotContaining(text);
    }

    @Test
    void rejectsMissingValueAndBadMncLength() {
        assertThatThrownBy(() -> new Imsi("")).hasMessageStartingWith("no IMSI given");
        assertThatThrownBy(() -> Imsi.parse(null)).hasMessageStartingWith("no IMSI given");
        assertThatThrownBy(() -> new Imsi("262011234567890").mnc(4)).hasMessage("MNC length must be 2 or 3; got 4");
    }
}
