package dev.wificall.ike;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * ML-KEM (FIPS 203) as an IKEv2 key exchange method (draft-ietf-ipsecme-ikev2-mlkem, IANA "Transform
 * Type 4 - Key Exchange Method Transform IDs" 35 to 37): the initiator's KE carries the encapsulation
 * key, the responder's the ciphertext, and the 32-byte shared secret stands where g^ir would.
 * Bouncy Castle's lightweight API does the lattice work.
 */
public enum MlKem {
    ML_KEM_512(35, "ML-KEM-512", "mlkem512", 800, 768),
    ML_KEM_768(36, "ML-KEM-768", "mlkem768", 1184, 1088),
    ML_KEM_1024(37, "ML-KEM-1024", "mlkem1024", 1568, 1568);

    /** FIPS 203: every parameter set shares a 32-byte secret. */
    public static final int SHARED_SECRET_LENGTH = 32;

    private final int id;
    private final String label;
    private final String keyword;
    private final int encapsulationKeyLength;
    private final int ciphertextLength;

    MlKem(int id, String label, String keyword, int encapsulationKeyLength, int ciphertextLength) {
        this.id = id;
        this.label = label;
        this.keyword = keyword;
        this.encapsulationKeyLength = encapsulationKeyLength;
        this.ciphertextLength = ciphertextLength;
    }



    /** The IANA key exchange method ID, e.g. 36. */
    public int id() {
        return id;
    }

    /** "ML-KEM-768". */
    public String label() {
        return label;
    }

    /** strongSwan's keyword, e.g. "mlkem768" (ke1_mlkem768 as the first additional key exchange). */
    public String keyword() {
        return keyword;
    }

    /** Bytes of the initiator's KE data. */
    public int encapsulationKeyLength() {
        return encapsulationKeyLength;
    }

    /** Bytes of the responder's KE data. */
    public int ciphertextLength() {
        return ciphertextLength;
    }

    public static Optional<MlKem> byId(int id) {
        return Arrays.stream(values()).filter(k -> k.id == id).findFirst();
    }

    /** A fresh key pair: what the initiator sends and later decapsulates with. */
    public KeyPair generateKeyPair(SecureRandom random) {
        return Lattice.generate(this, Objects.requireNonNull(random, "random"));
    }

    /**
     * The responder's side: a ciphertext for {@code encapsulationKey} and the secret it carries.
     * Throws IllegalArgumentException when the key has the wrong length or fails FIPS 203's modulus check.
     */
    public Encapsulation encapsulate(byte[] encapsulationKey, SecureRandom random) {
        if (encapsulationKey.length != encapsulationKeyLength) {
            throw invalid("encapsulation key of " + encapsulationKey.length + " bytes, expected " + encapsulationKeyLength);
        }
        return Lattice.encapsulate(this, encapsulationKey, random);
    }

    private IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("invalid " + label + " KE data: " + problem);
    }

    /** A ciphertext and the shared secret it carries. */
    public record Encapsulation(byte[] ciphertext, byte[] sharedSecret) {
    }

    /** One initiator key pair; the decapsulation key never leaves it. */
    public static final class KeyPair {
        private final MlKem kem;
        private final MLKEMPrivateKeyParameters decapsulationKey;
        private final byte[] encapsulationKey;

        private KeyPair(MlKem kem, MLKEMPrivateKeyParameters decapsulationKey, byte[] encapsulationKey) {
            this.kem = kem;
            this.decapsulationKey = decapsulationKey;
            this.encapsulationKey = encapsulationKey;
        }

        public MlKem kem() {
            return kem;
        }

        /** The KE payload's data, {@link MlKem#encapsulationKeyLength()} bytes. */
        public byte[] encapsulationKey() {
            return encapsulationKey.clone();
        }

        /**
         * The shared secret from the responder's ciphertext. ML-KEM rejects implicitly: a ciphertext of the
         * right length always gives 32 bytes, a wrong one a different secret, so only later keys tell.
         * Throws IllegalArgumentException for a ciphertext of the wrong length.
         */
        public byte[] decapsulate(byte[] ciphertext) {
            if (ciphertext.length != kem.ciphertextLength) {
                throw kem.invalid("ciphertext of " + ciphertext.length + " bytes, expected " + kem.ciphertextLength);
            }
            return new MLKEMExtractor(decapsulationKey).extractSecret(ciphertext);
        }

        @Override
        public String toString() {
            return "MlKem.KeyPair[" + kem.label + ", encapsulation key " + encapsulationKey.length + " B]";
        }
    }

    /**
     * The Bouncy Castle calls, apart: the verifier loads the classes a method passes around, so
     * Bouncy Castle types anywhere in this enum's own code or constants would load (and check the
     * signature of, ~250 ms: the jar is signed) bcprov in every run that merely names a proposal.
     */
    private static final class Lattice {
        private Lattice() {
        }

        static MLKEMParameters parameters(MlKem kem) {
            return switch (kem) {
                case ML_KEM_512 -> MLKEMParameters.ml_kem_512;
                case ML_KEM_768 -> MLKEMParameters.ml_kem_768;
                case ML_KEM_1024 -> MLKEMParameters.ml_kem_1024;
            };
        }

        static KeyPair generate(MlKem kem, SecureRandom random) {
            MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
            generator.init(new MLKEMKeyGenerationParameters(random, parameters(kem)));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            return new KeyPair(kem, (MLKEMPrivateKeyParameters) pair.getPrivate(),
                    ((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded());
        }

        static Encapsulation encapsulate(MlKem kem, byte[] encapsulationKey, SecureRandom random) {
            MLKEMPublicKeyParameters key;
            try {
                key = new MLKEMPublicKeyParameters(parameters(kem), encapsulationKey);
            } catch (IllegalArgumentException e) {
                throw kem.invalid("encapsulation key rejected: " + e.getMessage());
            }
            SecretWithEncapsulation s = new MLKEMGenerator(random).generateEncapsulated(key);
            return new Encapsulation(s.getEncapsulation(), s.getSecret());
        }
    }
}
