package dev.wificall.report;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateReport;
import dev.wificall.attach.CertificateSummary;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.Sentences;
import dev.wificall.dns.EpdgLookup.Attempt;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.Transcript;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Step;
import dev.wificall.verdict.OperatorVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes verdicts as JSON. Schema (version 1): an object with {@code schema}, {@code tool},
 * {@code generated} (ISO-8601 instant), {@code ready} (all operators ready) and {@code operators}: each
 * with {@code plmn}, {@code operator} (label with the operator's name), {@code fqdn}, {@code ready},
 * {@code verdict} (the sentence), {@code elapsedMs}, {@code addressCount} (the usable addresses the
 * name resolved to) and {@code probedAddressCount} (how many of them were probed: all, or the first
 * {@code wificall.maxAddresses}), {@code dns} ({@code resolver}, {@code status},
 * {@code addresses}, {@code cnames}, {@code detail}, {@code elapsedMs}), when the verdict came from
 * discovery {@code discovery} ({@code resolved}, the name used as {@code name}, {@code form} and
 * {@code why}, {@code hint} when there is one, and {@code attempts}: each name asked with its
 * {@code fqdn}, {@code form}, {@code why}, {@code naptr} and per resolver {@code outcomes}), and
 * {@code probes} (each {@code address}, {@code port}, {@code outcome}, {@code requests},
 * {@code broadRequests}, {@code elapsedMs}, {@code responseBytes}, {@code detail}, {@code answeredOffer}
 * (NONE, CONFIGURED, BROAD), {@code cookieRounds}, {@code groupRetries}, and when known {@code source},
 * {@code sourcePhonePort}, {@code response} (the answer's kind), {@code selectedProposal} (strongSwan
 * syntax), {@code notifies}, {@code nat} and {@code transcript} (its header, then one line per entry)),
 * and when IKE_AUTH ran for the operator {@code attaches}: one per ePDG address tried, with its
 * {@code outcome}, {@code passed}, {@code sentence}, how the answer arrived ({@code delivery},
 * {@code answerFragments}, {@code answerBytes}), the EAP method, error notifies, what the ePDG assigned
 * (inner addresses, DNS, P-CSCF, child SA), the masked {@code subscriber}, the {@code certificate}
 * (the ePDG's own certificate's subject, issuer, SANs and expiry, the trust and name checks, the
 * findings and every certificate of the chain), the AUTH {@code signature} and the {@code transcript}.
 * An operator without IKE_AUTH has no {@code attaches} field. When the user plane was checked,
 * {@code userPlane}: one per tunnel with its {@code fqdn}, {@code address} (the ePDG's address:port),
 * {@code passed}, {@code sentence}, {@code innerAddresses}, {@code espSuite}, the counters
 * {@code espSent}, {@code espReceived}, {@code keepAlivesSent}, {@code afterAttachMs}, when measured
 * {@code largestInner}, the {@code steps} ({@code check} as a stable id such as {@code esp-echo},
 * {@code label}, {@code status}, {@code elapsedMs}, {@code sentence}), when measured the
 * {@code lifetime} ({@code survivedMs}, {@code lostMs}, {@code probes}, {@code cutShort},
 * {@code keepAliveIntervalMs}, {@code keepAliveHeld}, {@code sentence}) and the {@code transcript}.
 *
 * <p>Fields are only ever added within schema 1. The JSON Schema that documents every field is the
 * resource {@value #SCHEMA_RESOURCE} next to this class.
 */
public final class JsonReport {

    /** Classpath resource of the JSON Schema (draft 2020-12) of what {@link #render} writes. */
    public static final String SCHEMA_RESOURCE = "/dev/wificall/report/wificall-report.schema.json";

    private JsonReport() {
    }

    public static void write(List<OperatorVerdict> verdicts, Path file) throws IOException {
        ReportFiles.write(file, render(verdicts, Instant.now()));
    }

    /** The report as {@link #write} writes it, generated now: for a command line's standard output. */
    public static String text(List<OperatorVerdict> verdicts) {
        return render(verdicts, Instant.now());
    }

    static String render(List<OperatorVerdict> verdicts, Instant generated) {
        StringBuilder b = new StringBuilder(1024);
        b.append("{\n  \"schema\": 1,\n  \"tool\": \"wificall\",\n");
        b.append("  \"generated\": ").append(str(generated.toString())).append(",\n");
        b.append("  \"ready\": ").append(verdicts.stream().allMatch(OperatorVerdict::ready)).append(",\n");
        b.append("  \"operators\": [");
        for (Iterator<OperatorVerdict> it = verdicts.iterator(); it.hasNext(); ) {
            operator(b, it.next());
            b.append(it.hasNext() ? "," : "");
        }
        b.append(verdicts.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return b.toString();
    }

    private static void operator(StringBuilder b, OperatorVerdict v) {
        b.append("\n    {\n");
        b.append("      \"plmn\": ").append(v.plmn() == null ? "null" : str(v.plmn().toString())).append(",\n");
        b.append("      \"operator\": ").append(str(v.operator())).append(",\n");
        b.append("      \"fqdn\": ").append(str(v.fqdn())).append(",\n");
        b.append("      \"ready\": ").append(v.ready()).append(",\n");
        b.append("      \"verdict\": ").append(str(v.sentence())).append(",\n");
        b.append("      \"elapsedMs\": ").append(v.elapsed().toMillis()).append(",\n");
        b.append("      \"addressCount\": ").append(v.dns().usableAddresses().size())
                .append(", \"probedAddressCount\": ").append(v.probedAddresses().size())
                .append(", \"transcriptsOmitted\": ").append(Transcripts.omitted(v.probes())).append(",\n");
        b.append("      \"dns\": {\"resolver\": ").append(str(v.dns().resolver()))
                .append(", \"status\": ").append(str(v.dns().status().name()))
                .append(", \"addresses\": ").append(wrapped(v.dns().addresses().stream().map(AddressText::of).toList()))
                .append(", \"cnames\": ").append(strings(v.dns().cnames()))
                .append(", \"detail\": ").append(str(v.dns().detail()))
                .append(", \"elapsedMs\": ").append(v.dns().elapsed().toMillis()).append("},\n");
        if (v.discovery() != null) {
            discovery(b, v.discovery());
        }
        b.append("      \"probes\": [");
        boolean[] kept = Transcripts.kept(v.probes());
        for (int i = 0; i < v.probes().size(); i++) {
            PortResult p = v.probes().get(i);
            b.append("\n        {\"address\": ").append(str(AddressText.of(p.address())))
                    .append(", \"port\": ").append(p.port().number())
                    .append(", \"outcome\": ").append(str(p.outcome().name()))
                    .append(", \"requests\": ").append(p.requests())
                    .append(", \"broadRequests\": ").append(p.broadRequests())
                    .append(", \"elapsedMs\": ").append(p.elapsed().toMillis())
                    .append(", \"responseBytes\": ").append(p.responseBytes())
                    .append(", \"detail\": ").append(str(p.detail()));
            exchange(b, p, kept[i]);
            b.append('}').append(i + 1 < v.probes().size() ? "," : "");
        }
        b.append(v.probes().isEmpty() ? "]" : "\n      ]");
        if (!v.attaches().isEmpty()) {
            b.append(",\n      \"attaches\": [");
            for (Iterator<AttachResult> it = v.attaches().iterator(); it.hasNext(); ) {
                attach(b, it.next());
                b.append(it.hasNext() ? "," : "");
            }
            b.append("\n      ]");
        }
        if (!v.userPlanes().isEmpty()) {
            b.append(",\n      \"userPlane\": [");
            for (Iterator<UserPlaneResult> it = v.userPlanes().iterator(); it.hasNext(); ) {
                userPlane(b, it.next());
                b.append(it.hasNext() ? "," : "");
            }
            b.append("\n      ]");
        }
        b.append("\n    }");
    }

    /**
     * The user plane through one tunnel: the verdict, a step per check with its stable id, the mapping
     * lifetime when it was measured, the counters and the transcript. Facts not measured are left out.
     */
    private static void userPlane(StringBuilder b, UserPlaneResult u) {
        String in = "\n          ";
        b.append("\n        {\"fqdn\": ").append(str(u.fqdn()))
                .append(", \"address\": ").append(str(u.address()))
                .append(", \"passed\": ").append(u.passed())
                .append(",").append(in).append("\"sentence\": ").append(str(u.sentence()))
                .append(",").append(in).append("\"innerAddresses\": ").append(strings(u.inner()))
                .append(", \"espSuite\": ").append(str(u.espSuite()))
                .append(", \"espSent\": ").append(u.espSent())
                .append(", \"espReceived\": ").append(u.espReceived())
                .append(", \"keepAlivesSent\": ").append(u.keepAlivesSent())
                .append(", \"afterAttachMs\": ").append(u.afterAttach().toMillis());
        u.largestInner().ifPresent(n -> b.append(", \"largestInner\": ").append(n));
        b.append(",").append(in).append("\"steps\": [");
        for (int i = 0; i < u.steps().size(); i++) {
            Step s = u.steps().get(i);
            b.append(i == 0 ? "" : ",").append(in).append("  {\"check\": ").append(str(UserPlaneLines.id(s.check())))
                    .append(", \"label\": ").append(str(s.check().label()))
                    .append(", \"status\": ").append(str(s.status().name()))
                    .append(", \"elapsedMs\": ").append(s.elapsed().toMillis())
                    .append(", \"sentence\": ").append(str(s.sentence())).append('}');
        }
        b.append(u.steps().isEmpty() ? "]" : in + "]");
        u.lifetime().ifPresent(f -> {
            b.append(",").append(in).append("\"lifetime\": {");
            f.survived().ifPresent(d -> b.append("\"survivedMs\": ").append(d.toMillis()).append(", "));
            f.lost().ifPresent(d -> b.append("\"lostMs\": ").append(d.toMillis()).append(", "));
            b.append("\"probes\": ").append(f.probes()).append(", \"cutShort\": ").append(f.cutShort());
            f.keepAliveInterval().ifPresent(d -> b.append(", \"keepAliveIntervalMs\": ").append(d.toMillis()));
            f.keepAliveHeld().ifPresent(h -> b.append(", \"keepAliveHeld\": ").append(h));
            b.append(", \"sentence\": ").append(str(UserPlaneLines.lifetime(f))).append('}');
        });
        b.append(",").append(in).append("\"transcript\": ").append(strings(u.transcript())).append('}');
    }

    /**
     * One IKE_AUTH probe: what a phone saw of the ePDG. Optional facts the probe did not learn
     * (no certificate, no EAP request) are left out rather than written as null.
     */
    private static void attach(StringBuilder b, AttachResult a) {
        String in = "\n          ";
        b.append("\n        {\"fqdn\": ").append(str(a.fqdn()))
                .append(", \"address\": ").append(str(a.address()))
                .append(", \"outcome\": ").append(str(a.outcome().name()))
                .append(", \"passed\": ").append(a.passed())
                .append(",").append(in).append("\"sentence\": ").append(str(a.sentence()))
                .append(",").append(in).append("\"elapsedMs\": ").append(a.elapsed().toMillis())
                .append(", \"delivery\": ").append(str(a.delivery().name()))
                .append(", \"answerFragments\": ").append(a.answerFragments())
                .append(", \"answerBytes\": ").append(a.answerBytes());
        a.ikeProposal().ifPresent(p -> b.append(", \"ikeProposal\": ").append(str(p)));
        a.eapMethod().ifPresent(m -> b.append(", \"eapMethod\": ").append(str(m)));
        b.append(", \"errorNotifies\": ").append(strings(a.errorNotifies()));
        a.eapFailure().ifPresent(f -> b.append(", \"eapFailure\": ").append(str(f)));
        b.append(",").append(in).append("\"innerAddresses\": ").append(strings(a.innerAddresses()))
                .append(", \"dnsServers\": ").append(strings(a.dnsServers()))
                .append(", \"pcscfServers\": ").append(strings(a.pcscfServers()));
        a.childProposal().ifPresent(p -> b.append(", \"childProposal\": ").append(str(p)));
        b.append(",").append(in).append("\"subscriber\": ").append(str(a.subscriber()));
        a.certificate().ifPresent(c -> certificate(b, c, in));
        a.signature().ifPresent(s -> b.append(",").append(in).append("\"signature\": {\"valid\": ").append(s.valid())
                .append(", \"algorithm\": ").append(str(s.algorithm()))
                .append(", \"sentence\": ").append(str(s.sentence())).append('}'));
        b.append(",").append(in).append("\"transcript\": ").append(strings(a.transcript())).append('}');
    }

    /** The ePDG's own certificate in the top fields, then the judgement, then every certificate it sent. */
    private static void certificate(StringBuilder b, CertificateReport c, String in) {
        b.append(",").append(in).append("\"certificate\": {\"fqdn\": ").append(str(c.fqdn()));
        if (!c.chain().isEmpty()) {
            CertificateSummary leaf = c.chain().get(0);
            b.append(", \"subject\": ").append(str(leaf.subject()))
                    .append(", \"issuer\": ").append(str(leaf.issuer()))
                    .append(", \"sans\": ").append(strings(leaf.subjectAltNames()))
                    .append(", \"notAfter\": ").append(str(leaf.notAfter().toString()));
        }
        b.append(", \"daysToExpiry\": ").append(c.daysToExpiry())
                .append(", \"chainDaysToExpiry\": ").append(c.chainDaysToExpiry())
                .append(", \"trust\": ").append(str(c.trust().name()))
                .append(", \"nameMatches\": ").append(c.nameMatches())
                .append(", \"idr\": ").append(str(c.idr()))
                .append(", \"idrConfirmed\": ").append(c.idrConfirmed())
                .append(", \"passed\": ").append(c.passed())
                .append(", \"sentence\": ").append(str(c.sentence()))
                .append(", \"findings\": [");
        for (int i = 0; i < c.findings().size(); i++) {
            CertificateFinding f = c.findings().get(i);
            b.append(i == 0 ? "" : ", ").append("{\"severity\": ").append(str(f.severity().name()))
                    .append(", \"kind\": ").append(str(f.kind().name()))
                    .append(", \"sentence\": ").append(str(f.sentence())).append('}');
        }
        b.append("], \"chain\": [");
        for (int i = 0; i < c.chain().size(); i++) {
            CertificateSummary s = c.chain().get(i);
            b.append(i == 0 ? "" : ",").append(in).append("  {\"subject\": ").append(str(s.subject()))
                    .append(", \"issuer\": ").append(str(s.issuer()))
                    .append(", \"sans\": ").append(strings(s.subjectAltNames()))
                    .append(", \"serial\": ").append(str(s.serialHex()))
                    .append(", \"notBefore\": ").append(str(s.notBefore().toString()))
                    .append(", \"notAfter\": ").append(str(s.notAfter().toString()))
                    .append(", \"key\": ").append(str(s.key()))
                    .append(", \"signatureAlgorithm\": ").append(str(s.signatureAlgorithm()))
                    .append(", \"sha256\": ").append(str(s.sha256Fingerprint()))
                    .append(", \"derSize\": ").append(s.derSize()).append('}');
        }
        b.append("]}");
    }

    /** What the engine learnt beyond the outcome; only the fields it has. */
    private static void exchange(StringBuilder b, PortResult p, boolean withTranscript) {
        b.append(", \"answeredOffer\": ").append(str(p.answeredOffer().name()))
                .append(", \"cookieRounds\": ").append(p.cookieRounds())
                .append(", \"groupRetries\": ").append(strings(p.groupRetries().stream().map(Object::toString).toList()));
        if (p.source() != null) {
            b.append(", \"source\": ").append(str(AddressText.of(p.source().address())))
                    .append(", \"sourcePhonePort\": ").append(p.source().phonePort());
        }
        if (p.response() != null) {
            b.append(", \"response\": ").append(str(p.response().kind().name()));
            p.response().selectedProposalText().ifPresent(t -> b.append(", \"selectedProposal\": ").append(str(t)));
            b.append(", \"notifies\": ").append(strings(p.response().notifyNames()));
            if (p.request() != null) {
                b.append(", \"nat\": ").append(str(p.response().natStatus(p.request()).describe(p.request())));
            }
        }
        // a result built without a probe has no entries: leave the field out rather than write "no probe"
        if (withTranscript && !p.transcript().entries().isEmpty()) {
            b.append(", \"transcript\": ").append(strings(transcript(p.transcript())));
        }
    }

    /** The header, then one line per entry, as {@link Transcript#text()} shows them but without the indent. */
    private static List<String> transcript(Transcript t) {
        List<String> lines = new ArrayList<>();
        lines.add(t.header());
        t.entries().forEach(e -> lines.add(e.line()));
        return lines;
    }

    /** Every name asked on the way to the one used, so a reader sees why it was that one. */
    private static void discovery(StringBuilder b, Resolution r) {
        Attempt used = r.used();
        b.append("      \"discovery\": {\"resolved\": ").append(r.resolved())
                .append(", \"name\": ").append(str(used.fqdn()))
                .append(", \"form\": ").append(str(used.candidate().name().form().name()))
                .append(", \"why\": ").append(str(used.why()));
        r.hint().ifPresent(h -> b.append(", \"hint\": ").append(str(h)));
        b.append(", \"attempts\": [");
        for (Iterator<Attempt> it = r.attempts().iterator(); it.hasNext(); ) {
            Attempt a = it.next();
            // a NAPTR-only attempt has no address outcomes; its primary() carries the NAPTR failure
            List<DnsOutcome> outcomes = a.outcomes().isEmpty() ? List.of(a.primary()) : a.outcomes();
            b.append("\n        {\"fqdn\": ").append(str(a.fqdn()))
                    .append(", \"form\": ").append(str(a.candidate().name().form().name()))
                    .append(", \"why\": ").append(str(a.why()))
                    .append(", \"naptr\": ").append(a.outcomes().isEmpty())
                    .append(", \"outcomes\": [");
            for (int i = 0; i < outcomes.size(); i++) {
                DnsOutcome o = outcomes.get(i);
                b.append(i == 0 ? "" : ", ").append("{\"resolver\": ").append(str(o.resolver()))
                        .append(", \"status\": ").append(str(o.status().name()))
                        .append(", \"detail\": ").append(str(o.detail()))
                        .append(", \"elapsedMs\": ").append(o.elapsed().toMillis()).append('}');
            }
            b.append("]}").append(it.hasNext() ? "," : "");
        }
        b.append(r.attempts().isEmpty() ? "]},\n" : "\n      ]},\n");
    }

    /** As {@link #strings}, a line per {@link Sentences#SHOWN} values when there are more: no line grows with a big pool. */
    private static String wrapped(List<String> values) {
        if (values.size() <= Sentences.SHOWN) {
            return strings(values);
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "\n          " : i % Sentences.SHOWN == 0 ? ",\n          " : ", ").append(str(values.get(i)));
        }
        return b.append("\n        ]").toString();
    }

    private static String strings(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(str(values.get(i)));
        }
        return b.append(']').toString();
    }

    /**
     * A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped, and a lone
     * surrogate too, which UTF-8 cannot carry raw (the file's writer would turn it into '?').
     */
    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !paired(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Whether the surrogate at {@code i} is half of a valid pair. */
    private static boolean paired(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
