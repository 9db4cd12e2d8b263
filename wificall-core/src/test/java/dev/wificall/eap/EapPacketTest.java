package dev.wificall.eap;

import static dev.wificall.eap.Fips186PrfTest.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.eap.EapPacket.Code;
import dev.wificall.eap.MalformedEapException.Reason;
import org.junit.jupiter.api.Test;

class EapPacketTest {

    static void rejects(byte[] packet, Reason reason, int offset, String message) {
        assertThatThrownBy(() -> EapAkaMessage.decode(packet))
                .isInstanceOf(MalformedEapException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MalformedEapException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(((MalformedEapException) e).offset()).isEqualTo(offset));
    }

    @Test
    void identityResponseRoundTrip() throws Exception {
        EapPacket p = new EapPacket(Code.RESPONSE, 7, EapPacket.TYPE_IDENTITY, "0001@nai".getBytes());
        byte[] wire = p.encode();
        assertThat(HEX.formatHex(wire)).isEqualTo("0207000d01" + HEX.formatHex("0001@nai".getBytes()));
        assertThat(EapPacket.decode(wire)).isEqualTo(p);
    }

    @Test
    void successAndFailureHaveNoType() throws Exception {
        assertThat(EapPacket.decode(HEX.parseHex("03090004"))).isEqualTo(EapPacket.of(Code.SUCCESS, 9));
        assertThat(EapPacket.of(Code.FAILURE, 200).encode()).isEqualTo(HEX.parseHex("04c80004"));
    }

    @Test
    void bytesAfterLengthArePadding() throws Exception {
        EapPacket p = EapPacket.decode(HEX.parseHex("02010006170500000000"));
        assertThat(p.typeData()).isEqualTo(HEX.parseHex("05"));
        assertThat(p.length()).isEqualTo(6);
    }

    @Test
    void rejectsTruncatedHeader() {
        assertThatThrownBy(() -> EapPacket.decode(HEX.parseHex("0201")))
                .isInstanceOf(MalformedEapException.class)
                .hasMessage("truncated EAP header at offset 1: needs 3 bytes but 1 remain");
    }

    @Test
    void rejectsLengthBeyondData() {
        rejects(HEX.parseHex("02010010170500"), Reason.TRUNCATED, 0, "truncated EAP packet at offset 0: length 16 but 7 bytes remain");
    }

    @Test
    void rejectsLengthBelowHeader() {
        rejects(HEX.parseHex("0201000317"), Reason.BAD_LENGTH, 2, "bad EAP length at offset 2: 3 is less than the 5 bytes of an EAP RESPONSE");
        assertThatThrownBy(() -> EapPacket.decode(HEX.parseHex("0301000500")))
                .hasMessage("bad EAP length at offset 2: an EAP SUCCESS is 4 bytes, not 5");
    }

    @Test
    void rejectsUnknownCode() {
        rejects(HEX.parseHex("05010004"), Reason.UNSUPPORTED, 0, "unsupported EAP code 5 at offset 0: expected 1 to 4");
    }

    @Test
    void akaDecoderRejectsOtherTypes() {
        rejects(HEX.parseHex("0101000812050000"), Reason.UNSUPPORTED, 4, "unsupported EAP type 18 at offset 4: expected 23 (EAP-AKA)");
        rejects(HEX.parseHex("03010004"), Reason.UNSUPPORTED, 0, "EAP SUCCESS at offset 0 is not an EAP-AKA message");
    }

    @Test
    void constructorValidates() {
        assertThatThrownBy(() -> new EapPacket(Code.REQUEST, 256, 23, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("EAP identifier 256 is not 0..255");
        assertThatThrownBy(() -> new EapPacket(Code.SUCCESS, 1, 23, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("EAP SUCCESS carries no type or data");
    }
}
