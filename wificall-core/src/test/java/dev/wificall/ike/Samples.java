package dev.wificall.ike;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Hand-built wire bytes, written independently of the encoder. */
final class Samples {
    private Samples() {
    }

    static final HexFormat HEX = HexFormat.of();
    static final long SPI_I = 0x0102030405060708L;
    static final long SPI_R = 0xA1A2A3A4A5A6A7A8L;

    /**
     * A strongSwan-like IKE_SA_INIT response of 204 bytes: SA (offset 28, one proposal at 32 with
     * ENCR_AES_GCM_16 256, PRF_HMAC_SHA2_256, DH 19), KE group 19 (offset 68), Nonce (140),
     * NOTIFY IKEV2_FRAGMENTATION_SUPPORTED (176), Vendor ID (184).
     */
    static byte[] response() {
        return HEX.parseHex(""
                + "0102030405060708" + "a1a2a3a4a5a6a7a8" + "21" + "20" + "22" + "20" + "00000000" + "000000cc"
                + "22000028" + "00000024" + "01010003"
                + "0300000c" + "01000014" + "800e0100"
                + "03000008" + "02000005"
                + "00000008" + "04000013"
                + "28000048" + "00130000" + "ab".repeat(64)
                + "29000024" + "cd".repeat(32)
                + "2b000008" + "0000402e"
                + "00000014" + "ef".repeat(16));
    }

    /** A 38-byte response with only NOTIFY INVALID_KE_PAYLOAD asking for group 14. */
    static byte[] invalidKe() {
        return HEX.parseHex("0102030405060708" + "a1a2a3a4a5a6a7a8" + "29" + "20" + "22" + "20" + "00000000" + "00000026"
                + "0000000a" + "00000011" + "000e");
    }

    /** The captured file under src/test/resources/captures/ with what strongSwan 5.9.8 answered; see its README. */
    static final String STRONGSWAN_CAPTURE = "strongswan-5.9.8-libipsec-ike_sa_init-500.bin";

    /**
     * What strongSwan 5.9.8 (the lab's charon, kernel-libipsec) answered to wificall's request with
     * SPIi 4d9fe7566d89b4b2 from 10.77.0.1:42506 to 10.77.0.2:500: 256 bytes.
     */
    static byte[] strongSwanResponse() {
        return capture(STRONGSWAN_CAPTURE);
    }

    static byte[] capture(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource captures/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] with(byte[] message, int offset, String hex) {
        byte[] copy = message.clone();
        byte[] patch = HEX.parseHex(hex);
        System.arraycopy(patch, 0, copy, offset, patch.length);
        return copy;
    }
}
