package dev.wificall.attach;

import dev.wificall.attach.CertificateFinding.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the ePDG's certificates say about it, as a phone would judge them.
 *
 * @param fqdn              the ePDG name the phone resolved and checks the certificate against
 * @param chain             the certificates that decode, in the order the ePDG sent them (RFC 7296 §3.6: its own
 *                          first); empty when its own certificate does not decode
 * @param idr               the ePDG's IDr as text with its type, e.g. {@code ID_FQDN epdg.example}; "none" without one
 * @param idrConfirmed      the certificate holds the IDr (as strongSwan requires: an ID_FQDN among the SAN
 *                          dNSNames, a DN equal to the subject, an address among the SAN iPAddresses)
 * @param nameMatches       a SAN dNSName matches {@code fqdn}, or the IDr is {@code fqdn} and confirmed
 * @param trust             the chain's validation against the configured anchors
 * @param daysToExpiry      whole days until the ePDG certificate expires, negative once it has; 0 without a certificate
 * @param chainDaysToExpiry the same for the certificate of the chain that expires first
 * @param findings          errors first, then warnings, then notes
 * @param sentence          one line for a network engineer: FQDN, subject and SANs, issuer, expiry, trust
 */
public record CertificateReport(String fqdn, List<CertificateSummary> chain, String idr, boolean idrConfirmed,
        boolean nameMatches, ChainStatus trust, long daysToExpiry, long chainDaysToExpiry,
        List<CertificateFinding> findings, String sentence) {

    public enum ChainStatus {
        /** A path from the ePDG certificate to a configured anchor validates now. */
        TRUSTED,
        /** No such path validates; a finding says which certificate and why. */
        UNTRUSTED,
        /** No anchors were configured (or there was no certificate to check). */
        NOT_CHECKED
    }

    public CertificateReport {
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(sentence, "sentence");
        chain = List.copyOf(chain);
        findings = findings.stream().sorted(Comparator.comparing(CertificateFinding::severity)).toList();
    }

    /** No ERROR finding: a phone would accept these certificates for this name. */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** The sentence, then a line per finding. */
    public String text() {
        return findings.isEmpty() ? sentence
                : sentence + findings.stream().map(f -> "\n  " + f).collect(Collectors.joining());
    }
}
