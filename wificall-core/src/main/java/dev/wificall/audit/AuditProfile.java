package dev.wificall.audit;

import dev.wificall.audit.AuditCheck.Family;
import dev.wificall.ike.DhGroup;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule set that turns outcomes into findings. The levels are coded from the documents' own
 * tables: RFC 8247 §2.1–2.4; TS 33.210 Rel-16 §5.4.2 (and Rel-13, which prohibited MODP-1024);
 * BSI TR-02102-3 (2024) §3 recommendations; and "the carrier's phones" from the phone profiles.
 */
public enum AuditProfile {
    RFC_8247("RFC 8247"),
    TS_33_210_REL13("TS 33.210 Rel-13"),
    TS_33_210_REL16("TS 33.210 Rel-16"),
    BSI_TR_02102_3("BSI TR-02102-3"),
    /** What the audited operator's phones offer (phone-ike-profiles.csv). */
    PHONES("carrier's phones");

    private final String label;

    AuditProfile(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** "rfc_8247, ts_33_210_rel13, ..." for messages. */
    static String names() {
        return Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming the value and the profiles there are */
    public static AuditProfile parse(String text) {
        String t = text == null ? "" : text.strip().replace('-', '_').replace('.', '_').replace(' ', '_');
        for (AuditProfile p : values()) {
            if (p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("audit profile '" + text + "' is not one of " + names());
    }

    // RFC 8247 requirement levels per IANA number, from its tables
    private static final Map<Integer, String> RFC_DH = Map.of(14, "MUST", 19, "SHOULD", 5, "SHOULD NOT", 2, "SHOULD NOT",
            1, "MUST NOT", 22, "SHOULD NOT", 23, "SHOULD NOT", 24, "SHOULD NOT");
    private static final Map<String, String> RFC_ENCR = Map.of("aes128", "MUST", "aes256", "MUST", "aes192", "MUST",
            "chacha20poly1305", "SHOULD", "aes128gcm16", "SHOULD", "aes256gcm16", "SHOULD", "3des", "MAY", "des", "MUST NOT");
    private static final Map<String, String> RFC_INTEG = Map.of("sha256", "MUST", "sha512", "SHOULD", "sha1", "MUST-",
            "aesxcbc", "MAY", "md5", "MUST NOT");
    private static final Map<String, String> RFC_PRF = Map.of("prfsha256", "MUST", "prfsha512", "SHOULD", "prfsha1", "MUST-",
            "prfaesxcbc", "SHOULD", "prfmd5", "MUST NOT");
    /** BSI TR-02102-3 recommends these groups; MODP-2048 only until the end of 2022. */
    private static final Set<Integer> BSI_DH = Set.of(15, 16, 17, 18, 19, 20, 21, 28, 29, 30);
    private static final Set<String> BSI_WEAK_TRANSFORMS = Set.of("des", "3des", "md5", "sha1", "aesxcbc", "prfmd5",
            "prfsha1", "prfaesxcbc");

    /** This profile's finding for one result, given every result of its target and the operator's phones. */
    Optional<Finding> judge(CheckResult r, List<CheckResult> ofTarget, List<PhoneProfile> phones) {
        boolean accepted = r.outcome() == AuditOutcome.ACCEPTED;
        boolean refused = r.outcome() == AuditOutcome.NO_PROPOSAL_CHOSEN || r.outcome() == AuditOutcome.INVALID_KE;
        AuditCheck c = r.check();
        String who = AddressName.of(r.target());
        switch (this) {
            case RFC_8247:
                return rfc(r, c, who, accepted, refused);
            case TS_33_210_REL16:
                if (c.family() == Family.DH && accepted && modpBelow2048(c.group())) {
                    return finding(Severity.HIGH, who + " accepts DH group " + c.group().id() + " (" + c.group().label()
                            + "), a MODP group under 2048 bits, which TS 33.210 Rel-16 §5.4.2 says shall not be supported");
                }
                return required(r, who, refused, Map.of("dh:19", Severity.HIGH, "encr:aes128gcm16", Severity.HIGH,
                        "prf:sha256", Severity.HIGH, "integ:sha256", Severity.HIGH, "dh:20", Severity.LOW,
                        "encr:aes256gcm16", Severity.LOW, "prf:sha384", Severity.LOW), "TS 33.210 Rel-16 §5.4.2");
            case TS_33_210_REL13:
                if (c.family() == Family.DH && accepted && (c.group() == DhGroup.MODP_1024 || c.group() == DhGroup.MODP_768)) {
                    return finding(Severity.HIGH, who + " accepts DH group " + c.group().id() + " (" + c.group().label()
                            + ")" + (c.group() == DhGroup.MODP_1024 ? ", which TS 33.210 prohibits from Rel-13 on"
                            : ", weaker than MODP-1024, which TS 33.210 prohibits from Rel-13 on"));
                }
                return required(r, who, refused, Map.of("dh:14", Severity.HIGH), "TS 33.210 (MODP-2048 is its remaining"
                        + " required group from Rel-13 on)");
            case BSI_TR_02102_3:
                if (c.family() == Family.DH && accepted && !BSI_DH.contains(c.group().id())) {
                    return finding(c.group() == DhGroup.MODP_2048 ? Severity.LOW : Severity.MEDIUM, who + " accepts DH"
                            + " group " + c.group().id() + " (" + c.group().label() + "), which BSI TR-02102-3 does not"
                            + " recommend" + (c.group() == DhGroup.MODP_2048 ? " after 2022" : ""));
                }
                if ((c.family() == Family.ENCR || c.family() == Family.INTEG || c.family() == Family.PRF) && accepted
                        && BSI_WEAK_TRANSFORMS.contains(c.keyword())) {
                    return finding(Severity.MEDIUM, who + " accepts " + c.keyword() + ", which BSI TR-02102-3 does not"
                            + " recommend");
                }
                return Optional.empty();
            default:
                return phones(r, c, who, accepted, ofTarget, phones);
        }
    }

    private Optional<Finding> rfc(CheckResult r, AuditCheck c, String who, boolean accepted, boolean refused) {
        String level = switch (c.family()) {
            case DH -> RFC_DH.get(c.group().id());
            case ENCR -> RFC_ENCR.get(c.keyword());
            case INTEG -> RFC_INTEG.get(c.keyword());
            case PRF -> RFC_PRF.get(c.keyword());
            default -> null;
        };
        String what = c.family() == Family.DH ? "DH group " + c.group().id() + " (" + c.group().label() + ")" : c.keyword();
        if (c.family() == Family.PREFERENCE || c.family() == Family.DOWNGRADE) {
            return chosenWeak(r, who);
        }
        if (level == null) {
            return Optional.empty();
        }
        if (accepted && level.equals("MUST NOT")) {
            return finding(Severity.HIGH, who + " accepts " + what + ", which RFC 8247 says MUST NOT be used: remove it"
                    + " from the ePDG's IKE proposals");
        }
        if (accepted && level.equals("SHOULD NOT")) {
            return finding(Severity.MEDIUM, who + " accepts " + what + ", which RFC 8247 says SHOULD NOT be used");
        }
        if (accepted && (level.equals("MUST-") || level.equals("MAY") && c.keyword() != null && c.keyword().equals("3des"))) {
            return finding(Severity.LOW, who + " accepts " + what + ", which RFC 8247 expects to be deprecated ("
                    + level + ")");
        }
        if (refused && level.equals("MUST") && !(c.family() == Family.ENCR && !c.keyword().equals("aes128"))) {
            return finding(Severity.MEDIUM, who + " refuses " + what + " (" + r.detail() + "), which RFC 8247 says every"
                    + " implementation MUST support");
        }
        return Optional.empty();
    }

    /** The ordering checks: what the ePDG chose when offered everything. */
    private Optional<Finding> chosenWeak(CheckResult r, String who) {
        if (r.chosen() == null) {
            return Optional.empty();
        }
        Optional<DhGroup> chosen = Arrays.stream(DhGroup.values())
                .filter(g -> r.chosen().endsWith("-" + dev.wificall.ike.IkeProposals.keyword(g))).findFirst();
        if (chosen.isEmpty() || AuditCheck.strength(chosen.get()) >= 112) {
            return Optional.empty();
        }
        boolean downgrade = r.check().family() == Family.DOWNGRADE;
        return finding(chosen.get().id() == 1 ? Severity.HIGH : Severity.MEDIUM, who + " chose DH group "
                + chosen.get().id() + " (" + chosen.get().label() + ", " + AuditCheck.strength(chosen.get())
                + "-bit strength) from an offer of all " + DhGroup.values().length + " groups"
                + (downgrade ? " with the weakest first, instead of answering INVALID_KE_PAYLOAD for a stronger one:"
                + " an initiator (or an attacker rewriting its offer) gets the weak group"
                : " with the strongest first") + "; prefer strong groups in the ePDG's configuration");
    }

    private Optional<Finding> required(CheckResult r, String who, boolean refused, Map<String, Severity> required,
                                       String source) {
        Severity s = required.get(r.check().id());
        if (s == null || !refused) {
            return Optional.empty();
        }
        return finding(s, who + " refuses " + r.check().question() + " (" + r.detail() + "), which " + source + " says it "
                + (s == Severity.HIGH ? "shall" : "should") + " support");
    }

    private Optional<Finding> phones(CheckResult r, AuditCheck c, String who, boolean accepted, List<CheckResult> ofTarget,
                                     List<PhoneProfile> phones) {
        if (c.family() == Family.PHONE && r.outcome() != AuditOutcome.ACCEPTED && r.outcome() != AuditOutcome.SKIPPED) {
            return finding(Severity.HIGH, c.phone().label() + " phones would not connect to " + who + ": their offer "
                    + c.phone().offer() + " got " + r.outcome().wire() + " (" + r.detail() + ")"
                    + (c.phone().assumed().isEmpty() ? "" : "; the profile gives no " + c.phone().assumed()
                    + ", so that was assumed"));
        }
        if (c.family() != Family.DH || !accepted || AuditCheck.strength(c.group()) >= 112 || phones.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> acceptedGroups = ofTarget.stream()
                .filter(x -> x.check().family() == Family.DH && x.outcome() == AuditOutcome.ACCEPTED)
                .map(x -> x.check().group().id()).toList();
        List<PhoneProfile> offering = phones.stream().filter(p -> p.groups().contains(c.group())).toList();
        List<PhoneProfile> lockedOut = offering.stream().filter(p -> p.groups().stream()
                .noneMatch(g -> g != c.group() && acceptedGroups.contains(g.id()))).toList();
        String op = r.target().operator();
        if (offering.isEmpty()) {
            return finding(Severity.INFO, "none of the " + phones.size() + " phone profiles of " + op + " offers DH group "
                    + c.group().id() + ": " + who + " can drop it without locking out a phone");
        }
        if (lockedOut.isEmpty()) {
            return finding(Severity.INFO, offering.size() + " of the " + phones.size() + " phone profiles of " + op
                    + " offer DH group " + c.group().id() + ", but each also offers a group " + who + " accepts: it can"
                    + " drop group " + c.group().id() + " without locking out a phone");
        }
        return finding(Severity.INFO, "DH group " + c.group().id() + " stays at " + who + " only because phones still offer"
                + " it: dropping it would lock out " + lockedOut.size() + " of the " + phones.size() + " phone profiles of "
                + op + " (" + names(lockedOut) + "), which offer no other group it accepts");
    }

    private static String names(List<PhoneProfile> profiles) {
        List<String> labels = profiles.stream().map(PhoneProfile::label).toList();
        return labels.size() <= 4 ? String.join(", ", labels)
                : String.join(", ", labels.subList(0, 4)) + " and " + (labels.size() - 4) + " more";
    }

    private static boolean modpBelow2048(DhGroup g) {
        return g == DhGroup.MODP_768 || g == DhGroup.MODP_1024 || g == DhGroup.MODP_1536 || g == DhGroup.MODP_1024_S160;
    }

    private Optional<Finding> finding(Severity s, String sentence) {
        return Optional.of(new Finding(s, label, sentence));
    }
}
