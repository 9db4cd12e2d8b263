package dev.wificall.ike;

import java.util.Arrays;
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
 * The integrity algorithms (Transform Type 3) that wificall can compute for the SK payload: truncated
 * HMACs of RFC 2404 and RFC 4868, keyed with the full digest length.
 */
public enum IntegrityAlgorithm {
    HMAC_SHA1_96(2, SHA1Digest::new, 12),
    HMAC_SHA2_256_128(12, SHA256Digest::new, 16),
    HMAC_SHA2_384_192(13, SHA384Digest::new, 24),
    HMAC_SHA2_512_256(14, SHA512Digest::new, 32);

    private final int id;
    private final Supplier<Digest> digest;
    private final int keyLength;
    private final int icvLength;

    IntegrityAlgorithm(int id, Supplier<Digest> digest, int icvLength) {
        this.id = id;
        this.digest = digest;
        this.keyLength = digest.get().getDigestSize();
        this.icvLength = icvLength;
    }

    /** The IANA Transform Type 3 ID. */
    public int id() {
        return id;
    }

    /** Length of SK_ai and SK_ar in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Length of the Integrity Checksum Data in bytes (the truncated HMAC). */
    public int icvLength() {
        return icvLength;
    }

    public static Optional<IntegrityAlgorithm> byId(int id) {
        for (IntegrityAlgorithm a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The ICV of {@code length} bytes of {@code data} from {@code offset}. */
    public byte[] icv(byte[] key, byte[] data, int offset, int length) {
        if (key.length != keyLength) {
            throw new IllegalArgumentException(this + " takes a " + keyLength + "-byte key, not " + key.length);
        }
        HMac mac = new HMac(digest.get());
        mac.init(new KeyParameter(key));
        mac.update(data, offset, length);
        byte[] full = new byte[mac.getMacSize()];
        mac.doFinal(full, 0);
        return Arrays.copyOf(full, icvLength);
    }

    /** Name as in the IANA registry, e.g. "AUTH_HMAC_SHA2_256_128". */
    @Override
    public String toString() {
        return IkeNames.transform(SecurityAssociation.INTEG, id);
    }
}
