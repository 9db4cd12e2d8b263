package dev.wificall.testkit.sim;

import dev.wificall.wire.BoundedReader;

/** The bounds-checked reader over one command APDU or its data field; offsets count from its first byte. */
final class ApduReader extends BoundedReader<ApduReader, MalformedApduException> {

    ApduReader(byte[] data) {
        super(data, 0, 0, data.length);
    }

    private ApduReader(byte[] data, int origin, int pos, int end) {
        super(data, origin, pos, end);
    }

    @Override
    protected MalformedApduException truncated(int offset, String message) {
        return new MalformedApduException(message);
    }

    @Override
    protected MalformedApduException badLength(int offset, String message) {
        return new MalformedApduException(message);
    }

    @Override
    protected ApduReader create(byte[] data, int origin, int pos, int end) {
        return new ApduReader(data, origin, pos, end);
    }
}
