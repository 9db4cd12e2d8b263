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
 * counter lives in it. {@link #sealFragments} makes RFC 7383 fragments (SKF); {@link FragmentAssembly}
 * puts received ones together.
 */
public final class SkPayload {
    private static final int HEADER = IkeMessage.HEADER_LENGTH;
    /** The generic payload header of SK and SKF. */
    private static final int SK_HEADER = 4;
    /** Fragment Number and Total Fragments, after the SKF payload header (RFC 7383 §2.5). */
    private static final int FRAGMENT_FIELDS = 4;

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
        return protect(inner, Byte.toUnsignedInt(inner[16]), 0, 0, HEADER, inner.length - HEADER, random);
    }

    /**
     * The datagrams (without non-ESP marker) carrying {@code message} in Encrypted Fragment payloads SKF
     * (RFC 7383 §2.5), none longer than {@code maxMessageLength} bytes with its IKE header, e.g. 576 or 1280
     * less the IP and UDP headers and the non-ESP marker (RFC 7383 §2.5.1). The inner chain is cut at any
     * byte; fragment n of N (from 1) carries Fragment Number n and Total Fragments N, its own IV, padding
     * and ICV; only fragment 1 names the first inner payload, the others carry 0; each IKE header has its
     * own length. For AES-GCM the associated data is the IKE header, the SKF payload header and the two
     * fragment fields. When the whole SK message fits in {@code maxMessageLength}, the one element is that
     * SK message, as {@link #seal} makes it: nothing is fragmented that need not be.
     *
     * @throws IllegalArgumentException {@code maxMessageLength} leaves no room for a byte of payload after
     *                                  the headers, IV, padding and ICV, or the message needs more than 65535 fragments
     */
    public List<byte[]> sealFragments(IkeMessage message, int maxMessageLength, SecureRandom random) {
        byte[] inner = message.encode();
        int innerLength = inner.length - HEADER;
        int firstInner = Byte.toUnsignedInt(inner[16]);
        if (protectedLength(SK_HEADER, innerLength) <= maxMessageLength) {
            return List.of(protect(inner, firstInner, 0, 0, HEADER, innerLength, random));
        }
        int chunk = largestChunk(maxMessageLength);
        if (chunk < 1) {
            throw new IllegalArgumentException("a fragment of at most " + maxMessageLength + " bytes cannot carry any payload: with "
                    + suite.describe() + " the IKE header, SKF header, IV, padding and ICV take "
                    + protectedLength(SK_HEADER + FRAGMENT_FIELDS, 0) + " bytes");
        }
        int total = (innerLength + chunk - 1) / chunk;
        if (total > 0xFFFF) {
            throw new IllegalArgumentException(innerLength + " bytes of payloads need " + total + " fragments of at most "
                    + maxMessageLength + " bytes; Total Fragments has 16 bits");
        }
        List<byte[]> fragments = new ArrayList<>(total);
        for (int n = 1; n <= total; n++) {
            int from = HEADER + (n - 1) * chunk;
            fragments.add(protect(inner, n == 1 ? firstInner : 0, n, total, from, Math.min(chunk, inner.length - from), random));
        }
        return fragments;
    }

    /** The length of a message whose SK or SKF payload (header of {@code headerLength}) carries {@code contentLength} bytes. */
    private int protectedLength(int headerLength, int contentLength) {
        EncryptionAlgorithm encryption = suite.encryption();
        int block = EncryptionAlgorithm.AES_BLOCK;
        int encrypted = encryption.aead() ? contentLength + 1 : (contentLength + 1 + block - 1) / block * block;
        return HEADER + headerLength + encryption.ivLength() + encrypted + suite.icvLength();
    }

    /** The most content bytes one SKF fragment of at most {@code maxMessageLength} bytes carries. */
    private int largestChunk(int maxMessageLength) {
        int room = maxMessageLength - HEADER - SK_HEADER - FRAGMENT_FIELDS - suite.encryption().ivLength() - suite.icvLength();
        // the pad length byte is encrypted too; CBC needs whole blocks
        return suite.encryption().aead() ? room - 1 : room / EncryptionAlgorithm.AES_BLOCK * EncryptionAlgorithm.AES_BLOCK - 1;
    }

    /**
     * One protected message: {@code inner}'s IKE header, then an SK payload, or an SKF payload when
     * {@code fragment} is 1 or more, carrying {@code inner[from, from + length)}.
     */
    private byte[] protect(byte[] inner, int nextPayload, int fragment, int fragments, int from, int length, SecureRandom random) {
        EncryptionAlgorithm encryption = suite.encryption();
        int padLength = encryption.aead() ? 0
                : (EncryptionAlgorithm.AES_BLOCK - (length + 1) % EncryptionAlgorithm.AES_BLOCK) % EncryptionAlgorithm.AES_BLOCK;
        byte[] plaintext = new byte[length + padLength + 1];
        System.arraycopy(inner, from, plaintext, 0, length);
        plaintext[plaintext.length - 1] = (byte) padLength;
        int headerLength = SK_HEADER + (fragment > 0 ? FRAGMENT_FIELDS : 0);
        int icvLength = suite.icvLength();
        int payloadLength = headerLength + encryption.ivLength() + plaintext.length + icvLength;
        if (payloadLength > 0xFFFF) {
            throw new IllegalArgumentException("payloads of " + length + " bytes do not fit one SK payload");
        }
        byte[] iv = nextIv(random);
        int messageLength = HEADER + payloadLength;

        byte[] out = new byte[messageLength];
        System.arraycopy(inner, 0, out, 0, HEADER);
        out[16] = (byte) (fragment > 0 ? IkePayload.ENCRYPTED_FRAGMENT : IkePayload.ENCRYPTED);
        putInt(out, 24, messageLength);
        int sk = HEADER;
        out[sk] = (byte) nextPayload;
        out[sk + 2] = (byte) (payloadLength >>> 8);
        out[sk + 3] = (byte) payloadLength;
        if (fragment > 0) {
            putInt(out, sk + SK_HEADER, fragment << 16 | fragments);
        }
        int ivAt = sk + headerLength;
        System.arraycopy(iv, 0, out, ivAt, iv.length);
        int body = ivAt + iv.length;
        if (encryption.aead()) {
            byte[] sealed;
            try {
                sealed = EncryptionAlgorithm.gcm(true, encryptionKey, nonce(iv), icvLength, Arrays.copyOf(out, ivAt),
                        plaintext, 0, plaintext.length);
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e); // cannot happen when encrypting
            }
            System.arraycopy(sealed, 0, out, body, sealed.length);
        } else {
            byte[] ciphertext = EncryptionAlgorithm.cbc(true, encryptionKey, iv, plaintext, 0, plaintext.length);
            System.arraycopy(ciphertext, 0, out, body, ciphertext.length);
            byte[] icv = suite.integrity().icv(integrityKey, out, 0, messageLength - icvLength);
            System.arraycopy(icv, 0, out, messageLength - icvLength, icvLength);
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
        return open(message, IkeMessage.decode(message));
    }

    /** {@link #open(byte[])} of a message already decoded as {@code outer}. */
    IkeMessage open(byte[] message, IkeMessage outer) throws MalformedIkeException, SkPayloadIntegrityException {
        byte[] body = encryptedBody(outer, IkePayload.ENCRYPTED, "an SK payload");
        int sk = message.length - body.length - SK_HEADER;
        byte[] content = decrypt(message, outer, sk, SK_HEADER, "SK payload");
        return withInner(outer, message, Byte.toUnsignedInt(message[sk]), content, content.length, "");
    }

    /** One SKF fragment, its ICV verified and its content decrypted (RFC 7383 §2.5); {@code offset} is the SKF payload's. */
    record Fragment(IkeMessage outer, byte[] message, int offset, int number, int total, int nextPayload, byte[] content) {
    }

    /**
     * Opens the SKF payload that ends {@code message} (decoded as {@code outer}): the ICV first, then the
     * fragment fields (Fragment Number from 1 to Total Fragments). The next-payload field of fragments after
     * the first should be 0 and is ignored, as only the first one's counts.
     */
    Fragment openFragment(byte[] message, IkeMessage outer) throws MalformedIkeException, SkPayloadIntegrityException {
        byte[] body = encryptedBody(outer, IkePayload.ENCRYPTED_FRAGMENT, "an SKF payload");
        int skf = message.length - body.length - SK_HEADER;
        if (body.length < FRAGMENT_FIELDS) {
            throw new MalformedIkeException(Reason.TRUNCATED, skf, "truncated SKF payload at offset " + skf + ": needs "
                    + FRAGMENT_FIELDS + " bytes of Fragment Number and Total Fragments but " + body.length + " remain");
        }
        int number = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
        int total = (body[2] & 0xFF) << 8 | body[3] & 0xFF;
        String what = "SKF payload (fragment " + number + " of " + total + ")";
        byte[] content = decrypt(message, outer, skf, SK_HEADER + FRAGMENT_FIELDS, what);
        if (number < 1 || number > total) {
            throw new MalformedIkeException(Reason.BAD_PAYLOAD, skf + SK_HEADER, "bad " + what + " at offset " + skf
                    + ": Fragment Number " + number + " is not between 1 and Total Fragments " + total);
        }
        return new Fragment(outer, message, skf, number, total, Byte.toUnsignedInt(message[skf]), content);
    }

    /** The body of the last payload of {@code outer} when it is an SK (or SKF) payload, which ends the chain. */
    private static byte[] encryptedBody(IkeMessage outer, int type, String expected) throws MalformedIkeException {
        List<IkePayload> payloads = outer.payloads();
        IkePayload last = payloads.isEmpty() ? null : payloads.get(payloads.size() - 1);
        if (!(last instanceof IkePayload.Unknown) || last.type() != type) {
            throw new MalformedIkeException(Reason.BAD_PAYLOAD, IkeMessage.HEADER_LENGTH,
                    "bad message: " + outer.describe() + " carries no " + IkeNames.payload(type) + " payload to decrypt");
        }
        return ((IkePayload.Unknown) last).body();
    }

    /**
     * The content of the SK or SKF payload at {@code sk}, whose header before the IV is {@code headerLength}
     * bytes, with its padding removed; the ICV is checked before anything is decrypted or released.
     */
    private byte[] decrypt(byte[] message, IkeMessage outer, int sk, int headerLength, String what)
            throws MalformedIkeException, SkPayloadIntegrityException {
        EncryptionAlgorithm encryption = suite.encryption();
        int ivLength = encryption.ivLength();
        int icvLength = suite.icvLength();
        int ivAt = sk + headerLength;
        int encrypted = message.length - ivAt - ivLength - icvLength;
        boolean aligned = encryption.aead() ? encrypted >= 1 : encrypted >= EncryptionAlgorithm.AES_BLOCK
                && encrypted % EncryptionAlgorithm.AES_BLOCK == 0;
        if (!aligned) {
            throw new MalformedIkeException(Reason.BAD_LENGTH, sk, "bad " + what + " at offset " + sk + ": "
                    + (message.length - ivAt) + " bytes cannot hold a " + ivLength + "-byte IV, " + (encryption.aead()
                    ? "at least 1 byte" : "whole 16-byte blocks") + " of " + encryption + " ciphertext and a " + icvLength + "-byte ICV");
        }
        byte[] iv = Arrays.copyOfRange(message, ivAt, ivAt + ivLength);
        int at = ivAt + ivLength;
        byte[] plaintext;
        if (encryption.aead()) {
            try {
                plaintext = EncryptionAlgorithm.gcm(false, encryptionKey, nonce(iv), icvLength, Arrays.copyOf(message, ivAt),
                        message, at, encrypted + icvLength);
            } catch (InvalidCipherTextException e) {
                throw integrityFailure(outer, sk, what, "AES-GCM tag");
            }
        } else {
            int icvAt = message.length - icvLength;
            byte[] expected = suite.integrity().icv(integrityKey, message, 0, icvAt);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(message, icvAt, message.length))) {
                throw integrityFailure(outer, sk, what, suite.integrity() + " ICV");
            }
            plaintext = EncryptionAlgorithm.cbc(false, encryptionKey, iv, message, at, encrypted);
        }
        int padLength = Byte.toUnsignedInt(plaintext[plaintext.length - 1]);
        if (padLength + 1 > plaintext.length) {
            throw new MalformedIkeException(Reason.BAD_PAYLOAD, sk, "bad " + what + " at offset " + sk + ": pad length "
                    + padLength + " exceeds the " + plaintext.length + " decrypted bytes");
        }
        byte[] content = Arrays.copyOf(plaintext, plaintext.length - padLength - 1);
        Arrays.fill(plaintext, (byte) 0);
        return content;
    }

    /**
     * {@code outer} with its last (SK or SKF) payload replaced by the chain in {@code chain[0, length)}, whose
     * first payload is {@code firstInner}; the unencrypted payloads before it are kept. {@code context}
     * prefixes the message of a malformed chain.
     */
    static IkeMessage withInner(IkeMessage outer, byte[] message, int firstInner, byte[] chain, int length, String context)
            throws MalformedIkeException {
        byte[] synthetic = new byte[HEADER + length];
        System.arraycopy(message, 0, synthetic, 0, HEADER);
        synthetic[16] = (byte) firstInner;
        putInt(synthetic, 24, synthetic.length);
        System.arraycopy(chain, 0, synthetic, HEADER, length);
        List<IkePayload> inner;
        try {
            inner = IkeMessage.decode(synthetic).payloads();
        } catch (MalformedIkeException e) {
            if (context.isEmpty()) {
                throw e;
            }
            throw new MalformedIkeException(e.reason(), e.offset(), context + e.getMessage());
        } finally {
            Arrays.fill(synthetic, (byte) 0);
        }
        List<IkePayload> payloads = outer.payloads();
        List<IkePayload> all = new ArrayList<>(payloads.subList(0, payloads.size() - 1));
        all.addAll(inner);
        return new IkeMessage(outer.initiatorSpi(), outer.responderSpi(), outer.version(), outer.exchangeType(),
                outer.flags(), outer.messageId(), all);
    }

    private SkPayloadIntegrityException integrityFailure(IkeMessage outer, int sk, String payload, String what) {
        return new SkPayloadIntegrityException(IkeNames.exchange(outer.exchangeType()) + (outer.isResponse() ? " response " : " request ")
                + Integer.toUnsignedString(outer.messageId()) + ": the " + what + " of the " + payload + " at offset " + sk
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
