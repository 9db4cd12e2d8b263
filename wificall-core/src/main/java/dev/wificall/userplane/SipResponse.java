package dev.wificall.userplane;

import java.util.Objects;
import java.util.Optional;

/**
 * A SIP response to our OPTIONS: the status line, and the headers that say who answered and what it
 * takes.
 *
 * @param server the Server header, or User-Agent when a P-CSCF sends that instead
 * @param allow  the Allow header: the methods the P-CSCF takes
 */
record SipResponse(int status, String reason, Optional<String> server, Optional<String> allow) {

    SipResponse {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("SIP status " + status + " is not 100..699");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(allow, "allow");
    }

    /** 200 and up: the transaction ends; 1xx are provisional and a final response follows. */
    boolean isFinal() {
        return status >= 200;
    }
}
