package dev.wificall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** EF_IMSI's BCD (TS 31.102 §4.2.2): digits, parity nibble, F filler, and what a broken file says. */
class EfImsiTest {
    private static final String READER = "R";

    private static String decode(String hex) {
        return EfImsi.decode(new ResponseReader(HexFormat.of().parseHex(hex.replace(" ", "")), READER, "READ BINARY of EF_IMSI"))
                .digits();
    }

    private static String error(String hex) {
        SimException e = catchThrowableOfType(() -> decode(hex), SimException.class);
        assertThat(e).as(hex).isNotNull();
        assertThat(e.reason()).isEqualTo(SimException.Reason.CARD_ERROR);
        assertThat(e.getMessage()).startsWith("the card in reader 'R' sent a malformed answer to READ BINARY of EF_IMSI: ")
                .doesNotContain("1234567890").doesNotContain("26201123");
        return e.getMessage();
    }

    @Test
    void fifteenDigitsWithOddParity() {
        assertThat(decode("08 29 26 10 21 43 65 87 09")).isEqualTo("262011234567890");
        assertThat(decode("08 39 01 55 00 00 00 00 10")).isEqualTo("310550000000001");
    }

    @Test
    void fourteenDigitsEndWithAnFFiller() {
        assertThat(decode("08 21 26 10 21 43 65 87 F9")).isEqualTo("26201123456789");
    }

    @Test
    void aShortImsiLeavesTheRestOfTheFileUnread() {
        assertThat(decode("04 21 26 10 F1 FF FF FF FF")).isEqualTo("262011");
        assertThat(decode("04 29 26 10 21 FF FF FF FF")).isEqualTo("2620112");
    }

    @Test
    void theParityNibbleMustMatchTheDigits() {
        assertThat(error("08 29 26 10 21 43 65 87 F9")).contains("EF_IMSI holds 14 digits but its parity nibble says odd");
        assertThat(error("08 21 26 10 21 43 65 87 09")).contains("EF_IMSI holds 15 digits but its parity nibble says even");
        assertThat(error("08 2A 26 10 21 43 65 87 09")).contains("the identity type and parity nibble of EF_IMSI is A; "
                + "expected 9 (IMSI, odd number of digits) or 1 (IMSI, even)");
    }

    @Test
    void aFillerOrAHexNibbleInsideIsRefused() {
        assertThat(error("08 29 26 F0 21 43 65 87 09")).contains("EF_IMSI digit 5 is the nibble F (filler) before the last "
                + "position; expected a decimal digit");
        assertThat(error("08 29 26 10 2B 43 65 87 09")).contains("EF_IMSI digit 6 is the nibble B; expected a decimal digit");
    }

    @Test
    void anEmptyTooLongOrTruncatedFileIsACardError() {
        assertThat(error("FF FF FF FF FF FF FF FF FF")).contains("EF_IMSI is empty (length byte FF): the card holds no IMSI");
        assertThat(error("00 FF FF FF FF FF FF FF FF")).contains("EF_IMSI is empty (length byte 00)");
        assertThat(error("09 29 26 10 21 43 65 87 09 00")).contains("EF_IMSI says 9 bytes follow; an IMSI of at most 15 "
                + "digits takes at most 8");
        assertThat(error("08 29 26 10")).contains("truncated the EF_IMSI content at offset 1: needs 8 bytes but 3 remain");
        assertThat(error("")).contains("truncated the EF_IMSI length byte at offset 0");
        assertThat(error("03 21 26 F0")).contains("EF_IMSI holds 4 digits; an IMSI has 6 to 15");
    }
}
