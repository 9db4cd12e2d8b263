package dev.wificall.testkit.sim;

/**
 * One short command APDU (ISO 7816-4 §5.1): the four header bytes, the data field (empty when there
 * is no Lc) and Le. The four cases are told apart by what follows the header: nothing (case 1),
 * one byte Le (case 2), Lc and exactly Lc data bytes (case 3), or those and one byte Le (case 4).
 * Extended lengths (an Lc byte 00 followed by two length bytes) are refused: a UICC speaks short
 * APDUs, and a 00 there is more likely a broken command than a 64 kB one.
 *
 * <p>The data may hold a PIN: {@link #toString()} gives its length only.
 *
 * @param le the Le byte, 0 to 255 (0 asks for up to 256 bytes), or {@link #NO_LE}
 */
record CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int le) {

    static final int NO_LE = -1;

    CommandApdu {
        data = data == null ? new byte[0] : data.clone();
        if (le < NO_LE || le > 0xff) {
            throw new IllegalArgumentException("Le must be 0 to 255 or absent; got " + le);
        }
    }

    /** The header alone, read first so that CLA and INS are judged before the body's length. */
    record Header(int cla, int ins, int p1, int p2) {

        static Header read(ApduReader r) throws MalformedApduException {
            return new Header(r.u8("CLA"), r.u8("INS"), r.u8("P1"), r.u8("P2"));
        }
    }

    /** Reads the body after {@code header}: the whole rest of the APDU must be Lc, data and Le. */
    static CommandApdu read(Header header, ApduReader r) throws MalformedApduException {
        int left = r.remaining();
        if (left == 0) {
            return new CommandApdu(header.cla(), header.ins(), header.p1(), header.p2(), null, NO_LE);
        }
        if (left == 1) {
            return new CommandApdu(header.cla(), header.ins(), header.p1(), header.p2(), null, r.u8("Le"));
        }
        int lc = r.u8("Lc");
        if (lc == 0) {
            throw new MalformedApduException("Lc 00 at offset 4 starts an extended length, which this card does not "
                    + "take; expected a short APDU (Lc 01 to FF)");
        }
        byte[] data = r.bytes(lc, "command data (Lc " + lc + ")");
        int after = r.remaining();
        if (after > 1) {
            throw new MalformedApduException("Lc " + lc + " leaves " + after + " bytes after the data; expected at most one (Le)");
        }
        int le = after == 1 ? r.u8("Le") : NO_LE;
        return new CommandApdu(header.cla(), header.ins(), header.p1(), header.p2(), data, le);
    }

    static CommandApdu decode(byte[] apdu) throws MalformedApduException {
        ApduReader r = new ApduReader(apdu);
        return read(Header.read(r), r);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    boolean hasData() {
        return data.length > 0;
    }

    /** Le as a byte count: 0 stands for 256, {@link #NO_LE} stays. */
    int expected() {
        return le == 0 ? 256 : le;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandApdu c && cla == c.cla && ins == c.ins && p1 == c.p1 && p2 == c.p2
                && java.util.Arrays.equals(data, c.data) && le == c.le;
    }

    @Override
    public int hashCode() {
        return ((cla * 31 + ins) * 31 + p1) * 31 + p2 + 31 * java.util.Arrays.hashCode(data) + le;
    }

    @Override
    public String toString() {
        return String.format("CommandApdu[CLA %02X INS %02X P1 %02X P2 %02X, %d data bytes, Le %s]", cla, ins, p1, p2,
                data.length, le == NO_LE ? "absent" : String.format("%02X", le));
    }
}
