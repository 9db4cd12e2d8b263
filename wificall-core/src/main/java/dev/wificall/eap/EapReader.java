package dev.wificall.eap;

import dev.wificall.eap.MalformedEapException.Reason;
import dev.wificall.wire.BoundedReader;

/** The bounds-checked reader over one EAP packet; offsets count from its Code byte. */
final class EapReader extends BoundedReader<EapReader, MalformedEapException> {

    EapReader(byte[] data) {
        super(data, 0, 0, data.length);
    }

    private EapReader(byte[] data, int origin, int pos, int end) {
        super(data, origin, pos, end);
    }

    @Override
    protected MalformedEapException truncated(int offset, String message) {
        return new MalformedEapException(Reason.TRUNCATED, offset, message);
    }

    @Override
    protected MalformedEapException badLength(int offset, String message) {
        return new MalformedEapException(Reason.BAD_LENGTH, offset, message);
    }

    @Override
    protected EapReader create(byte[] data, int origin, int pos, int end) {
        return new EapReader(data, origin, pos, end);
    }
}
