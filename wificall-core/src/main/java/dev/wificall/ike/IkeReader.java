package dev.wificall.ike;

import dev.wificall.ike.MalformedIkeException.Reason;
import dev.wificall.wire.BoundedReader;

/** The bounds-checked reader over one IKE message; offsets count from the start of the IKE header. */
final class IkeReader extends BoundedReader<IkeReader, MalformedIkeException> {

    IkeReader(byte[] data, int offset, int length) {
        super(data, offset, offset, offset + length);
    }

    private IkeReader(byte[] data, int origin, int pos, int end) {
        super(data, origin, pos, end);
    }

    @Override
    protected MalformedIkeException truncated(int offset, String message) {
        return new MalformedIkeException(Reason.TRUNCATED, offset, message);
    }

    @Override
    protected MalformedIkeException badLength(int offset, String message) {
        return new MalformedIkeException(Reason.BAD_LENGTH, offset, message);
    }

    @Override
    protected IkeReader create(byte[] data, int origin, int pos, int end) {
        return new IkeReader(data, origin, pos, end);
    }
}
