package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SkPayloadTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IKE_AUTH = 35;

    static Stream<SkPayloadSuite> suites() {
        Stream.Builder<SkPayloadSuite> all = Stream.builder();
        for (int bits : new int[] {128, 192, 256}) {
            for (IntegrityAlgorithm integrity : IntegrityAlgorithm.values()) {
                all.add(new SkPayloadSuite(EncryptionAlgorithm.AES_CBC, bits, integrity, Prf.HMAC_SHA2_256));
            }
            for (EncryptionAlgorithm gcm : List.of(EncryptionAlgorithm.AES_GCM_8, EncryptionAlgorithm.AES_GCM_12,
                    EncryptionAlgorithm.AES_GCM_16)) {
                all.add(new SkPayloadSuite(gcm, bits, null, Prf.HMAC_SHA2_512));
            }
        }
        return all.build();
    }

    private static IkeSaKeys keys(SkPayloadSuite suite) {
        return IkeSaKeys.derive(suite, HEX.parseHex("11".repeat(32)), HEX.parseHex("22".repeat(32)),
                HEX.parseHex("33".repeat(32)), Samples.SPI_I, Samples.SPI_R);
    }

    private static IkeMessage request(List<IkePayload> payloads) {
        return new IkeMessage(Samples.SPI_I, Samples.SPI_R, IkeMessage.VERSION_2_0, IKE_AUTH, IkeMessage.FLAG_INITIATOR, 1, payloads);
    }

    private static List<IkePayload> inner() {
        return List.of(IkePayload.Identification.rfc822(true, "user@nai.epc"),
                new IkePayload.Notify(0, new byte[0], 16384, new byte[0]),
                IkePayload.Configuration.request(IkePayload.ConfigAttribute.INTERNAL_IP4_ADDRESS));
    }

    @ParameterizedTest
    @MethodSource("suites")
    void sealedMessagesOpenOnTheOtherSide(SkPayloadSuite suite) throws Exception {
        IkeSaKeys keys = keys(suite);
        IkeMessage message = request(inner());

        byte[] wire = SkPayload.sending(suite, keys, true).seal(message, RANDOM);
        IkeMessage opened = SkPayload.receiving(suite, keys, false).open(wire);

        assertThat(opened.encode()).isEqualTo(message.encode());
        IkeMessage outer = IkeMessage.decode(wire);
        assertThat(outer.payloads()).singleElement().extracting(IkePayload::type).isEqualTo(IkePayload.ENCRYPTED);
        assertThat(Byte.toUnsignedInt(wire[28])).as("SK's next payload is the first inner one").isEqualTo(35);
        int padded = suite.encryption().aead() ? 0 : 15;
        assertThat(wire.length - 32 - suite.encryption().ivLength() - suite.icvLength())
                .isBetween(message.encode().length - 28 + 1, message.encode().length - 28 + 1 + padded);
    }

    @ParameterizedTest
    @MethodSource("suites")
    void anyAlteredByteIsRejectedWithoutPlaintext(SkPayloadSuite suite) {
        IkeSaKeys keys = keys(suite);
        byte[] wire = SkPayload.sending(suite, keys, true).seal(request(inner()), RANDOM);
        SkPayload receiver = SkPayload.receiving(suite, keys, false);
        // header (message ID), SK header reserved byte, IV, ciphertext, ICV
        for (int at : new int[] {20, 29, 33, wire.length - suite.icvLength() - 1, wire.length - 1}) {
            byte[] altered = wire.clone();
            altered[at] ^= 0x40;
            assertThatThrownBy(() -> receiver.open(altered)).as("byte %d altered", at)
                    .isInstanceOf(SkPayloadIntegrityException.class)
                    .hasMessageContaining("IKE_AUTH request")
                    .hasMessageContaining("does not verify with " + suite.describe());
        }
    }

    @Test
    void theWrongDirectionsKeysFail() {
        SkPayloadSuite suite = new SkPayloadSuite(EncryptionAlgorithm.AES_GCM_16, 256, null, Prf.HMAC_SHA2_256);
        IkeSaKeys keys = keys(suite);
        byte[] wire = SkPayload.sending(suite, keys, true).seal(request(inner()), RANDOM);

        assertThatThrownBy(() -> SkPayload.receiving(suite, keys, true).open(wire))
                .isInstanceOf(SkPayloadIntegrityException.class).hasMessageContaining("AES-GCM tag");
    }

    @Test
    void cbcMessageMatchesAnIndependentConstruction() throws Exception {
        SkPayloadSuite suite = new SkPayloadSuite(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128,
                Prf.HMAC_SHA2_256);
        IkeSaKeys keys = keys(suite);
        byte[] wire = SkPayload.sending(suite, keys, true).seal(request(inner()), RANDOM);
        byte[] plainChain = Arrays.copyOfRange(request(inner()).encode(), 28, request(inner()).encode().length);

        // RFC 7296 §3.14 by hand with the JDK: ICV = HMAC-SHA-256 truncated to 16 over everything before it
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.skAi(), "HmacSHA256"));
        mac.update(wire, 0, wire.length - 16);
        assertThat(Arrays.copyOfRange(wire, wire.length - 16, wire.length)).isEqualTo(Arrays.copyOf(mac.doFinal(), 16));
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.skEi(), "AES"), new IvParameterSpec(wire, 32, 16));
        byte[] plain = aes.doFinal(wire, 48, wire.length - 48 - 16);
        int pad = plain[plain.length - 1];
        assertThat(plain.length % 16).isZero();
        assertThat(Arrays.copyOf(plain, plain.length - pad - 1)).isEqualTo(plainChain);
        assertThat(HEX.formatHex(wire, 16, 28)).isEqualTo("2e202308" + "00000001" + String.format("%08x", wire.length));
    }

    @Test
    void gcmMessageMatchesRfc5282ByHand() throws Exception {
        SkPayloadSuite suite = new SkPayloadSuite(EncryptionAlgorithm.AES_GCM_16, 128, null, Prf.HMAC_SHA2_256);
        IkeSaKeys keys = keys(suite);
        SkPayload sender = SkPayload.sending(suite, keys, true);
        sender.seal(request(inner()), RANDOM);
        byte[] wire = sender.seal(request(inner()), RANDOM);

        // nonce = salt (last 4 bytes of SK_ei) | 8-byte IV; AAD = IKE header | SK payload header (RFC 5282 §5.1)
        assertThat(HEX.formatHex(wire, 32, 40)).as("the IV is a counter").isEqualTo("0000000000000002");
        byte[] nonce = new byte[12];
        System.arraycopy(keys.skEi(), 16, nonce, 0, 4);
        System.arraycopy(wire, 32, nonce, 4, 8);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.skEi(), 0, 16, "AES"), new javax.crypto.spec.GCMParameterSpec(128, nonce));
        gcm.updateAAD(wire, 0, 32);
        byte[] plain = gcm.doFinal(wire, 40, wire.length - 40);
        assertThat(plain[plain.length - 1]).as("pad length").isZero();
        byte[] encoded = request(inner()).encode();
        assertThat(Arrays.copyOf(plain, plain.length - 1)).isEqualTo(Arrays.copyOfRange(encoded, 28, encoded.length));
    }

    @Test
    void messageWithoutSkPayloadIsMalformed() {
        SkPayloadSuite suite = new SkPayloadSuite(EncryptionAlgorithm.AES_GCM_16, 128, null, Prf.HMAC_SHA2_256);
        SkPayload receiver = SkPayload.receiving(suite, keys(suite), false);

        assertThatThrownBy(() -> receiver.open(Samples.response())).isInstanceOf(MalformedIkeException.class)
                .hasMessageContaining("carries no SK payload");
    }

    @Test
    void truncatedSkPayloadIsMalformed() {
        SkPayloadSuite suite = new SkPayloadSuite(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA1_96, Prf.HMAC_SHA1);
        IkeMessage withSk = request(List.of(new IkePayload.Unknown(IkePayload.ENCRYPTED, false, new byte[20])));

        assertThatThrownBy(() -> SkPayload.receiving(suite, keys(suite), false).open(withSk.encode()))
                .isInstanceOf(MalformedIkeException.class).hasMessageContaining("whole 16-byte blocks");
    }

    @Test
    void emptyInnerChainRoundTrips() throws Exception {
        SkPayloadSuite suite = new SkPayloadSuite(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA1_96, Prf.HMAC_SHA1);
        IkeSaKeys keys = keys(suite);
        byte[] wire = SkPayload.sending(suite, keys, false).seal(request(List.of()), RANDOM);

        assertThat(SkPayload.receiving(suite, keys, true).open(wire).payloads()).isEmpty();
        assertThat(wire).hasSize(28 + 4 + 16 + 16 + 12);
    }

    @Test
    void keysOfTheWrongLengthAreRefused() {
        SkPayloadSuite suite = new SkPayloadSuite(EncryptionAlgorithm.AES_GCM_16, 256, null, Prf.HMAC_SHA2_256);

        assertThatThrownBy(() -> new SkPayload(suite, new byte[32], new byte[0]))
                .hasMessage("ENCR_AES_GCM_16 256, PRF_HMAC_SHA2_256 takes a 36-byte SK_e and a 0-byte SK_a, not 32 and 0 bytes");
    }
}
