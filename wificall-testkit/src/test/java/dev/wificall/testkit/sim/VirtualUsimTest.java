package dev.wificall.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.eap.Imsi;
import dev.wificall.eap.Milenage;
import dev.wificall.eap.UsimCredentials;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class VirtualUsimTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String AID = VirtualUsim.USIM_AID;
    private static final String FCP_EF_DIR = "621A" + "82054221002001" + "83022F00" + "8A0105" + "8B032F0601" + "80020020"
            + "8801F0";
    private static final String FCP_EF_IMSI = "6217" + "82024121";
    private static final String DIR_RECORD = "61184F10" + AID + "50045553494D" + "FFFFFFFFFFFF";
    private static final String IMSI_FILE = "082926102143658709";
    private static final Milenage NETWORK = VirtualUsim.labCredentials().milenage();
    private static final byte[] RAND = HEX.parseHex("23553CBE9637A89D218AE64DAE47BF35");
    private static final byte[] AMF = HEX.parseHex("8000");

    private static String send(VirtualUsim card, String apdu) throws IOException {
        return HEX.formatHex(card.transmit(HEX.parseHex(apdu.replace(" ", ""))));
    }

    private static String verifyPin(String pin) {
        StringBuilder data = new StringBuilder();
        for (char c : pin.toCharArray()) {
            data.append(String.format("%02X", (int) c));
        }
        while (data.length() < 16) {
            data.append("FF");
        }
        return "0020000108" + data;
    }

    private static String authenticate(byte[] rand, byte[] autn) {
        return "0088008122" + "10" + HEX.formatHex(rand) + "10" + HEX.formatHex(autn) + "00";
    }

    private static byte[] sqn(long value) {
        byte[] out = new byte[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    /** Selects the ADF and verifies PIN 1234: the state the network's challenges need. */
    private static VirtualUsim ready(VirtualUsim card) throws IOException {
        assertThat(send(card, "00A4040410" + AID)).endsWith("9000");
        assertThat(send(card, verifyPin("1234"))).isEqualTo("9000");
        return card;
    }

    // --- MF, EF_DIR ---

    @Test
    void selectingEfDirGivesTheFcpOfALinearFixedFileWithOne32ByteRecord() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, "00A40004022F00")).isEqualTo(FCP_EF_DIR + "9000");
    }

    @Test
    void recordOneOfEfDirNamesTheUsimAidAndItsLabel() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        send(card, "00A40004022F00");
        assertThat(send(card, "00B2010420")).isEqualTo(DIR_RECORD + "9000");
        assertThat(send(card, "00B2010400")).as("Le 00: the whole record").isEqualTo(DIR_RECORD + "9000");
    }

    @Test
    void readRecordAnswersRecordNotFoundWrongLeAndNoCurrentEf() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, "00B2010420")).as("no EF selected").isEqualTo("6986");
        send(card, "00A40004022F00");
        assertThat(send(card, "00B2020420")).isEqualTo("6A83");
        assertThat(send(card, "00B2000420")).isEqualTo("6A83");
        assertThat(send(card, "00B2010410")).as("Le 16 for a 32-byte record: 6C with the exact length").isEqualTo("6C20");
        assertThat(send(card, "00B2010220")).as("next-record mode is not supported").isEqualTo("6A86");
        assertThat(send(card, "00B20104")).as("READ RECORD without Le").isEqualTo("6700");
        assertThat(send(card, "00B0000009")).as("READ BINARY of a linear fixed EF").isEqualTo("6981");
    }

    @Test
    void theMfIsSelectableAndItsFcpCarriesThePinStatus() throws IOException {
        assertThat(send(VirtualUsim.builder().build(), "00A40004023F00"))
                .isEqualTo("6218" + "82027821" + "83023F00" + "8A0105" + "8B032F0601" + "C606" + "900180" + "830101" + "9000");
        assertThat(send(VirtualUsim.builder().pinDisabled().build(), "00A40004023F00"))
                .as("PS_DO 00: PIN1 disabled").contains("C606900100830101").endsWith("9000");
    }

    // --- the ADF ---

    @Test
    void selectingTheUsimByAidGivesItsFcpAndUnknownAidsAreNotFound() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, "00A4040410" + AID))
                .isEqualTo("6226" + "82027821" + "8410" + AID + "8A0105" + "8B036F0601" + "C606900180830101" + "9000");
        assertThat(send(card, "00A4040410A0000000871004FFFFFFFF8907090000")).as("the ISIM's AID").isEqualTo("6A82");
        assertThat(send(card, "00A4040407A0000000871002")).as("a right-truncated AID").startsWith("6226").endsWith("9000");
        assertThat(send(card, "00A4040C07A0000000871002")).isEqualTo("9000");
    }

    @Test
    void efImsiIsFoundInTheAdfOnlyAndTheCurrentAdfBy7fff() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, "00A40004026F07")).as("from the MF").isEqualTo("6A82");
        assertThat(send(card, "00A40004027FFF")).as("no ADF selected yet").isEqualTo("6A82");
        send(card, "00A4040410" + AID);
        assertThat(send(card, "00A40004026F07")).startsWith(FCP_EF_IMSI).contains("83026F07").contains("80020009")
                .contains("880138").endsWith("9000");
        assertThat(send(card, "00A40004022F00")).as("EF_DIR is no child of the ADF").isEqualTo("6A82");
        send(card, "00A40004023F00");
        assertThat(send(card, "00A40004027FFF")).startsWith("6226").endsWith("9000");
        assertThat(send(card, "00A40804027FFF")).as("select by path is not supported").isEqualTo("6A86");
        assertThat(send(card, "00A40000022F00")).as("P2 00 (FCI) is not supported").isEqualTo("6A86");
    }

    // --- PIN ---

    @Test
    void verifyWithoutDataGivesThePinStatus() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, "00200001")).isEqualTo("63C3");
        assertThat(send(card, "0020000100")).as("T=0 style, P3 00").isEqualTo("63C3");
        assertThat(send(card, verifyPin("1234"))).isEqualTo("9000");
        assertThat(send(card, "00200001")).as("verified").isEqualTo("9000");
        assertThat(card.isPinVerified()).isTrue();
        assertThat(send(VirtualUsim.builder().pinDisabled().build(), "00200001")).as("disabled").isEqualTo("9000");
    }

    @Test
    void aWrongPinCountsDownAndBlocksAtZeroAndAResetDoesNotUnblock() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, verifyPin("0000"))).isEqualTo("63C2");
        assertThat(send(card, "00200001")).isEqualTo("63C2");
        assertThat(send(card, verifyPin("4321"))).isEqualTo("63C1");
        assertThat(send(card, verifyPin("12345"))).as("a longer PIN is another PIN").isEqualTo("6983");
        assertThat(card.pinTriesLeft()).isZero();
        assertThat(send(card, verifyPin("1234"))).as("the right PIN on a blocked card").isEqualTo("6983");
        assertThat(send(card, "00200001")).isEqualTo("6983");
        card.reset();
        assertThat(send(card, "00200001")).as("after reset").isEqualTo("6983");
        card.powerOff();
        card.powerOn();
        assertThat(send(card, verifyPin("1234"))).as("after power off and on").isEqualTo("6983");
        assertThat(card).hasToString("VirtualUsim[IMSI 26201**********, PIN blocked, K, OPc and PIN hidden]");
    }

    @Test
    void theRightPinRestoresTheTries() throws IOException {
        VirtualUsim card = VirtualUsim.builder().pin("87654321").pinTries(5).build();
        assertThat(send(card, "00200001")).isEqualTo("63C5");
        assertThat(send(card, verifyPin("1234"))).isEqualTo("63C4");
        assertThat(send(card, verifyPin("87654321"))).isEqualTo("9000");
        assertThat(card.pinTriesLeft()).isEqualTo(5);
    }

    @Test
    void verifyChecksItsParametersAndLength() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, "002000010431323334")).as("4 bytes instead of 8").isEqualTo("6700");
        assertThat(send(card, verifyPin("1234") + "00")).as("VERIFY with Le").isEqualTo("6700");
        assertThat(send(card, "00200081")).as("PIN2 / another key reference").isEqualTo("6A88");
        assertThat(send(card, "00200101")).isEqualTo("6A86");
        assertThat(card.pinTriesLeft()).as("none of these counts as a try").isEqualTo(3);
    }

    @Test
    void aDisabledPinIsStillCheckedWhenVerifyCarriesOne() throws IOException {
        VirtualUsim card = VirtualUsim.builder().pinDisabled().build();
        assertThat(send(card, verifyPin("9999"))).isEqualTo("63C2");
        assertThat(send(card, "00200001")).as("disabled: no verification needed").isEqualTo("9000");
        send(card, "00A4040410" + AID);
        send(card, "00A40004026F07");
        assertThat(send(card, "00B0000009")).isEqualTo(IMSI_FILE + "9000");
    }

    // --- EF_IMSI ---

    @Test
    void efImsiNeedsTheVerifiedPinThenHoldsTheImsiInNibbles() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        send(card, "00A4040410" + AID);
        send(card, "00A40004026F07");
        assertThat(send(card, "00B0000009")).isEqualTo("6982");
        assertThat(send(card, verifyPin("1234"))).isEqualTo("9000");
        assertThat(send(card, "00B0000009")).isEqualTo(IMSI_FILE + "9000");
        assertThat(send(card, "00B0000000")).as("Le 00: to the end").isEqualTo(IMSI_FILE + "9000");
        assertThat(send(card, "00B0000801")).isEqualTo("099000");
        assertThat(send(card, "00B0000010")).as("16 bytes of a 9-byte file").isEqualTo("6C09");
        assertThat(send(card, "00B0000901")).as("offset 9").isEqualTo("6B00");
        assertThat(send(card, "00B0870009")).as("SFI addressing").isEqualTo("6A86");
    }

    @Test
    void efImsiEncodesAnEvenNumberOfDigitsWithParityOneAndFPadding() {
        assertThat(HEX.formatHex(VirtualUsim.imsiFile(new Imsi("262011")))).isEqualTo("04212610F1FFFFFFFF");
        assertThat(HEX.formatHex(VirtualUsim.imsiFile(new Imsi(VirtualUsim.LAB_IMSI)))).isEqualTo(IMSI_FILE);
        assertThat(HEX.formatHex(VirtualUsim.imsiFile(new Imsi("31026012345678")))).isEqualTo("0831016210325476F8");
    }

    @Test
    void otherCredentialsGiveTheirImsi() throws IOException {
        UsimCredentials other = UsimCredentials.parse("001010000000001", VirtualUsim.LAB_K, VirtualUsim.LAB_OPC, null);
        VirtualUsim card = ready(VirtualUsim.builder().credentials(other).build());
        send(card, "00A40004026F07");
        assertThat(send(card, "00B0000009")).isEqualTo("080910100000000010" + "9000");
    }

    // --- AUTHENTICATE ---

    @Test
    void authenticateGivesResCkIkAndKcFromMilenage() throws IOException {
        VirtualUsim card = ready(VirtualUsim.builder().build());
        byte[] autn = NETWORK.autn(RAND, sqn(1), AMF);
        String answer = send(card, authenticate(RAND, autn));

        byte[] ck = NETWORK.f3(RAND);
        byte[] ik = NETWORK.f4(RAND);
        byte[] kc = new byte[8];
        for (int i = 0; i < 8; i++) {
            kc[i] = (byte) (ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8]);
        }
        assertThat(answer).isEqualTo("DB08" + HEX.formatHex(NETWORK.f2(RAND)) + "10" + HEX.formatHex(ck) + "10"
                + HEX.formatHex(ik) + "08" + HEX.formatHex(kc) + "9000");
        assertThat(card.highestSqn()).isEqualTo(1);
    }

    @Test
    void authenticateNeedsTheVerifiedPinAndTheAdf() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        byte[] autn = NETWORK.autn(RAND, sqn(1), AMF);
        assertThat(send(card, authenticate(RAND, autn))).as("no ADF").isEqualTo("6985");
        send(card, "00A4040410" + AID);
        assertThat(send(card, authenticate(RAND, autn))).as("PIN not verified").isEqualTo("6982");
        assertThat(card.highestSqn()).as("nothing was checked").isZero();
        send(card, verifyPin("1234"));
        assertThat(send(card, authenticate(RAND, autn))).startsWith("DB08").endsWith("9000");
    }

    @Test
    void aStaleSqnGivesAutsAndTheNetworksFresherSqnThenSucceeds() throws IOException {
        VirtualUsim card = ready(VirtualUsim.builder().highestSqn(100).build());
        String answer = send(card, authenticate(RAND, NETWORK.autn(RAND, sqn(50), AMF)));

        assertThat(answer).hasSize(2 * (2 + 14 + 2)).startsWith("DC0E").endsWith("9000");
        byte[] auts = HEX.parseHex(answer.substring(4, 4 + 28));
        byte[] sqnMs = new byte[6];
        byte[] ak = NETWORK.f5Star(RAND);
        for (int i = 0; i < 6; i++) {
            sqnMs[i] = (byte) (auts[i] ^ ak[i]);
        }
        assertThat(sqnMs).as("SQNms, the card's highest").isEqualTo(sqn(100));
        assertThat(Arrays.copyOfRange(auts, 6, 14)).as("MAC-S").isEqualTo(NETWORK.f1Star(RAND, sqnMs, new byte[2]));
        assertThat(send(card, authenticate(RAND, NETWORK.autn(RAND, sqn(100), AMF)))).as("equal is not fresher")
                .startsWith("DC0E");

        // the network resynchronises: a SQN above SQNms
        assertThat(send(card, authenticate(RAND, NETWORK.autn(RAND, sqn(101), AMF)))).startsWith("DB08").endsWith("9000");
        assertThat(card.highestSqn()).isEqualTo(101);
        assertThat(send(card, authenticate(RAND, NETWORK.autn(RAND, sqn(101), AMF)))).as("a replay").startsWith("DC0E");
    }

    @Test
    void anAutnFromAnotherKeyIsAMacFailure() throws IOException {
        VirtualUsim card = ready(VirtualUsim.builder().build());
        Milenage stranger = Milenage.withOpc(HEX.parseHex("000102030405060708090A0B0C0D0E0F"), HEX.parseHex(VirtualUsim.LAB_OPC));
        assertThat(send(card, authenticate(RAND, stranger.autn(RAND, sqn(1), AMF)))).isEqualTo("9862");
        assertThat(card.highestSqn()).isZero();
    }

    @Test
    void authenticateChecksItsContextAndItsLengths() throws IOException {
        VirtualUsim card = ready(VirtualUsim.builder().build());
        String rand = HEX.formatHex(RAND);
        String autn = HEX.formatHex(NETWORK.autn(RAND, sqn(1), AMF));
        assertThat(send(card, "0088008022" + "10" + rand + "10" + autn + "00")).as("GSM context").isEqualTo("6A86");
        assertThat(send(card, "0088008122" + "30" + rand + "10" + autn + "00")).as("RAND length past the data")
                .isEqualTo("6700");
        assertThat(send(card, "0088008123" + "10" + rand + "10" + autn + "AA" + "00")).as("a byte after AUTN")
                .isEqualTo("6700");
        assertThat(send(card, "0088008121" + "0F" + rand.substring(2) + "10" + autn + "00")).as("RAND of 15 bytes")
                .isEqualTo("6A80");
        assertThat(send(card, "0088008100")).as("no data").isEqualTo("6700");
        assertThat(card.highestSqn()).as("no challenge got through").isZero();
        assertThat(send(card, "0088008122" + "10" + rand + "10" + autn + "10"))
                .as("Le 16 for a 53-byte answer: all of it (a 6C would have the challenge sent again, a replay)")
                .startsWith("DB08").hasSize(2 * 55);
        String autn2 = HEX.formatHex(NETWORK.autn(RAND, sqn(2), AMF));
        assertThat(send(card, "0088008122" + "10" + rand + "10" + autn2)).as("case 3, no Le").startsWith("DB08");
    }

    // --- the APDU itself ---

    @Test
    void unknownInstructionsAndClassesAreRefused() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, "00F2000000")).as("STATUS is not one of ours").isEqualTo("6D00");
        assertThat(send(card, "00CA000000")).isEqualTo("6D00");
        assertThat(send(card, "80F2000000")).isEqualTo("6E00");
        assertThat(send(card, "A0A40000023F00")).as("GSM 11.11 class").isEqualTo("6E00");
        assertThat(send(card, "01A40004022F00")).as("logical channel 1").isEqualTo("6E00");
        assertThat(send(card, "80")).as("CLA is judged only with a whole header").isEqualTo("6700");
    }

    @Test
    void shortOrLyingLengthsAreWrongLength() throws IOException {
        VirtualUsim card = VirtualUsim.builder().build();
        assertThat(send(card, "")).isEqualTo("6700");
        assertThat(send(card, "00A400")).isEqualTo("6700");
        assertThat(send(card, "00A40004052F00")).as("Lc 5, 2 bytes follow").isEqualTo("6700");
        assertThat(send(card, "00A40004012F0011")).as("Lc 1, 3 bytes follow").isEqualTo("6700");
        assertThat(send(card, "00A40004FF2F00")).isEqualTo("6700");
        assertThat(send(card, "00A4000400000200")).as("an extended length").isEqualTo("6700");
        assertThat(send(card, "00A40004032F0000")).as("a 3-byte FID").isEqualTo("6700");
        assertThat(send(card, "00A40004022F00")).as("the card still works").endsWith("9000");
    }

    @Test
    void theDecoderSaysWhatDoesNotAddUp() {
        assertThatThrownBy(() -> CommandApdu.decode(HEX.parseHex("00A40004052F00")))
                .isInstanceOf(MalformedApduException.class)
                .hasMessage("truncated command data (Lc 5) at offset 5: needs 5 bytes but 2 remain");
        assertThatThrownBy(() -> CommandApdu.decode(HEX.parseHex("00A40004012F0011")))
                .hasMessage("Lc 1 leaves 2 bytes after the data; expected at most one (Le)");
        assertThatThrownBy(() -> CommandApdu.decode(HEX.parseHex("00A4")))
                .hasMessage("truncated P1 at offset 2: needs 1 bytes but 0 remain");
        assertThat(assertDecodes("0020000108313233340000FFFF")).hasToString(
                "CommandApdu[CLA 00 INS 20 P1 00 P2 01, 8 data bytes, Le absent]");
    }

    private static CommandApdu assertDecodes(String hex) {
        try {
            return CommandApdu.decode(HEX.parseHex(hex));
        } catch (MalformedApduException e) {
            throw new AssertionError(e);
        }
    }

    // --- reset, power ---

    @Test
    void aResetDropsTheSelectionAndTheVerifiedPin() throws IOException {
        VirtualUsim card = ready(VirtualUsim.builder().build());
        send(card, "00A40004026F07");
        assertThat(send(card, "00B0000009")).endsWith("9000");

        assertThat(HEX.formatHex(card.reset())).isEqualTo(VirtualUsim.ATR);
        assertThat(card.isPinVerified()).isFalse();
        assertThat(send(card, "00B0000009")).as("no current EF").isEqualTo("6986");
        assertThat(send(card, "00A40004026F07")).as("the MF is current again").isEqualTo("6A82");
        assertThat(send(card, "00A40004027FFF")).as("no application active").isEqualTo("6A82");
        send(card, "00A4040410" + AID);
        send(card, "00A40004026F07");
        assertThat(send(card, "00B0000009")).as("the PIN is to be verified again").isEqualTo("6982");
        assertThat(send(card, "00200001")).isEqualTo("63C3");
    }

    @Test
    void aPoweredOffCardDoesNotAnswerUntilPoweredOn() throws IOException {
        VirtualUsim card = ready(VirtualUsim.builder().build());
        card.powerOff();
        assertThat(card.isPowered()).isFalse();
        assertThatThrownBy(() -> card.transmit(HEX.parseHex("00200001"))).isInstanceOf(IOException.class)
                .hasMessage("the virtual USIM is powered off; power it on (powerOn or reset) before sending APDUs");
        assertThat(HEX.formatHex(card.powerOn())).isEqualTo("3B800181");
        assertThat(send(card, "00200001")).isEqualTo("63C3");
    }

    @Test
    void theHighestSqnOutlivesAReset() throws IOException {
        VirtualUsim card = ready(VirtualUsim.builder().build());
        assertThat(send(card, authenticate(RAND, NETWORK.autn(RAND, sqn(7), AMF)))).startsWith("DB08");
        card.reset();
        ready(card);
        assertThat(send(card, authenticate(RAND, NETWORK.autn(RAND, sqn(7), AMF)))).startsWith("DC0E");
    }

    // --- T=0 style: 61xx and GET RESPONSE ---

    @Test
    void deferredResponsesComeThroughGetResponse() throws IOException {
        VirtualUsim card = VirtualUsim.builder().deferResponses(true).build();
        assertThat(send(card, "00C0000010")).as("nothing waiting").isEqualTo("6985");
        assertThat(send(card, "00A40004022F00")).isEqualTo("611C");
        assertThat(send(card, "00C0000020")).as("more than waits").isEqualTo("6C1C");
        assertThat(send(card, "00C0000010")).isEqualTo(FCP_EF_DIR.substring(0, 32) + "610C");
        assertThat(send(card, "00C000000C")).isEqualTo(FCP_EF_DIR.substring(32) + "9000");
        assertThat(send(card, "00C000000C")).as("fetched").isEqualTo("6985");
        assertThat(send(card, "00B2010420")).isEqualTo("6120");
        assertThat(send(card, "00200001")).as("an answer without data comes at once").isEqualTo("63C3");
        assertThat(send(card, "00C0000020")).as("another command dropped it").isEqualTo("6985");
        assertThat(send(card, "00C0010020")).isEqualTo("6A86");
    }

    @Test
    void deferredAuthenticateAnswer() throws IOException {
        VirtualUsim card = VirtualUsim.builder().deferResponses(true).build();
        send(card, "00A4040410" + AID);
        send(card, verifyPin("1234"));
        assertThat(send(card, authenticate(RAND, NETWORK.autn(RAND, sqn(1), AMF)))).isEqualTo("6135");
        assertThat(send(card, "00C0000035")).startsWith("DB08" + HEX.formatHex(NETWORK.f2(RAND))).endsWith("9000")
                .hasSize(2 * (53 + 2));
    }

    // --- the builder ---

    @Test
    void theBuilderRefusesBadPinsTriesAndSqnsWithoutEchoingThem() {
        assertThatThrownBy(() -> VirtualUsim.builder().pin("12a45")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PIN must be 4 to 8 digits; got 5 characters, not all digits");
        assertThatThrownBy(() -> VirtualUsim.builder().pin("123456789"))
                .hasMessage("PIN must be 4 to 8 digits; got 9 characters");
        assertThatThrownBy(() -> VirtualUsim.builder().pin("")).hasMessage("no PIN given; expected 4 to 8 digits");
        assertThatThrownBy(() -> VirtualUsim.builder().pinTries(0))
                .hasMessage("PIN tries must be 1 to 15 (63 Cx has four bits); got 0");
        assertThatThrownBy(() -> VirtualUsim.builder().pinTries(16)).hasMessageEndingWith("got 16");
        assertThatThrownBy(() -> VirtualUsim.builder().highestSqn(-1)).hasMessage("highest SQN must be 0 to 2^48-1; got -1");
        assertThatThrownBy(() -> VirtualUsim.builder().highestSqn(1L << 48)).hasMessageEndingWith("got 281474976710656");
    }

    @Test
    void toStringHidesThePinTheKeysAndTheMsin() {
        VirtualUsim card = VirtualUsim.builder().pin("24680").build();
        assertThat(card).hasToString("VirtualUsim[IMSI 26201**********, PIN enabled, 3 of 3 tries left, K, OPc and PIN hidden]");
        assertThat(card.toString()).doesNotContain("24680").doesNotContain("1234567890").doesNotContainIgnoringCase("465b5c");
        assertThat(VirtualUsim.builder().pinDisabled().build().toString()).contains("PIN disabled, 3 of 3 tries left");
    }
}
