package dev.wificall.sim;

import java.util.HexFormat;
import java.util.Optional;

/**
 * One application an EF_DIR record lists (TS 102 221 §13.1, ISO 7816-4 §8.2.1.1): template 61
 * holding the AID (tag 4F) and, optionally, a label (tag 50); other objects are skipped. An AID is
 * no secret: it names the kind of application, the same on every card of an issuer.
 */
record Application(byte[] aid, String label) {
    private static final int TAG_TEMPLATE = 0x61;
    private static final int TAG_AID = 0x4f;
    private static final int TAG_LABEL = 0x50;
    private static final int EMPTY = 0xff;
    /** RID of 3GPP (A000000087) and the USIM application code 1002 (TS 101 220 Annex E). */
    private static final byte[] USIM_PREFIX = {(byte) 0xa0, 0x00, 0x00, 0x00, (byte) 0x87, 0x10, 0x02};
    /** A 5-byte RID plus at most 11 bytes of PIX (ISO 7816-4 §8.2.1.2). */
    private static final int MIN_AID = 5;
    private static final int MAX_AID = 16;
    private static final int SHOWN_LABEL = 32;

    Application {
        aid = aid.clone();
    }

    @Override
    public byte[] aid() {
        return aid.clone();
    }

    /**
     * The application of one record, or empty for an unused record (all FF, or starting with FF).
     *
     * @param in the record's data, fenced to it
     */
    static Optional<Application> decode(ResponseReader in) throws SimException {
        if (in.remaining() == 0) {
            return Optional.empty();
        }
        int start = in.offset();
        int first = in.u8("the application template");
        if (first == EMPTY) {
            return Optional.empty();
        }
        if (first != TAG_TEMPLATE) {
            throw in.malformed("the record should hold an application template (tag 61) or be unused (FF), but starts with "
                    + ResponseReader.hex(first));
        }
        ResponseReader body = in.value(start, "the application template");
        byte[] aid = null;
        String label = "";
        while (body.remaining() > 0) {
            int at = body.offset();
            int tag = body.tag("an application template object");
            ResponseReader value = body.value(at, "application template object " + ResponseReader.hex(tag));
            if (tag == TAG_AID && aid == null) {
                int length = value.remaining();
                if (length < MIN_AID || length > MAX_AID) {
                    throw in.malformed("the AID (tag 4F) is " + length + " bytes; an AID is 5 to 16 bytes");
                }
                aid = value.rest();
            } else if (tag == TAG_LABEL) {
                label = printable(value.rest());
            }
        }
        if (aid == null) {
            throw in.malformed("the application template has no AID (tag 4F)");
        }
        return Optional.of(new Application(aid, label));
    }

    /** Whether this is a USIM: A0 00 00 00 87 10 02 followed by anything. */
    boolean usim() {
        if (aid.length < USIM_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < USIM_PREFIX.length; i++) {
            if (aid[i] != USIM_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /** "A0000000871004FFFFFFFF8907090000 'ISIM'" for messages. */
    String describe() {
        return HexFormat.of().withUpperCase().formatHex(aid) + (label.isEmpty() ? "" : " '" + label + "'");
    }

    @Override
    public String toString() {
        return "Application[" + describe() + "]";
    }

    /** The label as shown: printable ASCII kept, other bytes as '?', at most a few dozen characters. */
    private static String printable(byte[] text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length && b.length() < SHOWN_LABEL; i++) {
            int c = Byte.toUnsignedInt(text[i]);
            b.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return b.toString().strip();
    }
}
