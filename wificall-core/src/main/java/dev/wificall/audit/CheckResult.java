package dev.wificall.audit;

import dev.wificall.dns.AddressText;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of the audit's matrix: one check on one address and port.
 *
 * @param target   what was asked
 * @param check    the question
 * @param outcome  what came back
 * @param detail   what was seen, in one line, e.g. "chose aes256gcm16-prfsha256-modp1024" or
 *                 "INVALID_KE_PAYLOAD: wants DH group 19"
 * @param answer   the facts of the responder's authentic answer; null when none came (or for derived checks)
 * @param packets  IKE_SA_INIT requests sent for this check
 * @param findings what the profiles make of it, most severe first
 * @param acceptedBy the baseline entry that accepts its findings (they no longer fail a build), or null
 */
public record CheckResult(AuditTarget target, AuditCheck check, AuditOutcome outcome, String detail, Answer answer,
                          int packets, List<Finding> findings, Baseline.Entry acceptedBy) {

    /**
     * What an authentic answer showed.
     *
     * @param chosen      the proposal chosen, in strongSwan syntax; null when it chose none
     * @param wantedGroup the group the first INVALID_KE_PAYLOAD asked for, or 0
     * @param keGroup     the group of the responder's KE payload, or 0 without one
     * @param keSha256    SHA-256 (hex) of the responder's KE value, or null
     * @param nonceSha256 SHA-256 (hex) of the responder's nonce, or null
     * @param responderSpi the SPIr of the answer (0 in error notifies, as RFC 7296 §2.6 has it)
     * @param vendorIds   the Vendor IDs, named where known
     * @param notifies    the notify names, in order
     */
    public record Answer(String chosen, int wantedGroup, int keGroup, String keSha256, String nonceSha256, long responderSpi,
                         List<String> vendorIds, List<String> notifies) {
        public Answer {
            vendorIds = List.copyOf(vendorIds);
            notifies = List.copyOf(notifies);
        }
    }

    public CheckResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        findings = findings.stream().sorted(Comparator.comparing(Finding::severity).reversed()).toList();
    }

    /** A result before any baseline. */
    public CheckResult(AuditTarget target, AuditCheck check, AuditOutcome outcome, String detail, Answer answer,
                       int packets, List<Finding> findings) {
        this(target, check, outcome, detail, answer, packets, findings, null);
    }

    /** The most severe finding. */
    public Optional<Finding> finding() {
        return findings.stream().findFirst();
    }

    /** The most severe finding unless a baseline entry accepts it: what fails a build. */
    public Optional<Finding> openFinding() {
        return acceptedBy == null ? finding() : Optional.empty();
    }

    CheckResult withFindings(List<Finding> f) {
        return new CheckResult(target, check, outcome, detail, answer, packets, f, acceptedBy);
    }

    CheckResult accepted(Baseline.Entry entry) {
        return new CheckResult(target, check, outcome, detail, answer, packets, findings, entry);
    }

    /** The chosen proposal, or null. */
    public String chosen() {
        return answer == null ? null : answer.chosen();
    }

    /** The group an INVALID_KE_PAYLOAD asked for, or 0. */
    public int wantedGroup() {
        return answer == null ? 0 : answer.wantedGroup();
    }

    /** "10.77.10.3:500" as sentences name it. */
    public String place() {
        return AddressText.of(target.destination());
    }
}
