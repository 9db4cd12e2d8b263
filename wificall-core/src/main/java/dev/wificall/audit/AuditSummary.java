package dev.wificall.audit;

import dev.wificall.audit.AuditCheck.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The audit for a person: a line per address and port, and the findings at or above a severity. */
public final class AuditSummary {
    /** Lines {@link #findings} gives at most; the rest are counted. */
    static final int LINES = 20;

    private AuditSummary() {
    }

    /**
     * "262-01 epdg.example at 10.0.0.1:500: DH alone: 1, 2, 14, 19 accepted, 18 refused; encryption: 3des,
     * aes128, aes256; integrity: md5, sha1, sha256; PRF: md5, sha1, sha256; weakest first: chose modp768;
     * findings: 3 high, 2 medium".
     */
    public static List<String> lines(AuditResult audit) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<AuditTarget, List<CheckResult>> e : byTarget(audit).entrySet()) {
            List<CheckResult> cells = e.getValue();
            StringBuilder b = new StringBuilder(e.getKey().operator()).append(' ').append(AddressName.of(e.getKey()))
                    .append(": ");
            CheckResult prefer = cells.get(0);
            if (cells.stream().allMatch(c -> c == prefer || c.outcome() == AuditOutcome.SKIPPED)) {
                lines.add(b.append("not audited: ").append(prefer.outcome().wire()).append(", ").append(prefer.detail())
                        .toString());
                continue;
            }
            b.append("DH alone: ").append(accepted(cells, Family.DH, "dh:")).append(" accepted, ")
                    .append(cells.stream().filter(c -> c.check().family() == Family.DH && c.outcome() != AuditOutcome.ACCEPTED)
                            .count()).append(" not");
            for (Family f : List.of(Family.ENCR, Family.INTEG, Family.PRF)) {
                String a = accepted(cells, f, f.name().toLowerCase(java.util.Locale.ROOT) + ":");
                if (!a.equals("none") || cells.stream().anyMatch(c -> c.check().family() == f
                        && c.outcome() != AuditOutcome.SKIPPED)) {
                    b.append("; ").append(f == Family.ENCR ? "encryption" : f == Family.INTEG ? "integrity" : "PRF")
                            .append(": ").append(a);
                }
            }
            cells.stream().filter(c -> c.check().family() == Family.DOWNGRADE).findFirst().ifPresent(d -> b
                    .append("; weakest first: ").append(d.chosen() != null && d.outcome() == AuditOutcome.ACCEPTED
                            ? "chose " + d.chosen().substring(d.chosen().lastIndexOf('-') + 1)
                            : d.outcome() == AuditOutcome.INVALID_KE ? "asked for group " + d.wantedGroup() : d.outcome().wire()));
            Map<Severity, Long> counts = cells.stream().filter(c -> c.openFinding().isPresent())
                    .collect(Collectors.groupingBy(c -> c.openFinding().get().severity(), Collectors.counting()));
            long accepted = cells.stream().filter(c -> c.acceptedBy() != null).count();
            List<String> parts = new ArrayList<>();
            for (int i = Severity.values().length - 1; i >= 0; i--) {
                Severity s = Severity.values()[i];
                if (counts.containsKey(s)) {
                    parts.add(counts.get(s) + " " + s.wire());
                }
            }
            b.append("; findings: ").append(parts.isEmpty() ? "none" : String.join(", ", parts))
                    .append(accepted > 0 ? " (" + accepted + " more accepted by the baseline)" : "");
            lines.add(b.toString());
        }
        return lines;
    }

    /**
     * The findings at or above {@code s}, worst first: one line per operator, check and finding, naming
     * the first place and counting the others where the same check found the same; at most
     * {@link #LINES} lines, the rest counted.
     */
    public static List<String> findings(AuditResult audit, Severity s) {
        Map<String, List<CheckResult>> same = new LinkedHashMap<>();
        audit.checks().stream().filter(c -> c.openFinding().map(f -> f.severity().atLeast(s)).orElse(false))
                .sorted((x, y) -> y.finding().get().severity().compareTo(x.finding().get().severity()))
                .forEach(c -> same.computeIfAbsent(c.target().operator() + " " + c.target().fqdn() + " " + c.check().id()
                        + " " + c.finding().get().severity() + " " + c.finding().get().profile(), k -> new ArrayList<>()).add(c));
        List<String> lines = new ArrayList<>();
        int shown = 0;
        for (List<CheckResult> group : same.values()) {
            if (lines.size() == LINES) {
                break;
            }
            CheckResult first = group.get(0);
            Finding f = first.finding().get();
            List<String> others = group.subList(1, group.size()).stream().map(CheckResult::place).toList();
            lines.add(f.severity().wire().toUpperCase(java.util.Locale.ROOT) + " " + first.check().id() + " (" + f.profile()
                    + "): " + f.sentence() + (others.isEmpty() ? "" : "; the same at " + names(others)));
            shown++;
        }
        if (shown < same.size()) {
            int rest = same.values().stream().skip(shown).mapToInt(List::size).sum();
            lines.add("… and " + (same.size() - shown) + " more findings (" + rest + " checks) in the report");
        }
        return lines;
    }

    private static String names(List<String> places) {
        return places.size() <= 3 ? String.join(", ", places)
                : String.join(", ", places.subList(0, 3)) + " and " + (places.size() - 3) + " more";
    }

    private static String accepted(List<CheckResult> cells, Family f, String prefix) {
        List<String> ids = cells.stream().filter(c -> c.check().family() == f && c.outcome() == AuditOutcome.ACCEPTED)
                .map(c -> c.check().id().substring(prefix.length())).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static Map<AuditTarget, List<CheckResult>> byTarget(AuditResult audit) {
        return audit.checks().stream()
                .collect(Collectors.groupingBy(CheckResult::target, LinkedHashMap::new, Collectors.toList()));
    }
}
