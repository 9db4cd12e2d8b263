package dev.wificall.eap;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA1Digest;

/**
 * The pseudo-random function of FIPS 186-2 change notice 1, §3.1 (the x-value generator for
 * general purposes), as RFC 4186 §7 and RFC 4187 §7 and Appendix A use it: b = 160, XSEED_j = 0,
 * no "mod q" step. For j = 0, 1, ...: w_i = G(t, XKEY), XKEY = (1 + XKEY + w_i) mod 2^160, twice;
 * x_j = w_0 | w_1.
 *
 * <p>G(t, c) is the SHA-1 compression function applied once to c padded with zeros to 64 bytes,
 * starting from SHA-1's initial state t = 67452301 EFCDAB89 98BADCFE 10325476 C3D2E1F0, with
 * no SHA-1 padding and no length block (FIPS 186-2 Appendix 3.3). It is taken from Bouncy Castle's
 * SHA1Digest: after exactly one 64-byte block the digest has run one compression and buffers
 * nothing, and its encoded state holds H0..H4 big-endian at offset 16. {@code Fips186PrfTest}
 * checks this against SHA-1 of a message of one block.
 */
public final class Fips186Prf {
    private static final int B = 20;
    private static final int STATE_H_OFFSET = 16;

    private Fips186Prf() {
    }

    /** {@code length} bytes of output for the 20-byte {@code xkey} (the MK in EAP-SIM and EAP-AKA). */
    public static byte[] generate(byte[] xkey, int length) {
        Objects.requireNonNull(xkey, "xkey");
        if (xkey.length != B) {
            throw new IllegalArgumentException("FIPS 186-2 PRF key must be 20 bytes, not " + xkey.length);
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative output length " + length);
        }
        byte[] key = xkey.clone();
        byte[] out = new byte[(length + B - 1) / B * B];
        for (int pos = 0; pos < out.length; pos += B) {
            byte[] w = g(key);
            System.arraycopy(w, 0, out, pos, B);
            int carry = 1;
            for (int k = B - 1; k >= 0; k--) {
                carry += Byte.toUnsignedInt(key[k]) + Byte.toUnsignedInt(w[k]);
                key[k] = (byte) carry;
                carry >>>= 8;
            }
        }
        return Arrays.copyOf(out, length);
    }

    /** G(t, c): one SHA-1 compression of {@code c} (at most 64 bytes) zero-padded to a 64-byte block. */
    static byte[] g(byte[] c) {
        if (c.length > 64) {
            throw new IllegalArgumentException("G takes at most one 64-byte block, not " + c.length + " bytes");
        }
        SHA1Digest sha1 = new SHA1Digest();
        sha1.update(Arrays.copyOf(c, 64), 0, 64);
        byte[] state = sha1.getEncodedState();
        return Arrays.copyOfRange(state, STATE_H_OFFSET, STATE_H_OFFSET + B);
    }
}
