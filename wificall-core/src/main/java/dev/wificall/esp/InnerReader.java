package dev.wificall.esp;

import dev.wificall.esp.MalformedInnerPacketException.Reason;
import dev.wificall.wire.BoundedReader;

/** The bounds-checked reader over one inner packet or one transport header; offsets count from its first byte. */
final class InnerReader extends BoundedReader<InnerReader, MalformedInnerPacketException> {

    InnerReader(byte[] data) {
        this(data, 0, data.length);
    }

    InnerReader(byte[] data, int offset, int length) {
        super(data, offset, offset, offset + length);
    }

    private InnerReader(byte[] data, int origin, int pos, int end) {
        super(data, origin, pos, end);
    }

    @Override
    protected MalformedInnerPacketException truncated(int offset, String message) {
        return new MalformedInnerPacketException(Reason.TRUNCATED, offset, message);
    }

    @Override
    protected MalformedInnerPacketException badLength(int offset, String message) {
        return new MalformedInnerPacketException(Reason.BAD_LENGTH, offset, message);
    }

    @Override
    protected InnerReader create(byte[] data, int origin, int pos, int end) {
        return new InnerReader(data, origin, pos, end);
    }
}
