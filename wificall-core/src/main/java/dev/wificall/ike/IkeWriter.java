package dev.wificall.ike;

import java.util.Arrays;

/** Growable big-endian buffer for encoding; lengths are written as placeholders and patched when known. */
final class IkeWriter {
    private byte[] buf = new byte[512];
    private int size;

    int position() {
        return size;
    }

    IkeWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    IkeWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    IkeWriter u32(int v) {
        return u16(v >>> 16).u16(v);
    }

    IkeWriter u64(long v) {
        return u32((int) (v >>> 32)).u32((int) v);
    }

    IkeWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /** Writes the 16-bit length of the structure that started at {@code start} into its field at {@code field}. */
    void patchLength16(int field, int start) {
        int length = size - start;
        if (length > 0xFFFF) {
            throw new IllegalStateException("structure of " + length + " bytes does not fit a 16-bit length");
        }
        buf[field] = (byte) (length >>> 8);
        buf[field + 1] = (byte) length;
    }

    void patch32(int field, int v) {
        buf[field] = (byte) (v >>> 24);
        buf[field + 1] = (byte) (v >>> 16);
        buf[field + 2] = (byte) (v >>> 8);
        buf[field + 3] = (byte) v;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
