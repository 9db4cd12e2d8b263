package dev.wificall.eap;

import static dev.wificall.eap.EapPacketTest.rejects;
import static dev.wificall.eap.Fips186PrfTest.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.eap.EapAkaAttribute.Autn;
import dev.wificall.eap.EapAkaAttribute.Auts;
import dev.wificall.eap.EapAkaAttribute.Checkcode;
import dev.wificall.eap.EapAkaAttribute.ClientErrorCode;
import dev.wificall.eap.EapAkaAttribute.IdRequest;
import dev.wificall.eap.EapAkaAttribute.Identity;
import dev.wificall.eap.EapAkaAttribute.Mac;
import dev.wificall.eap.EapAkaAttribute.Notification;
import dev.wificall.eap.EapAkaAttribute.Opaque;
import dev.wificall.eap.EapAkaAttribute.Rand;
import dev.wificall.eap.EapAkaAttribute.Res;
import dev.wificall.eap.EapAkaAttribute.ResultInd;
import dev.wificall.eap.EapAkaAttribute.Unknown;
import dev.wificall.eap.EapAkaMessage.Subtype;
import dev.wificall.eap.EapPacket.Code;
import dev.wificall.eap.MalformedEapException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class EapAkaMessageTest {
    static final String RAND = "000102030405060708090a0b0c0d0e0f";
    static final String AUTN = "101112131415161718191a1b1c1d1e1f";
    static final String MAC = "202122232425262728292a2b2c2d2e2f";
    /** A server's AKA-Challenge, by hand from RFC 4187 §9.3 and §10: AT_RAND, AT_AUTN, AT_MAC, AT_RESULT_IND. */
    static final String CHALLENGE = "01" + "2a" + "0048" + "17" + "01" + "0000"
            + "0105" + "0000" + RAND + "0205" + "0000" + AUTN + "0b05" + "0000" + MAC + "8701" + "0000";

    private static EapAkaMessage roundTrip(EapAkaMessage m) throws MalformedEapException {
        EapAkaMessage back = EapAkaMessage.decode(m.encode());
        assertThat(back).isEqualTo(m);
        assertThat(back.encode()).isEqualTo(m.encode());
        return back;
    }

    @Test
    void decodesAServerChallenge() throws Exception {
        EapAkaMessage m = EapAkaMessage.decode(HEX.parseHex(CHALLENGE));
        assertThat(m.code()).isEqualTo(Code.REQUEST);
        assertThat(m.identifier()).isEqualTo(42);
        assertThat(m.subtype()).isEqualTo(Subtype.CHALLENGE);
        assertThat(m.attribute(Rand.class).orElseThrow().rand()).isEqualTo(HEX.parseHex(RAND));
        assertThat(m.attribute(Autn.class).orElseThrow().autn()).isEqualTo(HEX.parseHex(AUTN));
        assertThat(m.attribute(Mac.class).orElseThrow().mac()).isEqualTo(HEX.parseHex(MAC));
        assertThat(m.attribute(ResultInd.class)).isPresent();
        assertThat(HEX.formatHex(m.encode())).isEqualTo(CHALLENGE);
    }

    @Test
    void identityRequestsRoundTrip() throws Exception {
        for (int type : new int[] {EapAkaAttribute.AT_PERMANENT_ID_REQ, EapAkaAttribute.AT_ANY_ID_REQ, EapAkaAttribute.AT_FULLAUTH_ID_REQ}) {
            roundTrip(new EapAkaMessage(Code.REQUEST, 1, Subtype.IDENTITY, List.of(new IdRequest(type))));
        }
    }

    @Test
    void identityResponseIsPaddedToFourBytes() throws Exception {
        EapAkaMessage m = EapAkaMessage.identityResponse(3, "0001010123456789@nai.epc.mnc001.mcc001.3gppnetwork.org");
        byte[] wire = m.encode();
        // 8-byte header, AT_IDENTITY: 4 bytes of header + 54 bytes of identity + 2 of padding = 60 = 15 units
        assertThat(HEX.formatHex(wire, 0, 12)).isEqualTo("0203004417050000" + "0e0f0036");
        assertThat(wire).hasSize(68);
        assertThat(roundTrip(m).attribute(Identity.class).orElseThrow().text())
                .isEqualTo("0001010123456789@nai.epc.mnc001.mcc001.3gppnetwork.org");
    }

    @Test
    void challengeResponseCarriesResAndMac() throws Exception {
        byte[] kAut = HEX.parseHex("25af1942efcbf4bc72b3943421f2a974");
        byte[] wire = EapAkaMessage.challengeResponse(42, Res.of(HEX.parseHex("a54211d5e3ba50bf")), kAut, false);
        assertThat(HEX.formatHex(wire, 0, 20)).isEqualTo("022a0028170100000303" + "0040" + "a54211d5e3ba50bf");
        EapAkaMessage m = EapAkaMessage.decode(wire);
        assertThat(m.attribute(Res.class).orElseThrow()).isEqualTo(new Res(64, HEX.parseHex("a54211d5e3ba50bf")));
        assertThat(m.attribute(Checkcode.class)).isEmpty();
        assertThat(EapAkaMac.verifyMac(wire, kAut)).isTrue();
    }

    @Test
    void challengeResponseWithEmptyCheckcode() throws Exception {
        byte[] kAut = new byte[16];
        byte[] wire = EapAkaMessage.challengeResponse(1, Res.of(new byte[16]), kAut, true);
        EapAkaMessage m = EapAkaMessage.decode(wire);
        assertThat(m.attribute(Checkcode.class).orElseThrow()).isEqualTo(Checkcode.empty());
        assertThat(HEX.formatHex(m.attribute(EapAkaAttribute.AT_CHECKCODE).orElseThrow().value())).isEqualTo("0000");
        assertThat(EapAkaMac.verifyMac(wire, kAut)).isTrue();
    }

    @Test
    void resOfOddBitLengthIsPadded() throws Exception {
        Res res = new Res(36, HEX.parseHex("0102030405"));
        EapAkaMessage m = roundTrip(new EapAkaMessage(Code.RESPONSE, 1, Subtype.CHALLENGE, List.of(res, Mac.zero())));
        assertThat(HEX.formatHex(res.value())).isEqualTo("0024" + "0102030405" + "000000");
        assertThat(m.attribute(Res.class).orElseThrow().bits()).isEqualTo(36);
    }

    @Test
    void synchronizationFailureRoundTrip() throws Exception {
        byte[] auts = HEX.parseHex("0102030405060708090a0b0c0d0e");
        EapAkaMessage m = EapAkaMessage.synchronizationFailure(9, auts);
        assertThat(HEX.formatHex(m.encode())).isEqualTo("0209001817040000" + "0404" + "0102030405060708090a0b0c0d0e");
        assertThat(roundTrip(m).attribute(Auts.class).orElseThrow().auts()).isEqualTo(auts);
    }

    @Test
    void authenticationRejectRoundTrip() throws Exception {
        EapAkaMessage m = EapAkaMessage.authenticationReject(5);
        assertThat(HEX.formatHex(m.encode())).isEqualTo("0205000817020000");
        roundTrip(m);
    }

    @Test
    void clientErrorRoundTrip() throws Exception {
        EapAkaMessage m = EapAkaMessage.clientError(5, ClientErrorCode.UNABLE_TO_PROCESS);
        assertThat(HEX.formatHex(m.encode())).isEqualTo("0205000c170e0000" + "16010000");
        assertThat(roundTrip(m).attribute(ClientErrorCode.class).orElseThrow().code()).isZero();
    }

    @Test
    void notificationRoundTrip() throws Exception {
        EapAkaMessage m = new EapAkaMessage(Code.REQUEST, 8, Subtype.NOTIFICATION, List.of(new Notification(Notification.GENERAL_FAILURE)));
        Notification n = roundTrip(m).attribute(Notification.class).orElseThrow();
        assertThat(n.success()).isFalse();
        assertThat(n.beforeChallenge()).isTrue();
        assertThat(new Notification(Notification.SUCCESS).success()).isTrue();
    }

    @Test
    void reauthenticationKeepsEncryptedAttributesOpaque() throws Exception {
        byte[] iv = HEX.parseHex("0000" + "00112233445566778899aabbccddeeff");
        byte[] encr = HEX.parseHex("0000" + "ffeeddccbbaa99887766554433221100");
        EapAkaMessage m = new EapAkaMessage(Code.REQUEST, 4, Subtype.REAUTHENTICATION,
                List.of(new Opaque(EapAkaAttribute.AT_IV, iv), new Opaque(EapAkaAttribute.AT_ENCR_DATA, encr), Mac.zero()));
        EapAkaMessage back = roundTrip(m);
        assertThat(back.attribute(EapAkaAttribute.AT_IV).orElseThrow().value()).isEqualTo(iv);
    }

    @Test
    void challengeWithOpaqueNextIdsAndCheckcode() throws Exception {
        byte[] pseudonym = HEX.parseHex("0000" + "0123456789abcdef0123456789abcdef");
        EapAkaMessage m = new EapAkaMessage(Code.REQUEST, 2, Subtype.CHALLENGE, List.of(new Rand(new byte[16]), new Autn(new byte[16]),
                new Checkcode(new byte[20]), new Opaque(EapAkaAttribute.AT_NEXT_PSEUDONYM, pseudonym),
                new Opaque(EapAkaAttribute.AT_NEXT_REAUTH_ID, pseudonym), Mac.zero()));
        roundTrip(m);
    }

    @Test
    void unknownSkippableAttributeIsKept() throws Exception {
        String wire = "0101000c17050000" + "c8010000";
        EapAkaMessage m = EapAkaMessage.decode(HEX.parseHex(wire));
        assertThat(m.attributes()).containsExactly(new Unknown(200, new byte[2]));
        assertThat(HEX.formatHex(m.encode())).isEqualTo(wire);
    }

    // --- malformed ---

    @Test
    void rejectsTruncatedAttribute() {
        // AT_RAND says 5 units (20 bytes) but only 8 follow
        rejects(HEX.parseHex("0101001017010000" + "0105000000010203"), Reason.TRUNCATED, 8,
                "truncated AT_RAND at offset 8: length 20 but 8 bytes remain");
    }

    @Test
    void rejectsTruncatedAttributeHeader() {
        rejects(HEX.parseHex("0101000917010000" + "01"), Reason.TRUNCATED, 9,
                "truncated attribute header at offset 9: needs 1 bytes but 0 remain");
    }

    @Test
    void rejectsTruncatedSubtype() {
        rejects(HEX.parseHex("0101000617" + "01"), Reason.TRUNCATED, 6, "truncated EAP-AKA reserved at offset 6: needs 2 bytes but 0 remain");
    }

    @Test
    void rejectsAttributeLengthZero() {
        rejects(HEX.parseHex("0101000c17010000" + "01000000"), Reason.BAD_LENGTH, 8, "bad AT_RAND length at offset 8: attribute length 0");
    }

    @Test
    void rejectsWrongFixedAttributeLength() {
        rejects(HEX.parseHex("0101000c17010000" + "01010000"), Reason.BAD_LENGTH, 8,
                "bad AT_RAND length at offset 8: value holds 0 bytes, expected 16");
    }

    @Test
    void rejectsNonSkippableUnknownAttribute() {
        rejects(HEX.parseHex("0101000c17050000" + "07010000"), Reason.UNKNOWN_ATTRIBUTE, 8,
                "unknown non-skippable attribute 7 at offset 8: types below 128 must be understood (RFC 4187 §8.1)");
    }

    @Test
    void rejectsResBitLengthBeyondTheAttribute() {
        // AT_RES of 3 units: 2-byte bit length and 8 bytes of RES, but claims 200 bits
        rejects(HEX.parseHex("0202001417010000" + "030300c8" + "0102030405060708" + "0b050000" + MAC), Reason.BAD_ATTRIBUTE, 8,
                "bad AT_RES at offset 8: RES length 200 bits exceeds the 64 bits the attribute holds");
    }

    @Test
    void rejectsResBelow32Bits() {
        rejects(HEX.parseHex("0202000c17010000" + "03010010"), Reason.BAD_ATTRIBUTE, 8,
                "bad AT_RES at offset 8: RES length 16 bits exceeds the 0 bits the attribute holds");
        rejects(HEX.parseHex("0202001017010000" + "03020010" + "01020000"), Reason.BAD_ATTRIBUTE, 8,
                "bad AT_RES at offset 8: RES length 16 bits is outside 32 to 128");
    }

    @Test
    void rejectsIdentityLongerThanItsAttribute() {
        rejects(HEX.parseHex("0202001017050000" + "0e020009" + "61626364"), Reason.BAD_LENGTH, 8,
                "bad AT_IDENTITY length at offset 8: actual identity length 9 exceeds the 4 bytes the attribute holds");
    }

    @Test
    void rejectsUnknownSubtype() {
        rejects(HEX.parseHex("0101000817030000"), Reason.UNSUPPORTED, 5, "unsupported EAP-AKA subtype 3 at offset 5");
    }

    @Test
    void rejectsChallengeWithoutAutn() {
        rejects(HEX.parseHex("0101002017010000" + "01050000" + RAND + "87010000"), Reason.BAD_ATTRIBUTE, 8,
                "AKA-Challenge request without AT_AUTN (RFC 4187 §9.3)");
    }

    @Test
    void rejectsDuplicateAttribute() {
        rejects(HEX.parseHex("0101001017050000" + "0a010000" + "0a010000"), Reason.BAD_ATTRIBUTE, 8,
                "AKA-Identity carries AT_PERMANENT_ID_REQ twice");
    }

    @Test
    void rejectsBadCheckcodeLength() {
        rejects(HEX.parseHex("0202001017010000" + "86020000" + "01020304"), Reason.BAD_ATTRIBUTE, 8,
                "bad AT_CHECKCODE at offset 8: checkcode is 4 bytes, expected 0, 20 (SHA-1) or 32 (SHA-256)");
    }

    @Test
    void rejectsTrailingBytesInNotification() {
        rejects(HEX.parseHex("01010010170c0000" + "0c024000" + "00000000"), Reason.BAD_LENGTH, 8,
                "bad AT_NOTIFICATION length at offset 8: 4 bytes after its 2-byte value");
    }

    @Test
    void constructorsValidate() {
        assertThatThrownBy(() -> new Rand(new byte[15])).isInstanceOf(IllegalArgumentException.class).hasMessage("AT_RAND must be 16 bytes, not 15");
        assertThatThrownBy(() -> new Res(129, new byte[17])).isInstanceOf(IllegalArgumentException.class).hasMessage("AT_RES length 129 bits is not 32..128");
        assertThatThrownBy(() -> new Unknown(7, new byte[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Opaque(EapAkaAttribute.AT_IV, new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EapAkaMessage(Code.SUCCESS, 1, Subtype.CHALLENGE, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomMutationsNeverEscapeAsOtherExceptions() {
        byte[] base = HEX.parseHex(CHALLENGE);
        java.util.Random random = new java.util.Random(4187);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = java.util.Arrays.copyOf(base, random.nextInt(base.length + 1));
            for (int k = random.nextInt(4); k >= 0 && b.length > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            try {
                EapAkaMessage.decode(b);
            } catch (MalformedEapException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
