package dev.wificall.report;

import dev.wificall.audit.AuditResult;
import dev.wificall.audit.AuditSummary;
import dev.wificall.audit.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The audit's closing lines, the same in the Maven goal's log and on the command line. */
public final class AuditLines {

    private AuditLines() {
    }

    /** "audit: 120 checks on 4 addresses and ports, 133 IKE_SA_INIT requests in 9.2 s". */
    public static String done(AuditResult audit, int targets) {
        return String.format(Locale.ROOT, "audit: %d checks on %d addresses and ports, %d IKE_SA_INIT requests in %.1f s",
                audit.checks().size(), targets, audit.packets(), audit.elapsed().toMillis() / 1000.0);
    }

    /** The findings that fail: those at or above {@code threshold}, none without one. */
    public static List<String> failing(AuditResult audit, Severity threshold) {
        return threshold == null ? List.of() : AuditSummary.findings(audit, threshold);
    }

    /**
     * "ePDG audit failed: 2 finding(s) at or above high (failOn), 1 operator(s) not audited:" with a
     * line per failing finding and per operator that could not be audited, and the reports.
     *
     * @param threshold  the failOn severity, null for none
     * @param unresolved the sentence of each operator whose ePDG name gave no address
     */
    public static String failure(AuditResult audit, Severity threshold, List<String> unresolved, List<Path> written) {
        StringBuilder b = new StringBuilder("ePDG audit failed: ").append(threshold == null ? "no failOn threshold"
                : audit.findingsAtLeast(threshold).size() + " finding(s) at or above " + threshold.wire() + " (failOn)")
                .append(unresolved.isEmpty() ? "" : ", " + unresolved.size() + " operator(s) not audited").append(':');
        failing(audit, threshold).forEach(l -> b.append("\n- ").append(l));
        unresolved.forEach(l -> b.append("\n- not audited: ").append(l));
        b.append("\nReports: ").append(String.join(", ", written.stream().map(Path::toString).toList()));
        return b.toString();
    }
}
