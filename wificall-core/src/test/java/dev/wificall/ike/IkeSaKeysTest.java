package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IkeSaKeysTest {
    private static final HexFormat HEX = HexFormat.of();

    // NIST CAVP SP 800-135 component test vectors, ikev2.zip (SHA-1, first case)
    private static final byte[] NI = HEX.parseHex("3651fef5c9c35e93");
    private static final byte[] NR = HEX.parseHex("c09a8b90a3f04d59");
    private static final byte[] GIR = HEX.parseHex("d084a30166a50fb7325c3960874a839449ef9741c2f4f947d0201dd8c1269273"
            + "d79509f37e3ca3eb4fa2fe2a28254e289cd3f34dad4eb4df1a07685a4b8a94fa61e2491f7598b3ce65547ff133b3f63d"
            + "1ac4175eaa695033f3cedb026a6873a36455172a8540b8a5d23a0143bed0390ee49b168269d75fffee9fb62be965993c");
    private static final long SPI_I = 0x8e5c3ae507221684L;
    private static final long SPI_R = 0xb1f201bb155c3acdL;
    private static final String SKEYSEED = "cd2e8050137832245f1dbacc6e4f0a92f94d45d6";
    private static final String DKM = "6f1b12cad3cbe097b35430356d869d54cddb0198ec859174d53ceb92dddedbe2436db69f60977c58"
            + "fa63bbb667f8d36920b109baae8f6c61a9ac49feda01843225d080ec5539d5881a25521ffb2a0a91874a9c0a27fcc2d717eb8963"
            + "a9e3a89c7ab264757284c28cf8c3ca40576f4220b052b1fb8e9ad60ba3c80557323331a8cbb89f20";

    @Test
    void skeyseedMatchesTheNistIkev2Vector() {
        assertThat(HEX.formatHex(IkeSaKeys.skeyseed(Prf.HMAC_SHA1, NI, NR, GIR))).isEqualTo(SKEYSEED);
    }

    @Test
    void keysAreTheNistDkmCutInRfc7296Order() {
        // 132 bytes of DKM = 3 x 20 (SK_d, SK_pi, SK_pr) + 2 x 20 (SHA1 integrity) + 2 x 16 (AES-128-CBC)
        IkeSaKeys keys = IkeSaKeys.derive(Prf.HMAC_SHA1, 20, 16, NI, NR, GIR, SPI_I, SPI_R);

        byte[] dkm = HEX.parseHex(DKM);
        byte[] ours = concat(keys.skD(), keys.skAi(), keys.skAr(), keys.skEi(), keys.skEr(), keys.skPi(), keys.skPr());
        assertThat(HEX.formatHex(ours)).isEqualTo(HEX.formatHex(dkm));
        assertThat(HEX.formatHex(keys.skD())).isEqualTo("6f1b12cad3cbe097b35430356d869d54cddb0198");
    }

    @ParameterizedTest
    @EnumSource(Prf.class)
    void derivationMatchesAnIndependentRfc7296Derivation(Prf prf) throws Exception {
        byte[] ni = HEX.parseHex("00112233445566778899aabbccddeeff0011223344556677");
        byte[] nr = HEX.parseHex("ffeeddccbbaa99887766554433221100");
        byte[] gir = HEX.parseHex("d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de");
        SkPayloadSuite suite = new SkPayloadSuite(EncryptionAlgorithm.AES_GCM_16, 256, null, prf);

        IkeSaKeys keys = IkeSaKeys.derive(suite, ni, nr, gir, SPI_I, SPI_R);

        String name = PrfPlusTest.javaName(prf);
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(concat(ni, nr), name));
        byte[] skeyseed = mac.doFinal(gir);
        byte[] seed = ByteBuffer.allocate(ni.length + nr.length + 16).put(ni).put(nr).putLong(SPI_I).putLong(SPI_R).array();
        int p = prf.outputLength();
        byte[] keymat = PrfPlusTest.independentPrfPlus(name, skeyseed, seed, 3 * p + 2 * 36);
        assertThat(keys.skD()).isEqualTo(Arrays.copyOfRange(keymat, 0, p));
        assertThat(keys.skAi()).isEmpty();
        assertThat(keys.skAr()).isEmpty();
        assertThat(keys.skEi()).isEqualTo(Arrays.copyOfRange(keymat, p, p + 36));
        assertThat(keys.skEr()).isEqualTo(Arrays.copyOfRange(keymat, p + 36, p + 72));
        assertThat(keys.skPi()).isEqualTo(Arrays.copyOfRange(keymat, p + 72, 2 * p + 72));
        assertThat(keys.skPr()).isEqualTo(Arrays.copyOfRange(keymat, 2 * p + 72, 3 * p + 72));
    }

    @Test
    void toStringShowsLengthsNotKeys() {
        IkeSaKeys keys = IkeSaKeys.derive(Prf.HMAC_SHA1, 20, 16, NI, NR, GIR, SPI_I, SPI_R);

        assertThat(keys.toString()).isEqualTo("IkeSaKeys[SK_d 20 B, SK_ai 20 B, SK_ar 20 B, SK_ei 16 B, SK_er 16 B, SK_pi 20 B, SK_pr 20 B]")
                .doesNotContain("6f1b12").doesNotContainIgnoringCase(HEX.formatHex(keys.skEi()));
        assertThat(keys).isEqualTo(IkeSaKeys.derive(Prf.HMAC_SHA1, 20, 16, NI, NR, GIR, SPI_I, SPI_R));
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(x -> x.length).sum());
        for (byte[] part : parts) {
            b.put(part);
        }
        return b.array();
    }
}
