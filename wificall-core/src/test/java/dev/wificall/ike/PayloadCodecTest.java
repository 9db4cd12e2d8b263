package dev.wificall.ike;

import static dev.wificall.ike.Samples.HEX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.ike.IkePayload.CertificateRequest;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkePayload.Unknown;
import dev.wificall.ike.IkePayload.VendorId;
import dev.wificall.ike.SecurityAssociation.Attribute;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes for every payload type, written by hand from RFC 7296 §3, both ways: the encoder
 * must produce them and the decoder must give back the same record.
 */
class PayloadCodecTest {
    /** Header of a response with SPIi 0102..08, SPIr a1a2..a8, IKE_SA_INIT, message ID 0; first payload and length patched in. */
    private static String header(int firstPayload, int length) {
        return "0102030405060708" + "a1a2a3a4a5a6a7a8" + String.format("%02x", firstPayload) + "20" + "22" + "20"
                + "00000000" + String.format("%08x", length);
    }

    /** Encodes {@code payload} alone in a message, checks the bytes after the header, and decodes them back. */
    private static void golden(IkePayload payload, String payloadHex) throws MalformedIkeException {
        byte[] expected = HEX.parseHex(header(payload.type(), 28 + payloadHex.length() / 2) + payloadHex);
        IkeMessage message = new IkeMessage(Samples.SPI_I, Samples.SPI_R, 0x20, 34, 0x20, 0, List.of(payload));

        assertThat(HEX.formatHex(message.encode())).isEqualTo(HEX.formatHex(expected));
        IkeMessage decoded = IkeMessage.decode(expected);
        assertThat(decoded.payloads()).hasSize(1);
        assertThat(decoded.payloads().get(0)).usingRecursiveComparison().isEqualTo(payload);
        assertThat(decoded.encode()).isEqualTo(expected);
    }

    @Test
    void securityAssociationWithTvAndTlvAttributesAndSpis() throws Exception {
        Attribute tlv = new Attribute(17, false, HEX.parseHex("616263"));
        Proposal ike = new Proposal(1, 1, HEX.parseHex("1122334455667788"), List.of(
                new Transform(SecurityAssociation.ENCR, 12, List.of(Attribute.keyLength(128), tlv)),
                Transform.of(SecurityAssociation.DH, 31)));
        Proposal esp = new Proposal(2, 3, HEX.parseHex("cafef00d"), List.of(Transform.of(SecurityAssociation.ESN, 0)));

        golden(new SecurityAssociation(List.of(ike, esp)), ""
                + "00000043"                                  // SA: last payload, 67 bytes
                + "0200002b" + "01010802" + "1122334455667788" // proposal 1, 43 bytes, more follow; IKE, 8-byte SPI, 2 transforms
                + "03000013" + "0100000c"                      // transform, 19 bytes, more follow: ENCR_AES_CBC
                + "800e0080"                                   //   key length 128, TV format
                + "00110003" + "616263"                        //   attribute 17, TLV format, 3 bytes
                + "00000008" + "0400001f"                      // last transform: DH 31
                + "00000014" + "02030401" + "cafef00d"         // last proposal 2, 20 bytes: ESP, 4-byte SPI, 1 transform
                + "00000008" + "05000000");                    // ESN: no
    }

    @Test
    void keyExchangeForX25519() throws Exception {
        golden(new KeyExchange(31, HEX.parseHex("5a".repeat(32))),
                "00000028" + "001f0000" + "5a".repeat(32));
    }

    @Test
    void nonceOfTheSmallestAllowedSize() throws Exception {
        golden(new Nonce(HEX.parseHex("0f".repeat(16))), "00000014" + "0f".repeat(16));
    }

    @Test
    void notifyWithAnEspSpiAndData() throws Exception {
        golden(new Notify(3, HEX.parseHex("01020304"), 16393, HEX.parseHex("beef")),
                "0000000e" + "03044009" + "01020304" + "beef");
    }

    @Test
    void notifyOfSignatureHashAlgorithms() throws Exception {
        golden(Notify.of(Notify.SIGNATURE_HASH_ALGORITHMS, HEX.parseHex("0002000300040005")),
                "00000010" + "0000402f" + "0002000300040005");
    }

    @Test
    void vendorId() throws Exception {
        golden(new VendorId(HEX.parseHex("882fe56d6fd20dbc2251613b2ebe5beb")),
                "00000014" + "882fe56d6fd20dbc2251613b2ebe5beb");
    }

    @Test
    void certificateRequestWithTwoCaHashes() throws Exception {
        CertificateRequest c = new CertificateRequest(4, HEX.parseHex("a1".repeat(20) + "b2".repeat(20)));

        golden(c, "0000002d" + "04" + "a1".repeat(20) + "b2".repeat(20));
        assertThat(c.x509()).isTrue();
        assertThat(c.encodingName()).isEqualTo("X.509 signature");
        assertThat(c.authorityHashes()).containsExactly("a1".repeat(20), "b2".repeat(20));
    }

    @Test
    void certificateRequestOfAnotherEncodingIsOpaque() throws Exception {
        CertificateRequest pgp = new CertificateRequest(2, HEX.parseHex("0102030405"));

        golden(pgp, "0000000a" + "02" + "0102030405");
        assertThat(pgp.x509()).isFalse();
        assertThat(pgp.authorityHashes()).isEmpty();
    }

    @Test
    void unknownPayloadsKeepTheirBodyAndCriticalBit() throws Exception {
        golden(new Unknown(99, true, HEX.parseHex("0102")), "00800006" + "0102");
        golden(new Unknown(200, false, new byte[0]), "00000004");
        // a type with an IANA name that this codec does not decode: SK (46), which SkPayload opens
        golden(new Unknown(46, false, HEX.parseHex("01000000")), "00000008" + "01000000");
    }

    @Test
    void chainLinksEveryPayloadToTheNext() throws Exception {
        IkeMessage m = new IkeMessage(Samples.SPI_I, Samples.SPI_R, 0x20, 34, 0x20, 0, List.of(
                new Nonce(new byte[16]), new VendorId(new byte[] {1}), Notify.of(Notify.COOKIE, new byte[] {7}),
                new Unknown(99, false, new byte[0])));

        byte[] wire = m.encode();

        assertThat(HEX.formatHex(wire)).isEqualTo(header(40, 28 + 20 + 5 + 9 + 4)
                + "2b000014" + "00".repeat(16) + "29000005" + "01" + "63000009" + "00004006" + "07" + "00000004");
        assertThat(IkeMessage.decode(wire)).usingRecursiveComparison().isEqualTo(m);
        assertThat(IkeMessage.decode(wire).describe())
                .isEqualTo("IKE_SA_INIT response 0 [Nonce V(01) N(COOKIE) payload(99)]");
    }

    @Test
    void encryptedPayloadEndsTheChain() throws Exception {
        // IKE_AUTH request 1 with SK, whose next-payload field names the first payload inside (IDi, 35)
        byte[] wire = HEX.parseHex("0102030405060708" + "a1a2a3a4a5a6a7a8" + "2e" + "20" + "23" + "08" + "00000001"
                + "00000028" + "2300000c" + "0011223344556677");

        IkeMessage m = IkeMessage.decode(wire);

        assertThat(m.payloads()).singleElement().usingRecursiveComparison()
                .isEqualTo(new Unknown(46, false, HEX.parseHex("0011223344556677")));
        assertThat(m.describe()).isEqualTo("IKE_AUTH request 1 [SK]");
    }
}
