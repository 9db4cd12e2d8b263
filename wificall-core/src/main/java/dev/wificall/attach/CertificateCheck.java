package dev.wificall.attach;

import dev.wificall.attach.CertificateFinding.Kind;
import dev.wificall.attach.CertificateFinding.Severity;
import dev.wificall.attach.CertificateReport.ChainStatus;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges the certificates an ePDG sent in its IKE_AUTH answer as a phone would: does the first one
 * (RFC 7296 §3.6: the one whose key signed AUTH) name the FQDN the phone resolved, does the chain lead
 * to the operator's CA, and is every certificate within its validity.
 */
public final class CertificateCheck {

    /** Warn this many days before a certificate expires, unless told otherwise. */
    public static final int DEFAULT_WARNING_DAYS = 30;

    private static final long SECONDS_PER_DAY = 86_400;
    private static final int SHOWN_NAMES = 4;

    private final TrustAnchors anchors;
    private final int warningDays;
    private final Clock clock;

    /**
     * @param anchors     the CA certificates the chain must lead to; {@link TrustAnchors#none()} to leave it unchecked
     * @param warningDays an expiry fewer days away than this is a warning; 0 for none
     * @param clock       the time certificates are judged at
     */
    public CertificateCheck(TrustAnchors anchors, int warningDays, Clock clock) {
        if (warningDays < 0) {
            throw new IllegalArgumentException("certificate expiry warning must be 0 or more days; got " + warningDays);
        }
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.warningDays = warningDays;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Anchors, a 30-day warning and the system clock. */
    public CertificateCheck(TrustAnchors anchors) {
        this(anchors, DEFAULT_WARNING_DAYS, Clock.systemUTC());
    }

    /**
     * @param fqdn            the ePDG name the phone resolved
     * @param idType          the IDr's ID type (RFC 7296 §3.5); ignored without {@code idData}
     * @param idData          the IDr's identification data; null or empty when the answer had no IDr
     * @param derCertificates the CERT payloads' data (X.509 in DER), in the order received
     */
    public CertificateReport check(String fqdn, int idType, byte[] idData, List<byte[]> derCertificates) {
        Objects.requireNonNull(fqdn, "fqdn");
        Instant now = clock.instant();
        String idr = CertificateNames.idText(idType, idData);
        List<CertificateFinding> findings = new ArrayList<>();
        List<byte[]> received = derCertificates == null ? List.of() : derCertificates;
        if (received.isEmpty()) {
            String sentence = "the ePDG sent no certificate in its IKE_AUTH answer; a phone cannot authenticate it";
            findings.add(new CertificateFinding(Severity.ERROR, Kind.NO_CERTIFICATE, sentence));
            return new CertificateReport(fqdn, List.of(), idr, false, false, ChainStatus.NOT_CHECKED, 0, 0, findings,
                    "the ePDG for " + fqdn + " sent no certificate in its IKE_AUTH answer (IDr " + idr
                            + "); a phone cannot authenticate it");
        }

        List<X509Certificate> decoded = new ArrayList<>();
        X509Certificate leaf = null;
        for (int i = 0; i < received.size(); i++) {
            byte[] der = received.get(i);
            String which = "certificate " + (i + 1) + " of " + received.size();
            try {
                X509Certificate c = decode(der);
                if (i == 0) {
                    leaf = c;
                }
                decoded.add(c);
            } catch (CertificateException | RuntimeException e) {
                boolean first = i == 0;
                findings.add(new CertificateFinding(first ? Severity.ERROR : Severity.WARNING, Kind.UNDECODABLE,
                        which + " from the ePDG (" + (der == null ? 0 : der.length) + " bytes"
                                + (first ? ", its own" : "") + ") is not an X.509 certificate in DER: " + reason(e)
                                + (first ? "; a phone cannot authenticate the ePDG"
                                        : "; a phone that needs it to reach the operator's CA fails")));
            }
        }
        if (leaf == null) {
            return new CertificateReport(fqdn, List.of(), idr, false, false, ChainStatus.NOT_CHECKED, 0, 0, findings,
                    "the ePDG for " + fqdn + " sent " + received.size() + " certificate" + (received.size() == 1 ? "" : "s")
                            + " but its own (the first) is not X.509 DER, so it cannot be checked");
        }

        List<CertificateSummary> chain = decoded.stream().map(CertificateSummary::of).toList();
        CertificateSummary own = chain.get(0);
        List<String> dnsNames = own.dnsNames();

        boolean sanMatches = dnsNames.stream().anyMatch(n -> CertificateNames.matches(n, fqdn));
        boolean idrConfirmed = CertificateNames.confirms(leaf, own.subjectAltNames(), idType, idData);
        boolean idrIsFqdn = idType == CertificateNames.ID_FQDN && idData != null && idData.length > 0
                && CertificateNames.normal(CertificateNames.text(idData)).equals(CertificateNames.normal(fqdn));
        boolean nameMatches = sanMatches || (idrIsFqdn && idrConfirmed);
        if (!nameMatches) {
            findings.add(new CertificateFinding(Severity.ERROR, Kind.NAME_MISMATCH, "the ePDG certificate " + own.name()
                    + " does not name " + fqdn + ": " + sans(dnsNames)
                    + "; its IDr is " + idr + (idrConfirmed ? " (which the certificate holds: a phone configured with that ePDG"
                            + " identity would accept it)" : "")
                    + "; a phone that resolved " + fqdn + " rejects it"));
        }
        if (idData != null && idData.length > 0 && !idrConfirmed) {
            findings.add(new CertificateFinding(Severity.WARNING, Kind.IDR_NOT_CONFIRMED, "the ePDG's IDr " + idr
                    + " is not an identity its certificate " + own.name() + " holds (" + identities(own)
                    + "); clients that check IDr against the certificate, as strongSwan does, reject it"));
        }

        for (int i = 0; i < decoded.size(); i++) {
            expiry(decoded.get(i), i == 0, now).ifPresent(findings::add);
        }
        long days = daysBetween(now, own.notAfter());
        long chainDays = chain.stream().mapToLong(s -> daysBetween(now, s.notAfter())).min().orElse(days);

        CertificateChain.Outcome trust = CertificateChain.evaluate(leaf, decoded.subList(1, decoded.size()), anchors, now);
        trust.finding().ifPresent(findings::add);

        String sentence = "the ePDG for " + fqdn + " presented " + own.name() + " (" + sanPhrase(dnsNames, nameMatches, fqdn)
                + ") issued by " + own.issuer() + ", " + validityPhrase(own, now) + ", " + trust.phrase();
        return new CertificateReport(fqdn, chain, idr, idrConfirmed, nameMatches, trust.status(), days, chainDays,
                findings, sentence);
    }

    private static X509Certificate decode(byte[] der) throws CertificateException {
        if (der == null || der.length == 0) {
            throw new CertificateException("empty");
        }
        Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        if (!(c instanceof X509Certificate x)) {
            throw new CertificateException("not X.509");
        }
        return x;
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** EXPIRED, NOT_YET_VALID or EXPIRES_SOON for one certificate, when it applies. */
    private Optional<CertificateFinding> expiry(X509Certificate certificate, boolean leaf, Instant now) {
        String who = CertificateChain.role(certificate, leaf);
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        String consequence = leaf ? "Wi-Fi Calling through this ePDG" : "every ePDG certificate it issued";
        if (now.isAfter(notAfter)) {
            return Optional.of(new CertificateFinding(Severity.ERROR, Kind.EXPIRED, who + " expired on "
                    + CertificateChain.date(notAfter) + " (" + ago(now, notAfter) + ", checked at " + now + "); phones reject "
                    + (leaf ? "it" : "the chain") + " until the operator renews it"));
        }
        if (now.isBefore(notBefore)) {
            return Optional.of(new CertificateFinding(Severity.ERROR, Kind.NOT_YET_VALID, who + " is not valid before "
                    + CertificateChain.date(notBefore) + " (checked at " + now + "); phones reject "
                    + (leaf ? "it" : "the chain") + " until then, unless the clock of this host is wrong"));
        }
        long days = daysBetween(now, notAfter);
        if (days < warningDays) {
            return Optional.of(new CertificateFinding(Severity.WARNING, Kind.EXPIRES_SOON, who + " expires on "
                    + CertificateChain.date(notAfter) + " (in " + dayCount(days) + ", warning at " + warningDays + "); "
                    + consequence + " fails then unless the operator renews it"));
        }
        return Optional.empty();
    }

    /** Whole days from {@code now} to {@code then}, rounded down: negative once {@code then} has passed. */
    private static long daysBetween(Instant now, Instant then) {
        return Math.floorDiv(Duration.between(now, then).getSeconds(), SECONDS_PER_DAY);
    }

    private static String ago(Instant now, Instant then) {
        long days = Duration.between(then, now).toDays();
        return days == 0 ? "less than a day ago" : dayCount(days) + " ago";
    }

    private static String dayCount(long days) {
        return days + (days == 1 ? " day" : " days");
    }

    /** "valid until 2027-01-02 (35 days)", "expired on 2026-03-02 (91 days ago)", "not valid before 2030-01-01". */
    private static String validityPhrase(CertificateSummary own, Instant now) {
        if (now.isAfter(own.notAfter())) {
            return "expired on " + CertificateChain.date(own.notAfter()) + " (" + ago(now, own.notAfter()) + ")";
        }
        if (now.isBefore(own.notBefore())) {
            return "not valid before " + CertificateChain.date(own.notBefore());
        }
        return "valid until " + CertificateChain.date(own.notAfter()) + " (" + dayCount(daysBetween(now, own.notAfter())) + ")";
    }

    /** "SAN epdg.example", "SAN a, b and 3 more; none matches fqdn", "no SAN dNSName". */
    private static String sanPhrase(List<String> dnsNames, boolean matches, String fqdn) {
        String names = dnsNames.isEmpty() ? "no SAN dNSName" : "SAN " + shown(dnsNames);
        return matches ? names : names + "; not " + fqdn;
    }

    /** For a name mismatch: the SAN dNSNames, or that there are none and what the subject says instead. */
    private static String sans(List<String> dnsNames) {
        return dnsNames.isEmpty() ? "it has no SAN dNSName (phones do not fall back to the subject CN)"
                : "its SAN dNSNames are " + shown(dnsNames);
    }

    /** The identities an IDr could match: SAN entries and the subject. */
    private static String identities(CertificateSummary own) {
        List<String> all = new ArrayList<>(own.subjectAltNames());
        all.add("subject " + own.name());
        return shown(all);
    }

    private static String shown(List<String> items) {
        if (items.size() <= SHOWN_NAMES) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, SHOWN_NAMES)) + " and " + (items.size() - SHOWN_NAMES) + " more";
    }
}
