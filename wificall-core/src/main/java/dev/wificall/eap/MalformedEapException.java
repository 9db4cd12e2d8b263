package dev.wificall.eap;

/**
 * An EAP packet that is not a well-formed EAP (RFC 3748) or EAP-AKA (RFC 4187) message. Checked,
 * like {@code MalformedIkeException}: a peer that receives one answers with AKA-Client-Error or
 * drops the packet, it is never a bug. The message says what was wrong and where, e.g.
 * "bad AT_RES at offset 12: RES length 200 bits exceeds the 128 bits the attribute holds";
 * offsets count from the first byte of the EAP header (the Code field).
 */
public final class MalformedEapException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of damage the decoder found. */
    public enum Reason {
        /** Fewer bytes than a field or a declared length needs. */
        TRUNCATED,
        /** A length field that contradicts its structure (EAP Length below 4, attribute length 0, identity longer than its attribute). */
        BAD_LENGTH,
        /** A Code, Type or Subtype this decoder does not handle (e.g. an EAP-SIM packet given to the EAP-AKA decoder). */
        UNSUPPORTED,
        /** An unknown attribute in the non-skippable range 0..127 (RFC 4187 §8.1). */
        UNKNOWN_ATTRIBUTE,
        /** Structurally sound, but a value has no valid meaning (e.g. a 15-byte AT_RAND, a RES of 200 bits). */
        BAD_ATTRIBUTE
    }

    private final Reason reason;
    private final int offset;

    public MalformedEapException(Reason reason, int offset, String message) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** Offset of the damaged field or structure, from the first byte of the EAP packet. */
    public int offset() {
        return offset;
    }
}
