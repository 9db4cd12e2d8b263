package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.junit.jupiter.api.Test;

class EncryptionAlgorithmTest {
    private static final HexFormat HEX = HexFormat.of();

    // GCM specification (McGrew & Viega), test case 4: the NIST GCM test vector with AAD
    private static final byte[] KEY = HEX.parseHex("feffe9928665731c6d6a8f9467308308");
    private static final byte[] NONCE = HEX.parseHex("cafebabefacedbaddecaf888");
    private static final byte[] AAD = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    private static final byte[] PLAIN = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    private static final String CIPHER = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091";
    private static final String TAG = "5bc94fbc3221a5db94fae95ae7121a47";

    @Test
    void gcmMatchesTheGcmSpecificationTestCase4() throws Exception {
        byte[] sealed = EncryptionAlgorithm.gcm(true, KEY, NONCE, 16, AAD, PLAIN, 0, PLAIN.length);

        assertThat(HEX.formatHex(sealed)).isEqualTo(CIPHER + TAG);
        assertThat(EncryptionAlgorithm.gcm(false, KEY, NONCE, 16, AAD, sealed, 0, sealed.length)).isEqualTo(PLAIN);
        byte[] eight = EncryptionAlgorithm.gcm(true, KEY, NONCE, 8, AAD, PLAIN, 0, PLAIN.length);
        assertThat(HEX.formatHex(eight)).as("a shorter ICV is the tag truncated").isEqualTo(CIPHER + TAG.substring(0, 16));
    }

    @Test
    void gcmRejectsAlteredAad() throws Exception {
        byte[] sealed = EncryptionAlgorithm.gcm(true, KEY, NONCE, 16, AAD, PLAIN, 0, PLAIN.length);
        byte[] aad = AAD.clone();
        aad[0] ^= 1;

        assertThatThrownBy(() -> EncryptionAlgorithm.gcm(false, KEY, NONCE, 16, aad, sealed, 0, sealed.length))
                .isInstanceOf(InvalidCipherTextException.class);
    }

    @Test
    void cbcMatchesRfc3602Case2() {
        // RFC 3602 §4 case #2: AES-128-CBC, 32 bytes
        byte[] key = HEX.parseHex("c286696d887c9aa0611bbb3e2025a45a");
        byte[] iv = HEX.parseHex("562e17996d093d28ddb3ba695a2e6f58");
        byte[] plain = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

        byte[] cipher = EncryptionAlgorithm.cbc(true, key, iv, plain, 0, plain.length);

        assertThat(HEX.formatHex(cipher)).isEqualTo("d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1");
        assertThat(EncryptionAlgorithm.cbc(false, key, iv, cipher, 0, cipher.length)).isEqualTo(plain);
    }

    @Test
    void keyMaterialCarriesTheGcmSalt() {
        assertThat(EncryptionAlgorithm.AES_GCM_16.keyMaterialLength(256)).isEqualTo(36);
        assertThat(EncryptionAlgorithm.AES_CBC.keyMaterialLength(192)).isEqualTo(24);
        assertThat(EncryptionAlgorithm.byId(20)).contains(EncryptionAlgorithm.AES_GCM_16);
        assertThat(EncryptionAlgorithm.byId(3)).isEmpty();
    }
}
