package dev.wificall.wire;

/**
 * The one bounds-checked reader under every decoder, in the manner of dnsjava's DNSInput: every read
 * checks what remains, and a structure's reads are fenced to its declared length by a sub-reader.
 * Values are unsigned; offsets count from the start of the message. A protocol's reader (IKE, EAP)
 * only says which exception a truncated or badly sized structure becomes.
 *
 * @param <R> the protocol's reader, returned by {@link #fence}
 * @param <X> the protocol's malformed-input exception
 */
public abstract class BoundedReader<R extends BoundedReader<R, X>, X extends Exception> {
    private final byte[] data;
    private final int origin;
    private final int end;
    private int pos;

    protected BoundedReader(byte[] data, int origin, int pos, int end) {
        this.data = data;
        this.origin = origin;
        this.pos = pos;
        this.end = end;
    }

    /** A structure runs past the end of what was received. */
    protected abstract X truncated(int offset, String message);

    /** A structure declares a length shorter than its own header. */
    protected abstract X badLength(int offset, String message);

    /** A reader of the protocol's kind over {@code data[pos, end)}, offsets counted from {@code origin}. */
    protected abstract R create(byte[] data, int origin, int pos, int end);

    /** Offset of the next byte to read, from the start of the message. */
    public int offset() {
        return pos - origin;
    }

    public int remaining() {
        return end - pos;
    }

    public void require(int n, String what) throws X {
        if (n > remaining()) {
            throw truncated(offset(), "truncated " + what + " at offset " + offset() + ": needs " + n + " bytes but "
                    + remaining() + " remain");
        }
    }

    public int u8(String what) throws X {
        require(1, what);
        return Byte.toUnsignedInt(data[pos++]);
    }

    public int u16(String what) throws X {
        require(2, what);
        int v = Byte.toUnsignedInt(data[pos]) << 8 | Byte.toUnsignedInt(data[pos + 1]);
        pos += 2;
        return v;
    }

    /** Four bytes as the int with the same bits (message IDs and lengths are compared unsigned by callers). */
    public int u32(String what) throws X {
        require(4, what);
        return u16(what) << 16 | u16(what);
    }

    public long u64(String what) throws X {
        require(8, what);
        return (long) u32(what) << 32 | Integer.toUnsignedLong(u32(what));
    }

    /** Copies n bytes; n is checked against what remains before anything is allocated. */
    public byte[] bytes(int n, String what) throws X {
        require(n, what);
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        return b;
    }

    public void skip(int n, String what) throws X {
        require(n, what);
        pos += n;
    }

    public byte[] rest() {
        byte[] b = new byte[remaining()];
        System.arraycopy(data, pos, b, 0, b.length);
        pos = end;
        return b;
    }

    /**
     * Fences the structure that started at {@code start} (a header already read from it) and declares
     * {@code length} bytes in total: returns a reader over its remaining body and moves this reader past it.
     */
    public R fence(int start, int length, String what) throws X {
        int headerRead = offset() - start;
        if (length < headerRead) {
            throw badLength(start, "bad " + what + " length at offset " + start + ": " + length + " is less than its "
                    + headerRead + "-byte header");
        }
        int available = end - (origin + start);
        if (length > available) {
            throw truncated(start, "truncated " + what + " at offset " + start + ": length " + length + " but " + available
                    + " bytes remain");
        }
        R body = create(data, origin, pos, origin + start + length);
        pos = origin + start + length;
        return body;
    }
}
