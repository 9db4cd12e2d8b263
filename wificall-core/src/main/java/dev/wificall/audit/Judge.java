package dev.wificall.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Applies the chosen profiles to every result; findings the derived checks made themselves stay. */
final class Judge {
    private Judge() {
    }

    static List<CheckResult> judge(List<CheckResult> all, List<AuditProfile> profiles, PhoneProfiles phones) {
        Map<AuditTarget, List<CheckResult>> byTarget = all.stream()
                .collect(Collectors.groupingBy(CheckResult::target, LinkedHashMap::new, Collectors.toList()));
        List<CheckResult> out = new ArrayList<>(all.size());
        for (CheckResult r : all) {
            List<PhoneProfile> ofOperator = r.target().plmn() == null ? List.of()
                    : phones.forPlmn(r.target().plmn().mcc(), r.target().plmn().mnc());
            List<Finding> findings = new ArrayList<>(r.findings());
            for (AuditProfile p : profiles) {
                p.judge(r, byTarget.get(r.target()), ofOperator).ifPresent(findings::add);
            }
            out.add(r.withFindings(findings));
        }
        return out;
    }
}
