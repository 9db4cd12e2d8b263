package dev.wificall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wificall.eap.AkaChallengeResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The USIM dialogue of TS 102 221 and TS 31.102 against a canned card, command by command. */
class UsimCardTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String READER = "Test Reader [CCID] 00 00";
    private static final String PIN = "2580";
    private static final String IMSI = "262011234567890";
    private static final String MSIN = "1234567890";

    static final String SELECT_DIR = "00A4 0004 02 2F00";
    static final String DIR_FCP = "620B 8205 42 21 0026 02 8302 2F00 9000";
    static final String USIM_AID = "A0000000871002FFFFFFFF8907090000";
    static final String ISIM_AID = "A0000000871004FFFFFFFF8907090000";
    static final String SELECT_ADF = "00A4 0404 10 " + USIM_AID;
    static final String ADF_FCP = "6216 8202 7821 8410 " + USIM_AID + " 9000";
    static final String PIN_STATUS = "0020 0001";
    static final String SELECT_IMSI = "00A4 0004 02 6F07";
    static final String IMSI_FCP = "6208 8202 4121 8002 0009 9000";
    static final String READ_IMSI = "00B0 0000 09";
    static final String IMSI_FILE = "08 29 26 10 21 43 65 87 09 9000";

    // TS 35.208 test set 1: what a card with that K and OPc answers
    private static final String RAND = "23553CBE9637A89D218AE64DAE47BF35";
    private static final String AUTN = "55F328B43577B9B94A9FFAC354DFAFB3";
    private static final String RES = "A54211D5E3BA50BF";
    private static final String CK = "B40BA9A3C58B2A05BBF0D987B21BF8CB";
    private static final String IK = "F769BCD751044604127672711C6D3441";
    private static final String KC = "EAE4BE823AF9A08B";
    private static final String AUTS = "DEACB0A0F3C2D1E5A4B3C2D1E0F1";
    private static final String AUTHENTICATE = "0088 0081 22 10" + RAND + "10" + AUTN + "00";

    /** An EF_DIR record of 38 bytes: template 61 with the AID and a label, padded with FF. */
    static String record(String aid, String label) {
        String body = "4F" + String.format("%02X", aid.length() / 2) + aid + "50" + String.format("%02X", label.length())
                + HEX.formatHex(label.getBytes(StandardCharsets.US_ASCII));
        String template = "61" + String.format("%02X", body.length() / 2) + body;
        return template + "FF".repeat(38 - template.length() / 2) + "9000";
    }

    static String readRecord(int n, String le) {
        return String.format("00B2 %02X04 ", n) + le;
    }

    static String verify(String pin) {
        return "0020 0001 08" + HEX.formatHex(pin.getBytes(StandardCharsets.US_ASCII)) + "FF".repeat(8 - pin.length());
    }

    /** The whole dialogue of a card whose PIN1 asks for {@link #PIN}, up to the IMSI. */
    static ScriptedLink card() {
        return new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "63C3")
                .then(verify(PIN), "9000")
                .then(SELECT_IMSI, IMSI_FCP)
                .then(READ_IMSI, IMSI_FILE);
    }

    /** A card opened through {@link #card()}. */
    private static UsimCard opened(ScriptedLink link) {
        return UsimCard.open(link, Optional.of(PIN.toCharArray()), READER);
    }

    /** The failure {@code call} throws, checked to say nothing secret. */
    private static SimException failure(ThrowingCallable call) {
        SimException e = catchThrowableOfType(call, SimException.class);
        assertThat(e).as("a SimException").isNotNull();
        assertSecretFree(e.getMessage());
        assertThat(e.reader()).contains(READER);
        return e;
    }

    private static void assertSecretFree(String text) {
        assertThat(text).doesNotContain(PIN).doesNotContain(MSIN).doesNotContain(IMSI);
        for (String secret : new String[] {RES, CK, IK, KC, AUTS}) {
            assertThat(text).doesNotContainIgnoringCase(secret).doesNotContainIgnoringCase(secret.substring(0, 8));
        }
    }

    @Test
    void opensTheUsimVerifiesThePinAndReadsTheImsi() {
        ScriptedLink link = card();
        char[] pin = PIN.toCharArray();
        UsimCard card = UsimCard.open(link, Optional.of(pin), READER);
        assertThat(card.imsi().digits()).isEqualTo(IMSI);
        assertThat(link.left()).isZero();
        assertThat(link.sent()).hasSize(7);
        assertThat(pin).as("the PIN is wiped after use").containsOnly('\0');
        assertThat(card.toString()).isEqualTo("SIM in reader '" + READER + "' (IMSI 26201**********)");
        assertThat(card.description()).isEqualTo("SIM in reader '" + READER + "'");
        assertThat(card.reader()).isEqualTo(READER);
        assertSecretFree(card.toString());
    }

    @Test
    void aPinGivenToACardThatDoesNotAskIsNotSent() {
        ScriptedLink link = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "9000")
                .then(SELECT_IMSI, IMSI_FCP)
                .then(READ_IMSI, IMSI_FILE);
        char[] pin = PIN.toCharArray();
        UsimCard card = UsimCard.open(link, Optional.of(pin), READER);
        assertThat(card.imsi().digits()).isEqualTo(IMSI);
        assertThat(link.left()).isZero();
        assertThat(pin).containsOnly('\0');
        assertThat(link.sent()).noneMatch(c -> HEX.formatHex(c).contains(HEX.formatHex(PIN.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void noPinForACardThatAsksSaysHowManyTriesAndWhereToSetIt() {
        ScriptedLink link = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "63C3");
        SimException e = failure(() -> UsimCard.open(link, Optional.empty(), READER));
        assertThat(e.reason()).isEqualTo(SimException.Reason.PIN_REQUIRED);
        assertThat(e).hasMessage("no PIN given: the SIM in reader '" + READER + "' asks for PIN1 (3 tries left); "
                + "set WIFICALL_SIM_PIN or wificall.sim.pinFile");
        assertThat(link.left()).isZero();
    }

    @Test
    void aWrongPinSaysTheTriesLeftAndIsNotRetried() {
        ScriptedLink link = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "63C3")
                .then(verify("0000"), "63C2");
        char[] pin = "0000".toCharArray();
        SimException e = failure(() -> UsimCard.open(link, Optional.of(pin), READER));
        assertThat(e.reason()).isEqualTo(SimException.Reason.PIN_WRONG);
        assertThat(e).hasMessage("wrong PIN for the SIM in reader '" + READER + "': 2 tries left; after 2 more wrong PINs "
                + "the card blocks PIN1 and needs its PUK in a phone; check WIFICALL_SIM_PIN or wificall.sim.pinFile");
        assertThat(pin).containsOnly('\0');
        assertThat(link.left()).isZero();

        ScriptedLink last = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "63C2")
                .then(verify("12345678"), "63C1");
        assertThat(failure(() -> UsimCard.open(last, Optional.of("12345678".toCharArray()), READER)))
                .hasMessageContaining(": 1 try left; after one more wrong PIN the card blocks PIN1");
    }

    @Test
    void aBlockedPinGetsNoPinSent() {
        for (String status : new String[] {"6983", "63C0"}) {
            ScriptedLink link = new ScriptedLink()
                    .then(SELECT_DIR, DIR_FCP)
                    .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                    .then(SELECT_ADF, ADF_FCP)
                    .then(PIN_STATUS, status);
            char[] pin = PIN.toCharArray();
            SimException e = failure(() -> UsimCard.open(link, Optional.of(pin), READER));
            assertThat(e.reason()).as(status).isEqualTo(SimException.Reason.PIN_BLOCKED);
            assertThat(e).hasMessage("PIN1 of the SIM in reader '" + READER + "' is blocked: unblock it with the PUK in a "
                    + "phone; wificall sends no PIN to a blocked card");
            assertThat(link.sent()).hasSize(4);
            assertThat(pin).containsOnly('\0');
        }
    }

    @Test
    void theLastWrongTryBlocksThePin() {
        ScriptedLink link = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "63C1")
                .then(verify("1111"), "6983");
        SimException e = failure(() -> UsimCard.open(link, Optional.of("1111".toCharArray()), READER));
        assertThat(e.reason()).isEqualTo(SimException.Reason.PIN_BLOCKED);
        assertThat(e).hasMessageStartingWith("wrong PIN for the SIM in reader '" + READER + "': that was the last try, "
                + "PIN1 is now blocked: unblock it with the PUK in a phone");
    }

    @Test
    void aMalformedPinIsRefusedBeforeAnythingIsSent() {
        ScriptedLink link = card();
        char[] letters = "25a0".toCharArray();
        assertThatThrownBy(() -> UsimCard.open(link, Optional.of(letters), READER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the SIM's PIN must be 4 to 8 digits; got 4 characters, not all digits");
        assertThat(letters).containsOnly('\0');
        assertThatThrownBy(() -> UsimCard.open(link, Optional.of("258".toCharArray()), READER))
                .hasMessage("the SIM's PIN must be 4 to 8 digits; got 3 characters");
        assertThatThrownBy(() -> UsimCard.open(link, Optional.of("258025802".toCharArray()), READER))
                .hasMessage("the SIM's PIN must be 4 to 8 digits; got 9 characters");
        assertThat(link.sent()).isEmpty();
    }

    @Test
    void aCardWithoutUsimSaysWhatItHas() {
        ScriptedLink link = new ScriptedLink()
                .then(SELECT_DIR, "620B 8205 42 21 0026 04 8302 2F00 9000")
                .then(readRecord(1, "26"), record(ISIM_AID, "ISIM"))
                .then(readRecord(2, "26"), "FF".repeat(38) + "9000")
                .then(readRecord(3, "26"), record("A000000063504B43532D3135", "PKCS15"))
                .then(readRecord(4, "26"), "6A83");
        SimException e = failure(() -> UsimCard.open(link, Optional.of(PIN.toCharArray()), READER));
        assertThat(e.reason()).isEqualTo(SimException.Reason.NOT_A_USIM);
        assertThat(e).hasMessage("the card in reader '" + READER + "' has no USIM application (EF_DIR lists "
                + ISIM_AID + " 'ISIM', A000000063504B43532D3135 'PKCS15'; a USIM's AID starts A0000000871002): "
                + "EAP-AKA needs the SIM of a 3G, 4G or 5G subscription");
        assertThat(link.left()).isZero();

        ScriptedLink empty = new ScriptedLink().then(SELECT_DIR, DIR_FCP).then(readRecord(1, "26"), "6A83");
        assertThat(failure(() -> UsimCard.open(empty, Optional.empty(), READER)))
                .hasMessageContaining("(EF_DIR lists no application;");
    }

    @Test
    void aCardWithoutEfDirOrUiccCommandsIsNoUsim() {
        ScriptedLink noDir = new ScriptedLink().then(SELECT_DIR, "6A82");
        SimException e = failure(() -> UsimCard.open(noDir, Optional.empty(), READER));
        assertThat(e.reason()).isEqualTo(SimException.Reason.NOT_A_USIM);
        assertThat(e).hasMessage("the card in reader '" + READER + "' has no EF_DIR (SELECT 2F00 answered 6A82 (file or "
                + "application not found)): it is no UICC, perhaps a 2G-only SIM; EAP-AKA needs a USIM, the SIM of a 3G, "
                + "4G or 5G subscription");
        ScriptedLink gsm = new ScriptedLink().then(SELECT_DIR, "6E00");
        assertThat(failure(() -> UsimCard.open(gsm, Optional.empty(), READER)).reason())
                .isEqualTo(SimException.Reason.NOT_A_USIM);
        ScriptedLink unselectable = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, "6A82");
        assertThat(failure(() -> UsimCard.open(unselectable, Optional.empty(), READER)))
                .hasMessageContaining("lists the USIM application " + USIM_AID + " 'USIM' in EF_DIR but does not select it");
    }

    @Test
    void followsGetResponseAfter61xx() {
        ScriptedLink link = new ScriptedLink()
                .then(SELECT_DIR, "610D")
                .then("00C0 0000 0D", DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, "6118")
                .then("00C0 0000 18", ADF_FCP)
                .then(PIN_STATUS, "63C3")
                .then(verify(PIN), "9000")
                .then(SELECT_IMSI, "610A")
                .then("00C0 0000 0A", IMSI_FCP)
                .then(READ_IMSI, IMSI_FILE);
        assertThat(opened(link).imsi().digits()).isEqualTo(IMSI);
        assertThat(link.left()).isZero();
    }

    @Test
    void resendsWithTheLeA6CxxAsksFor() {
        // a card that sends no FCP: the record length comes from its 6Cxx answer
        ScriptedLink link = new ScriptedLink()
                .then(SELECT_DIR, "9000")
                .then(readRecord(1, "00"), "6C26")
                .then(readRecord(1, "26"), record(ISIM_AID, "ISIM"))
                .then(readRecord(2, "00"), "6C26")
                .then(readRecord(2, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "9000")
                .then(SELECT_IMSI, IMSI_FCP)
                .then(READ_IMSI, "6C09")
                .then(READ_IMSI, IMSI_FILE);
        assertThat(UsimCard.open(link, Optional.empty(), READER).imsi().digits()).isEqualTo(IMSI);
        assertThat(link.left()).isZero();
    }

    @Test
    void authenticateReturnsResCkAndIk() {
        ScriptedLink link = card();
        UsimCard card = opened(link);
        link.then(AUTHENTICATE, "DB08" + RES + "10" + CK + "10" + IK + "08" + KC + "9000");
        AkaChallengeResult result = card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN));
        assertThat(result).isEqualTo(new AkaChallengeResult.Success(HEX.parseHex(RES), HEX.parseHex(CK), HEX.parseHex(IK)));
        // without Kc, and through GET RESPONSE
        link.then(AUTHENTICATE, "6133").then("00C0 0000 33", "DB08" + RES + "10" + CK + "10" + IK + "9000");
        assertThat(card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN)))
                .isEqualTo(new AkaChallengeResult.Success(HEX.parseHex(RES), HEX.parseHex(CK), HEX.parseHex(IK)));
        assertThat(link.left()).isZero();
        assertSecretFree(card.toString());
    }

    @Test
    void authenticateMapsAutsAndMacFailure() {
        ScriptedLink link = card();
        UsimCard card = opened(link);
        link.then(AUTHENTICATE, "DC0E" + AUTS + "9000");
        assertThat(card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN)))
                .isEqualTo(new AkaChallengeResult.SynchronisationFailure(HEX.parseHex(AUTS)));
        link.then(AUTHENTICATE, "9862");
        assertThat(card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN))).isEqualTo(new AkaChallengeResult.MacFailure());
    }

    @Test
    void aMalformedAuthenticateAnswerIsACardError() {
        ScriptedLink link = card();
        UsimCard card = opened(link);
        link.then(AUTHENTICATE, "DB08" + RES + "10" + CK.substring(0, 10) + "9000");
        SimException truncated = failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN)));
        assertThat(truncated.reason()).isEqualTo(SimException.Reason.CARD_ERROR);
        assertThat(truncated).hasMessage("the card in reader '" + READER + "' sent a malformed answer to AUTHENTICATE: "
                + "truncated CK at offset 11: needs 16 bytes but 5 remain; the card or the reader is faulty, or the card "
                + "is no standard UICC");
        link.then(AUTHENTICATE, "DB03" + RES.substring(0, 6) + "10" + CK + "10" + IK + "9000");
        assertThat(failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN))))
                .hasMessageContaining("RES is 3 bytes; a RES is 4 to 16");
        link.then(AUTHENTICATE, "DB08" + RES + "0F" + CK.substring(0, 30) + "10" + IK + "9000");
        assertThat(failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN))))
                .hasMessageContaining("CK is 15 bytes; expected 16");
        link.then(AUTHENTICATE, "DC0D" + AUTS.substring(0, 26) + "9000");
        assertThat(failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN))))
                .hasMessageContaining("AUTS is 13 bytes; expected 14");
        link.then(AUTHENTICATE, "9000");
        assertThat(failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN))))
                .hasMessageContaining("no data with the success status");
        link.then(AUTHENTICATE, "DD00" + "9000");
        assertThat(failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN))))
                .hasMessageContaining("it starts with tag DD; expected DB (RES, CK, IK) or DC (AUTS)");
        link.then(AUTHENTICATE, "6985");
        assertThat(failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN))))
                .hasMessage("the card in reader '" + READER + "' answered AUTHENTICATE with status 6985 (conditions of use "
                        + "not satisfied); a USIM answers 9000 here (TS 31.102)");
        assertThat(link.left()).isZero();
    }

    @Test
    void aCardPulledOutIsCardRemoved() {
        ScriptedLink link = card();
        UsimCard card = opened(link);
        link.thenFail(AUTHENTICATE, new IOException("SCARD_W_REMOVED_CARD"));
        SimException e = failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN)));
        assertThat(e.reason()).isEqualTo(SimException.Reason.CARD_REMOVED);
        assertThat(e).hasMessage("the SIM was removed from reader '" + READER + "' during AUTHENTICATE "
                + "(SCARD_W_REMOVED_CARD): put it back and run again");

        ScriptedLink early = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "9000")
                .then(SELECT_IMSI, IMSI_FCP)
                .thenFail(READ_IMSI, new IOException());
        assertThat(failure(() -> UsimCard.open(early, Optional.empty(), READER)))
                .hasMessage("the SIM was removed from reader '" + READER + "' during READ BINARY of EF_IMSI: put it back "
                        + "and run again");
    }

    @Test
    void aCardThatLostItsPinVerificationAsksForThePin() {
        ScriptedLink link = card();
        UsimCard card = opened(link);
        link.then(AUTHENTICATE, "6982");
        SimException e = failure(() -> card.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN)));
        assertThat(e.reason()).isEqualTo(SimException.Reason.PIN_REQUIRED);
        assertThat(e).hasMessageContaining("refused AUTHENTICATE because PIN1 is not verified (6982)");

        ScriptedLink unread = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "9000")
                .then(SELECT_IMSI, IMSI_FCP)
                .then(READ_IMSI, "6982");
        assertThat(failure(() -> UsimCard.open(unread, Optional.empty(), READER)).reason())
                .isEqualTo(SimException.Reason.PIN_REQUIRED);
    }

    @Test
    void aChallengeOfTheWrongSizeIsRefusedBeforeTheCardIsAsked() {
        ScriptedLink link = card();
        UsimCard card = opened(link);
        int sent = link.sent().size();
        assertThatThrownBy(() -> card.authenticate(new byte[15], HEX.parseHex(AUTN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RAND must be 16 bytes; got 15");
        assertThatThrownBy(() -> card.authenticate(HEX.parseHex(RAND), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AUTN must be 16 bytes; got none");
        assertThat(link.sent()).hasSize(sent);
    }

    @Test
    void aMalformedEfDirIsACardErrorThatSaysWhatWasWrong() {
        String[][] cases = {
            {"6130 4F10" + USIM_AID + "FF".repeat(18), "truncated the application template at offset 0: length 50 but 38 bytes remain"},
            {"6106 5004 55534955" + "FF".repeat(30), "the application template has no AID (tag 4F)"},
            {"6103 4F01 A0" + "FF".repeat(33), "the AID (tag 4F) is 1 bytes; an AID is 5 to 16 bytes"},
            {"7003 4F01 A0" + "FF".repeat(33), "the record should hold an application template (tag 61) or be unused (FF), but "
                    + "starts with 70"},
            {"6104 4F85 0000" + "FF".repeat(32), "application template object 4F has length byte 85 at offset 3; expected "
                    + "00-7F, 81 xx or 82 xx xx"},
        };
        for (String[] c : cases) {
            ScriptedLink link = new ScriptedLink()
                    .then(SELECT_DIR, DIR_FCP)
                    .then(readRecord(1, "26"), c[0] + "9000");
            SimException e = failure(() -> UsimCard.open(link, Optional.empty(), READER));
            assertThat(e.reason()).as(c[0]).isEqualTo(SimException.Reason.CARD_ERROR);
            assertThat(e).as(c[0]).hasMessage("the card in reader '" + READER + "' sent a malformed answer to READ RECORD 1 "
                    + "of EF_DIR: " + c[1] + "; the card or the reader is faulty, or the card is no standard UICC");
        }
    }

    @Test
    void anEfDirThatIsNoRecordFileIsACardError() {
        ScriptedLink link = new ScriptedLink().then(SELECT_DIR, "6204 8202 4121 9000");
        assertThat(failure(() -> UsimCard.open(link, Optional.empty(), READER)))
                .hasMessageContaining("EF_DIR should be a linear fixed EF but its file descriptor is 41");
        ScriptedLink noTemplate = new ScriptedLink().then(SELECT_DIR, "8205 42 21 0026 02 9000");
        assertThat(failure(() -> UsimCard.open(noTemplate, Optional.empty(), READER)))
                .hasMessageContaining("the FCP template should start with tag 62 but starts with 82 at offset 0");
    }
}
