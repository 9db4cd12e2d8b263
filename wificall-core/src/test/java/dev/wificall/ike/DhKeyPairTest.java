package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.bouncycastle.util.BigIntegers;

class DhKeyPairTest {
    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();

    @Test
    void ecp256MatchesRfc5903Section81() {
        DhKeyPair i = DhKeyPair.fromPrivateValue(DhGroup.ECP_256,
                HEX.parseHex("c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433"));
        DhKeyPair r = DhKeyPair.fromPrivateValue(DhGroup.ECP_256,
                HEX.parseHex("c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53"));

        assertThat(HEX.formatHex(i.publicValue())).isEqualTo("dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
                + "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3");
        assertThat(HEX.formatHex(r.publicValue())).isEqualTo("d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
                + "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab");
        String girx = "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de";
        assertThat(HEX.formatHex(i.sharedSecret(r.publicValue()))).isEqualTo(girx);
        assertThat(HEX.formatHex(r.sharedSecret(i.publicValue()))).isEqualTo(girx);
    }

    @Test
    void ecp384MatchesRfc5903Section82() {
        DhKeyPair i = DhKeyPair.fromPrivateValue(DhGroup.ECP_384, HEX.parseHex(
                "099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655e35b538041e649ee3faef896783ab194"));
        byte[] gr = HEX.parseHex(
                "e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d0d1ac43a0336def96fda41d0774a3571"
                + "dcfbec7aacf3196472169e838430367f66eebe3c6e70c416dd5f0c68759dd1fff83fa40142209dff5eaad96db9e6386c");

        assertThat(HEX.formatHex(i.publicValue())).startsWith(
                "667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6de3ac808acb4bdb4c88732aee95f41aa");
        assertThat(HEX.formatHex(i.sharedSecret(gr))).isEqualTo(
                "11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4d603135569b9e9d09cf5d4a270f59746");
    }

    @Test
    void x25519MatchesRfc7748Section61() {
        DhKeyPair alice = DhKeyPair.fromPrivateValue(DhGroup.CURVE_25519,
                HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        DhKeyPair bob = DhKeyPair.fromPrivateValue(DhGroup.CURVE_25519,
                HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));

        assertThat(HEX.formatHex(alice.publicValue())).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(HEX.formatHex(bob.publicValue())).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        String k = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        assertThat(HEX.formatHex(alice.sharedSecret(bob.publicValue()))).isEqualTo(k);
        assertThat(HEX.formatHex(bob.sharedSecret(alice.publicValue()))).isEqualTo(k);
    }

    @ParameterizedTest
    @EnumSource(value = DhGroup.class, names = {"MODP_1024", "MODP_2048", "ECP_256", "ECP_384", "ECP_521", "CURVE_25519"})
    void twoFreshPairsAgree(DhGroup group) {
        DhKeyPair a = group.generateKeyPair(random);
        DhKeyPair b = group.generateKeyPair(random);

        assertThat(a.publicValue()).hasSize(group.publicValueLength());
        byte[] secret = a.sharedSecret(b.publicValue());
        assertThat(secret).isEqualTo(b.sharedSecret(a.publicValue()));
        int expected = group.id() >= 19 && group.id() <= 21 ? group.publicValueLength() / 2 : group.publicValueLength();
        assertThat(secret).hasSize(expected);
        assertThat(a.toString()).isEqualTo("DhKeyPair[" + group + "]");
    }

    @Test
    void modpSecretIsBigEndianAndAsLongAsThePrime() {
        // x = 1 on the initiator side gives g^ir = g^r = the peer's public value, whatever its leading zeros
        DhKeyPair one = DhKeyPair.fromPrivateValue(DhGroup.MODP_2048, new byte[] {1});
        DhKeyPair peer = DhGroup.MODP_2048.generateKeyPair(random);

        assertThat(one.sharedSecret(peer.publicValue())).isEqualTo(peer.publicValue());
        assertThat(one.publicValue()).isEqualTo(BigIntegers.asUnsignedByteArray(256, BigInteger.TWO));
    }

    @Test
    void badModpValuesAreRejected() {
        DhKeyPair pair = DhGroup.MODP_2048.generateKeyPair(random);
        BigInteger p = DHStandardGroups.rfc3526_2048.getP();

        assertThatThrownBy(() -> pair.sharedSecret(BigIntegers.asUnsignedByteArray(256, BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid KE public value for DH group 14 (MODP-2048): y must lie between 1 and p-1 exclusive, but is 1");
        assertThatThrownBy(() -> pair.sharedSecret(BigIntegers.asUnsignedByteArray(256, p.subtract(BigInteger.ONE))))
                .hasMessageContaining("but is p-1");
        assertThatThrownBy(() -> pair.sharedSecret(new byte[255])).hasMessageContaining("255 bytes, expected 256");
    }

    @Test
    void pointsOffTheCurveAreRejected() {
        DhKeyPair pair = DhGroup.ECP_256.generateKeyPair(random);
        byte[] peer = DhGroup.ECP_256.generateKeyPair(random).publicValue();
        peer[63] ^= 1;

        assertThatThrownBy(() -> pair.sharedSecret(peer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid KE public value for DH group 19 (ECP-256): (x, y) is not a point on ECP-256");
        assertThatThrownBy(() -> pair.sharedSecret(new byte[64])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a point on ECP-256");
    }

    @Test
    void x25519LowOrderPointIsRejected() {
        DhKeyPair pair = DhGroup.CURVE_25519.generateKeyPair(random);

        assertThatThrownBy(() -> pair.sharedSecret(new byte[32])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all zeros");
    }
}
