package dev.wificall.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AreaCodesTest {

    @ParameterizedTest
    @CsvSource({
        "0x1A2B, 6699",
        "0x1a2b, 6699",
        "0X1A2B, 6699",
        "6699,   6699",
        "' 0x00AB ', 171",
        "0xab,   171",
        "1,      1",
        "0xFFFF, 65535",
        "1234,   1234",
    })
    void parsesDecimalAndPrefixedHex(String text, int expected) {
        assertThat(AreaCodes.parseTac(text)).isEqualTo(expected);
        assertThat(AreaCodes.parseLac(text)).isEqualTo(expected);
    }

    @Test
    void parses24BitTrackingAreaCodes() {
        assertThat(AreaCodes.parseTac5gs("0x0A1B2C")).isEqualTo(0x0A1B2C);
        assertThat(AreaCodes.parseTac5gs("662316")).isEqualTo(0x0A1B2C);
        assertThat(AreaCodes.parseTac5gs("0xFFFFFF")).isEqualTo(0xFFFFFF);
        assertThatThrownBy(() -> AreaCodes.parseTac("0x0A1B2C"))
                .hasMessageStartingWith("TAC '0x0A1B2C' is not 16-bit hex");
    }

    @Test
    void refusesBareHexNamingBothReadings() {
        assertThatThrownBy(() -> AreaCodes.parseTac("1a2b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TAC '1a2b' looks like hex without 0x; write 0x1a2b for hex (6699 in decimal);"
                        + " expected decimal (e.g. 6699) or hex with 0x (e.g. 0x1A2B), up to 0xFFFF");
        assertThatThrownBy(() -> AreaCodes.parseLac("ab")).hasMessageStartingWith("LAC 'ab' looks like hex without 0x");
    }

    @Test
    void refusesOtherTextWithTheExpectedForm() {
        assertThatThrownBy(() -> AreaCodes.parseTac("tac1")).hasMessage("TAC 'tac1' is not a number;"
                + " expected decimal (e.g. 6699) or hex with 0x (e.g. 0x1A2B), up to 0xFFFF");
        assertThatThrownBy(() -> AreaCodes.parseTac("0x")).hasMessageStartingWith("TAC '0x' is not 16-bit hex");
        assertThatThrownBy(() -> AreaCodes.parseTac("-5")).hasMessageStartingWith("TAC '-5' is not a number");
        assertThatThrownBy(() -> AreaCodes.parseTac(" ")).hasMessageStartingWith("no TAC given; expected decimal");
        assertThatThrownBy(() -> AreaCodes.parseTac5gs(null)).hasMessageStartingWith("no 5GS TAC given");
    }

    @Test
    void refusesOutOfRangeAndReservedValues() {
        assertThatThrownBy(() -> AreaCodes.parseTac("65536")).hasMessageStartingWith("TAC 65536 is out of range");
        assertThatThrownBy(() -> AreaCodes.parseTac("99999999999")).hasMessageStartingWith("TAC 99999999999 is out of range");
        assertThatThrownBy(() -> AreaCodes.parseTac("0")).hasMessageStartingWith("TAC 0x0000 is reserved");
        assertThatThrownBy(() -> AreaCodes.parseLac("0xFFFE")).hasMessageStartingWith("LAC 0xFFFE is reserved");
        assertThatThrownBy(() -> AreaCodes.parseLac("65534")).hasMessageEndingWith("give the LAC of a real cell");
        assertThatThrownBy(() -> AreaCodes.parseTac5gs("0xFFFFFE")).hasMessageStartingWith("5GS TAC 0xFFFFFE is reserved");
    }
}
