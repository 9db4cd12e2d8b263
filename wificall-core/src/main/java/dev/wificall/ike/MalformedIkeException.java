package dev.wificall.ike;

/**
 * A datagram that is not a well-formed IKEv2 message. The message says what was wrong and where,
 * e.g. "truncated payload at offset 44: length 300 but 100 bytes remain"; offsets count from the
 * first byte of the IKE header (after a non-ESP marker).
 */
public final class MalformedIkeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of damage the decoder found. */
    public enum Reason {
        /** Fewer bytes than a field or a declared length needs. */
        TRUNCATED,
        /** A length field that contradicts its structure (below the header size, bytes left over, counts wrong). */
        BAD_LENGTH,
        /** Not IKE version 2 (e.g. an IKEv1 message). */
        BAD_VERSION,
        /** A UDP/4500 datagram without the four zero bytes of the non-ESP marker. */
        BAD_MARKER,
        /** Structurally sound, but a value has no valid meaning (e.g. a 19-byte NAT detection hash). */
        BAD_PAYLOAD
    }

    private final Reason reason;
    private final int offset;

    public MalformedIkeException(Reason reason, int offset, String message) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** Offset of the damaged field or structure, from the start of the IKE header. */
    public int offset() {
        return offset;
    }
}
