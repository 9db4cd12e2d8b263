package dev.wificall.ike;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.RawAgreement;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.agreement.X448Agreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.DHKeyPairGenerator;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * An ephemeral Diffie-Hellman key pair of one {@link DhGroup}: the KE public value to send and the
 * shared secret g^ir computed from the peer's KE value, both in IKEv2 encoding (RFC 7296 §2.14:
 * MODP g^ir is big-endian, as long as the prime; RFC 5903 §7: ECP g^ir is the x coordinate only;
 * RFC 8031: Curve25519 g^ir is the 32-byte X25519 output). {@link #toString()} never shows the private key.
 */
public final class DhKeyPair {
    private final DhGroup group;
    private final AsymmetricKeyParameter privateKey;
    private final byte[] publicValue;

    private DhKeyPair(DhGroup group, AsymmetricKeyParameter privateKey, byte[] publicValue) {
        this.group = group;
        this.privateKey = privateKey;
        this.publicValue = publicValue;
    }

    static DhKeyPair generate(DhGroup group, SecureRandom random) {
        if (group.modpParameters() != null) {
            DHKeyPairGenerator generator = new DHKeyPairGenerator();
            generator.init(new DHKeyGenerationParameters(random, group.modpParameters()));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            return new DhKeyPair(group, pair.getPrivate(), fixed(group, ((DHPublicKeyParameters) pair.getPublic()).getY()));
        }
        if (group == DhGroup.CURVE_25519) {
            X25519PrivateKeyParameters key = new X25519PrivateKeyParameters(random);
            return new DhKeyPair(group, key, key.generatePublicKey().getEncoded());
        }
        if (group == DhGroup.CURVE_448) {
            X448PrivateKeyParameters key = new X448PrivateKeyParameters(random);
            return new DhKeyPair(group, key, key.generatePublicKey().getEncoded());
        }
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain(group), random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new DhKeyPair(group, pair.getPrivate(), encode(group, ((ECPublicKeyParameters) pair.getPublic()).getQ()));
    }

    /**
     * A key pair from a known private value (big-endian exponent or scalar; for Curve25519 the 32-byte
     * RFC 7748 scalar). For known-answer tests; a live exchange uses {@link DhGroup#generateKeyPair}.
     */
    static DhKeyPair fromPrivateValue(DhGroup group, byte[] privateValue) {
        if (group.modpParameters() != null) {
            DHParameters p = group.modpParameters();
            BigInteger x = new BigInteger(1, privateValue);
            return new DhKeyPair(group, new DHPrivateKeyParameters(x, p), fixed(group, p.getG().modPow(x, p.getP())));
        }
        if (group == DhGroup.CURVE_25519) {
            X25519PrivateKeyParameters key = new X25519PrivateKeyParameters(privateValue, 0);
            return new DhKeyPair(group, key, key.generatePublicKey().getEncoded());
        }
        if (group == DhGroup.CURVE_448) {
            X448PrivateKeyParameters key = new X448PrivateKeyParameters(privateValue, 0);
            return new DhKeyPair(group, key, key.generatePublicKey().getEncoded());
        }
        ECDomainParameters domain = domain(group);
        BigInteger d = new BigInteger(1, privateValue);
        return new DhKeyPair(group, new ECPrivateKeyParameters(d, domain), encode(group, domain.getG().multiply(d)));
    }

    public DhGroup group() {
        return group;
    }

    /** The KE payload's public value, {@link DhGroup#publicValueLength()} bytes. */
    public byte[] publicValue() {
        return publicValue.clone();
    }

    /**
     * g^ir from the peer's KE public value. Throws IllegalArgumentException when the value is not a valid
     * public value of this group (wrong length; MODP y outside 1 < y < p-1; a point off the curve; an
     * X25519 result of all zeros).
     */
    public byte[] sharedSecret(byte[] peerPublicValue) {
        if (peerPublicValue.length != group.publicValueLength()) {
            throw invalid(peerPublicValue.length + " bytes, expected " + group.publicValueLength());
        }
        if (group.modpParameters() != null) {
            DHParameters p = group.modpParameters();
            BigInteger y = new BigInteger(1, peerPublicValue);
            if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.getP().subtract(BigInteger.ONE)) >= 0) {
                throw invalid("y must lie between 1 and p-1 exclusive, but is " + (y.bitLength() <= 16 ? y.toString()
                        : y.equals(p.getP().subtract(BigInteger.ONE)) ? "p-1" : "p or more"));
            }
            DHPublicKeyParameters peer;
            try {
                peer = new DHPublicKeyParameters(y, p);
            } catch (IllegalArgumentException e) {
                throw invalid("y is not in the prime-order subgroup (" + e.getMessage() + ")");
            }
            DHBasicAgreement agreement = new DHBasicAgreement();
            agreement.init(privateKey);
            return fixed(group, agreement.calculateAgreement(peer));
        }
        if (group == DhGroup.CURVE_25519 || group == DhGroup.CURVE_448) {
            boolean x25519 = group == DhGroup.CURVE_25519;
            RawAgreement agreement = x25519 ? new X25519Agreement() : new X448Agreement();
            agreement.init(privateKey);
            byte[] secret = new byte[agreement.getAgreementSize()];
            try {
                agreement.calculateAgreement(x25519 ? new X25519PublicKeyParameters(peerPublicValue, 0)
                        : new X448PublicKeyParameters(peerPublicValue, 0), secret, 0);
            } catch (IllegalStateException e) {
                throw invalid((x25519 ? "X25519" : "X448") + " with it gives all zeros (a low-order point, RFC 7748 "
                        + (x25519 ? "§6.1" : "§6.2") + ")");
            }
            return secret;
        }
        ECDomainParameters domain = domain(group);
        int half = peerPublicValue.length / 2;
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(peerPublicValue, 0, half));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(peerPublicValue, half, peerPublicValue.length));
        ECPublicKeyParameters peer;
        try {
            peer = new ECPublicKeyParameters(domain.getCurve().validatePoint(x, y), domain);
        } catch (IllegalArgumentException e) {
            throw invalid("(x, y) is not a point on " + group.label() + " (" + e.getMessage() + ")");
        }
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(privateKey);
        return BigIntegers.asUnsignedByteArray(half, agreement.calculateAgreement(peer));
    }

    private IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("invalid KE public value for " + group + ": " + problem);
    }

    private static ECDomainParameters domain(DhGroup group) {
        // Bouncy Castle's fast custom curves first; Brainpool lives only in its general table
        X9ECParameters x9 = CustomNamedCurves.getByName(group.curveName());
        if (x9 == null) {
            x9 = ECNamedCurveTable.getByName(group.curveName());
        }
        return new ECDomainParameters(x9);
    }

    private static byte[] encode(DhGroup group, ECPoint q) {
        ECPoint n = q.normalize();
        int half = group.publicValueLength() / 2;
        byte[] xy = new byte[2 * half];
        System.arraycopy(BigIntegers.asUnsignedByteArray(half, n.getAffineXCoord().toBigInteger()), 0, xy, 0, half);
        System.arraycopy(BigIntegers.asUnsignedByteArray(half, n.getAffineYCoord().toBigInteger()), 0, xy, half, half);
        return xy;
    }

    private static byte[] fixed(DhGroup group, BigInteger value) {
        return BigIntegers.asUnsignedByteArray(group.publicValueLength(), value);
    }

    @Override
    public String toString() {
        return "DhKeyPair[" + group + "]";
    }
}
