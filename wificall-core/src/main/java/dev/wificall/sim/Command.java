package dev.wificall.sim;

/**
 * One command APDU of the USIM dialogue (ISO 7816-4 §5.1), always class byte 00 (TS 102 221 §10.1.1).
 * {@code name} says in messages what was sent ("READ RECORD 2 of EF_DIR"). The data field may be
 * a PIN: the record's {@code toString()} shows the name and sizes only, and the caller wipes the data.
 *
 * @param data the command data, empty for none (no Lc)
 * @param le   the expected length, 0..255 with 0 meaning up to 256, or {@link #NO_LE}
 */
record Command(String name, int ins, int p1, int p2, byte[] data, int le) {
    static final int NO_LE = -1;
    private static final int MAX_DATA = 255;

    Command {
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException(name + ": " + data.length + " data bytes do not fit a short APDU (at most 255)");
        }
        if (le < NO_LE || le > 0xff) {
            throw new IllegalArgumentException(name + ": Le " + le + " is not 0 to 255");
        }
    }

    /** The same command asking for {@code le} bytes: the re-send after 6Cxx. */
    Command withLe(int le) {
        return new Command(name, ins, p1, p2, data, le);
    }

    /** CLA INS P1 P2 [Lc data] [Le]. */
    byte[] encode() {
        int length = 4 + (data.length > 0 ? 1 + data.length : 0) + (le == NO_LE ? 0 : 1);
        byte[] out = new byte[length];
        out[0] = 0x00;
        out[1] = (byte) ins;
        out[2] = (byte) p1;
        out[3] = (byte) p2;
        int i = 4;
        if (data.length > 0) {
            out[i++] = (byte) data.length;
            System.arraycopy(data, 0, out, i, data.length);
            i += data.length;
        }
        if (le != NO_LE) {
            out[i] = (byte) le;
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " (INS " + String.format("%02X", ins) + ", " + data.length + " data bytes"
                + (le == NO_LE ? "" : ", Le " + le) + ")";
    }
}
