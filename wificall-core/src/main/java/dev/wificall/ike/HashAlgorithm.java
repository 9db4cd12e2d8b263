package dev.wificall.ike;

/**
 * A hash algorithm the responder accepts for signature authentication (RFC 7427
 * SIGNATURE_HASH_ALGORITHMS): 1 SHA1, 2 SHA2-256, 3 SHA2-384, 4 SHA2-512, 5 Identity (RFC 8420).
 *
 * @param id the IANA "IKEv2 Hash Algorithms" value, unsigned 16 bits
 */
public record HashAlgorithm(int id) {
    public static final HashAlgorithm SHA1 = new HashAlgorithm(1);
    public static final HashAlgorithm SHA2_256 = new HashAlgorithm(2);
    public static final HashAlgorithm SHA2_384 = new HashAlgorithm(3);
    public static final HashAlgorithm SHA2_512 = new HashAlgorithm(4);
    public static final HashAlgorithm IDENTITY = new HashAlgorithm(5);

    public HashAlgorithm {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("hash algorithm ID " + id + " does not fit 16 bits");
        }
    }

    /** The IANA name, e.g. "SHA2-256", or "hash algorithm 9" when unassigned. */
    public String name() {
        return IkeNames.hashAlgorithm(id);
    }

    @Override
    public String toString() {
        return name();
    }
}
