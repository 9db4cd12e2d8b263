package dev.wificall.report;

import static dev.wificall.report.JsonReport.str;

import dev.wificall.audit.AuditResult;
import dev.wificall.audit.CheckResult;
import dev.wificall.audit.Finding;
import dev.wificall.audit.Severity;
import dev.wificall.dns.AddressText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an audit as wificall-audit.json (schema 1): {@code schema}, {@code tool}, {@code kind}
 * ("audit"), {@code generated}, {@code profiles}, {@code packets}, {@code elapsedMs}, {@code findings}
 * (checks per worst severity) and {@code checks}: one object per check and address and port, one per
 * line, with {@code operator}, {@code fqdn}, {@code address}, {@code port}, {@code check},
 * {@code family}, {@code outcome}, {@code detail}, {@code chosen}, {@code wantedGroup},
 * {@code keSha256}, {@code nonceSha256}, {@code packets}, {@code finding} (null or the worst, with
 * {@code severity}, {@code profile}, {@code sentence}), {@code baseline} (null, or the accepting
 * entry's {@code expires} and {@code reason}) and {@code findings} (every profile's); {@code accepted}
 * counts the checks a baseline accepts. The JSON
 * Schema is the resource {@value #SCHEMA_RESOURCE}; fields are only ever added within schema 1.
 */
public final class AuditJsonReport {
    public static final String SCHEMA_RESOURCE = "/dev/wificall/report/wificall-audit.schema.json";
    public static final String FILE_NAME = "wificall-audit.json";

    private AuditJsonReport() {
    }

    public static void write(AuditResult audit, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            write(audit, Instant.now(), w);
        }
    }

    static String render(AuditResult audit, Instant generated) {
        StringWriter w = new StringWriter();
        try {
            write(audit, generated, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(AuditResult audit, Instant generated, Writer w) throws IOException {
        w.write("{\n  \"schema\": 1,\n  \"tool\": \"wificall\",\n  \"kind\": \"audit\",\n");
        w.write("  \"generated\": " + str(generated.toString()) + ",\n");
        w.write("  \"profiles\": [");
        for (int i = 0; i < audit.profiles().size(); i++) {
            w.write((i == 0 ? "" : ", ") + str(audit.profiles().get(i).label()));
        }
        w.write("],\n  \"packets\": " + audit.packets() + ",\n  \"elapsedMs\": " + audit.elapsed().toMillis() + ",\n");
        w.write("  \"findings\": {");
        Map<Severity, Integer> counts = audit.counts();
        Severity[] all = Severity.values();
        for (int i = all.length - 1; i >= 0; i--) {
            w.write(str(all[i].wire()) + ": " + counts.getOrDefault(all[i], 0) + (i > 0 ? ", " : ""));
        }
        w.write("},\n  \"accepted\": " + audit.accepted().size() + ",\n  \"checks\": [");
        List<CheckResult> checks = audit.checks();
        for (int i = 0; i < checks.size(); i++) {
            w.write(i == 0 ? "\n    " : ",\n    ");
            check(w, checks.get(i));
        }
        w.write(checks.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    }

    private static void check(Writer w, CheckResult c) throws IOException {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"operator\": ").append(str(c.target().operator()))
                .append(", \"fqdn\": ").append(str(c.target().fqdn()))
                .append(", \"address\": ").append(str(AddressText.of(c.target().destination().getAddress())))
                .append(", \"port\": ").append(c.target().port().number())
                .append(", \"check\": ").append(str(c.check().id()))
                .append(", \"family\": ").append(str(c.check().family().name().toLowerCase(Locale.ROOT)))
                .append(", \"outcome\": ").append(str(c.outcome().wire()))
                .append(", \"detail\": ").append(str(c.detail()))
                .append(", \"chosen\": ").append(c.chosen() == null ? "null" : str(c.chosen()))
                .append(", \"wantedGroup\": ").append(c.wantedGroup() == 0 ? "null" : String.valueOf(c.wantedGroup()))
                .append(", \"keSha256\": ").append(opt(c.answer() == null ? null : c.answer().keSha256()))
                .append(", \"nonceSha256\": ").append(opt(c.answer() == null ? null : c.answer().nonceSha256()))
                .append(", \"packets\": ").append(c.packets())
                .append(", \"finding\": ").append(c.finding().map(AuditJsonReport::finding).orElse("null"))
                .append(", \"baseline\": ").append(c.acceptedBy() == null ? "null" : "{\"expires\": "
                        + str(c.acceptedBy().expires().toString()) + ", \"reason\": " + str(c.acceptedBy().reason()) + "}")
                .append(", \"findings\": [");
        for (int i = 0; i < c.findings().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(finding(c.findings().get(i)));
        }
        w.write(b.append("]}").toString());
    }

    private static String opt(String s) {
        return s == null ? "null" : str(s);
    }

    private static String finding(Finding f) {
        return "{\"severity\": " + str(f.severity().wire()) + ", \"profile\": " + str(f.profile()) + ", \"sentence\": "
                + str(f.sentence()) + "}";
    }
}
