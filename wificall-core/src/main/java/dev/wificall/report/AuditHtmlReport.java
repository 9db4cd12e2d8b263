package dev.wificall.report;

import static dev.wificall.report.HtmlReport.esc;

import dev.wificall.audit.AuditOutcome;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.AuditSummary;
import dev.wificall.audit.CheckResult;
import dev.wificall.audit.Finding;
import dev.wificall.audit.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes an audit as one HTML page: the findings first, then the matrix with a row per operator,
 * address and port and a column per check. Like the check's page it opens offline (inline CSS, no
 * script, a Content-Security-Policy that loads nothing) and is well-formed XML. Each cell is
 * {@code <td class="c OUTCOME SEVERITY" data-operator=".." data-place="10.0.0.1:500" data-check="dh:2"
 * data-outcome="accepted" title="what was seen; the finding">SYMBOL</td>}, SEVERITY one of
 * {@code sev-critical sev-high sev-medium sev-low sev-info sev-none}, {@code sev-accepted} when a baseline
 * accepts it.
 */
public final class AuditHtmlReport {
    public static final String FILE_NAME = "wificall-audit.html";

    private AuditHtmlReport() {
    }

    public static void write(AuditResult audit, Severity failOn, Path file) throws IOException {
        ReportFiles.write(file, render(audit, failOn, Instant.now()));
    }

    static String render(AuditResult audit, Severity failOn, Instant generated) {
        StringBuilder b = new StringBuilder(16384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>wificall audit</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>wificall audit</h1>\n<p class=\"meta\">Generated <time datetime=\"").append(esc(generated.toString()))
                .append("\">").append(esc(generated.toString())).append("</time>; profiles ")
                .append(esc(String.join(", ", audit.profiles().stream().map(p -> p.label()).toList()))).append("; ")
                .append(audit.checks().size()).append(" checks, ").append(audit.packets()).append(" IKE_SA_INIT requests in ")
                .append(String.format(Locale.ROOT, "%.1f s", audit.elapsed().toMillis() / 1000.0)).append("</p>\n");
        int failing = failOn == null ? 0 : audit.findingsAtLeast(failOn).size();
        b.append("<p class=\"overall ").append(failing == 0 ? "pass" : "fail").append("\">")
                .append(failOn == null ? "No failOn threshold set" : failing == 0 ? "No finding at or above " + failOn.wire()
                        : failing + " finding(s) at or above " + failOn.wire()).append("</p>\n");
        List<String> findings = AuditSummary.findings(audit, Severity.LOW);
        b.append("<h2>Findings</h2>\n<ul class=\"findings\">\n");
        for (String f : findings) {
            String sev = f.substring(0, f.indexOf(' ')).toLowerCase(Locale.ROOT);
            b.append("<li class=\"sev-").append(esc(sev.startsWith("…") ? "none" : sev)).append("\">").append(esc(f))
                    .append("</li>\n");
        }
        if (findings.isEmpty()) {
            b.append("<li class=\"sev-none\">none at or above low</li>\n");
        }
        b.append("</ul>\n");
        if (!audit.accepted().isEmpty()) {
            b.append("<h2>Accepted by the baseline</h2>\n<ul class=\"accepted\">\n");
            audit.accepted().stream().limit(50).forEach(c -> b.append("<li>").append(esc(c.check().id() + " "
                    + c.target().operator() + " " + c.place() + ": " + c.finding().map(Finding::sentence).orElse("")
                    + " (until " + c.acceptedBy().expires() + ": " + c.acceptedBy().reason() + ")")).append("</li>\n"));
            if (audit.accepted().size() > 50) {
                b.append("<li>… and ").append(audit.accepted().size() - 50).append(" more in wificall-audit.json</li>\n");
            }
            b.append("</ul>\n");
        }
        matrix(b, audit);
        return b.append("</body>\n</html>\n").toString();
    }

    private static void matrix(StringBuilder b, AuditResult audit) {
        Set<String> checks = new LinkedHashSet<>();
        Map<String, Map<String, CheckResult>> rows = new LinkedHashMap<>();
        for (CheckResult c : audit.checks()) {
            checks.add(c.check().id());
            rows.computeIfAbsent(c.target().operator() + "\u0000" + c.target().fqdn() + "\u0000" + c.place(),
                    k -> new LinkedHashMap<>()).put(c.check().id(), c);
        }
        b.append("<h2>Matrix</h2>\n<p class=\"legend\">").append(esc("✓ accepted, ✗ no proposal chosen, →N INVALID_KE_PAYLOAD"
                + " asking for group N, … silent, ! other notify, ?! malformed, ⊘ unreachable, ● found, ○ not found,"
                + " – not asked; colour: the worst finding")).append("</p>\n<div class=\"matrix\">\n<table>\n<thead><tr>"
                + "<th>operator</th><th>ePDG</th><th>address</th>");
        for (String c : checks) {
            b.append("<th class=\"check\"><span>").append(esc(c.startsWith("phone:") ? "phone:" + c.substring(c.lastIndexOf(':')
                    + 1) : c)).append("</span></th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Map<String, CheckResult> row : rows.values()) {
            CheckResult any = row.values().iterator().next();
            b.append("<tr><th>").append(esc(any.target().operator())).append("</th><td class=\"fqdn\">")
                    .append(esc(any.target().fqdn())).append("</td><td class=\"addr\">").append(esc(any.place())).append("</td>");
            for (String id : checks) {
                CheckResult c = row.get(id);
                if (c == null) {
                    b.append("<td class=\"c absent\"></td>");
                    continue;
                }
                String sev = c.acceptedBy() != null ? "sev-accepted"
                        : c.finding().map(f -> "sev-" + f.severity().wire()).orElse("sev-none");
                List<String> title = new ArrayList<>(List.of(c.check().question() + ": " + c.outcome().wire() + ", " + c.detail()));
                c.findings().forEach(f -> title.add(f.severity().wire() + " (" + f.profile() + "): " + f.sentence()));
                b.append("<td class=\"c ").append(c.outcome().wire()).append(' ').append(sev).append("\" data-operator=\"")
                        .append(esc(c.target().operator())).append("\" data-place=\"").append(esc(c.place()))
                        .append("\" data-check=\"").append(esc(id)).append("\" data-outcome=\"").append(c.outcome().wire())
                        .append("\" title=\"").append(esc(String.join("\n", title))).append("\">").append(esc(symbol(c)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n</div>\n");
    }

    private static String symbol(CheckResult c) {
        AuditOutcome o = c.outcome();
        return switch (o) {
            case ACCEPTED -> "✓";
            case NO_PROPOSAL_CHOSEN -> "✗";
            case INVALID_KE -> "→" + c.wantedGroup();
            case SILENT -> "…";
            case NOTIFY -> "!";
            case MALFORMED -> "?!";
            case UNREACHABLE -> "⊘";
            case FOUND -> "●";
            case NOT_FOUND -> "○";
            case SKIPPED -> "–";
        };
    }

    // No '<' or '&' in here: the page must stay well-formed XML.
    private static final String CSS = """
            :root { color-scheme: light; --line: #c9ced6; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1d2327;
              background: #fff; margin: 1.25rem; }
            h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
            h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; }
            .meta, .legend { color: #555; margin: 0 0 .8rem; }
            .overall { display: inline-block; font-size: 1.1rem; margin: 0; padding: .45rem .8rem; border-left: 6px solid; }
            .overall.pass { border-color: #2a8a47; }
            .overall.fail { border-color: #c62f24; }
            ul.findings, ul.accepted { padding-left: 1.2rem; max-width: 90rem; }
            ul.findings li { margin: .15rem 0; }
            .matrix { overflow: auto; max-width: 100%; max-height: 85vh; border: 1px solid var(--line); }
            table { border-collapse: collapse; }
            th, td { border: 1px solid var(--line); padding: .2rem .35rem; text-align: left; }
            thead th { background: #f2f4f7; position: sticky; top: 0; }
            th.check { height: 7.5rem; vertical-align: bottom; white-space: nowrap; }
            th.check span { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 500; font-size: 12px; }
            .fqdn, .addr { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: nowrap; }
            td.c { text-align: center; min-width: 1.6rem; font-size: 13px; }
            .sev-critical { background: #7d0d0d; color: #fff; }
            .sev-high { background: #f3b5b0; color: #6e1009; }
            .sev-medium { background: #fbd9a5; color: #5c3900; }
            .sev-low { background: #fdf1c4; color: #4d4000; }
            .sev-info { background: #e3eefb; color: #12406e; }
            .sev-none { background: #fff; color: #333; }
            .sev-accepted { background: #e6e6e6; color: #555; text-decoration: line-through; }
            td.accepted.sev-none, td.not-found.sev-none { background: #e4f4e8; color: #0b5a22; }
            td.skipped { color: #999; }
            li.sev-critical, li.sev-high { color: #8c1a12; }
            li.sev-medium { color: #7a4d00; }
            """;
}
