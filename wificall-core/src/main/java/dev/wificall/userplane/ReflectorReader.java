package dev.wificall.userplane;

import dev.wificall.userplane.MalformedReflectorException.Reason;
import dev.wificall.wire.BoundedReader;

/** The bounds-checked reader over one reflector message; offsets count from its first magic byte. */
final class ReflectorReader extends BoundedReader<ReflectorReader, MalformedReflectorException> {

    ReflectorReader(byte[] data, int offset, int length) {
        super(data, offset, offset, offset + length);
    }

    private ReflectorReader(byte[] data, int origin, int pos, int end) {
        super(data, origin, pos, end);
    }

    @Override
    protected MalformedReflectorException truncated(int offset, String message) {
        return new MalformedReflectorException(Reason.TRUNCATED, offset, message);
    }

    @Override
    protected MalformedReflectorException badLength(int offset, String message) {
        return new MalformedReflectorException(Reason.BAD_LENGTH, offset, message);
    }

    @Override
    protected ReflectorReader create(byte[] data, int origin, int pos, int end) {
        return new ReflectorReader(data, origin, pos, end);
    }
}
