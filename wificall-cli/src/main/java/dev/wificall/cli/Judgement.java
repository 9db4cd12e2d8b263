package dev.wificall.cli;

import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.PortOutcome;
import dev.wificall.verdict.OperatorVerdict;
import java.util.List;

/**
 * What a verdict lets the command say, for its exit code. A resolver's answer, even NXDOMAIN or
 * REFUSED, is a fact about this network: a phone asking it would not find its ePDG. Silence from the
 * resolver (TIMEOUT) or a failure to reach it (ERROR) says nothing about the ePDG, nor does a probe
 * that could not leave this host (NOT_SENT: no route for the family).
 */
enum Judgement {
    COMPLIANT, NOT_COMPLIANT, NOT_JUDGED;

    static Judgement of(OperatorVerdict v) {
        if (v.ready()) {
            return COMPLIANT;
        }
        if (unanswered(v.dns().status())) {
            return NOT_JUDGED;
        }
        if (!v.probes().isEmpty() && v.probes().stream().allMatch(p -> p.outcome() == PortOutcome.NOT_SENT)) {
            return NOT_JUDGED;
        }
        return NOT_COMPLIANT;
    }

    static boolean unanswered(DnsStatus status) {
        return status == DnsStatus.TIMEOUT || status == DnsStatus.ERROR;
    }

    /** A definite failure wins over one that could not be judged. */
    static int exitCode(List<Judgement> judgements) {
        if (judgements.contains(NOT_COMPLIANT)) {
            return ExitCode.NOT_COMPLIANT;
        }
        return judgements.contains(NOT_JUDGED) ? ExitCode.NOT_JUDGED : ExitCode.COMPLIANT;
    }
}
