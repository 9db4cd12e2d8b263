package dev.wificall.ike;

import dev.wificall.ike.MalformedIkeException.Reason;

/**
 * Bounds-checked reader over one IKE message, in the manner of dnsjava's DNSInput: every read
 * checks what remains, and a structure's reads are fenced to its declared length by a sub-reader.
 * Values are unsigned; offsets are reported relative to the start of the IKE header.
 */
final class IkeReader {
    private final byte[] data;
    private final int origin;
    private final int end;
    private int pos;

    IkeReader(byte[] data, int offset, int length) {
        this(data, offset, offset, offset + length);
    }

    private IkeReader(byte[] data, int origin, int pos, int end) {
        this.data = data;
        this.origin = origin;
        this.pos = pos;
        this.end = end;
    }

    /** Offset of the next byte to read, from the start of the IKE header. */
    int offset() {
        return pos - origin;
    }

    int remaining() {
        return end - pos;
    }

    void require(int n, String what) throws MalformedIkeException {
        if (n > remaining()) {
            throw new MalformedIkeException(Reason.TRUNCATED, offset(),
                    "truncated " + what + " at offset " + offset() + ": needs " + n + " bytes but " + remaining() + " remain");
        }
    }

    int u8(String what) throws MalformedIkeException {
        require(1, what);
        return Byte.toUnsignedInt(data[pos++]);
    }

    int u16(String what) throws MalformedIkeException {
        require(2, what);
        int v = Byte.toUnsignedInt(data[pos]) << 8 | Byte.toUnsignedInt(data[pos + 1]);
        pos += 2;
        return v;
    }

    /** Four bytes as the int with the same bits (message IDs and lengths are compared unsigned by callers). */
    int u32(String what) throws MalformedIkeException {
        require(4, what);
        return u16(what) << 16 | u16(what);
    }

    long u64(String what) throws MalformedIkeException {
        require(8, what);
        return (long) u32(what) << 32 | Integer.toUnsignedLong(u32(what));
    }

    /** Copies n bytes; n is checked against what remains before anything is allocated. */
    byte[] bytes(int n, String what) throws MalformedIkeException {
        require(n, what);
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        return b;
    }

    byte[] rest() {
        byte[] b = new byte[remaining()];
        System.arraycopy(data, pos, b, 0, b.length);
        pos = end;
        return b;
    }

    /**
     * Fences the structure that started at {@code start} (a header already read from it) and declares
     * {@code length} bytes in total: returns a reader over its remaining body and moves this reader past it.
     */
    IkeReader fence(int start, int length, String what) throws MalformedIkeException {
        int headerRead = offset() - start;
        if (length < headerRead) {
            throw new MalformedIkeException(Reason.BAD_LENGTH, start,
                    "bad " + what + " length at offset " + start + ": " + length + " is less than its " + headerRead + "-byte header");
        }
        int available = end - (origin + start);
        if (length > available) {
            throw new MalformedIkeException(Reason.TRUNCATED, start,
                    "truncated " + what + " at offset " + start + ": length " + length + " but " + available + " bytes remain");
        }
        IkeReader body = new IkeReader(data, origin, pos, origin + start + length);
        pos = origin + start + length;
        return body;
    }
}
