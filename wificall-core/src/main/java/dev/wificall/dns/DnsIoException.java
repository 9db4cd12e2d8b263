package dev.wificall.dns;

import java.io.IOException;

/**
 * What went wrong on the way to a resolver, in words for a person ("the resolver closed the TCP
 * connection after 40 of the 5,000 bytes it announced"), and whether it was time that ran out.
 * Only {@link DnsSockets} throws it, so every text a lookup shows about the transport is its own.
 */
final class DnsIoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    DnsIoException(String message, boolean timeout) {
        super(message);
        this.timeout = timeout;
    }

    boolean timeout() {
        return timeout;
    }
}
