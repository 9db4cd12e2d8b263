package dev.wificall.ike;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The seven IKE SA keys of RFC 7296 §2.14:
 * <pre>
 * SKEYSEED = prf(Ni | Nr, g^ir)
 * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)
 * </pre>
 * For AES-GCM SK_ai and SK_ar are empty and SK_ei, SK_er end with the 4-byte salt (RFC 5282 §7.1).
 * The arrays are not copied: treat them as read-only. {@link #toString()} shows lengths, never key bytes.
 */
public record IkeSaKeys(byte[] skD, byte[] skAi, byte[] skAr, byte[] skEi, byte[] skEr, byte[] skPi, byte[] skPr) {

    /** SKEYSEED = prf(Ni | Nr, g^ir). */
    public static byte[] skeyseed(Prf prf, byte[] ni, byte[] nr, byte[] gir) {
        return prf.apply(concat(ni, nr), gir);
    }

    /** The keys for the algorithms of {@code suite}. */
    public static IkeSaKeys derive(SkPayloadSuite suite, byte[] ni, byte[] nr, byte[] gir, long spiI, long spiR) {
        return derive(suite.prf(), suite.integrityKeyLength(), suite.encryptionKeyLength(), ni, nr, gir, spiI, spiR);
    }

    /**
     * The keys from the nonces, the DH shared secret g^ir and the SPIs. SK_d, SK_pi and SK_pr are the
     * PRF's key length; {@code encryptionKeyLength} includes any salt.
     */
    public static IkeSaKeys derive(Prf prf, int integrityKeyLength, int encryptionKeyLength, byte[] ni, byte[] nr,
                                   byte[] gir, long spiI, long spiR) {
        if (integrityKeyLength < 0 || encryptionKeyLength <= 0) {
            throw new IllegalArgumentException("key lengths must be positive (integrity may be 0): integrity "
                    + integrityKeyLength + ", encryption " + encryptionKeyLength);
        }
        return expand(prf, integrityKeyLength, encryptionKeyLength, skeyseed(prf, ni, nr, gir), ni, nr, spiI, spiR);
    }

    /**
     * The keys after an additional key exchange (RFC 9370 §2.2.2), e.g. after IKE_INTERMEDIATE:
     * <pre>
     * SKEYSEED(n) = prf(SK_d(n-1), SK(n) | Ni | Nr)
     * {SK_d(n) | SK_ai(n) | ... | SK_pr(n)} = prf+(SKEYSEED(n), Ni | Nr | SPIi | SPIr)
     * </pre>
     * with the SPIs and nonces of IKE_SA_INIT; {@code sharedSecret} is SK(n), e.g. ML-KEM's 32 bytes.
     */
    public IkeSaKeys next(SkPayloadSuite suite, byte[] sharedSecret, byte[] ni, byte[] nr, long spiI, long spiR) {
        Prf prf = suite.prf();
        byte[] skeyseed = prf.apply(skD, concat(concat(sharedSecret, ni), nr));
        return expand(prf, suite.integrityKeyLength(), suite.encryptionKeyLength(), skeyseed, ni, nr, spiI, spiR);
    }

    private static IkeSaKeys expand(Prf prf, int integrityKeyLength, int encryptionKeyLength, byte[] skeyseed, byte[] ni,
                                    byte[] nr, long spiI, long spiR) {
        byte[] seed = ByteBuffer.allocate(ni.length + nr.length + 16).put(ni).put(nr).putLong(spiI).putLong(spiR).array();
        int p = prf.keyLength();
        int total = 3 * p + 2 * integrityKeyLength + 2 * encryptionKeyLength;
        byte[] keymat = PrfPlus.expand(prf, skeyseed, seed, total);
        Arrays.fill(skeyseed, (byte) 0);
        int[] lengths = {p, integrityKeyLength, integrityKeyLength, encryptionKeyLength, encryptionKeyLength, p, p};
        byte[][] keys = new byte[7][];
        for (int i = 0, at = 0; i < 7; at += lengths[i], i++) {
            keys[i] = Arrays.copyOfRange(keymat, at, at + lengths[i]);
        }
        Arrays.fill(keymat, (byte) 0);
        return new IkeSaKeys(keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IkeSaKeys && Arrays.deepEquals(all(), ((IkeSaKeys) o).all());
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(all());
    }

    /** Key lengths only, e.g. "IkeSaKeys[SK_d 32 B, SK_ai 32 B, ...]". */
    @Override
    public String toString() {
        return "IkeSaKeys[SK_d " + skD.length + " B, SK_ai " + skAi.length + " B, SK_ar " + skAr.length + " B, SK_ei "
                + skEi.length + " B, SK_er " + skEr.length + " B, SK_pi " + skPi.length + " B, SK_pr " + skPr.length + " B]";
    }

    private byte[][] all() {
        return new byte[][] {skD, skAi, skAr, skEi, skEr, skPi, skPr};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
