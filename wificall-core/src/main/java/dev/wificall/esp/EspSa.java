package dev.wificall.esp;

import dev.wificall.ike.ChildSaKeys;
import dev.wificall.ike.EncryptionAlgorithm;
import dev.wificall.ike.IntegrityAlgorithm;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * One direction of an ESP SA in tunnel mode (RFC 4303): AES-CBC with an HMAC (RFC 3602, 2404, 4868)
 * or AES-GCM (RFC 4106), 32-bit sequence numbers, and on receive a 64-packet replay window
 * (§3.4.3), moved only after the ICV verified. The packet starts at the SPI: the caller adds or
 * strips the UDP header of RFC 3948.
 */
public final class EspSa {
    /** Next Header of a tunnelled packet (IANA protocol numbers). */
    public static final int IPV4 = 4;
    public static final int IPV6 = 41;
    private static final int WINDOW = 64;

    private final ChildSaKeys.Suite suite;
    private final int spi;
    private final byte[] encryptionKey;
    private final byte[] salt;
    private final byte[] integrityKey;
    /** Outbound: the last sequence number sent. Inbound: the highest one accepted. */
    private long sequence;
    /** Inbound: bit i set when sequence - i was accepted. */
    private long window;

    private EspSa(ChildSaKeys.Suite suite, int spi, byte[] key, byte[] integrityKey) {
        this.suite = suite;
        this.spi = spi;
        int aes = suite.keyBits() / 8;
        this.encryptionKey = Arrays.copyOf(key, aes);
        this.salt = suite.encryption().aead() ? Arrays.copyOfRange(key, aes, aes + 4) : new byte[0];
        this.integrityKey = integrityKey;
    }

    /** What we send: the ePDG's SPI and the initiator-to-responder keys (we are the IKE initiator). */
    public static EspSa outbound(ChildSaKeys keys, int peerSpi) {
        return new EspSa(keys.suite(), peerSpi, keys.encryptionIr(), keys.integrityIr());
    }

    /** What we receive: our own SPI and the responder-to-initiator keys. */
    public static EspSa inbound(ChildSaKeys keys, int ownSpi) {
        return new EspSa(keys.suite(), ownSpi, keys.encryptionRi(), keys.integrityRi());
    }

    public int spi() {
        return spi;
    }

    public ChildSaKeys.Suite suite() {
        return suite;
    }

    /** Sequence number of the last packet sent (outbound) or the highest accepted (inbound). */
    public long sequence() {
        return sequence;
    }

    /** Bytes that ESP adds to an inner packet of {@code length} bytes: header, IV, padding, trailer and ICV. */
    public int overhead(int length) {
        return sealedLength(length) - length;
    }

    private int sealedLength(int length) {
        EncryptionAlgorithm e = suite.encryption();
        int block = e.aead() ? 4 : 16;
        int body = (length + 2 + block - 1) / block * block;
        return 8 + e.ivLength() + body + icvLength();
    }

    private int icvLength() {
        IntegrityAlgorithm i = suite.integrity();
        return i == null ? suite.encryption().icvLength() : i.icvLength();
    }

    /** One ESP packet carrying {@code inner} (an IP packet of type {@code nextHeader}). */
    public byte[] seal(int nextHeader, byte[] inner, SecureRandom random) {
        if (sequence == 0xFFFF_FFFFL) {
            // RFC 4303 §3.3.3: the counter must not cycle; the SA needs rekeying first
            throw new IllegalStateException("ESP SA " + spiText() + " has sent 2^32-1 packets; it must be rekeyed");
        }
        sequence++;
        EncryptionAlgorithm e = suite.encryption();
        int block = e.aead() ? 4 : 16;
        int body = (inner.length + 2 + block - 1) / block * block;
        byte[] plain = Arrays.copyOf(inner, body);
        int pad = body - inner.length - 2;
        for (int i = 0; i < pad; i++) {
            plain[inner.length + i] = (byte) (i + 1);
        }
        plain[body - 2] = (byte) pad;
        plain[body - 1] = (byte) nextHeader;
        ByteBuffer out = ByteBuffer.allocate(sealedLength(inner.length));
        out.putInt(spi).putInt((int) sequence);
        if (e.aead()) {
            // the IV only has to be unique per key: the sequence number is (RFC 4106 §3.1)
            byte[] iv = ByteBuffer.allocate(8).putLong(sequence).array();
            out.put(iv);
            try {
                out.put(EncryptionAlgorithm.gcm(true, encryptionKey, nonce(iv), e.icvLength(), aad(spi, sequence), plain, 0,
                        plain.length));
            } catch (InvalidCipherTextException x) {
                throw new IllegalStateException("AES-GCM encryption failed", x);
            }
        } else {
            byte[] iv = new byte[16];
            random.nextBytes(iv);
            out.put(iv).put(EncryptionAlgorithm.cbc(true, encryptionKey, iv, plain, 0, plain.length));
            byte[] wire = out.array();
            out.put(suite.integrity().icv(integrityKey, wire, 0, out.position()));
        }
        return out.array();
    }

    /**
     * The inner packet of an ESP packet for this SA, after checking SPI, ICV, replay window and
     * padding. Nothing of the SA changes when it throws.
     */
    public Opened open(byte[] packet, int offset, int length) throws EspException {
        EspReader r = new EspReader(packet, offset, length);
        int got = r.u32("ESP SPI");
        if (got != spi) {
            throw new EspException(EspException.Reason.UNKNOWN_SPI, 0, "ESP packet for SPI " + hex(got) + ", expected "
                    + spiText());
        }
        long seq = Integer.toUnsignedLong(r.u32("ESP sequence number"));
        EncryptionAlgorithm e = suite.encryption();
        int icv = icvLength();
        byte[] iv = r.bytes(e.ivLength(), "ESP IV");
        int cipherLength = r.remaining() - icv;
        int block = e.aead() ? 4 : 16;
        if (cipherLength < block || cipherLength % block != 0) {
            throw new EspException(EspException.Reason.BAD_LENGTH, r.offset(), "ESP payload of " + Math.max(cipherLength, 0)
                    + " bytes after the IV and before the " + icv + "-byte ICV; expected a positive multiple of " + block);
        }
        replayCheck(seq);
        byte[] plain;
        int cipherAt = offset + r.offset();
        if (e.aead()) {
            try {
                plain = EncryptionAlgorithm.gcm(false, encryptionKey, nonce(iv), icv, aad(spi, seq), packet, cipherAt,
                        cipherLength + icv);
            } catch (InvalidCipherTextException x) {
                throw new EspException(EspException.Reason.INTEGRITY, r.offset(), "the AES-GCM tag of ESP packet " + seq
                        + " (SPI " + spiText() + ") does not verify");
            }
        } else {
            byte[] expected = suite.integrity().icv(integrityKey, packet, offset, length - icv);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(packet, offset + length - icv, offset + length))) {
                throw new EspException(EspException.Reason.INTEGRITY, length - icv, "the " + suite.integrity()
                        + " ICV of ESP packet " + seq + " (SPI " + spiText() + ") does not verify");
            }
            plain = EncryptionAlgorithm.cbc(false, encryptionKey, iv, packet, cipherAt, cipherLength);
        }
        int pad = Byte.toUnsignedInt(plain[plain.length - 2]);
        int nextHeader = Byte.toUnsignedInt(plain[plain.length - 1]);
        int innerLength = plain.length - 2 - pad;
        if (innerLength < 0) {
            throw new EspException(EspException.Reason.BAD_LENGTH, length - icv - 2, "ESP pad length " + pad
                    + " exceeds the " + (plain.length - 2) + " bytes before it");
        }
        for (int i = 0; i < pad; i++) {
            if (plain[innerLength + i] != (byte) (i + 1)) {
                throw new EspException(EspException.Reason.PADDING, length - icv - 2 - pad + i, "ESP padding byte " + (i + 1)
                        + " of packet " + seq + " is " + Byte.toUnsignedInt(plain[innerLength + i]) + ", expected " + (i + 1));
            }
        }
        accept(seq);
        return new Opened(seq, nextHeader, Arrays.copyOf(plain, innerLength));
    }

    /** A received packet's sequence number, Next Header (4, 41, or 59 for a dummy packet) and inner packet. */
    public record Opened(long sequence, int nextHeader, byte[] inner) {
    }

    private void replayCheck(long seq) throws EspException {
        if (seq == 0) {
            throw new EspException(EspException.Reason.REPLAY, 4, "ESP sequence number 0 is never sent (RFC 4303 §3.3.3)");
        }
        if (seq > sequence) {
            return;
        }
        long behind = sequence - seq;
        if (behind >= WINDOW || (window & 1L << behind) != 0) {
            throw new EspException(EspException.Reason.REPLAY, 4, "ESP packet " + seq + " (SPI " + spiText() + ") "
                    + (behind >= WINDOW ? "is left of the replay window (highest " + sequence + ")" : "was received before"));
        }
    }

    private void accept(long seq) {
        if (seq > sequence) {
            long shift = seq - sequence;
            window = shift >= WINDOW ? 1 : window << shift | 1;
            sequence = seq;
        } else {
            window |= 1L << (sequence - seq);
        }
    }

    private byte[] nonce(byte[] iv) {
        byte[] n = Arrays.copyOf(salt, 12);
        System.arraycopy(iv, 0, n, 4, 8);
        return n;
    }

    private static byte[] aad(int spi, long seq) {
        return ByteBuffer.allocate(8).putInt(spi).putInt((int) seq).array();
    }

    private String spiText() {
        return hex(spi);
    }

    static String hex(int spi) {
        return String.format("0x%08x", spi);
    }

    /** SPI and algorithms, never keys. */
    @Override
    public String toString() {
        return "EspSa[SPI " + spiText() + ", " + suite.describe() + ", sequence " + sequence + "]";
    }
}
