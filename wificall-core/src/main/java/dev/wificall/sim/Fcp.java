package dev.wificall.sim;

import java.util.OptionalInt;

/**
 * What this host needs of a file control parameters template (tag 62, TS 102 221 §11.1.1.3): the
 * file descriptor (tag 82) and, for a record file, its record length and number of records.
 *
 * @param descriptor   the file descriptor byte, or -1 when the template has no tag 82 (an ADF's may not)
 * @param recordLength bytes per record, 0 for a transparent file or none given
 * @param records      number of records, 0 for a transparent file or none given
 */
record Fcp(int descriptor, int recordLength, int records) {
    private static final int TAG_FCP = 0x62;
    private static final int TAG_DESCRIPTOR = 0x82;
    /** File descriptor bits b6..b4 = 000 working EF, b3..b1 = 010 linear fixed (TS 102 221 Table 11.5). */
    private static final int TYPE_AND_STRUCTURE = 0x3f;
    private static final int WORKING_LINEAR_FIXED = 0x02;

    /** Decodes the answer to a SELECT with P2 04; anything after the template is not ours to judge. */
    static Fcp decode(ResponseReader in) throws SimException {
        ResponseReader body = in.expect(TAG_FCP, "the FCP template");
        int descriptor = -1;
        int recordLength = 0;
        int records = 0;
        while (body.remaining() > 0) {
            int start = body.offset();
            int tag = body.tag("an FCP object");
            ResponseReader value = body.value(start, "FCP object " + ResponseReader.hex(tag));
            if (tag == TAG_DESCRIPTOR && descriptor < 0) {
                descriptor = value.u8("the file descriptor");
                value.u8("the data coding byte");
                if (value.remaining() > 0) {
                    recordLength = value.u16("the record length");
                    records = value.u8("the number of records");
                }
            }
        }
        return new Fcp(descriptor, recordLength, records);
    }

    boolean linearFixed() {
        return descriptor >= 0 && (descriptor & TYPE_AND_STRUCTURE) == WORKING_LINEAR_FIXED;
    }

    /** The record length when the FCP gives one. */
    OptionalInt recordSize() {
        return recordLength > 0 ? OptionalInt.of(recordLength) : OptionalInt.empty();
    }
}
