package dev.wificall.eap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden NAIs of TS 23.003 §19.3.2 (root NAI) and the emergency NAI. */
class NaiTest {

    @ParameterizedTest
    @CsvSource({
        "262011234567890, 2, 0262011234567890@nai.epc.mnc001.mcc262.3gppnetwork.org",
        "310260123456789, 3, 0310260123456789@nai.epc.mnc260.mcc310.3gppnetwork.org",
        "234150999999999, 2, 0234150999999999@nai.epc.mnc015.mcc234.3gppnetwork.org",
        "001010000000001, 2, 0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org",
        "405854000000001, 3, 0405854000000001@nai.epc.mnc854.mcc405.3gppnetwork.org",
    })
    void eapAkaRootNai(String imsi, int mncLength, String expected) {
        Nai nai = Nai.eapAka(new Imsi(imsi), mncLength);
        assertThat(nai.value()).isEqualTo(expected);
        assertThat(nai.bytes()).isEqualTo(expected.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void eapAkaPrimeUsesLeadingSix() {
        assertThat(Nai.eapAkaPrime(new Imsi("310260123456789"), 3).value())
                .isEqualTo("6310260123456789@nai.epc.mnc260.mcc310.3gppnetwork.org");
    }

    @Test
    void emergencyNaiUsesTheSosRealm() {
        assertThat(Nai.emergency(new Imsi("234150999999999"), 2).value())
                .isEqualTo("0234150999999999@sos.nai.epc.mnc015.mcc234.3gppnetwork.org");
    }

    @Test
    void theMncLengthChangesTheRealm() {
        Imsi imsi = new Imsi("310260123456789");
        assertThat(Nai.eapAka(imsi, 2).realm()).isEqualTo("nai.epc.mnc026.mcc310.3gppnetwork.org");
        assertThat(Nai.eapAka(imsi, 3).realm()).isEqualTo("nai.epc.mnc260.mcc310.3gppnetwork.org");
    }

    @Test
    void toStringMasksTheMsin() {
        Nai nai = Nai.eapAka(new Imsi("262011234567890"), 2);
        assertThat(nai).hasToString("026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org");
        assertThat(nai.masked()).doesNotContain("1234567890");
    }

    @Test
    void rejectsUnknownPrefix() {
        assertThatThrownBy(() -> new Nai('1', new Imsi("262011234567890"), "nai.epc.mnc001.mcc262.3gppnetwork.org"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAI prefix must be '0'");
        assertThatThrownBy(() -> Nai.eapAka(new Imsi("262011234567890"), 4))
                .hasMessage("MNC length must be 2 or 3; got 4");
    }
}
