package dev.wificall.esp;

/** An ESP packet that this SA does not accept, with the reason and the offset where it was seen. */
public final class EspException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a packet was refused. */
    public enum Reason {
        /** Shorter than its structure needs. */
        TRUNCATED,
        /** A length that does not fit (ciphertext not whole blocks, pad length beyond the data). */
        BAD_LENGTH,
        /** The SPI is not this SA's. */
        UNKNOWN_SPI,
        /** The ICV (HMAC or GCM tag) does not verify: wrong keys, or altered on the way. */
        INTEGRITY,
        /** A sequence number seen before, or left of the replay window. */
        REPLAY,
        /** The padding bytes are not 1, 2, 3, ... (RFC 4303 §2.4). */
        PADDING
    }

    private final Reason reason;
    private final int offset;

    public EspException(Reason reason, int offset, String message) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    public int offset() {
        return offset;
    }
}
