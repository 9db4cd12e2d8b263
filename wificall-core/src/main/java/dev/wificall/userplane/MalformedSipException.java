package dev.wificall.userplane;

/**
 * Bytes that are not a SIP/2.0 response this checker can read (RFC 3261 §7.2). The message says what
 * and where, e.g. "not a SIP/2.0 response at offset 0: the status line is \"HTTP/1.1 400 Bad Request\"";
 * offsets count from the first byte of the response.
 */
final class MalformedSipException extends Exception {
    private static final long serialVersionUID = 1L;

    enum Reason {
        /** The bytes end before the status line, the headers or the body they announce. */
        TRUNCATED,
        /** Past the limits: more than {@link SipOptions#MAX_BYTES} bytes or {@link SipOptions#MAX_HEADER_LINES} header lines. */
        TOO_LARGE,
        /** Not a SIP/2.0 response at all (another protocol, a request, a bad status code). */
        NOT_SIP,
        /** A header line without a colon, a Content-Length that is not a number, a missing Call-ID or Via. */
        BAD_HEADER
    }

    private final Reason reason;
    private final int offset;

    MalformedSipException(Reason reason, int offset, String message) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    Reason reason() {
        return reason;
    }

    int offset() {
        return offset;
    }
}
