package dev.wificall.eap;

import java.util.Arrays;

/** Growable big-endian buffer for encoding EAP packets; the Length field is patched when known. */
final class EapWriter {
    private byte[] buf = new byte[128];
    private int size;

    int position() {
        return size;
    }

    EapWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    EapWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    EapWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    EapWriter zeros(int n) {
        ensure(n);
        size += n;
        return this;
    }

    void patch16(int field, int v) {
        buf[field] = (byte) (v >>> 8);
        buf[field + 1] = (byte) v;
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
