package dev.wificall.esp;

/**
 * An inner packet (an IP packet out of the tunnel, or the UDP, ICMP or TCP message in it) that is not
 * well formed. Checked: a packet from the far side can be anything, so a receiver drops it and says why.
 * The message says what was wrong and where, e.g. "bad IPv4 header checksum at offset 10: 0x1234, expected
 * 0xb1e6"; offsets count from the first byte of the IP header, or of the transport header when the
 * message is about a transport header.
 */
public final class MalformedInnerPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of damage the decoder found. */
    public enum Reason {
        /** Fewer bytes than a field or a declared length needs. */
        TRUNCATED,
        /** A length field that contradicts its structure (IHL below 5, total length below the header). */
        BAD_LENGTH,
        /** Not the IP version (4 or 6) or the protocol the decoder was asked for. */
        BAD_VERSION,
        /** An IP header, UDP, ICMP or TCP checksum that does not add up. */
        BAD_CHECKSUM,
        /** Structurally sound, but something this decoder does not take (a fragment, a jumbogram). */
        UNSUPPORTED
    }

    private final Reason reason;
    private final int offset;

    public MalformedInnerPacketException(Reason reason, int offset, String message) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** Offset of the damaged field or structure. */
    public int offset() {
        return offset;
    }
}
