package dev.wificall.report;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateReport;
import java.util.ArrayList;
import java.util.List;

/**
 * One short line per IKE_AUTH probe, for build logs and report summaries: the address, the outcome,
 * how the answer came, the certificate's trust and expiry, the EAP method or what an attach was
 * given, and when it failed, why in a few words. The whole story is the result's sentence; these
 * lines let a reader scan many results. Nothing in them is secret: the result holds none.
 */
public final class AttachLines {

    private AttachLines() {
    }

    /**
     * "IKE_AUTH 10.77.9.2: ANSWERED in 5 IKE fragments (6120 bytes), certificate trusted, expires in
     * 35 days, EAP-AKA requested", or for a failure "...; FAILED: EXPIRED".
     */
    public static String line(AttachResult a) {
        List<String> parts = new ArrayList<>();
        String delivery = delivery(a);
        a.certificate().ifPresent(c -> parts.add(certificate(c)));
        if (a.certificate().isEmpty() && answered(a)) {
            parts.add("no certificate");
        }
        a.signature().filter(s -> !s.valid()).ifPresent(s -> parts.add("AUTH signature does not verify"));
        if (a.outcome() == AttachResult.Outcome.ATTACHED) {
            parts.add("attached as " + a.subscriber());
        } else {
            a.eapMethod().ifPresent(m -> parts.add(method(m) + " requested"));
        }
        if (!a.innerAddresses().isEmpty()) {
            parts.add("inner " + String.join(", ", a.innerAddresses()));
        }
        if (!a.dnsServers().isEmpty()) {
            parts.add("DNS " + String.join(", ", a.dnsServers()));
        }
        if (!a.pcscfServers().isEmpty()) {
            parts.add("P-CSCF " + String.join(", ", a.pcscfServers()));
        }
        if (!a.errorNotifies().isEmpty()) {
            parts.add("notify " + String.join(", ", a.errorNotifies()));
        }
        StringBuilder b = new StringBuilder("IKE_AUTH ").append(a.address()).append(": ").append(a.outcome().name());
        if (!delivery.isEmpty()) {
            b.append(' ').append(delivery);
        }
        for (String p : parts) {
            b.append(", ").append(p);
        }
        if (!a.passed()) {
            List<String> why = reasons(a);
            b.append("; FAILED").append(why.isEmpty() ? "" : ": " + String.join(", ", why));
        }
        return b.toString();
    }

    /** "in one message of 1180 bytes", "in 5 IKE fragments (6120 bytes)", "" when nothing came. */
    public static String delivery(AttachResult a) {
        return switch (a.delivery()) {
            case WHOLE -> "in one message of " + a.answerBytes() + " bytes";
            case IKE_FRAGMENTS -> "in " + a.answerFragments() + " IKE fragments (" + a.answerBytes() + " bytes)";
            case NONE -> "";
        };
    }

    /** "certificate trusted, expires in 35 days", with "name does not match ..." when it does not. */
    public static String certificate(CertificateReport c) {
        if (c.chain().isEmpty()) {
            return "certificate missing or undecodable";
        }
        StringBuilder b = new StringBuilder("certificate ").append(switch (c.trust()) {
            case TRUSTED -> "trusted";
            case UNTRUSTED -> "untrusted";
            case NOT_CHECKED -> "not checked (no trust store)";
        });
        b.append(", ").append(expiry(c.daysToExpiry()));
        if (!c.nameMatches()) {
            b.append(", name does not match ").append(c.fqdn());
        }
        return b.toString();
    }

    /** "expires in 35 days", "expires today", "expired 3 days ago". */
    public static String expiry(long days) {
        if (days > 0) {
            return "expires in " + days + (days == 1 ? " day" : " days");
        }
        if (days == 0) {
            return "expires today";
        }
        return "expired " + -days + (days == -1 ? " day ago" : " days ago");
    }

    /** "EAP-AKA" of "EAP-AKA (23) AKA-Challenge". */
    static String method(String eapMethod) {
        int cut = eapMethod.indexOf(" (");
        return cut > 0 ? eapMethod.substring(0, cut) : eapMethod;
    }

    private static boolean answered(AttachResult a) {
        return a.outcome() == AttachResult.Outcome.ANSWERED || a.outcome() == AttachResult.Outcome.ATTACHED;
    }

    /** The failure in a few words: certificate errors by kind, a bad signature, the EAP end; else the outcome. */
    private static List<String> reasons(AttachResult a) {
        List<String> why = new ArrayList<>();
        a.certificate().ifPresent(c -> c.findings().stream().filter(f -> f.severity() == CertificateFinding.Severity.ERROR)
                .map(f -> f.kind().name()).distinct().forEach(why::add));
        a.signature().filter(s -> !s.valid()).ifPresent(s -> why.add("AUTH signature"));
        a.eapFailure().ifPresent(f -> why.add("EAP-AKA failed"));
        if (a.outcome() == AttachResult.Outcome.SIM_ERROR) {
            why.add("the SIM could not answer");
        }
        a.eapMethod().filter(m -> a.outcome() == AttachResult.Outcome.ANSWERED && !m.startsWith("EAP-AKA"))
                .ifPresent(m -> why.add("a phone answers only EAP-AKA"));
        if (a.outcome() == AttachResult.Outcome.ATTACHED && a.innerAddresses().isEmpty()) {
            why.add("no inner address");
        }
        if (why.isEmpty() && a.outcome() == AttachResult.Outcome.ANSWERED && a.certificate().isEmpty()) {
            why.add("no certificate");
        }
        return why;
    }
}
