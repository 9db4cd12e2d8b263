package dev.wificall.userplane;

import dev.wificall.userplane.MalformedSipException.Reason;
import dev.wificall.wire.BoundedReader;
import java.nio.charset.StandardCharsets;

/** The bounds-checked reader over one SIP message: lines end with CRLF (a bare LF is taken too). */
final class SipReader extends BoundedReader<SipReader, MalformedSipException> {
    private final byte[] data;

    SipReader(byte[] data) {
        super(data, 0, 0, data.length);
        this.data = data;
    }

    private SipReader(byte[] data, int origin, int pos, int end) {
        super(data, origin, pos, end);
        this.data = data;
    }

    @Override
    protected MalformedSipException truncated(int offset, String message) {
        return new MalformedSipException(Reason.TRUNCATED, offset, message);
    }

    @Override
    protected MalformedSipException badLength(int offset, String message) {
        return new MalformedSipException(Reason.BAD_HEADER, offset, message);
    }

    @Override
    protected SipReader create(byte[] data, int origin, int pos, int end) {
        return new SipReader(data, origin, pos, end);
    }

    /** The next line without its CRLF; an error when the bytes end before the line does. */
    String line(String what) throws MalformedSipException {
        int start = offset();
        int length = 0;
        while (length < remaining() && data[start + length] != '\n') {
            length++;
        }
        if (length == remaining()) {
            throw new MalformedSipException(Reason.TRUNCATED, start,
                    "truncated SIP " + what + " at offset " + start + ": no CRLF in the " + length + " bytes that remain");
        }
        byte[] raw = bytes(length, what);
        skip(1, what);
        int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        return new String(raw, 0, n, StandardCharsets.UTF_8);
    }

    /** Whether the next byte is a space or tab: a folded continuation of the previous header line (RFC 3261 §7.3.1). */
    boolean continuation() {
        return remaining() > 0 && (data[offset()] == ' ' || data[offset()] == '\t');
    }
}
