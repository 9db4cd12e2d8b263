package dev.wificall.eap;

import dev.wificall.eap.MalformedEapException.Reason;

/**
 * Bounds-checked reader over one EAP packet, the one place where EAP and EAP-AKA decoders check
 * what remains (as dnsjava's DNSInput and the project's IkeReader do). Values are unsigned;
 * offsets are reported from the first byte of the EAP packet. A structure's reads are fenced to its
 * declared length by {@link #fence}.
 */
final class EapReader {
    private final byte[] data;
    private final int origin;
    private final int end;
    private int pos;

    EapReader(byte[] data) {
        this(data, 0, 0, data.length);
    }

    private EapReader(byte[] data, int origin, int pos, int end) {
        this.data = data;
        this.origin = origin;
        this.pos = pos;
        this.end = end;
    }

    /** Offset of the next byte to read, from the start of the EAP packet. */
    int offset() {
        return pos - origin;
    }

    int remaining() {
        return end - pos;
    }

    void require(int n, String what) throws MalformedEapException {
        if (n > remaining()) {
            throw new MalformedEapException(Reason.TRUNCATED, offset(),
                    "truncated " + what + " at offset " + offset() + ": needs " + n + " bytes but " + remaining() + " remain");
        }
    }

    int u8(String what) throws MalformedEapException {
        require(1, what);
        return Byte.toUnsignedInt(data[pos++]);
    }

    int u16(String what) throws MalformedEapException {
        require(2, what);
        int v = Byte.toUnsignedInt(data[pos]) << 8 | Byte.toUnsignedInt(data[pos + 1]);
        pos += 2;
        return v;
    }

    /** Copies n bytes; n is checked against what remains before anything is allocated. */
    byte[] bytes(int n, String what) throws MalformedEapException {
        require(n, what);
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        return b;
    }

    void skip(int n, String what) throws MalformedEapException {
        require(n, what);
        pos += n;
    }

    byte[] rest() {
        byte[] b = new byte[remaining()];
        System.arraycopy(data, pos, b, 0, b.length);
        pos = end;
        return b;
    }

    /**
     * Fences the structure that started at {@code start} (its header already read) and declares
     * {@code length} bytes in total: returns a reader over its remaining body and moves this reader past it.
     */
    EapReader fence(int start, int length, String what) throws MalformedEapException {
        int headerRead = offset() - start;
        if (length < headerRead) {
            throw new MalformedEapException(Reason.BAD_LENGTH, start,
                    "bad " + what + " length at offset " + start + ": " + length + " is less than its " + headerRead + "-byte header");
        }
        int available = end - (origin + start);
        if (length > available) {
            throw new MalformedEapException(Reason.TRUNCATED, start,
                    "truncated " + what + " at offset " + start + ": length " + length + " but " + available + " bytes remain");
        }
        EapReader body = new EapReader(data, origin, pos, origin + start + length);
        pos = origin + start + length;
        return body;
    }
}
