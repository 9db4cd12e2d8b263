package dev.wificall.sim;

import dev.wificall.eap.Imsi;
import java.util.Arrays;

/**
 * EF_IMSI (TS 31.102 §4.2.2): a length byte, then the IMSI as a mobile identity (TS 24.008
 * §10.5.1.4) in BCD: the first byte carries digit 1 in its high nibble and, in its low nibble, the
 * identity type 001 with the odd/even flag (9 = odd number of digits, 1 = even); each further byte
 * carries the next digit low and the one after high; an even count ends with an F filler. Messages
 * say what is wrong and where, never which digits were read.
 */
final class EfImsi {
    /** Bytes READ BINARY asks for: the length byte and up to 8 bytes for 15 digits. */
    static final int SIZE = 9;
    private static final int MAX_CONTENT = 8;
    private static final int ODD = 0x9;
    private static final int EVEN = 0x1;
    private static final int FILLER = 0xf;

    private EfImsi() {
    }

    static Imsi decode(ResponseReader in) throws SimException {
        int length = in.u8("the EF_IMSI length byte");
        if (length == 0xff || length == 0) {
            throw in.malformed("EF_IMSI is empty (length byte " + ResponseReader.hex(length)
                    + "): the card holds no IMSI, it is not personalised");
        }
        if (length > MAX_CONTENT) {
            throw in.malformed("EF_IMSI says " + length + " bytes follow; an IMSI of at most 15 digits takes at most 8");
        }
        byte[] content = in.bytes(length, "the EF_IMSI content");
        int typeAndParity = content[0] & 0x0f;
        if (typeAndParity != ODD && typeAndParity != EVEN) {
            throw in.malformed("the identity type and parity nibble of EF_IMSI is " + Integer.toHexString(typeAndParity).toUpperCase()
                    + "; expected 9 (IMSI, odd number of digits) or 1 (IMSI, even)");
        }
        char[] digits = new char[2 * length - 1];
        int count = 0;
        try {
            // position 0 is the first byte's high nibble; then each byte low nibble first
            for (int p = 0; p < 2 * length - 1; p++) {
                int b = content[(p + 1) / 2];
                int value = p % 2 == 1 ? b & 0x0f : (b >>> 4) & 0x0f;
                if (value == FILLER && p == 2 * length - 2) {
                    break;
                }
                if (value > 9) {
                    throw in.malformed("EF_IMSI digit " + (count + 1) + " is the nibble " + Integer.toHexString(value).toUpperCase()
                            + (value == FILLER ? " (filler) before the last position" : "") + "; expected a decimal digit");
                }
                digits[count++] = (char) ('0' + value);
            }
            boolean odd = count % 2 == 1;
            if (odd != (typeAndParity == ODD)) {
                throw in.malformed("EF_IMSI holds " + count + " digits but its parity nibble says "
                        + (typeAndParity == ODD ? "odd" : "even"));
            }
            if (count < Imsi.MIN_LENGTH) {
                throw in.malformed("EF_IMSI holds " + count + " digits; an IMSI has 6 to 15");
            }
            return new Imsi(new String(digits, 0, count));
        } finally {
            Arrays.fill(digits, '\0');
            Arrays.fill(content, (byte) 0);
        }
    }
}
