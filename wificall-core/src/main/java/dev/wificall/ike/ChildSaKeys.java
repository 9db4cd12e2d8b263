package dev.wificall.ike;

import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.Arrays;
import java.util.Optional;

/**
 * The keys of the ESP Child SA made by IKE_AUTH (RFC 7296 §2.17): KEYMAT = prf+(SK_d, Ni | Nr), no
 * PFS. Keys for traffic from initiator to responder come first, each direction's encryption key
 * before its integrity key. For AES-GCM the encryption key ends with the 4-byte salt (RFC 4106 §8.1)
 * and there is no integrity key. The arrays are not copied; {@link #toString()} shows no key bytes.
 *
 * @param integrity null exactly when {@code encryption} is AEAD
 */
public record ChildSaKeys(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity,
                          byte[] encryptionIr, byte[] integrityIr, byte[] encryptionRi, byte[] integrityRi) {

    public ChildSaKeys {
        if (encryption.aead() != (integrity == null)) {
            throw new IllegalArgumentException(encryption + (encryption.aead() ? " takes no integrity algorithm"
                    : " needs an integrity algorithm"));
        }
    }

    /**
     * The ESP transforms of a negotiated Child SA proposal, or a sentence naming what wificall cannot
     * use: ENCR_AES_CBC with HMAC-SHA1/SHA2, or ENCR_AES_GCM_8/12/16; no extended sequence numbers.
     */
    public static Suite suite(Proposal proposal) {
        if (proposal.protocolId() != SecurityAssociation.PROTOCOL_ESP) {
            throw new IllegalArgumentException("the child proposal [" + proposal.describe() + "] is for protocol "
                    + proposal.protocolId() + ", not ESP (3)");
        }
        Transform encr = proposal.transforms().stream().filter(t -> t.type() == SecurityAssociation.ENCR).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the child proposal [" + proposal.describe() + "] has no encryption"));
        EncryptionAlgorithm e = EncryptionAlgorithm.byId(encr.id()).orElseThrow(() -> new IllegalArgumentException(
                "the ePDG chose " + encr.describe() + " for ESP; wificall's user plane supports ENCR_AES_CBC and ENCR_AES_GCM_8/12/16"));
        int bits = encr.keyLength();
        if (bits != 128 && bits != 192 && bits != 256) {
            throw new IllegalArgumentException("the ePDG chose " + encr.describe() + " for ESP without a 128, 192 or 256-bit key length");
        }
        Optional<Transform> integ = proposal.transforms().stream().filter(t -> t.type() == SecurityAssociation.INTEG)
                .filter(t -> t.id() != 0).findFirst();
        IntegrityAlgorithm i = null;
        if (integ.isPresent()) {
            i = IntegrityAlgorithm.byId(integ.get().id()).orElseThrow(() -> new IllegalArgumentException("the ePDG chose "
                    + integ.get().describe() + " for ESP; wificall supports AUTH_HMAC_SHA1_96 and AUTH_HMAC_SHA2_256/384/512"));
        }
        if (e.aead() != (i == null)) {
            throw new IllegalArgumentException("the child proposal [" + proposal.describe() + "] "
                    + (e.aead() ? "adds an integrity algorithm to AES-GCM" : "has AES-CBC without an integrity algorithm"));
        }
        boolean esn = proposal.transforms().stream().anyMatch(t -> t.type() == SecurityAssociation.ESN
                && t.id() == SecurityAssociation.USE_ESN);
        boolean noEsn = proposal.transforms().stream().anyMatch(t -> t.type() == SecurityAssociation.ESN
                && t.id() == SecurityAssociation.NO_ESN);
        if (esn && !noEsn) {
            throw new IllegalArgumentException("the ePDG chose extended sequence numbers for ESP, which wificall did not offer");
        }
        return new Suite(e, bits, i);
    }

    /** KEYMAT for {@code suite} from SK_d and the IKE_SA_INIT nonces. */
    public static ChildSaKeys derive(Suite suite, Prf prf, byte[] skD, byte[] ni, byte[] nr) {
        int e = suite.encryption().keyMaterialLength(suite.keyBits());
        int a = suite.integrity() == null ? 0 : suite.integrity().keyLength();
        byte[] seed = Arrays.copyOf(ni, ni.length + nr.length);
        System.arraycopy(nr, 0, seed, ni.length, nr.length);
        byte[] keymat = PrfPlus.expand(prf, skD, seed, 2 * (e + a));
        try {
            return new ChildSaKeys(suite.encryption(), suite.keyBits(), suite.integrity(),
                    Arrays.copyOfRange(keymat, 0, e), Arrays.copyOfRange(keymat, e, e + a),
                    Arrays.copyOfRange(keymat, e + a, 2 * e + a), Arrays.copyOfRange(keymat, 2 * e + a, 2 * (e + a)));
        } finally {
            Arrays.fill(keymat, (byte) 0);
        }
    }

    /** The negotiated ESP algorithms. */
    public record Suite(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
        /** e.g. "ENCR_AES_GCM_16 256" or "ENCR_AES_CBC 128, AUTH_HMAC_SHA2_256_128". */
        public String describe() {
            return encryption + " " + keyBits + (integrity == null ? "" : ", " + integrity);
        }
    }

    public Suite suite() {
        return new Suite(encryption, keyBits, integrity);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChildSaKeys k && k.suite().equals(suite()) && Arrays.equals(encryptionIr, k.encryptionIr)
                && Arrays.equals(integrityIr, k.integrityIr) && Arrays.equals(encryptionRi, k.encryptionRi)
                && Arrays.equals(integrityRi, k.integrityRi);
    }

    @Override
    public int hashCode() {
        return suite().hashCode() * 31 + Arrays.hashCode(encryptionIr);
    }

    /** Algorithms and key lengths only. */
    @Override
    public String toString() {
        return "ChildSaKeys[" + suite().describe() + ", encryption " + encryptionIr.length + " B, integrity "
                + integrityIr.length + " B per direction]";
    }
}
