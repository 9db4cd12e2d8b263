package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

class DhGroupTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void group19IsA64BytePointOnP256WithoutPrefix() {
        byte[] value = DhGroup.ECP_256.generatePublicValue(random);

        assertThat(value).hasSize(64);
        assertThat(onCurve("secp256r1", value)).isTrue();
        value[63] ^= 1;
        assertThat(onCurve("secp256r1", value)).as("the check can fail").isFalse();
    }

    @Test
    void group20IsA96BytePointOnP384() {
        byte[] value = DhGroup.ECP_384.generatePublicValue(random);

        assertThat(value).hasSize(96);
        assertThat(onCurve("secp384r1", value)).isTrue();
    }

    @Test
    void group14Is256BytesInTheRfc3526Subgroup() {
        byte[] value = DhGroup.MODP_2048.generatePublicValue(random);

        assertThat(value).hasSize(256);
        assertThat(inSubgroup(DHStandardGroups.rfc3526_2048, value)).isTrue();
    }

    @Test
    void smallerModpGroupsHaveTheirPrimesSize() {
        assertThat(DhGroup.MODP_1024.generatePublicValue(random)).hasSize(128);
        byte[] group5 = DhGroup.MODP_1536.generatePublicValue(random);
        assertThat(group5).hasSize(192);
        assertThat(inSubgroup(DHStandardGroups.rfc3526_1536, group5)).isTrue();
    }

    @Test
    void groups15And16AreInTheirRfc3526Subgroups() {
        byte[] group15 = DhGroup.MODP_3072.generatePublicValue(random);
        byte[] group16 = DhGroup.MODP_4096.generatePublicValue(random);

        assertThat(group15).hasSize(384);
        assertThat(inSubgroup(DHStandardGroups.rfc3526_3072, group15)).isTrue();
        assertThat(group16).hasSize(512);
        assertThat(inSubgroup(DHStandardGroups.rfc3526_4096, group16)).isTrue();
        // p = 2q + 1 with p = 7 mod 8: -2 is a quadratic non-residue, outside the order-q subgroup
        byte[] minusTwo = DHStandardGroups.rfc3526_4096.getP().subtract(BigInteger.TWO).toByteArray();
        assertThat(inSubgroup(DHStandardGroups.rfc3526_4096, minusTwo)).as("the check can fail").isFalse();
    }

    @Test
    void group21IsA132BytePointOnP521() {
        byte[] value = DhGroup.ECP_521.generatePublicValue(random);

        // RFC 5903: x and y each padded to 66 bytes, so the first byte of each has 7 leading zero bits
        assertThat(value).hasSize(132);
        assertThat(value[0] & 0xFE).isZero();
        assertThat(value[66] & 0xFE).isZero();
        assertThat(onCurve("secp521r1", value)).isTrue();
    }

    @Test
    void group31IsAnX25519PublicKeyThatAgreesWithBouncyCastle() {
        byte[] ours = DhGroup.CURVE_25519.generatePublicValue(random);
        X25519PrivateKeyParameters peer = new X25519PrivateKeyParameters(random);

        assertThat(ours).hasSize(32).isNotEqualTo(DhGroup.CURVE_25519.generatePublicValue(random));
        byte[] secret = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
        // BC refuses a low-order point (all-zero secret), so agreeing at all shows a usable public value
        peer.generateSecret(new X25519PublicKeyParameters(ours, 0), secret, 0);
        assertThat(secret).isNotEqualTo(new byte[32]);
        assertThatThrownBy(() -> peer.generateSecret(new X25519PublicKeyParameters(new byte[32], 0), new byte[32], 0))
                .as("the check can fail").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyGroupHasItsPublicValueLength() {
        for (DhGroup g : DhGroup.values()) {
            assertThat(g.generatePublicValue(random)).as(g.toString()).hasSize(g.publicValueLength());
        }
    }

    @Test
    void valuesAreFresh() {
        assertThat(DhGroup.ECP_256.generatePublicValue(random)).isNotEqualTo(DhGroup.ECP_256.generatePublicValue(random));
    }

    @Test
    void groupsAreFoundByIanaId() {
        assertThat(DhGroup.byId(19)).contains(DhGroup.ECP_256);
        assertThat(DhGroup.byId(14)).contains(DhGroup.MODP_2048);
        assertThat(DhGroup.byId(31)).contains(DhGroup.CURVE_25519);
        assertThat(DhGroup.byId(1)).contains(DhGroup.MODP_768);
        assertThat(DhGroup.byId(32)).contains(DhGroup.CURVE_448);
        // ML-KEM-512 (IANA 35) is a KEM, not a DH group
        assertThat(DhGroup.byId(35)).isEmpty();
        assertThat(DhGroup.ECP_384).hasToString("DH group 20 (ECP-384)");
    }

    private static boolean onCurve(String curve, byte[] xy) {
        X9ECParameters params = CustomNamedCurves.getByName(curve);
        int half = xy.length / 2;
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(xy, 0, half));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(xy, half, xy.length));
        return params.getCurve().createPoint(x, y).isValid();
    }

    private static boolean inSubgroup(DHParameters p, byte[] value) {
        BigInteger y = new BigInteger(1, value);
        return y.compareTo(BigInteger.ONE) > 0 && y.compareTo(p.getP().subtract(BigInteger.ONE)) < 0
                && y.modPow(p.getQ(), p.getP()).equals(BigInteger.ONE);
    }

    @Test
    void unsignedWritesExactlyTheGivenLength() {
        // toByteArray adds a sign byte for a set top bit and drops leading zeros: both must come out fixed-width
        assertThat(DhGroup.unsigned(new BigInteger("ff01", 16), 2)).containsExactly(0xff, 0x01);
        assertThat(DhGroup.unsigned(BigInteger.ONE, 4)).containsExactly(0, 0, 0, 1);
        assertThat(DhGroup.unsigned(BigInteger.ZERO, 3)).containsExactly(0, 0, 0);
        assertThat(DhGroup.unsigned(BigInteger.ONE.shiftLeft(255), 32)[0]).isEqualTo((byte) 0x80);
        assertThatThrownBy(() -> DhGroup.unsigned(BigInteger.ONE.shiftLeft(16), 2))
                .hasMessage("a 17-bit value does not fit 2 bytes");
    }

    @Test
    void group14KeysComeFromTheJdkWithTheRfc3526Prime() {
        assertThat(DhGroup.modp2048Prime()).isEqualTo(DHStandardGroups.rfc3526_2048.getP());
        byte[] ke = DhGroup.MODP_2048.generatePublicValue(new SecureRandom());
        assertThat(ke).hasSize(256);
        BigInteger y = new BigInteger(1, ke);
        assertThat(y).isGreaterThan(BigInteger.ONE).isLessThan(DhGroup.modp2048Prime().subtract(BigInteger.ONE));
        // a peer's key agreement (Bouncy Castle's, as the attach uses it) accepts the value
        assertThat(DhGroup.MODP_2048.generateKeyPair(new SecureRandom()).sharedSecret(ke)).hasSize(256);
    }

    /** Both sides of every group reach the same g^ir, of the length RFC 7296 §2.14 and RFC 5903 §7 give. */
    @Test
    void everyGroupAgreesWithItself() {
        for (DhGroup g : DhGroup.values()) {
            DhKeyPair a = g.generateKeyPair(random);
            DhKeyPair b = g.generateKeyPair(random);
            byte[] ab = a.sharedSecret(b.publicValue());
            assertThat(ab).as(g.toString()).isEqualTo(b.sharedSecret(a.publicValue()));
            boolean ecp = g.label().startsWith("ECP") || g.label().startsWith("Brainpool");
            assertThat(ab).as(g.toString()).hasSize(ecp ? g.publicValueLength() / 2 : g.publicValueLength());
            assertThat(a.publicValue()).as(g.toString()).hasSize(g.publicValueLength()).isNotEqualTo(b.publicValue());
        }
    }

    /** RFC 5114's groups as shipped: q is prime, divides p - 1, and g generates the subgroup of order q. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = DhGroup.class, names = {"MODP_1024_S160", "MODP_2048_S224", "MODP_2048_S256"})
    void rfc5114GroupsHaveTheirSubgroup(DhGroup g) {
        org.bouncycastle.crypto.params.DHParameters p = g.modpParameters();
        java.math.BigInteger one = java.math.BigInteger.ONE;
        assertThat(p.getP().bitLength()).isEqualTo(g.publicValueLength() * 8);
        assertThat(p.getQ().isProbablePrime(64)).isTrue();
        assertThat(p.getP().subtract(one).mod(p.getQ())).isZero();
        assertThat(p.getG().modPow(p.getQ(), p.getP())).isEqualTo(one);
        assertThat(p.getQ().bitLength()).isEqualTo(switch (g) {
            case MODP_1024_S160 -> 160;
            case MODP_2048_S224 -> 224;
            default -> 256;
        });
        // a value outside the subgroup is refused, as a responder's KE from a hostile peer would be
        DhKeyPair pair = g.generateKeyPair(random);
        byte[] outside = DhGroup.unsigned(p.getP().subtract(java.math.BigInteger.TWO), g.publicValueLength());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pair.sharedSecret(outside))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the prime-order subgroup");
    }
}
