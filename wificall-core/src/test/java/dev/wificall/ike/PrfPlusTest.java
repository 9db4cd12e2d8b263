package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PrfPlusTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hmacPrfsMatchRfc2202AndRfc4231() {
        byte[] key = "Jefe".getBytes();
        byte[] data = "what do ya want for nothing?".getBytes();
        // RFC 2202 §3 test case 2; RFC 4231 §4.3 test case 2
        assertThat(HEX.formatHex(Prf.HMAC_SHA1.apply(key, data))).isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assertThat(HEX.formatHex(Prf.HMAC_SHA2_256.apply(key, data)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(Prf.HMAC_SHA2_256.apply(key, "what do ya ".getBytes(), "want for nothing?".getBytes()))
                .as("data given in parts is concatenated").isEqualTo(Prf.HMAC_SHA2_256.apply(key, data));
    }

    @ParameterizedTest
    @EnumSource(Prf.class)
    void prfPlusFollowsRfc7296Section213(Prf prf) throws Exception {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f1011121314");
        byte[] seed = "Ni | Nr | SPIi | SPIr".getBytes();
        int length = 3 * prf.outputLength() + 7;

        byte[] expected = independentPrfPlus(javaName(prf), key, seed, length);

        assertThat(PrfPlus.expand(prf, key, seed, length)).isEqualTo(expected);
        assertThat(PrfPlus.expand(prf, key, seed, 5)).as("a prefix of the same stream").isEqualTo(java.util.Arrays.copyOf(expected, 5));
        assertThat(PrfPlus.expand(prf, key, seed, 0)).isEmpty();
    }

    @Test
    void prfPlusStopsAt255Blocks() {
        assertThat(PrfPlus.expand(Prf.HMAC_SHA1, new byte[20], new byte[1], 255 * 20)).hasSize(5100);
        assertThatThrownBy(() -> PrfPlus.expand(Prf.HMAC_SHA1, new byte[20], new byte[1], 255 * 20 + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 5100 bytes, not 5101");
    }

    @Test
    void prfIdsAreIana() {
        assertThat(Prf.byId(5)).contains(Prf.HMAC_SHA2_256);
        assertThat(Prf.byId(4)).as("AES-XCBC is not implemented").isEmpty();
        assertThat(Prf.HMAC_SHA2_512).hasToString("PRF_HMAC_SHA2_512");
        assertThat(Prf.HMAC_SHA2_384.keyLength()).isEqualTo(48);
    }

    static String javaName(Prf prf) {
        switch (prf) {
            case HMAC_SHA1: return "HmacSHA1";
            case HMAC_SHA2_256: return "HmacSHA256";
            case HMAC_SHA2_384: return "HmacSHA384";
            default: return "HmacSHA512";
        }
    }

    /** prf+ written from the RFC text with the JDK's HMAC: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n). */
    static byte[] independentPrfPlus(String algorithm, byte[] key, byte[] seed, int length) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int n = 1; out.size() < length; n++) {
            mac.update(t);
            mac.update(seed);
            mac.update((byte) n);
            t = mac.doFinal();
            out.write(t);
        }
        return java.util.Arrays.copyOf(out.toByteArray(), length);
    }
}
