package dev.wificall.userplane;

/**
 * A datagram that is not a well-formed, authentic reflector message ({@link ReflectorMessage}). Checked,
 * like {@code MalformedIkeException}: a reflector or a client that receives one drops it, it is never a
 * bug. The message says what was wrong and where, e.g. "truncated request at offset 0: 60 bytes declared
 * but 40 received"; offsets count from the first byte of the magic. It never holds key material.
 */
public final class MalformedReflectorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of damage the decoder found. */
    public enum Reason {
        /** Fewer bytes than a field or the declared length needs. */
        TRUNCATED,
        /** More bytes than the declared length, or longer than a UDP payload can be. */
        BAD_LENGTH,
        /** Not a reflector message at all: the magic is missing (e.g. IKE, ESP or a keep-alive). */
        NOT_REFLECTOR,
        /** A reflector message of a version this decoder does not speak. */
        BAD_VERSION,
        /** An answer where a request was expected, or the other way round. */
        BAD_TYPE,
        /** The tag does not match: tampered, or made with another key. */
        BAD_TAG,
        /** Authentic, but a value is out of bounds (e.g. a delay above the protocol's maximum). */
        BAD_VALUE
    }

    private final Reason reason;
    private final int offset;

    public MalformedReflectorException(Reason reason, int offset, String message) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** Offset of the damaged field, from the first byte of the message. */
    public int offset() {
        return offset;
    }
}
