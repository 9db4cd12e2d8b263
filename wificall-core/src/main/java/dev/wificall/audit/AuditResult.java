package dev.wificall.audit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The matrix of one audit: every check on every address and port, in the order asked.
 *
 * @param checks   every result
 * @param packets  IKE_SA_INIT requests sent in all
 * @param elapsed  wall time of the run
 * @param profiles the profiles that judged
 */
public record AuditResult(List<CheckResult> checks, int packets, Duration elapsed, List<AuditProfile> profiles) {
    public AuditResult {
        checks = List.copyOf(checks);
        Objects.requireNonNull(elapsed, "elapsed");
        profiles = List.copyOf(profiles);
    }

    /** Results whose worst finding is at least {@code s} and not accepted by a baseline: what fails a build. */
    public List<CheckResult> findingsAtLeast(Severity s) {
        return checks.stream().filter(c -> c.openFinding().map(f -> f.severity().atLeast(s)).orElse(false)).toList();
    }

    /** Results whose findings a baseline entry accepts. */
    public List<CheckResult> accepted() {
        return checks.stream().filter(c -> c.acceptedBy() != null).toList();
    }

    /** The result of one check on one place, e.g. ("dh:2", "10.77.10.3:500"). */
    public Optional<CheckResult> cell(String check, String place) {
        return checks.stream().filter(c -> c.check().id().equals(check) && c.place().equals(place)).findFirst();
    }

    /** Findings per severity of the worst finding of each check. */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (CheckResult c : checks) {
            c.finding().ifPresent(f -> counts.merge(f.severity(), 1, Integer::sum));
        }
        return counts;
    }
}
