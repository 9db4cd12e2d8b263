package dev.wificall.audit;

import dev.wificall.audit.AuditCheck.Family;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the responder's answers show about it: SPIs, Vendor IDs, IKE fragmentation, signature hashes. */
final class Signs {
    private Signs() {
    }

    static List<CheckResult> derive(List<AuditTarget> targets, List<CheckResult> cells) {
        Map<Long, Integer> spiCount = new HashMap<>();
        for (CheckResult c : cells) {
            if (accepted(c)) {
                spiCount.merge(c.answer().responderSpi(), 1, Integer::sum);
            }
        }
        List<CheckResult> out = new ArrayList<>();
        for (AuditTarget t : targets) {
            List<CheckResult> mine = cells.stream().filter(c -> c.target().equals(t) && c.answer() != null).toList();
            List<CheckResult> acc = mine.stream().filter(Signs::accepted).toList();
            out.add(spi(t, acc, spiCount));
            Set<String> vendors = new LinkedHashSet<>();
            Set<String> notifies = new LinkedHashSet<>();
            mine.forEach(c -> vendors.addAll(c.answer().vendorIds()));
            acc.forEach(c -> notifies.addAll(c.answer().notifies()));
            out.add(vendorIds(t, mine, vendors));
            out.add(notify(t, acc, notifies, "fragmentation", "IKEV2_FRAGMENTATION_SUPPORTED",
                    "IKE fragmentation (RFC 7383)", new Finding(Severity.LOW, "wificall", AddressName.of(t)
                            + " does not offer IKE fragmentation (RFC 7383), so its IKE_AUTH answer with certificates"
                            + " reaches phones as IP fragments, which many Wi-Fi networks drop: enable fragmentation on the ePDG")));
            out.add(notify(t, acc, notifies, "signature-hash", "SIGNATURE_HASH_ALGORITHMS",
                    "signature hash algorithms (RFC 7427)", null));
        }
        return out;
    }

    private static boolean accepted(CheckResult c) {
        return c.answer() != null && c.answer().chosen() != null && c.answer().keSha256() != null;
    }

    private static CheckResult spi(AuditTarget t, List<CheckResult> acc, Map<Long, Integer> spiCount) {
        AuditCheck check = AuditCheck.derived("spi", Family.SIGN, "responder SPIs of every accepted answer: none zero,"
                + " none repeated");
        if (acc.isEmpty()) {
            return Auditor.skipped(t, check, "nothing to judge: " + AddressName.of(t) + " accepted no offer");
        }
        long zero = acc.stream().filter(c -> c.answer().responderSpi() == 0).count();
        long repeated = acc.stream().filter(c -> spiCount.get(c.answer().responderSpi()) > 1).count();
        if (zero == 0 && repeated == 0) {
            return new CheckResult(t, check, AuditOutcome.NOT_FOUND, acc.size() + " accepted answers, each with its own"
                    + " non-zero SPIr", null, 0, List.of());
        }
        String sentence = AddressName.of(t) + " answered " + (zero > 0 ? zero + " of " + acc.size()
                + " accepted offers with a zero responder SPI (RFC 7296 §3.1 forbids it)" : "")
                + (zero > 0 && repeated > 0 ? " and " : "") + (repeated > 0 ? repeated + " with an SPIr seen in another"
                + " answer of this run (SPIs must be unique and unpredictable)" : "");
        return new CheckResult(t, check, AuditOutcome.FOUND, sentence, null, 0,
                List.of(new Finding(Severity.MEDIUM, "RFC 7296", sentence)));
    }

    private static CheckResult vendorIds(AuditTarget t, List<CheckResult> mine, Set<String> vendors) {
        AuditCheck check = AuditCheck.derived("vendor-id", Family.SIGN, "Vendor ID payloads in the answers");
        if (mine.isEmpty()) {
            return Auditor.skipped(t, check, "nothing to look at: no authentic answer from " + AddressName.of(t));
        }
        if (vendors.isEmpty()) {
            return new CheckResult(t, check, AuditOutcome.NOT_FOUND, "no Vendor ID in " + mine.size() + " answers", null, 0,
                    List.of());
        }
        String sentence = AddressName.of(t) + " names its implementation in Vendor IDs: " + String.join(", ", vendors);
        return new CheckResult(t, check, AuditOutcome.FOUND, sentence, null, 0,
                List.of(new Finding(Severity.INFO, "wificall", sentence + " (tells an attacker which flaws to try)")));
    }

    private static CheckResult notify(AuditTarget t, List<CheckResult> acc, Set<String> notifies, String id, String name,
                                      String what, Finding ifMissing) {
        AuditCheck check = AuditCheck.derived(id, Family.SIGN, name + " in accepted answers");
        if (acc.isEmpty()) {
            return Auditor.skipped(t, check, "nothing to look at: " + AddressName.of(t) + " accepted no offer");
        }
        if (notifies.contains(name)) {
            return new CheckResult(t, check, AuditOutcome.FOUND, "offers " + what + " (" + name + ")", null, 0, List.of());
        }
        return new CheckResult(t, check, AuditOutcome.NOT_FOUND, "no " + name + " in " + acc.size() + " accepted answers",
                null, 0, ifMissing == null ? List.of() : List.of(ifMissing));
    }
}
