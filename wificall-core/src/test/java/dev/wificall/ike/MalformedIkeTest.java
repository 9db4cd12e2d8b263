package dev.wificall.ike;

import static dev.wificall.ike.Samples.HEX;
import static dev.wificall.ike.Samples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.wificall.ike.MalformedIkeException.Reason;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class MalformedIkeTest {

    private static AbstractThrowableAssert<?, ?> decoding(byte[] datagram) {
        return assertThatThrownBy(() -> IkeMessage.decode(datagram)).isInstanceOf(MalformedIkeException.class);
    }

    private static void rejects(byte[] datagram, Reason reason, int offset, String message) {
        decoding(datagram)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MalformedIkeException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(((MalformedIkeException) e).offset()).isEqualTo(offset));
    }

    @Test
    void truncatedHeader() {
        rejects(Arrays.copyOf(Samples.response(), 10), Reason.TRUNCATED, 0,
                "truncated IKE header at offset 0: needs 28 bytes but 10 remain");
    }

    @Test
    void messageLengthLargerThanTheDatagram() {
        rejects(Arrays.copyOf(Samples.response(), 194), Reason.TRUNCATED, 0,
                "truncated message at offset 0: length 204 but 194 bytes remain");
    }

    @Test
    void messageLengthSmallerThanTheDatagram() {
        rejects(with(Samples.response(), 24, "000000c0"), Reason.BAD_LENGTH, 24,
                "bad message length at offset 24: 192 but 204 bytes arrived");
        rejects(with(Samples.response(), 24, "00000010"), Reason.BAD_LENGTH, 24,
                "bad message length at offset 24: 16 is less than the 28-byte header");
    }

    @Test
    void ikev1AndFutureVersionsAreNotIkev2() {
        rejects(with(Samples.response(), 17, "10"), Reason.BAD_VERSION, 17,
                "IKE version 1.0 at offset 17 (an IKEv1 message), expected 2.x");
        rejects(with(Samples.response(), 17, "30"), Reason.BAD_VERSION, 17, "IKE version 3.0 at offset 17, expected 2.x");
    }

    @Test
    void payloadLengthBelowItsHeader() {
        rejects(with(Samples.response(), 30, "0003"), Reason.BAD_LENGTH, 28,
                "bad SA payload length at offset 28: 3 is less than its 4-byte header");
    }

    @Test
    void payloadLengthBeyondTheMessage() {
        rejects(with(Samples.response(), 186, "012c"), Reason.TRUNCATED, 184,
                "truncated Vendor ID payload at offset 184: length 300 but 20 bytes remain");
    }

    @Test
    void chainEndsBeforeTheMessage() {
        // the NOTIFY says nothing follows, but the Vendor ID is still there
        rejects(with(Samples.response(), 176, "00"), Reason.BAD_LENGTH, 184,
                "bad message: 20 bytes at offset 184 after the last payload");
    }

    @Test
    void chainContinuesPastTheMessage() {
        rejects(with(Samples.response(), 184, "29"), Reason.TRUNCATED, 204,
                "truncated NOTIFY payload header at offset 204: needs 1 bytes but 0 remain");
    }

    @Test
    void proposalLengthOverflowsTheSaPayload() {
        rejects(with(Samples.response(), 34, "0060"), Reason.TRUNCATED, 32,
                "truncated proposal at offset 32: length 96 but 36 bytes remain");
    }

    @Test
    void transformLengthOverflowsTheProposal() {
        rejects(with(Samples.response(), 62, "0010"), Reason.TRUNCATED, 60,
                "truncated transform at offset 60: length 16 but 8 bytes remain");
    }

    @Test
    void transformCountDisagreesWithTheProposal() {
        rejects(with(Samples.response(), 39, "04"), Reason.BAD_LENGTH, 32,
                "bad proposal at offset 32: declares 4 transforms but carries 3");
    }

    @Test
    void lastSubstructuresMustMatchTheirPosition() {
        rejects(with(Samples.response(), 32, "02"), Reason.BAD_PAYLOAD, 32,
                "bad last proposal at offset 32 is marked as followed by another");
        rejects(with(Samples.response(), 60, "03"), Reason.BAD_PAYLOAD, 60,
                "bad last transform at offset 60 is marked as followed by another");
    }

    @Test
    void keyLengthMustBeTv() {
        // 0x000e instead of 0x800e: TLV format, whose length field 0x0100 runs past the transform
        rejects(with(Samples.response(), 48, "000e"), Reason.TRUNCATED, 52,
                "truncated transform attribute value at offset 52: needs 256 bytes but 0 remain");
        // TLV key length of 0 bytes: structurally fine, meaning wrong
        byte[] tlv = with(Samples.response(), 48, "000e0000");
        rejects(tlv, Reason.BAD_PAYLOAD, 48, "bad key length attribute at offset 48 is in TLV format, RFC 7296 requires TV");
    }

    @Test
    void proposalsAreNumberedFromOne() throws MalformedIkeException {
        rejects(with(Samples.response(), 36, "00"), Reason.BAD_PAYLOAD, 28,
                "bad SA payload at offset 28: proposal number 0 first, expected 1");
        // a responder's one proposal keeps the number of the offered proposal it accepted (RFC 7296 §3.3.1)
        IkeMessage second = IkeMessage.decode(with(Samples.response(), 36, "02"));
        assertThat(second.payloads(SecurityAssociation.class).get(0).proposals().get(0).number()).isEqualTo(2);
    }

    @Test
    void keValueMustFitItsGroup() {
        // group 20 needs 96 bytes, this KE carries 64
        rejects(with(Samples.response(), 72, "0014"), Reason.BAD_PAYLOAD, 68,
                "bad KE payload at offset 68: DH group 20 public value is 64 bytes, expected 96");
    }

    @Test
    void natDetectionHashIs20Bytes() {
        byte[] wire = HEX.parseHex("0102030405060708" + "a1a2a3a4a5a6a7a8" + "29" + "20" + "22" + "20" + "00000000" + "00000037"
                + "0000001b" + "00004004" + "00".repeat(19));
        rejects(wire, Reason.BAD_PAYLOAD, 28,
                "bad NOTIFY payload at offset 28: NAT_DETECTION_SOURCE_IP data is 19 bytes, expected a 20-byte SHA-1 hash");
    }

    @Test
    void cookieIsOneTo64Bytes() {
        byte[] wire = HEX.parseHex("0102030405060708" + "a1a2a3a4a5a6a7a8" + "29" + "20" + "22" + "20" + "00000000" + "00000065"
                + "00000049" + "00004006" + "00".repeat(65));
        rejects(wire, Reason.BAD_PAYLOAD, 28, "bad NOTIFY payload at offset 28: COOKIE cookie is 65 bytes, RFC 7296 allows 1 to 64");
    }

    @Test
    void notifySpiMustFitItsProtocol() {
        byte[] wire = with(Samples.invalidKe(), 32, "0300");
        rejects(wire, Reason.BAD_PAYLOAD, 28, "bad NOTIFY payload at offset 28: INVALID_KE_PAYLOAD with protocol ID 3 and a 0-byte SPI");
    }

    /** A response whose only payload, at offset 28, is {@code payloadType} with {@code payloadHex} after the generic header. */
    private static byte[] single(int payloadType, String payloadHex) {
        int length = 4 + payloadHex.length() / 2;
        return HEX.parseHex("0102030405060708" + "a1a2a3a4a5a6a7a8" + String.format("%02x", payloadType) + "20" + "22" + "20"
                + "00000000" + String.format("%08x", 28 + length) + String.format("0000%04x", length) + payloadHex);
    }

    @Test
    void nonceIs16To256Bytes() {
        rejects(single(40, "00".repeat(15)), Reason.BAD_PAYLOAD, 28,
                "bad Nonce payload at offset 28: nonce is 15 bytes, RFC 7296 allows 16 to 256");
        rejects(single(40, "00".repeat(257)), Reason.BAD_PAYLOAD, 28,
                "bad Nonce payload at offset 28: nonce is 257 bytes, RFC 7296 allows 16 to 256");
    }

    @Test
    void keFitsEveryKnownGroupAndIsNeverEmpty() {
        rejects(single(34, "001f0000" + "00".repeat(31)), Reason.BAD_PAYLOAD, 28,
                "bad KE payload at offset 28: DH group 31 public value is 31 bytes, expected 32");
        rejects(single(34, "00150000" + "00".repeat(133)), Reason.BAD_PAYLOAD, 28,
                "bad KE payload at offset 28: DH group 21 public value is 133 bytes, expected 132");
        rejects(single(34, "00630000"), Reason.BAD_PAYLOAD, 28, "bad KE payload at offset 28: empty public value for DH group 99");
    }

    @Test
    void notifyDataFitsItsType() {
        rejects(single(41, "00000011" + "000e00"), Reason.BAD_PAYLOAD, 28,
                "bad NOTIFY payload at offset 28: INVALID_KE_PAYLOAD data is 3 bytes, expected the 2-byte DH group");
        rejects(single(41, "0000402f" + "000200"), Reason.BAD_PAYLOAD, 28, "bad NOTIFY payload at offset 28: "
                + "SIGNATURE_HASH_ALGORITHMS data is 3 bytes, not a list of 2-byte hash algorithm IDs");
        rejects(single(41, "0000402e" + "00"), Reason.BAD_PAYLOAD, 28,
                "bad NOTIFY payload at offset 28: IKEV2_FRAGMENTATION_SUPPORTED carries 1 bytes of data, expected none");
        rejects(single(41, "00004006"), Reason.BAD_PAYLOAD, 28,
                "bad NOTIFY payload at offset 28: COOKIE cookie is 0 bytes, RFC 7296 allows 1 to 64");
        rejects(single(41, "0000400d" + "0a00"), Reason.BAD_PAYLOAD, 28,
                "bad NOTIFY payload at offset 28: ADDITIONAL_IP4_ADDRESS data is 2 bytes, expected 4");
    }

    @Test
    void aRefusalWithDataIsStillARefusal() throws Exception {
        // strongSwan would drop it; a probe reports the refusal instead of a malformed answer
        IkePayload.Notify n = IkeMessage.decode(single(41, "0000000e" + "ff")).payloads(IkePayload.Notify.class).get(0);

        assertThat(n.name()).isEqualTo("NO_PROPOSAL_CHOSEN");
    }

    @Test
    void numbersAreUnsigned() throws Exception {
        IkeMessage m = IkeMessage.decode(single(41, "0000ffff" + "80"));

        assertThat(m.payloads(IkePayload.Notify.class).get(0).notifyType()).isEqualTo(65535);
        assertThat(m.payloads(IkePayload.Notify.class).get(0).name()).isEqualTo("status notify 65535");
        assertThat(IkeMessage.decode(single(0xF0, "ff")).payloads().get(0).type()).isEqualTo(240);
        assertThat(IkeMessage.decode(Samples.with(single(41, "0000402e"), 20, "ffffffff")).messageId()).isEqualTo(-1);
    }

    @Test
    void certificateRequestHashesAre20BytesEach() {
        rejects(single(38, "04" + "aa".repeat(21)), Reason.BAD_PAYLOAD, 28, "bad CERTREQ payload at offset 28: "
                + "X.509 signature authorities are 21 bytes, not a multiple of the 20-byte SHA-1 key hash");
        rejects(single(38, "0c" + "aa".repeat(19)), Reason.BAD_PAYLOAD, 28, "bad CERTREQ payload at offset 28: "
                + "hash and URL of X.509 certificate authorities are 19 bytes, not a multiple of the 20-byte SHA-1 key hash");
    }

    @Test
    void saNeedsAProposalWithAnSpiThatFitsItsProtocol() {
        rejects(single(33, ""), Reason.BAD_PAYLOAD, 28, "bad SA payload at offset 28 carries no proposal");
        rejects(single(33, "00000013" + "01010301" + "aabbcc" + "00000008" + "04000013"), Reason.BAD_PAYLOAD, 28,
                "bad SA payload at offset 28: proposal 1 has protocol ID 1 with a 3-byte SPI");
    }

    @Test
    void keyLengthInTlvFormatIsRejected() {
        rejects(single(33, "00000016" + "01010001" + "0000000e" + "0100000c" + "000e0002" + "0080"), Reason.BAD_PAYLOAD, 48,
                "bad key length attribute at offset 48 is in TLV format, RFC 7296 requires TV");
    }

    @Test
    void nonEspMarkerIsRequiredOnUdp4500() {
        byte[] response = Samples.response();
        assertThatThrownBy(() -> IkeMessage.decode(response, response.length, true))
                .isInstanceOf(MalformedIkeException.class)
                .hasMessage("no non-ESP marker: datagram starts with 0x01020304, not 4 zero bytes (ESP with that SPI, not IKE)")
                .satisfies(e -> assertThat(((MalformedIkeException) e).reason()).isEqualTo(Reason.BAD_MARKER));
        assertThatThrownBy(() -> IkeMessage.decode(new byte[2], 2, true))
                .hasMessageContaining("2-byte datagram cannot carry the 4-byte non-ESP marker");
    }

    @Test
    void everyTruncationFailsOnlyAsMalformed() {
        byte[] valid = IkeMessageTest.fixedRequest().encode(false);
        for (byte[] sample : new byte[][] {Samples.response(), valid}) {
            for (int n = 0; n < sample.length; n++) {
                byte[] cut = Arrays.copyOf(sample, n);
                expectOnlyMalformed(cut);
                if (n >= 28) {
                    // with a matching length field the damage is found inside the payload chain
                    expectOnlyMalformed(with(cut, 24, String.format("%08x", n)));
                }
            }
        }
    }

    @Test
    void randomDamageFailsOnlyAsMalformed() {
        Random random = new Random(7296);
        byte[] valid = IkeMessageTest.fixedRequest().encode(false);
        for (int i = 0; i < 20_000; i++) {
            byte[] damaged = (i % 2 == 0 ? valid : Samples.response()).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                damaged[28 + random.nextInt(damaged.length - 28)] = (byte) random.nextInt(256);
            }
            expectOnlyMalformed(damaged);
        }
    }

    private static void expectOnlyMalformed(byte[] datagram) {
        try {
            IkeMessage.decode(datagram);
        } catch (MalformedIkeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            assertThat(expected.offset()).isBetween(0, datagram.length);
        } catch (RuntimeException e) {
            fail("decoder threw " + e + " for " + HEX.formatHex(datagram), e);
        }
    }
}
