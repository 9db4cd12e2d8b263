package dev.wificall.ike;

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

    static byte[] with(byte[] message, int offset, String hex) {
        byte[] copy = message.clone();
        byte[] patch = HEX.parseHex(hex);
        System.arraycopy(patch, 0, copy, offset, patch.length);
        return copy;
    }
}
