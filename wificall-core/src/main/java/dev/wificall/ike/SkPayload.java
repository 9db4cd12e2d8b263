package dev.wificall.ike;

import dev.wificall.ike.MalformedIkeException.Reason;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * The Encrypted payload SK (RFC 7296 §3.14) for one direction of an IKE SA: it seals a message's
 * payloads into an SK payload and opens one again.
 * <pre>
 * IKE header | SK header (next = first inner payload) | IV | Enc(inner payloads | Padding | Pad Length) | ICV
 * </pre>
 * AES-CBC: a random 16-byte IV, padding to the block size, and an HMAC over the whole message from the
 * IKE header to the end of the ciphertext. AES-GCM (RFC 5282): nonce = 4-byte salt (the end of SK_e) |
 * 8-byte IV, the IV a counter; no padding is needed; the associated data is the IKE header through the SK
 * payload header (§5.1), not the IV; the tag is the ICV. The SK payload must be the last in the message;
 * unencrypted payloads before it are kept. Use one sending instance per IKE SA and direction: the GCM IV
 * counter lives in it. SKF (RFC 7383 fragments) is not handled.
 */
public final class SkPayload {
    private static final int SK_HEADER = 4;

    private final SkPayloadSuite suite;
    private final byte[] encryptionKey;
    private final byte[] salt;
    private final byte[] integrityKey;
    /** The last AES-GCM IV sent; one sending instance per IKE SA keeps IVs unique under its key. */
    private final AtomicLong counter = new AtomicLong();

    /** Protection with an explicit key pair: SK_e (with salt for GCM) and SK_a (empty for GCM). */
    public SkPayload(SkPayloadSuite suite, byte[] encryptionKey, byte[] integrityKey) {
        this.suite = Objects.requireNonNull(suite, "suite");
        if (encryptionKey.length != suite.encryptionKeyLength() || integrityKey.length != suite.integrityKeyLength()) {
            throw new IllegalArgumentException(suite.describe() + " takes a " + suite.encryptionKeyLength()
                    + "-byte SK_e and a " + suite.integrityKeyLength() + "-byte SK_a, not " + encryptionKey.length
                    + " and " + integrityKey.length + " bytes");
        }
        int aesKey = suite.keyBits() / 8;
        this.encryptionKey = Arrays.copyOf(encryptionKey, aesKey);
        this.salt = Arrays.copyOfRange(encryptionKey, aesKey, encryptionKey.length);
        this.integrityKey = integrityKey.clone();
    }

    /** For messages this side sends: the initiator uses SK_ei and SK_ai, the responder SK_er and SK_ar. */
    public static SkPayload sending(SkPayloadSuite suite, IkeSaKeys keys, boolean initiator) {
        return initiator ? new SkPayload(suite, keys.skEi(), keys.skAi()) : new SkPayload(suite, keys.skEr(), keys.skAr());
    }

    /** For messages this side receives: the initiator opens with SK_er and SK_ar, the responder with SK_ei and SK_ai. */
    public static SkPayload receiving(SkPayloadSuite suite, IkeSaKeys keys, boolean initiator) {
        return sending(suite, keys, !initiator);
    }

    public SkPayloadSuite suite() {
        return suite;
    }

    /**
     * The datagram (without non-ESP marker) carrying {@code message}'s header and, inside one SK payload,
     * all its payloads. {@code random} makes the AES-CBC IV.
     */
    public byte[] seal(IkeMessage message, SecureRandom random) {
        // the inner chain, encoded as the message codec encodes any chain; its first type is at header offset 16
        byte[] inner = message.encode();
        int firstInner = Byte.toUnsignedInt(inner[16]);
        int innerLength = inner.length - IkeMessage.HEADER_LENGTH;
        EncryptionAlgorithm encryption = suite.encryption();
        int padLength = encryption.aead() ? 0
                : (EncryptionAlgorithm.AES_BLOCK - (innerLength + 1) % EncryptionAlgorithm.AES_BLOCK) % EncryptionAlgorithm.AES_BLOCK;
        byte[] plaintext = new byte[innerLength + padLength + 1];
        System.arraycopy(inner, IkeMessage.HEADER_LENGTH, plaintext, 0, innerLength);
        plaintext[plaintext.length - 1] = (byte) padLength;
        byte[] iv = nextIv(random);
        int icvLength = suite.icvLength();
        int skLength = SK_HEADER + iv.length + plaintext.length + icvLength;
        int total = IkeMessage.HEADER_LENGTH + skLength;

        byte[] out = new byte[total];
        System.arraycopy(inner, 0, out, 0, IkeMessage.HEADER_LENGTH);
        out[16] = (byte) IkePayload.ENCRYPTED;
        putInt(out, 24, total);
        int sk = IkeMessage.HEADER_LENGTH;
        out[sk] = (byte) firstInner;
        out[sk + 2] = (byte) (skLength >>> 8);
        out[sk + 3] = (byte) skLength;
        if (skLength > 0xFFFF) {
            throw new IllegalArgumentException("payloads of " + innerLength + " bytes do not fit one SK payload");
        }
        System.arraycopy(iv, 0, out, sk + SK_HEADER, iv.length);
        int body = sk + SK_HEADER + iv.length;
        if (encryption.aead()) {
            byte[] sealed;
            try {
                sealed = EncryptionAlgorithm.gcm(true, encryptionKey, nonce(iv), icvLength,
                        Arrays.copyOf(out, body - iv.length), plaintext, 0, plaintext.length);
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e); // cannot happen when encrypting
            }
            System.arraycopy(sealed, 0, out, body, sealed.length);
        } else {
            byte[] ciphertext = EncryptionAlgorithm.cbc(true, encryptionKey, iv, plaintext, 0, plaintext.length);
            System.arraycopy(ciphertext, 0, out, body, ciphertext.length);
            byte[] icv = suite.integrity().icv(integrityKey, out, 0, total - icvLength);
            System.arraycopy(icv, 0, out, total - icvLength, icvLength);
        }
        return out;
    }

    /**
     * The message with the SK payload replaced by the payloads it carried. The ICV is checked before
     * anything is decrypted (AES-CBC) or released (AES-GCM).
     *
     * @throws MalformedIkeException the message, the SK payload or the decrypted payloads are malformed;
     *                               offsets inside the decrypted payloads count as if they followed the IKE header
     * @throws SkPayloadIntegrityException the ICV does not verify
     */
    public IkeMessage open(byte[] message) throws MalformedIkeException, SkPayloadIntegrityException {
        IkeMessage outer = IkeMessage.decode(message);
        List<IkePayload> payloads = outer.payloads();
        IkePayload last = payloads.isEmpty() ? null : payloads.get(payloads.size() - 1);
        if (!(last instanceof IkePayload.Unknown) || last.type() != IkePayload.ENCRYPTED) {
            throw new MalformedIkeException(Reason.BAD_PAYLOAD, IkeMessage.HEADER_LENGTH,
                    "bad message: " + outer.describe() + " carries no SK payload to decrypt");
        }
        byte[] body = ((IkePayload.Unknown) last).body();
        int sk = message.length - body.length - SK_HEADER;
        int firstInner = Byte.toUnsignedInt(message[sk]);
        EncryptionAlgorithm encryption = suite.encryption();
        int ivLength = encryption.ivLength();
        int icvLength = suite.icvLength();
        int encrypted = body.length - ivLength - icvLength;
        boolean aligned = encryption.aead() ? encrypted >= 1 : encrypted >= EncryptionAlgorithm.AES_BLOCK
                && encrypted % EncryptionAlgorithm.AES_BLOCK == 0;
        if (!aligned) {
            throw new MalformedIkeException(Reason.BAD_LENGTH, sk, "bad SK payload at offset " + sk + ": " + body.length
                    + " bytes cannot hold a " + ivLength + "-byte IV, " + (encryption.aead() ? "at least 1 byte"
                    : "whole 16-byte blocks") + " of " + encryption + " ciphertext and a " + icvLength + "-byte ICV");
        }
        byte[] iv = Arrays.copyOf(body, ivLength);
        int at = sk + SK_HEADER + ivLength;
        byte[] plaintext;
        if (encryption.aead()) {
            try {
                plaintext = EncryptionAlgorithm.gcm(false, encryptionKey, nonce(iv), icvLength,
                        Arrays.copyOf(message, sk + SK_HEADER), message, at, encrypted + icvLength);
            } catch (InvalidCipherTextException e) {
                throw integrityFailure(outer, sk, "AES-GCM tag");
            }
        } else {
            int icvAt = message.length - icvLength;
            byte[] expected = suite.integrity().icv(integrityKey, message, 0, icvAt);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(message, icvAt, message.length))) {
                throw integrityFailure(outer, sk, suite.integrity() + " ICV");
            }
            plaintext = EncryptionAlgorithm.cbc(false, encryptionKey, iv, message, at, encrypted);
        }
        int padLength = Byte.toUnsignedInt(plaintext[plaintext.length - 1]);
        if (padLength + 1 > plaintext.length) {
            throw new MalformedIkeException(Reason.BAD_PAYLOAD, sk, "bad SK payload at offset " + sk + ": pad length "
                    + padLength + " exceeds the " + plaintext.length + " decrypted bytes");
        }
        int innerLength = plaintext.length - padLength - 1;
        byte[] synthetic = new byte[IkeMessage.HEADER_LENGTH + innerLength];
        System.arraycopy(message, 0, synthetic, 0, IkeMessage.HEADER_LENGTH);
        synthetic[16] = (byte) firstInner;
        putInt(synthetic, 24, synthetic.length);
        System.arraycopy(plaintext, 0, synthetic, IkeMessage.HEADER_LENGTH, innerLength);
        Arrays.fill(plaintext, (byte) 0);
        List<IkePayload> all = new ArrayList<>(payloads.subList(0, payloads.size() - 1));
        all.addAll(IkeMessage.decode(synthetic).payloads());
        return new IkeMessage(outer.initiatorSpi(), outer.responderSpi(), outer.version(), outer.exchangeType(),
                outer.flags(), outer.messageId(), all);
    }

    private SkPayloadIntegrityException integrityFailure(IkeMessage outer, int sk, String what) {
        return new SkPayloadIntegrityException(IkeNames.exchange(outer.exchangeType()) + (outer.isResponse() ? " response " : " request ")
                + Integer.toUnsignedString(outer.messageId()) + ": the " + what + " of the SK payload at offset " + sk
                + " does not verify with " + suite.describe() + "; the message was altered or the IKE SA keys differ from the peer's");
    }

    private byte[] nextIv(SecureRandom random) {
        if (suite.encryption().aead()) {
            // RFC 5282 §3.1: the IV must not repeat under one key; a counter guarantees it
            long n = counter.incrementAndGet();
            byte[] iv = new byte[8];
            for (int i = 7; i >= 0; i--, n >>>= 8) {
                iv[i] = (byte) n;
            }
            return iv;
        }
        byte[] iv = new byte[suite.encryption().ivLength()];
        random.nextBytes(iv);
        return iv;
    }

    private byte[] nonce(byte[] iv) {
        byte[] nonce = Arrays.copyOf(salt, salt.length + iv.length);
        System.arraycopy(iv, 0, nonce, salt.length, iv.length);
        return nonce;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    @Override
    public String toString() {
        return "SkPayload[" + suite.describe() + "]";
    }
}
