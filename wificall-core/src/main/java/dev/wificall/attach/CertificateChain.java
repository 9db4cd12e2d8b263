package dev.wificall.attach;

import dev.wificall.attach.CertificateFinding.Kind;
import dev.wificall.attach.CertificateFinding.Severity;
import dev.wificall.attach.CertificateReport.ChainStatus;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validation of the ePDG's chain against the trust anchors. The JDK's PKIX builder decides; when it
 * fails, its message ("unable to find valid certification path") says nothing a reader can act on,
 * so the chain is walked again by name and signature to say which certificate breaks it and why.
 */
final class CertificateChain {

    private static final int MAX_SHOWN = 8;

    /**
     * @param status  the chain's status
     * @param phrase  the end of the report's sentence: "chain trusted to configured anchor CN=Root"
     * @param finding what to report, when there is something
     */
    record Outcome(ChainStatus status, String phrase, Optional<CertificateFinding> finding) {
    }

    private CertificateChain() {
    }

    /** The chain from {@code leaf} over the other certificates the ePDG sent, judged at {@code at}. */
    static Outcome evaluate(X509Certificate leaf, List<X509Certificate> sent, TrustAnchors anchors, Instant at) {
        if (anchors.isEmpty()) {
            return new Outcome(ChainStatus.NOT_CHECKED, "chain not checked (no trust anchors configured)",
                    Optional.of(new CertificateFinding(Severity.INFO, Kind.CHAIN_NOT_CHECKED,
                            "no trust anchors configured, so the chain was not checked; it runs " + byName(leaf, sent)
                                    + "; give the operator's CA certificates as trust anchors to check it")));
        }
        if (anchors.certificates().contains(leaf)) {
            return trusted(leaf);
        }
        Optional<X509Certificate> anchor = build(leaf, sent, anchors, at);
        if (anchor.isPresent()) {
            return trusted(anchor.get());
        }
        Diagnosis d = diagnose(leaf, sent, anchors, at);
        if (d.anchor() != null) {
            return trusted(d.anchor());
        }
        return new Outcome(ChainStatus.UNTRUSTED, "chain not trusted: " + d.reason(),
                Optional.of(new CertificateFinding(Severity.ERROR, Kind.UNTRUSTED,
                        "the ePDG's certificate chain is not trusted: " + d.reason() + "; " + d.advice())));
    }

    private static Outcome trusted(X509Certificate anchor) {
        return new Outcome(ChainStatus.TRUSTED,
                "chain trusted to configured anchor " + CertificateSummary.dn(anchor.getSubjectX500Principal()), Optional.empty());
    }

    /** The anchor a PKIX path ends at, revocation off, at {@code at}; empty when no path validates. */
    private static Optional<X509Certificate> build(X509Certificate leaf, List<X509Certificate> sent, TrustAnchors anchors,
            Instant at) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors(anchors), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            List<X509Certificate> pool = new ArrayList<>(sent);
            pool.add(leaf);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            return Optional.of(result.getTrustAnchor().getTrustedCert());
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Either the anchor the chain validates to, or why it does not and what to do. */
    private record Diagnosis(X509Certificate anchor, String reason, String advice) {
        static Diagnosis trusted(X509Certificate anchor) {
            return new Diagnosis(anchor, null, null);
        }

        static Diagnosis untrusted(String reason, String advice) {
            return new Diagnosis(null, reason, advice);
        }
    }

    private static final String NOT_OPERATOR_CA = "or the configured anchors are not the operator's CA";

    private static Diagnosis diagnose(X509Certificate leaf, List<X509Certificate> sent, TrustAnchors anchors, Instant at) {
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        List<X509Certificate> pool = new ArrayList<>(sent);
        pool.remove(leaf);
        X509Certificate current = leaf;
        X509Certificate anchor;
        while (true) {
            X509Certificate c = current;
            List<X509Certificate> namedAnchors = anchors.certificates().stream()
                    .filter(a -> a.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
            Optional<X509Certificate> byAnchor = namedAnchors.stream().filter(a -> signedBy(c, a)).findFirst();
            if (byAnchor.isPresent()) {
                anchor = byAnchor.get();
                break;
            }
            List<X509Certificate> namedSent = pool.stream()
                    .filter(s -> s.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
            Optional<X509Certificate> bySent = namedSent.stream().filter(s -> signedBy(c, s)).findFirst();
            if (bySent.isPresent()) {
                current = bySent.get();
                pool.remove(current);
                path.add(current);
                continue;
            }
            String issuer = CertificateSummary.dn(c.getIssuerX500Principal());
            String who = role(c, c == leaf);
            if (!namedAnchors.isEmpty()) {
                return Diagnosis.untrusted("the signature on " + who + " does not verify with the key of the configured anchor "
                        + issuer + " (an anchor of that name with another key)", "the CA was re-keyed and the anchor is the old one, "
                        + NOT_OPERATOR_CA);
            }
            if (!namedSent.isEmpty()) {
                return Diagnosis.untrusted("the signature on " + who + " does not verify with the key of its issuer "
                        + issuer + " that the ePDG sent", "the ePDG sends a certificate its CA did not sign; phones reject it");
            }
            if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                return Diagnosis.untrusted((c == leaf ? who + " is self-signed, " : "the chain ends at the self-signed " + issuer + ", ")
                        + "not among " + anchors.among(), "if it is the operator's CA, add it to the trust anchors; phones"
                        + " without it reject the ePDG");
            }
            return Diagnosis.untrusted("issuer " + issuer + " of " + who + " not among " + anchors.among()
                    + ", and the ePDG did not send it", "the ePDG must send its intermediate certificates (RFC 7296 §3.6), "
                    + NOT_OPERATOR_CA);
        }
        List<String> dates = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            validity(path.get(i), i == 0, at).ifPresent(dates::add);
        }
        if (!dates.isEmpty()) {
            return Diagnosis.untrusted(String.join("; ", dates), "phones reject a chain with a certificate outside its validity");
        }
        return validate(path, anchor, at);
    }

    /** The JDK validator on the path found by name, for what the walk does not check (CA flags, key usage, path length). */
    private static Diagnosis validate(List<X509Certificate> path, X509Certificate anchor, Instant at) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return Diagnosis.trusted(anchor);
        } catch (CertPathValidatorException e) {
            int index = e.getIndex();
            String who = index >= 0 && index < path.size() ? role(path.get(index), index == 0) : "the chain";
            return Diagnosis.untrusted(who + " fails PKIX validation: " + e.getMessage(), "phones reject the chain");
        } catch (GeneralSecurityException e) {
            return Diagnosis.untrusted("the chain cannot be validated: " + e.getMessage(), "phones may reject it");
        }
    }

    /** "intermediate CN=X expired on 2026-01-01", "the ePDG certificate CN=Y is not valid before 2030-01-01". */
    static Optional<String> validity(X509Certificate certificate, boolean leaf, Instant at) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        if (at.isAfter(notAfter)) {
            return Optional.of(role(certificate, leaf) + " expired on " + date(notAfter));
        }
        if (at.isBefore(notBefore)) {
            return Optional.of(role(certificate, leaf) + " is not valid before " + date(notBefore));
        }
        return Optional.empty();
    }

    static String role(X509Certificate certificate, boolean leaf) {
        return (leaf ? "the ePDG certificate " : "intermediate ") + CertificateSummary.dn(certificate.getSubjectX500Principal());
    }

    static String date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** "CN=leaf → CN=Int 2 → CN=Root (not sent)": the issuers by name, as far as the ePDG sent them. */
    private static String byName(X509Certificate leaf, List<X509Certificate> sent) {
        List<String> names = new ArrayList<>(List.of(CertificateSummary.dn(leaf.getSubjectX500Principal())));
        List<X509Certificate> pool = new ArrayList<>(sent);
        pool.remove(leaf);
        X509Certificate current = leaf;
        while (!current.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && names.size() < MAX_SHOWN) {
            X509Certificate c = current;
            Optional<X509Certificate> issuer = pool.stream()
                    .filter(s -> s.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                    .min((a, b) -> Boolean.compare(!signedBy(c, a), !signedBy(c, b)));
            if (issuer.isEmpty()) {
                names.add(CertificateSummary.dn(c.getIssuerX500Principal()) + " (not sent)");
                break;
            }
            current = issuer.get();
            pool.remove(current);
            names.add(CertificateSummary.dn(current.getSubjectX500Principal()));
        }
        return names.stream().collect(Collectors.joining(" → "));
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Set<TrustAnchor> trustAnchors(TrustAnchors anchors) {
        return anchors.certificates().stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
    }
}
