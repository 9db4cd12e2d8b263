package dev.wificall.esp;

import dev.wificall.wire.BoundedReader;

/** The bounds-checked reader over one ESP packet (from the SPI, without the UDP header). */
final class EspReader extends BoundedReader<EspReader, EspException> {

    EspReader(byte[] data, int offset, int length) {
        super(data, offset, offset, offset + length);
    }

    private EspReader(byte[] data, int origin, int pos, int end) {
        super(data, origin, pos, end);
    }

    @Override
    protected EspException truncated(int offset, String message) {
        return new EspException(EspException.Reason.TRUNCATED, offset, message);
    }

    @Override
    protected EspException badLength(int offset, String message) {
        return new EspException(EspException.Reason.BAD_LENGTH, offset, message);
    }

    @Override
    protected EspReader create(byte[] data, int origin, int pos, int end) {
        return new EspReader(data, origin, pos, end);
    }
}
