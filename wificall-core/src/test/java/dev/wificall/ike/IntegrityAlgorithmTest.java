package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class IntegrityAlgorithmTest {

    @ParameterizedTest
    @EnumSource(IntegrityAlgorithm.class)
    void icvIsTheTruncatedJdkHmac(IntegrityAlgorithm algorithm) throws Exception {
        String name = algorithm.keyLength() == 20 ? "HmacSHA1" : "HmacSHA" + algorithm.keyLength() * 8;
        byte[] key = new byte[algorithm.keyLength()];
        Arrays.fill(key, (byte) 0x0b);
        byte[] data = "an IKE message, header to ciphertext".getBytes();
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(key, name));

        byte[] icv = algorithm.icv(key, data, 3, data.length - 3);

        mac.update(data, 3, data.length - 3);
        assertThat(icv).isEqualTo(Arrays.copyOf(mac.doFinal(), algorithm.icvLength()));
    }

    @Test
    void lengthsFollowRfc4868() {
        assertThat(IntegrityAlgorithm.HMAC_SHA1_96.icvLength()).isEqualTo(12);
        assertThat(IntegrityAlgorithm.HMAC_SHA2_384_192.keyLength()).isEqualTo(48);
        assertThat(IntegrityAlgorithm.HMAC_SHA2_384_192.icvLength()).isEqualTo(24);
        assertThat(IntegrityAlgorithm.HMAC_SHA2_512_256.icvLength()).isEqualTo(32);
        assertThat(IntegrityAlgorithm.byId(12)).contains(IntegrityAlgorithm.HMAC_SHA2_256_128);
        assertThatThrownBy(() -> IntegrityAlgorithm.HMAC_SHA2_256_128.icv(new byte[16], new byte[1], 0, 1))
                .hasMessage("AUTH_HMAC_SHA2_256_128 takes a 32-byte key, not 16");
    }
}
