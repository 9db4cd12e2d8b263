package dev.wificall.ike;

/**
 * prf+ of RFC 7296 §2.13: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), output T1 | T2 | ...,
 * at most 255 blocks.
 */
public final class PrfPlus {
    private PrfPlus() {
    }

    /** The first {@code length} bytes of prf+(key, seed). */
    public static byte[] expand(Prf prf, byte[] key, byte[] seed, int length) {
        int blocks = (length + prf.outputLength() - 1) / prf.outputLength();
        if (length < 0 || blocks > 255) {
            throw new IllegalArgumentException("prf+ with " + prf + " yields 0 to " + 255 * prf.outputLength()
                    + " bytes, not " + length);
        }
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int n = 1, done = 0; done < length; n++) {
            t = prf.apply(key, t, seed, new byte[] {(byte) n});
            int take = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, take);
            done += take;
        }
        return out;
    }
}
