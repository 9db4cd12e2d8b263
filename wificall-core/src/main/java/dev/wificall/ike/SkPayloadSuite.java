package dev.wificall.ike;

import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.Objects;

/**
 * The algorithms that protect SK payloads and derive the IKE SA keys, as negotiated in one proposal:
 * encryption with its AES key size, integrity (none for AES-GCM) and PRF.
 *
 * @param integrity null exactly when {@code encryption} is AEAD
 */
public record SkPayloadSuite(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity, Prf prf) {
    public SkPayloadSuite {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(prf, "prf");
        if (keyBits != 128 && keyBits != 192 && keyBits != 256) {
            throw new IllegalArgumentException(encryption + " takes a 128, 192 or 256-bit key, not " + keyBits);
        }
        if (encryption.aead() != (integrity == null)) {
            throw new IllegalArgumentException(encryption.aead()
                    ? encryption + " is combined-mode and takes no integrity algorithm, but " + integrity + " was given"
                    : encryption + " needs an integrity algorithm");
        }
    }

    /**
     * The suite of a negotiated proposal, e.g. the one an IKE_SA_INIT response carries. Throws
     * IllegalArgumentException naming the transform that wificall cannot use.
     */
    public static SkPayloadSuite of(Proposal proposal) {
        Transform encr = only(proposal, SecurityAssociation.ENCR);
        Transform prfTransform = only(proposal, SecurityAssociation.PRF);
        Transform integ = proposal.transforms().stream().filter(t -> t.type() == SecurityAssociation.INTEG)
                .filter(t -> t.id() != 0).findFirst().orElse(null);
        EncryptionAlgorithm encryption = EncryptionAlgorithm.byId(encr.id()).orElseThrow(() -> unsupported(proposal,
                encr, "encryption: ENCR_AES_CBC, ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16"));
        Prf prf = Prf.byId(prfTransform.id()).orElseThrow(() -> unsupported(proposal, prfTransform,
                "PRF: PRF_HMAC_SHA1, PRF_HMAC_SHA2_256, PRF_HMAC_SHA2_384, PRF_HMAC_SHA2_512"));
        IntegrityAlgorithm integrity = null;
        if (integ != null) {
            integrity = IntegrityAlgorithm.byId(integ.id()).orElseThrow(() -> unsupported(proposal, integ,
                    "integrity: AUTH_HMAC_SHA1_96, AUTH_HMAC_SHA2_256_128, AUTH_HMAC_SHA2_384_192, AUTH_HMAC_SHA2_512_256"));
        }
        if (encr.keyLength() == 0) {
            throw new IllegalArgumentException("proposal [" + proposal.describe() + "]: " + encryption
                    + " has no key length attribute");
        }
        return new SkPayloadSuite(encryption, encr.keyLength(), integrity, prf);
    }

    /** Length of SK_ei and SK_er: the AES key, plus the 4-byte salt for AES-GCM (RFC 5282 §7.1). */
    public int encryptionKeyLength() {
        return encryption.keyMaterialLength(keyBits);
    }

    /** Length of SK_ai and SK_ar; 0 for AES-GCM. */
    public int integrityKeyLength() {
        return integrity == null ? 0 : integrity.keyLength();
    }

    /** Length of the ICV that ends each SK payload. */
    public int icvLength() {
        return integrity == null ? encryption.icvLength() : integrity.icvLength();
    }

    /** e.g. "ENCR_AES_CBC 256, AUTH_HMAC_SHA2_256_128, PRF_HMAC_SHA2_256". */
    public String describe() {
        return encryption + " " + keyBits + (integrity == null ? "" : ", " + integrity) + ", " + prf;
    }

    private static Transform only(Proposal proposal, int type) {
        return proposal.transforms().stream().filter(t -> t.type() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("proposal [" + proposal.describe() + "] has no "
                        + IkeNames.transform(type, 0).replaceAll(" .*|_.*", "") + " transform"));
    }

    private static IllegalArgumentException unsupported(Proposal proposal, Transform t, String supported) {
        return new IllegalArgumentException("proposal [" + proposal.describe() + "]: wificall cannot protect SK payloads with "
                + t.describe() + "; supported " + supported);
    }
}
