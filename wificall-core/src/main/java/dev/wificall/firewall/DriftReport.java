package dev.wificall.firewall;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a drift check found: violations first (they fail), then warnings.
 *
 * @param findings every difference, violations before warnings
 * @param summary  one line: what was compared and the outcome
 */
public record DriftReport(List<Finding> findings, String summary) {

    public DriftReport {
        findings = List.copyOf(findings);
    }

    public List<Finding> violations() {
        return findings.stream().filter(Finding::violation).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.violation()).toList();
    }

    /** No violation: every ePDG address is allowed (and, if the policy says so, nothing too broad or stale). */
    public boolean passed() {
        return findings.stream().noneMatch(Finding::violation);
    }

    /** The summary, then a line per finding. */
    public String text() {
        return findings.isEmpty() ? summary
                : summary + findings.stream().map(f -> "\n  " + f).collect(Collectors.joining());
    }
}
