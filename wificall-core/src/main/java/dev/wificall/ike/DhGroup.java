package dev.wificall.ike;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.Optional;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.generators.DHKeyPairGenerator;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * Diffie-Hellman groups a probe can offer, with the KE public value encoding of RFC 7296 §3.4
 * (MODP: g^x mod p left-padded to the prime's size) and RFC 5903 (ECP: x || y, no 0x04 prefix).
 * The private value is thrown away: a probe only has to show a real public value.
 */
public enum DhGroup {
    /** RFC 2409 §6.1; RFC 8247 §2.4: MUST NOT. Offered only to see whether an ePDG still accepts it. */
    MODP_768(1, "MODP-768", "rfc2409_768", null, 96),
    MODP_1024(2, "MODP-1024", "rfc2409_1024", null, 128),
    MODP_1536(5, "MODP-1536", "rfc3526_1536", null, 192),
    MODP_2048(14, "MODP-2048", "rfc3526_2048", null, 256),
    MODP_3072(15, "MODP-3072", "rfc3526_3072", null, 384),
    MODP_4096(16, "MODP-4096", "rfc3526_4096", null, 512),
    MODP_6144(17, "MODP-6144", "rfc3526_6144", null, 768),
    MODP_8192(18, "MODP-8192", "rfc3526_8192", null, 1024),
    ECP_256(19, "ECP-256", null, "secp256r1", 64),
    ECP_384(20, "ECP-384", null, "secp384r1", 96),
    ECP_521(21, "ECP-521", null, "secp521r1", 132),
    /** RFC 5114 §2.1–2.3: MODP groups with a prime-order subgroup; RFC 8247 §2.4: SHOULD NOT. */
    MODP_1024_S160(22, "MODP-1024-S160", "rfc5114_1024_160", null, 128),
    MODP_2048_S224(23, "MODP-2048-S224", "rfc5114_2048_224", null, 256),
    MODP_2048_S256(24, "MODP-2048-S256", "rfc5114_2048_256", null, 256),
    /** RFC 5114 §2.4–2.5: NIST P-192 and P-224, KE as x || y like RFC 5903. */
    ECP_192(25, "ECP-192", null, "secp192r1", 48),
    ECP_224(26, "ECP-224", null, "secp224r1", 56),
    /** RFC 6954: Brainpool curves, KE as x || y. */
    BRAINPOOL_P224(27, "Brainpool-P224", null, "brainpoolP224r1", 56),
    BRAINPOOL_P256(28, "Brainpool-P256", null, "brainpoolP256r1", 64),
    BRAINPOOL_P384(29, "Brainpool-P384", null, "brainpoolP384r1", 96),
    BRAINPOOL_P512(30, "Brainpool-P512", null, "brainpoolP512r1", 128),
    /** RFC 8031: the 32-byte little-endian u-coordinate of X25519. */
    CURVE_25519(31, "Curve25519", null, "X25519", 32),
    /** RFC 8031: the 56-byte u-coordinate of X448. */
    CURVE_448(32, "Curve448", null, "X448", 56);

    private final int id;
    private final String label;
    /** The MODP group's name in Bouncy Castle; its parameters load on first use (~0.3 s of class loading). */
    private final String modp;
    private final String curve;
    private final int publicValueLength;

    DhGroup(int id, String label, String modp, String curve, int publicValueLength) {
        this.id = id;
        this.label = label;
        this.modp = modp;
        this.curve = curve;
        this.publicValueLength = publicValueLength;
    }

    /** The IANA Transform Type 4 ID, as in KE payloads and INVALID_KE_PAYLOAD. */
    public int id() {
        return id;
    }

    /** Short name, e.g. "ECP-256". */
    public String label() {
        return label;
    }

    /** Length of the KE public value in bytes. */
    public int publicValueLength() {
        return publicValueLength;
    }

    public static Optional<DhGroup> byId(int id) {
        for (DhGroup g : values()) {
            if (g.id == id) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 3526 §3: the 2048-bit MODP group's prime (generator 2), as the RFC prints it. Group 14 is the one
     * probes offer most (the broad re-check's KE), and with its prime here the JDK makes its keys: no
     * class from Bouncy Castle's signed jar, whose check costs a fresh JVM ~150 ms of CPU mid-probe.
     */
    private static final BigInteger MODP_2048_PRIME = new BigInteger((
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74 "
            + "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437 "
            + "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED "
            + "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05 "
            + "98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB "
            + "9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B "
            + "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718 "
            + "3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AACAA68 FFFFFFFF FFFFFFFF ").replace(" ", ""), 16);

    /** A fresh key pair's public value in KE encoding; {@link #publicValueLength()} bytes. */
    public byte[] generatePublicValue(SecureRandom random) {
        // Bouncy Castle only behind the nested class: verifying this enum then loads nothing from bcprov
        if (id == 14) {
            return unsigned(jdkModp(MODP_2048_PRIME, random), publicValueLength);
        }
        if (modp != null) {
            return unsigned(Modp.publicValue(modp, random), publicValueLength);
        }
        if (id == 31) {
            return Modp.x25519PublicValue(random);
        }
        if (id != 19 && id != 20 && id != 21) {
            // the JDK 17 provider has only P-256, P-384 and P-521; Bouncy Castle has the rest
            return generateKeyPair(random).publicValue();
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve), random);
            ECPoint w = ((ECPublicKey) generator.generateKeyPair().getPublic()).getW();
            byte[] x = unsigned(w.getAffineX(), publicValueLength / 2);
            byte[] y = unsigned(w.getAffineY(), publicValueLength / 2);
            byte[] xy = new byte[publicValueLength];
            System.arraycopy(x, 0, xy, 0, x.length);
            System.arraycopy(y, 0, xy, x.length, y.length);
            return xy;
        } catch (GeneralSecurityException e) {
            // every Java 17 runtime provides secp256r1, secp384r1 and secp521r1 (SunEC)
            throw new IllegalStateException("EC key generation for " + curve + " is unavailable", e);
        }
    }

    /**
     * A fresh key pair: its {@link DhKeyPair#publicValue()} is encoded as {@link #generatePublicValue} encodes,
     * and {@link DhKeyPair#sharedSecret} computes g^ir from the peer's KE value.
     */
    public DhKeyPair generateKeyPair(SecureRandom random) {
        return DhKeyPair.generate(this, random);
    }

    /** The MODP group's parameters, or null for an elliptic curve group. */
    DHParameters modpParameters() {
        return modp == null ? null : Modp.parameters(modp);
    }

    /** The curve's name in Bouncy Castle ("secp256r1", "X25519"), or null for a MODP group. */
    String curveName() {
        return curve;
    }

    private static BigInteger jdkModp(BigInteger prime, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
            // a 256-bit private exponent: twice the group's ~112-bit strength (RFC 3526 §8), a fraction of a full-length one's cost
            generator.initialize(new DHParameterSpec(prime, BigInteger.TWO, 256), random);
            return ((DHPublicKey) generator.generateKeyPair().getPublic()).getY();
        } catch (GeneralSecurityException e) {
            // every Java 17 runtime provides Diffie-Hellman (SunJCE)
            throw new IllegalStateException("Diffie-Hellman key generation is unavailable", e);
        }
    }

    /** RFC 3526 group 14's prime, for tests to hold against Bouncy Castle's copy. */
    static BigInteger modp2048Prime() {
        return MODP_2048_PRIME;
    }

    /**
     * {@code value} big-endian in exactly {@code length} bytes. Done here, not with Bouncy Castle's helper:
     * an elliptic-curve KE then needs no class from the signed bcprov jar, whose signature check costs a
     * fresh JVM ~150 ms before its first request.
     */
    static byte[] unsigned(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > length ? raw.length - length : 0;
        for (int i = 0; i < skip; i++) {
            if (raw[i] != 0) {
                throw new IllegalArgumentException("a " + value.bitLength() + "-bit value does not fit " + length + " bytes");
            }
        }
        byte[] out = new byte[length];
        System.arraycopy(raw, skip, out, length - (raw.length - skip), raw.length - skip);
        return out;
    }


    /** RFC 2409/3526 groups from Bouncy Castle, loaded only when a MODP key is made. */
    private static final class Modp {
        static BigInteger publicValue(String name, SecureRandom random) {
            DHKeyPairGenerator generator = new DHKeyPairGenerator();
            generator.init(new DHKeyGenerationParameters(random, parameters(name)));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            return ((DHPublicKeyParameters) pair.getPublic()).getY();
        }

        /** Curve25519 is not a MODP group, but lives here for the same reason: Bouncy Castle out of the enum. */
        static byte[] x25519PublicValue(SecureRandom random) {
            return new X25519PrivateKeyParameters(random).generatePublicKey().getEncoded();
        }

        static DHParameters parameters(String name) {
            switch (name) {
                case "rfc2409_768":
                    return DHStandardGroups.rfc2409_768;
                case "rfc3526_6144":
                    return DHStandardGroups.rfc3526_6144;
                case "rfc3526_8192":
                    return DHStandardGroups.rfc3526_8192;
                case "rfc5114_1024_160":
                    return Rfc5114.GROUP_22;
                case "rfc5114_2048_224":
                    return Rfc5114.GROUP_23;
                case "rfc5114_2048_256":
                    return Rfc5114.GROUP_24;
                case "rfc2409_1024":
                    return DHStandardGroups.rfc2409_1024;
                case "rfc3526_1536":
                    return DHStandardGroups.rfc3526_1536;
                case "rfc3526_2048":
                    return DHStandardGroups.rfc3526_2048;
                case "rfc3526_3072":
                    return DHStandardGroups.rfc3526_3072;
                case "rfc3526_4096":
                    return DHStandardGroups.rfc3526_4096;
                default:
                    throw new IllegalStateException("no MODP group " + name);
            }
        }
    }

    /** RFC 5114's groups 22 to 24, which Bouncy Castle does not ship: read once from a resource. */
    private static final class Rfc5114 {
        static final DHParameters GROUP_22;
        static final DHParameters GROUP_23;
        static final DHParameters GROUP_24;

        static {
            java.util.Properties groups = new java.util.Properties();
            try (java.io.InputStream in = DhGroup.class.getResourceAsStream("rfc5114-groups.properties")) {
                groups.load(java.util.Objects.requireNonNull(in, "rfc5114-groups.properties"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("the RFC 5114 groups resource is unreadable", e);
            }
            GROUP_22 = read(groups, 22);
            GROUP_23 = read(groups, 23);
            GROUP_24 = read(groups, 24);
        }

        private static DHParameters read(java.util.Properties groups, int id) {
            return new DHParameters(hex(groups, id + ".p"), hex(groups, id + ".g"), hex(groups, id + ".q"));
        }

        private static BigInteger hex(java.util.Properties groups, String key) {
            return new BigInteger(groups.getProperty(key), 16);
        }
    }

    @Override
    public String toString() {
        return "DH group " + id + " (" + label + ")";
    }
}
