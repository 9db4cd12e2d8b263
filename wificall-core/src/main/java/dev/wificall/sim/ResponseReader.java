package dev.wificall.sim;

import dev.wificall.wire.BoundedReader;

/**
 * The bounds-checked reader over the data of one card response (the status word already taken
 * off), with the BER-TLV reads the USIM answers need (ISO 7816-4 §5.2: FCP templates, EF_DIR
 * application templates). A malformed answer is a {@link SimException} CARD_ERROR that names the
 * reader, the command answered and what was wrong; offsets count from the first response byte.
 */
final class ResponseReader extends BoundedReader<ResponseReader, SimException> {
    private final String reader;
    private final String answer;

    /**
     * @param reader the reader's name, for the message
     * @param answer what the data answers, e.g. "SELECT EF_DIR"
     */
    ResponseReader(byte[] data, String reader, String answer) {
        this(data, 0, 0, data.length, reader, answer);
    }

    private ResponseReader(byte[] data, int origin, int pos, int end, String reader, String answer) {
        super(data, origin, pos, end);
        this.reader = reader;
        this.answer = answer;
    }

    @Override
    protected SimException truncated(int offset, String message) {
        return malformed(message);
    }

    @Override
    protected SimException badLength(int offset, String message) {
        return malformed(message);
    }

    @Override
    protected ResponseReader create(byte[] data, int origin, int pos, int end) {
        return new ResponseReader(data, origin, pos, end, reader, answer);
    }

    /** A CARD_ERROR for what the caller found wrong in this answer. */
    SimException malformed(String what) {
        return new SimException(SimException.Reason.CARD_ERROR, reader, "the card in reader '" + reader
                + "' sent a malformed answer to " + answer + ": " + what + "; the card or the reader is faulty, "
                + "or the card is no standard UICC");
    }

    /**
     * Reads one BER-TLV whose tag must be {@code expected} (a one-byte tag) and returns a reader
     * fenced to its value.
     */
    ResponseReader expect(int expected, String what) throws SimException {
        int start = offset();
        int tag = tag(what);
        if (tag != expected) {
            throw malformed(what + " should start with tag " + hex(expected) + " but starts with " + hex(tag)
                    + " at offset " + start);
        }
        return value(start, what);
    }

    /** One tag: one byte, or more when its low five bits are all set (ISO 7816-4 §5.2.2.1). */
    int tag(String what) throws SimException {
        int start = offset();
        int tag = u8(what + " tag");
        if ((tag & 0x1f) == 0x1f) {
            int more;
            do {
                more = u8(what + " tag");
                tag = tag << 8 | more;
                if (offset() - start > 3) {
                    throw malformed(what + " has a tag longer than 3 bytes at offset " + start);
                }
            } while ((more & 0x80) != 0);
        }
        return tag;
    }

    /**
     * The value of the TLV whose tag was read starting at {@code start}: reads the length (one byte,
     * or 81 xx, or 82 xx xx) and fences the value, checked against what remains.
     */
    ResponseReader value(int start, String what) throws SimException {
        int first = u8(what + " length");
        int length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x81) {
            length = u8(what + " length");
        } else if (first == 0x82) {
            length = u16(what + " length");
        } else {
            throw malformed(what + " has length byte " + hex(first) + " at offset " + (offset() - 1)
                    + "; expected 00-7F, 81 xx or 82 xx xx");
        }
        return fence(start, offset() - start + length, what);
    }

    static String hex(int value) {
        return value > 0xffff ? String.format("%06X", value) : value > 0xff ? String.format("%04X", value)
                : String.format("%02X", value);
    }
}
