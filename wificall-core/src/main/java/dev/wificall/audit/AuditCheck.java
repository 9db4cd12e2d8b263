package dev.wificall.audit;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeProposals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One question the audit asks an ePDG address, and the one IKE_SA_INIT offer that asks it.
 *
 * @param id       the report's name, e.g. "dh:14", "encr:3des", "downgrade", "phone:apple:TMobile_Germany_iPhone"
 * @param family   which kind of question
 * @param question for a person, e.g. "DH group 14 (MODP-2048) alone"
 * @param offer    what the request offers; null for checks derived from the other answers (reuse, signs)
 * @param group    the group the check is about (DH checks), else null
 * @param keyword  the transform's strongSwan keyword (transform checks), else null
 * @param phone    the phone profile whose offer is replayed (phone checks), else null
 */
public record AuditCheck(String id, Family family, String question, IkeProposals offer, DhGroup group, String keyword,
                         PhoneProfile phone) {

    /** The kinds of question, in the order the audit asks them. */
    public enum Family {
        /** Every group alone, with a broad rest. */
        DH,
        /** All groups offered, strongest first with its KE: which does the ePDG choose? */
        PREFERENCE,
        /** All groups offered, weakest first with its KE: does the ePDG ask for a stronger one? */
        DOWNGRADE,
        /** One phone profile's offer, exactly. */
        PHONE,
        /** One encryption algorithm against a known-good rest. */
        ENCR,
        /** One integrity algorithm against a known-good rest. */
        INTEG,
        /** One PRF against a known-good rest. */
        PRF,
        /** A hybrid post-quantum key exchange (RFC 9370 over RFC 9242) run to the end of IKE_INTERMEDIATE. */
        PQ,
        /** Derived: KE values and nonces compared across every answer of the run. */
        REUSE,
        /** Derived: what the responder's answers show about it (Vendor IDs, notifies, SPIs). */
        SIGN
    }

    public AuditCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(question, "question");
    }

    /** Transforms beside the group of a DH check: what most responders take, so only the group decides. */
    static final String REST_AEAD = "aes256gcm16-aes128gcm16-chacha20poly1305-prfsha512-prfsha384-prfsha256-prfsha1";
    static final String REST_CBC = "aes256-aes192-aes128-3des-sha512-sha384-sha256-sha1-md5";

    /**
     * Security strength in bits (NIST SP 800-57 Part 1 Rev. 5, Table 2: 1024-bit MODP 80, 2048 112,
     * 3072 128, 7680 192; curves half their order's size; MODP sizes the table skips interpolated),
     * to order "strongest first" and "weakest first".
     */
    private static final Map<DhGroup, Integer> STRENGTH = Map.ofEntries(
            Map.entry(DhGroup.MODP_768, 64), Map.entry(DhGroup.MODP_1024, 80), Map.entry(DhGroup.MODP_1536, 96),
            Map.entry(DhGroup.MODP_2048, 112), Map.entry(DhGroup.MODP_3072, 128), Map.entry(DhGroup.MODP_4096, 144),
            Map.entry(DhGroup.MODP_6144, 168), Map.entry(DhGroup.MODP_8192, 192), Map.entry(DhGroup.ECP_256, 128),
            Map.entry(DhGroup.ECP_384, 192), Map.entry(DhGroup.ECP_521, 256), Map.entry(DhGroup.MODP_1024_S160, 80),
            Map.entry(DhGroup.MODP_2048_S224, 112), Map.entry(DhGroup.MODP_2048_S256, 112),
            Map.entry(DhGroup.ECP_192, 96), Map.entry(DhGroup.ECP_224, 112), Map.entry(DhGroup.BRAINPOOL_P224, 112),
            Map.entry(DhGroup.BRAINPOOL_P256, 128), Map.entry(DhGroup.BRAINPOOL_P384, 192),
            Map.entry(DhGroup.BRAINPOOL_P512, 256), Map.entry(DhGroup.CURVE_25519, 128),
            Map.entry(DhGroup.CURVE_448, 224));

    /** Security strength of the group in bits. */
    public static int strength(DhGroup g) {
        return STRENGTH.get(g);
    }

    /** Strongest first; among equals the IANA number decides, so the order is the same every run. */
    static final Comparator<DhGroup> STRONGEST_FIRST = Comparator.comparingInt(AuditCheck::strength).reversed()
            .thenComparingInt(DhGroup::id);

    /** The transform checks' group when several were accepted: what phones offer first today. */
    private static final List<DhGroup> BASE_PREFERENCE = List.of(DhGroup.ECP_256, DhGroup.MODP_2048, DhGroup.ECP_384,
            DhGroup.CURVE_25519, DhGroup.MODP_3072, DhGroup.ECP_521, DhGroup.MODP_4096, DhGroup.MODP_1536,
            DhGroup.MODP_1024);

    static final List<String> ENCRYPTION = List.of("des", "3des", "aes128", "aes192", "aes256", "aes128ctr", "aes256ctr",
            "aes128gcm8", "aes128gcm12", "aes128gcm16", "aes256gcm8", "aes256gcm12", "aes256gcm16", "chacha20poly1305");
    static final List<String> INTEGRITY = List.of("md5", "sha1", "aesxcbc", "sha256", "sha384", "sha512");
    static final List<String> PRFS = List.of("prfmd5", "prfsha1", "prfaesxcbc", "prfsha256", "prfsha384", "prfsha512");

    /** Every group alone: 1, 2, 5, 14–32 in IANA order. */
    static List<AuditCheck> groups() {
        List<AuditCheck> checks = new ArrayList<>();
        for (DhGroup g : sortedById()) {
            String kw = IkeProposals.keyword(g);
            checks.add(new AuditCheck("dh:" + g.id(), Family.DH, "DH group " + g.id() + " (" + g.label() + ") alone",
                    IkeProposals.parse(REST_AEAD + "-" + kw + "," + REST_CBC + "-" + kw), g, kw, null));
        }
        return checks;
    }

    /** All groups, strongest first (KE for it), then weakest first (KE for the weakest). */
    static List<AuditCheck> ordering() {
        List<DhGroup> strong = sortedById().stream().sorted(STRONGEST_FIRST).toList();
        List<DhGroup> weak = new ArrayList<>(strong);
        java.util.Collections.reverse(weak);
        return List.of(
                new AuditCheck("prefer", Family.PREFERENCE, "all " + strong.size() + " groups offered, strongest ("
                        + strong.get(0).label() + ") first with its KE", offerAll(strong), strong.get(0), null, null),
                new AuditCheck("downgrade", Family.DOWNGRADE, "all " + weak.size() + " groups offered, weakest ("
                        + weak.get(0).label() + ") first with its KE", offerAll(weak), weak.get(0), null, null));
    }

    private static IkeProposals offerAll(List<DhGroup> order) {
        String groups = order.stream().map(IkeProposals::keyword).collect(Collectors.joining("-"));
        return IkeProposals.parse(REST_AEAD + "-" + groups + "," + REST_CBC + "-" + groups);
    }

    // beside the one transform a check asks about, every other type offers several sound choices, so that
    // only that transform can make the answer a refusal
    static final String OTHER_CLASSIC = "aes128-aes192-aes256-3des";
    static final String OTHER_AEAD = "aes128gcm16-aes256gcm16-chacha20poly1305";
    static final String OTHER_INTEG = "sha256-sha384-sha512-sha1";
    static final String OTHER_PRF = "prfsha256-prfsha384-prfsha512-prfsha1";

    /**
     * Each cipher alone, with several integrity algorithms (classic ciphers) and several PRFs: AEAD ciphers
     * with {@code aeadBase}, classic ones with {@code classicBase}, groups the address accepted with such a
     * cipher (responders bind groups to proposals).
     */
    static List<AuditCheck> encryption(DhGroup aeadBase, DhGroup classicBase) {
        List<AuditCheck> checks = new ArrayList<>();
        for (String e : ENCRYPTION) {
            boolean aead = IkeProposals.aead(e);
            DhGroup base = aead ? aeadBase : classicBase;
            String g = IkeProposals.keyword(base);
            String rest = (aead ? "" : OTHER_INTEG + "-") + OTHER_PRF + "-" + g;
            checks.add(new AuditCheck("encr:" + e, Family.ENCR, "encryption " + e + " alone (with " + g + ")",
                    IkeProposals.parse(e + "-" + rest), base, e, null));
        }
        return checks;
    }

    /** Each integrity algorithm alone, with classic ciphers, several PRFs and {@code classicBase}. */
    static List<AuditCheck> integrity(DhGroup classicBase) {
        String g = IkeProposals.keyword(classicBase);
        List<AuditCheck> checks = new ArrayList<>();
        for (String i : INTEGRITY) {
            checks.add(new AuditCheck("integ:" + i, Family.INTEG, "integrity " + i + " alone (with " + g + ")",
                    IkeProposals.parse(OTHER_CLASSIC + "-" + i + "-" + OTHER_PRF + "-" + g), classicBase, i, null));
        }
        return checks;
    }

    /** Each PRF alone, in an AEAD proposal with {@code aeadBase} and a classic one with {@code classicBase}. */
    static List<AuditCheck> prfs(DhGroup aeadBase, DhGroup classicBase) {
        String ga = IkeProposals.keyword(aeadBase);
        String gc = IkeProposals.keyword(classicBase);
        List<AuditCheck> checks = new ArrayList<>();
        for (String p : PRFS) {
            checks.add(new AuditCheck("prf:" + p.substring(3), Family.PRF, "PRF " + p.substring(3) + " alone (with " + ga
                    + (ga.equals(gc) ? "" : " or " + gc) + ")", IkeProposals.parse(OTHER_AEAD + "-" + p + "-" + ga + ","
                    + OTHER_CLASSIC + "-" + OTHER_INTEG + "-" + p + "-" + gc), aeadBase, p, null));
        }
        return checks;
    }

    /** Every transform check, for reports of checks that were not asked. */
    static List<AuditCheck> transforms() {
        List<AuditCheck> all = new ArrayList<>(encryption(DhGroup.MODP_2048, DhGroup.MODP_2048));
        all.addAll(integrity(DhGroup.MODP_2048));
        all.addAll(prfs(DhGroup.MODP_2048, DhGroup.MODP_2048));
        return all;
    }

    /** The group transform checks use: the first of phones' usual groups the address accepted, else its strongest. */
    static DhGroup base(List<DhGroup> accepted) {
        return BASE_PREFERENCE.stream().filter(accepted::contains).findFirst()
                .orElseGet(() -> accepted.stream().sorted(STRONGEST_FIRST).findFirst().orElseThrow());
    }

    /** The phone's offer, exactly as its profile gives it. */
    static AuditCheck phone(PhoneProfile p) {
        return new AuditCheck("phone:" + p.vendor() + ":" + p.name(), Family.PHONE, p.vendor() + " phones with profile "
                + p.name() + " (" + p.offer() + ")", p.offer(), p.offer().firstGroup(), null, p);
    }

    /** A check derived from the answers of the others. */
    static AuditCheck derived(String id, Family family, String question) {
        return new AuditCheck(id, family, question, null, null, null, null);
    }

    private static List<DhGroup> sortedById() {
        return Arrays.stream(DhGroup.values()).sorted(Comparator.comparingInt(DhGroup::id)).toList();
    }
}
