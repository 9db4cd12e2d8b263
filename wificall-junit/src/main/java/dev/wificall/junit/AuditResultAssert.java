package dev.wificall.junit;

import dev.wificall.audit.AuditOutcome;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.CheckResult;
import dev.wificall.audit.Severity;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on an audit ({@link EpdgCompliant}): a check holds when it holds on every
 * address and port audited; a failure names the places that differ and what they saw.
 */
public class AuditResultAssert extends AbstractAssert<AuditResultAssert, AuditResult> {
    /** Places a failure names; the rest are counted. */
    private static final int NAMED = 4;

    public AuditResultAssert(AuditResult actual) {
        super(actual, AuditResultAssert.class);
    }

    /** No finding at or above {@code s} that a baseline does not accept. */
    public AuditResultAssert hasNoFindingAtOrAbove(Severity s) {
        isNotNull();
        List<CheckResult> hits = actual.findingsAtLeast(s);
        if (!hits.isEmpty()) {
            failWithMessage("expected no finding at or above %s, but found %d:%n%s", s.wire(), hits.size(),
                    String.join("\n", dev.wificall.audit.AuditSummary.findings(actual, s)));
        }
        return this;
    }

    /** Every place accepted the check's offer, e.g. {@code accepts("dh:19")}. */
    public AuditResultAssert accepts(String check) {
        return everywhere(check, AuditOutcome.ACCEPTED, "accept");
    }

    /** No place accepted the check's offer, e.g. {@code refuses("dh:2")} (refused, silent or asked for another group). */
    public AuditResultAssert refuses(String check) {
        isNotNull();
        List<CheckResult> cells = cells(check);
        List<CheckResult> wrong = cells.stream().filter(c -> c.outcome() == AuditOutcome.ACCEPTED).toList();
        if (!wrong.isEmpty()) {
            failWithMessage("expected every address and port to refuse %s, but %d of %d accepted it: %s", check, wrong.size(),
                    cells.size(), places(wrong));
        }
        return this;
    }

    /** Every place showed {@code outcome} for the check, e.g. {@code hasOutcome("ke-reuse", AuditOutcome.NOT_FOUND)}. */
    public AuditResultAssert hasOutcome(String check, AuditOutcome outcome) {
        return everywhere(check, outcome, "show " + outcome.wire() + " for");
    }

    private AuditResultAssert everywhere(String check, AuditOutcome outcome, String verb) {
        isNotNull();
        List<CheckResult> cells = cells(check);
        List<CheckResult> wrong = cells.stream().filter(c -> c.outcome() != outcome).toList();
        if (!wrong.isEmpty()) {
            failWithMessage("expected every address and port to %s %s, but %d of %d did not: %s", verb, check, wrong.size(),
                    cells.size(), places(wrong));
        }
        return this;
    }

    private List<CheckResult> cells(String check) {
        List<CheckResult> cells = actual.checks().stream().filter(c -> c.check().id().equals(check)).toList();
        if (cells.isEmpty()) {
            failWithMessage("the audit has no check %s; it has %s", check, actual.checks().stream().map(c -> c.check().id())
                    .distinct().limit(12).collect(Collectors.joining(", ")) + ", …");
        }
        return cells;
    }

    private static String places(List<CheckResult> wrong) {
        String named = wrong.stream().limit(NAMED).map(c -> c.target().operator() + " " + c.place() + " " + c.outcome().wire()
                + " (" + c.detail() + ")").collect(Collectors.joining("; "));
        return wrong.size() > NAMED ? named + " and " + (wrong.size() - NAMED) + " more" : named;
    }
}
