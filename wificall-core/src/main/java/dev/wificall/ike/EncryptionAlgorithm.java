package dev.wificall.ike;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The encryption algorithms (Transform Type 1) that wificall can use for the SK payload: AES-CBC
 * (RFC 3602, with a separate integrity algorithm) and AES-GCM with an 8, 12 or 16-byte ICV
 * (RFC 4106/5282, combined mode: the key material carries a 4-byte salt after the AES key).
 * The primitives are Bouncy Castle's.
 */
public enum EncryptionAlgorithm {
    AES_CBC(12, 16, 0),
    AES_GCM_8(18, 8, 8),
    AES_GCM_12(19, 8, 12),
    AES_GCM_16(20, 8, 16);

    static final int AES_BLOCK = 16;
    static final int GCM_SALT = 4;

    private final int id;
    private final int ivLength;
    private final int icvLength;

    EncryptionAlgorithm(int id, int ivLength, int icvLength) {
        this.id = id;
        this.ivLength = ivLength;
        this.icvLength = icvLength;
    }

    /** The IANA Transform Type 1 ID. */
    public int id() {
        return id;
    }

    /** An AEAD algorithm brings its own ICV and takes no integrity transform. */
    public boolean aead() {
        return icvLength > 0;
    }

    /** Length of the IV in the SK payload. */
    public int ivLength() {
        return ivLength;
    }

    /** Length of the AEAD tag; 0 for AES-CBC, whose ICV comes from the integrity algorithm. */
    public int icvLength() {
        return icvLength;
    }

    /** Bytes of key material (SK_ei, SK_er) for an AES key of {@code keyBits}: plus the 4-byte salt for GCM. */
    public int keyMaterialLength(int keyBits) {
        return keyBits / 8 + (aead() ? GCM_SALT : 0);
    }

    public static Optional<EncryptionAlgorithm> byId(int id) {
        for (EncryptionAlgorithm a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** AES-CBC without padding; {@code data} must be a whole number of blocks. */
    public static byte[] cbc(boolean encrypt, byte[] key, byte[] iv, byte[] data, int offset, int length) {
        BufferedBlockCipher cipher = new BufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()));
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[length];
        try {
            int n = cipher.processBytes(data, offset, length, out, 0);
            cipher.doFinal(out, n);
        } catch (InvalidCipherTextException | DataLengthException e) {
            throw new IllegalArgumentException("AES-CBC input of " + length + " bytes is not a multiple of 16", e);
        }
        return out;
    }

    /**
     * AES-GCM with a 12-byte nonce and a tag of {@code tagLength} bytes: encrypting returns
     * ciphertext | tag, decrypting takes ciphertext | tag and throws when the tag does not verify.
     */
    public static byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, int tagLength, byte[] aad, byte[] data, int offset,
                      int length) throws InvalidCipherTextException {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), tagLength * 8, nonce, aad));
        byte[] out = new byte[gcm.getOutputSize(length)];
        int n = gcm.processBytes(data, offset, length, out, 0);
        n += gcm.doFinal(out, n);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Name as in the IANA registry, e.g. "ENCR_AES_GCM_16". */
    @Override
    public String toString() {
        return IkeNames.transform(SecurityAssociation.ENCR, id);
    }
}
