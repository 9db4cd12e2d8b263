package dev.wificall.audit;

import dev.wificall.audit.AuditCheck.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds KE values and nonces that came back more than once in a run: within one address, across
 * addresses, across operators, and KE values on the list of keys shared in the field. A responder
 * must make a fresh nonce per exchange (RFC 7296 §2.10); RFC 7296 §2.12 lets it reuse a DH value for
 * a while, but one value across servers or operators means one private key broken breaks them all.
 */
final class ReuseFinder {
    /** Places named in a sentence; the rest are counted. */
    static final int NAMED = 4;

    private final KnownStaticKeys known;

    ReuseFinder(KnownStaticKeys known) {
        this.known = known;
    }

    /** Three derived checks per target: ke-reuse, nonce-reuse, ke-known. */
    List<CheckResult> derive(List<AuditTarget> targets, List<CheckResult> cells) {
        List<CheckResult> withKe = cells.stream().filter(c -> c.answer() != null && c.answer().keSha256() != null).toList();
        List<CheckResult> withNonce = cells.stream().filter(c -> c.answer() != null && c.answer().nonceSha256() != null)
                .toList();
        Map<String, List<CheckResult>> byKe = withKe.stream()
                .collect(Collectors.groupingBy(c -> c.answer().keSha256(), LinkedHashMap::new, Collectors.toList()));
        Map<String, List<CheckResult>> byNonce = withNonce.stream()
                .collect(Collectors.groupingBy(c -> c.answer().nonceSha256(), LinkedHashMap::new, Collectors.toList()));
        List<CheckResult> out = new ArrayList<>();
        for (AuditTarget t : targets) {
            out.add(reuse(t, "ke-reuse", "KE value", withKe, byKe, c -> c.answer().keSha256()));
            out.add(reuse(t, "nonce-reuse", "nonce", withNonce, byNonce, c -> c.answer().nonceSha256()));
            out.add(knownKey(t, withKe));
        }
        return out;
    }

    private static CheckResult reuse(AuditTarget t, String id, String what, List<CheckResult> seen,
                                     Map<String, List<CheckResult>> byHash, Function<CheckResult, String> hash) {
        AuditCheck check = AuditCheck.derived(id, Family.REUSE, "the responder's " + what + "s compared with every other"
                + " answer of this run");
        List<CheckResult> mine = seen.stream().filter(c -> c.target().equals(t)).toList();
        if (mine.isEmpty()) {
            return Auditor.skipped(t, check, "nothing to compare: no answer from " + AddressName.of(t)
                    + " carried a " + what);
        }
        Set<String> repeated = mine.stream().map(hash).filter(h -> byHash.get(h).size() > 1)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (repeated.isEmpty()) {
            return new CheckResult(t, check, AuditOutcome.NOT_FOUND, mine.size() + " " + what + "s from " + AddressName.of(t)
                    + ", each seen once in " + byHash.size() + " distinct " + what + "s of the run", null, 0, List.of());
        }
        // the worst repeat decides: across operators, across addresses, within this address
        String worstHash = null;
        int worstScope = -1;
        for (String h : repeated) {
            int scope = scope(t, byHash.get(h));
            if (scope > worstScope) {
                worstScope = scope;
                worstHash = h;
            }
        }
        List<CheckResult> places = byHash.get(worstHash);
        String where = worstScope == 2 ? "across operators " + operators(places)
                : worstScope == 1 ? "across " + places.stream().map(c -> c.target().destination().getAddress()).distinct().count()
                + " addresses" : "within one address";
        String sentence = "the same " + what + " (SHA-256 " + worstHash.substring(0, 16) + "…) came back " + places.size()
                + " times " + where + ": " + placeList(places)
                + (repeated.size() > 1 ? "; " + (repeated.size() - 1) + " more repeated " + what + "s at this address" : "");
        Severity severity;
        String advice;
        if (what.equals("nonce")) {
            severity = worstScope == 2 ? Severity.CRITICAL : Severity.HIGH;
            advice = "a responder must make a fresh random nonce per exchange (RFC 7296 §2.10); the ePDG's random"
                    + " number generator or its key cache is broken: report it to the ePDG's vendor";
        } else {
            severity = worstScope == 2 ? Severity.CRITICAL : worstScope == 1 ? Severity.HIGH : Severity.MEDIUM;
            advice = worstScope == 0 ? "RFC 7296 §2.12 allows reusing a DH value for a short while, but the ePDG should"
                    + " make a fresh key per exchange" : "one private key serves several ePDGs, so one leak breaks them all"
                    + " (the ZTE keys of CVE-2024-22064 were shared this way): ask the vendor for per-exchange keys";
        }
        return new CheckResult(t, check, AuditOutcome.FOUND, sentence, null, 0,
                List.of(new Finding(severity, "RFC 7296", sentence + "; " + advice)));
    }

    private CheckResult knownKey(AuditTarget t, List<CheckResult> seen) {
        AuditCheck check = AuditCheck.derived("ke-known", Family.REUSE, "the responder's KE values against the "
                + known.size() + " keys shared by ePDGs in the field (USENIX Security 2024)");
        List<CheckResult> mine = seen.stream().filter(c -> c.target().equals(t)).toList();
        if (mine.isEmpty()) {
            return Auditor.skipped(t, check, "nothing to compare: no answer from " + AddressName.of(t) + " carried a KE value");
        }
        List<CheckResult> hits = mine.stream().filter(c -> known.group(c.answer().keSha256()).isPresent()).toList();
        if (hits.isEmpty()) {
            return new CheckResult(t, check, AuditOutcome.NOT_FOUND, "none of " + mine.size() + " KE values from "
                    + AddressName.of(t) + " is on the list of " + known.size() + " shared keys", null, 0, List.of());
        }
        String sentence = AddressName.of(t) + " answered with a KE value whose private key is shared by ePDGs in the field"
                + " and known to be static (CVE-2024-22064; SHA-256 " + hits.get(0).answer().keSha256().substring(0, 16)
                + "…, DH group " + hits.get(0).answer().keGroup() + ") in " + placeList(hits);
        return new CheckResult(t, check, AuditOutcome.FOUND, sentence, null, 0, List.of(new Finding(Severity.CRITICAL,
                "CVE-2024-22064", sentence + "; anyone who recovered that key decrypts these IKE SAs: update the ePDG's"
                + " software (ZTE published fixes) and rekey")));
    }

    /** 2 across operators, 1 across addresses, 0 within the target's address. */
    private static int scope(AuditTarget t, List<CheckResult> places) {
        if (places.stream().map(c -> c.target().operator()).distinct().count() > 1) {
            return 2;
        }
        return places.stream().anyMatch(c -> !c.target().destination().getAddress().equals(t.destination().getAddress()))
                ? 1 : 0;
    }

    private static String operators(List<CheckResult> places) {
        return places.stream().map(c -> c.target().operator()).distinct().collect(Collectors.joining(", "));
    }

    /** "10.77.10.3:500 (dh:2, downgrade), 10.77.10.4:500 (dh:2) and 3 more places". */
    static String placeList(List<CheckResult> places) {
        Map<String, List<String>> byPlace = new LinkedHashMap<>();
        for (CheckResult c : places) {
            byPlace.computeIfAbsent(c.target().operator() + " " + c.place(), k -> new ArrayList<>()).add(c.check().id());
        }
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byPlace.entrySet()) {
            if (named.size() == NAMED) {
                break;
            }
            List<String> ids = e.getValue();
            named.add(e.getKey() + " (" + String.join(", ", ids.subList(0, Math.min(3, ids.size())))
                    + (ids.size() > 3 ? " and " + (ids.size() - 3) + " more checks" : "") + ")");
        }
        int rest = byPlace.size() - named.size();
        return String.join(", ", named) + (rest > 0 ? " and " + rest + " more places" : "");
    }
}
