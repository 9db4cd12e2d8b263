package dev.wificall.ike;

import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The IKEv2 pseudorandom functions (Transform Type 2) that wificall can compute: the HMAC ones of
 * RFC 7296 §3.3.2 and RFC 4868. For HMAC the preferred key length, used for SK_d, SK_pi and SK_pr
 * (§2.14), equals the output length.
 */
public enum Prf {
    HMAC_SHA1(2, SHA1Digest::new),
    HMAC_SHA2_256(5, SHA256Digest::new),
    HMAC_SHA2_384(6, SHA384Digest::new),
    HMAC_SHA2_512(7, SHA512Digest::new);

    private final int id;
    private final Supplier<Digest> digest;
    private final int outputLength;

    Prf(int id, Supplier<Digest> digest) {
        this.id = id;
        this.digest = digest;
        this.outputLength = digest.get().getDigestSize();
    }

    /** The IANA Transform Type 2 ID. */
    public int id() {
        return id;
    }

    /** Output length in bytes. */
    public int outputLength() {
        return outputLength;
    }

    /** The key length RFC 7296 §2.14 gives SK_d, SK_pi and SK_pr: the output length for HMAC. */
    public int keyLength() {
        return outputLength;
    }

    public static Optional<Prf> byId(int id) {
        for (Prf p : values()) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** prf(key, data[0] | data[1] | ...). */
    public byte[] apply(byte[] key, byte[]... data) {
        HMac mac = new HMac(digest.get());
        mac.init(new KeyParameter(key));
        for (byte[] d : data) {
            mac.update(d, 0, d.length);
        }
        byte[] out = new byte[outputLength];
        mac.doFinal(out, 0);
        return out;
    }

    /** Name as in the IANA registry, e.g. "PRF_HMAC_SHA2_256". */
    @Override
    public String toString() {
        return IkeNames.transform(SecurityAssociation.PRF, id);
    }
}
