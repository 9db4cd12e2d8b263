package dev.wificall.probe;

/**
 * An INVALID_KE_PAYLOAD the responder sent, and what the probe did about it.
 *
 * @param group   the DH group the responder asked for
 * @param offered whether the request's proposals offered that group
 * @param retried whether the probe resent with a KE for it (only for an offered group, at most twice)
 */
public record GroupRetry(int group, boolean offered, boolean retried) {
    @Override
    public String toString() {
        return "INVALID_KE_PAYLOAD asked for DH group " + group + " (" + (offered ? "offered" : "not offered")
                + (retried ? ", retried" : "") + ")";
    }
}
