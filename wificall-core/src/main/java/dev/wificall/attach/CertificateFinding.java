package dev.wificall.attach;

import java.util.Objects;

/**
 * One thing the certificate check found about the ePDG's certificates.
 *
 * @param severity ERROR fails the check, WARNING and INFO do not
 * @param kind     what it is about
 * @param sentence one sentence naming the certificate, the name or date concerned, and what follows from it
 */
public record CertificateFinding(Severity severity, Kind kind, String sentence) {

    public enum Severity { ERROR, WARNING, INFO }

    public enum Kind {
        /** The IKE_AUTH answer carried no CERT payload. */
        NO_CERTIFICATE,
        /** A CERT payload's data is not an X.509 certificate in DER. */
        UNDECODABLE,
        /** No SAN dNSName of the ePDG certificate matches the FQDN the phone resolved. */
        NAME_MISMATCH,
        /** The ePDG's IDr is not one of the identities its certificate holds. */
        IDR_NOT_CONFIRMED,
        /** A certificate's notAfter has passed. */
        EXPIRED,
        /** A certificate expires within the warning period. */
        EXPIRES_SOON,
        /** A certificate's notBefore is still to come. */
        NOT_YET_VALID,
        /** No path from the ePDG certificate to a configured trust anchor validates. */
        UNTRUSTED,
        /** No trust anchors were configured, so the chain was not validated. */
        CHAIN_NOT_CHECKED
    }

    public CertificateFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentence, "sentence");
    }

    @Override
    public String toString() {
        return severity + " " + kind + ": " + sentence;
    }
}
