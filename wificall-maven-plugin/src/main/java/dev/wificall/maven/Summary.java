package dev.wificall.maven;

import dev.wificall.report.CheckLines;
import dev.wificall.verdict.OperatorVerdict;
import java.util.List;

/** The table the goal logs at the end, as {@link CheckLines#table} builds it for every front end. */
final class Summary {

    private Summary() {
    }

    static List<String> table(List<OperatorVerdict> verdicts, List<String> notChecked) {
        return table(verdicts, notChecked, false);
    }

    /** @param ikeAuth whether the check ran IKE_AUTH: adds its column */
    static List<String> table(List<OperatorVerdict> verdicts, List<String> notChecked, boolean ikeAuth) {
        return CheckLines.table(verdicts, notChecked, ikeAuth);
    }
}
