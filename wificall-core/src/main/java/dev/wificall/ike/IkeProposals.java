package dev.wificall.ike;

import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The IKE proposals a probe offers, written as strongSwan writes them (the syntax network engineers
 * already use in swanctl.conf): proposals separated by commas, keywords by dashes, e.g.
 * {@code aes256gcm16-aes128gcm16-prfsha256-ecp256-modp2048,aes256-sha256-modp2048}.
 *
 * <p>Keywords: encryption {@code aes128 aes256} (CBC) and {@code aes128gcm16 aes256gcm16};
 * integrity {@code sha1 sha256 sha384 sha512} (in a proposal without a {@code prf...} keyword these
 * also give the PRF, as in strongSwan; in an AES-GCM proposal they mean the PRF); PRF
 * {@code prfsha1 prfsha256 prfsha384 prfsha512}; DH groups {@code modp1024 modp1536 modp2048
 * modp3072 modp4096 ecp256 ecp384 ecp521 curve25519 x25519}.
 *
 * @param text       the proposals as given, for reports
 * @param proposals  the SA payload's proposals, numbered from 1
 * @param groups     every DH group offered, first offered first: the first one gets the KE payload
 */
public record IkeProposals(String text, List<Proposal> proposals, List<DhGroup> groups) {

    private static final String EXPECTED = "expected strongSwan proposal syntax such as "
            + "aes256gcm16-prfsha256-ecp256 or aes256-sha256-modp2048, several separated by commas";

    private static final Map<String, Transform> ENCRYPTION = new LinkedHashMap<>();
    private static final Map<String, Integer> INTEGRITY = new LinkedHashMap<>();
    private static final Map<String, Integer> PRFS = new LinkedHashMap<>();
    private static final Map<String, DhGroup> GROUPS = new LinkedHashMap<>();

    static {
        ENCRYPTION.put("aes128", Transform.encr(12, 128));
        ENCRYPTION.put("aes256", Transform.encr(12, 256));
        ENCRYPTION.put("aes128gcm16", Transform.encr(20, 128));
        ENCRYPTION.put("aes256gcm16", Transform.encr(20, 256));
        // integrity transform IDs (RFC 7296 §3.3.2, RFC 4868) and the PRF each implies
        INTEGRITY.put("sha1", 2);
        INTEGRITY.put("sha256", 12);
        INTEGRITY.put("sha384", 13);
        INTEGRITY.put("sha512", 14);
        PRFS.put("prfsha1", 2);
        PRFS.put("prfsha256", 5);
        PRFS.put("prfsha384", 6);
        PRFS.put("prfsha512", 7);
        GROUPS.put("modp1024", DhGroup.MODP_1024);
        GROUPS.put("modp1536", DhGroup.MODP_1536);
        GROUPS.put("modp2048", DhGroup.MODP_2048);
        GROUPS.put("modp3072", DhGroup.MODP_3072);
        GROUPS.put("modp4096", DhGroup.MODP_4096);
        GROUPS.put("ecp256", DhGroup.ECP_256);
        GROUPS.put("ecp384", DhGroup.ECP_384);
        GROUPS.put("ecp521", DhGroup.ECP_521);
        GROUPS.put("curve25519", DhGroup.CURVE_25519);
        GROUPS.put("x25519", DhGroup.CURVE_25519);
    }

    // after the tables above: static fields initialise in the order they are written
    /**
     * Like a current phone and TS 33.210 Rel-16 §5.4.2: AES-GCM-16 first, then AES-CBC with HMAC,
     * PRF SHA2-256 preferred, DH groups 19, 20 and 14 (KE for 19).
     */
    public static final IkeProposals PHONE = parse(
            "aes256gcm16-aes128gcm16-prfsha256-prfsha384-ecp256-ecp384-modp2048,"
                    + "aes256-aes128-sha256-sha1-ecp256-ecp384-modp2048");

    /**
     * Everything this probe knows, for the re-check before a silent port is called blocked: some
     * ePDGs stay silent to proposals they dislike instead of answering NO_PROPOSAL_CHOSEN. KE for
     * group 14 (the group most ePDGs accept after group 2, which a phone no longer offers first).
     */
    public static final IkeProposals BROAD = parse(
            "aes256gcm16-aes128gcm16-prfsha256-prfsha384-prfsha512-prfsha1-modp2048-ecp256-ecp384-ecp521-modp3072"
                    + "-modp4096-curve25519-modp1536-modp1024,"
                    + "aes256-aes128-sha256-sha384-sha512-sha1-modp2048-ecp256-ecp384-ecp521-modp3072-modp4096"
                    + "-curve25519-modp1536-modp1024");

    public IkeProposals {
        Objects.requireNonNull(text, "text");
        proposals = List.copyOf(proposals);
        groups = List.copyOf(groups);
        if (proposals.isEmpty() || groups.isEmpty()) {
            throw new IllegalArgumentException("no proposal or no DH group in '" + text + "'; " + EXPECTED);
        }
    }

    /** @throws IllegalArgumentException naming the proposal and keyword that is wrong */
    public static IkeProposals parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no IKE proposals given; " + EXPECTED);
        }
        List<Proposal> proposals = new ArrayList<>();
        List<DhGroup> groups = new ArrayList<>();
        for (String one : text.split(",")) {
            proposals.add(proposal(proposals.size() + 1, one.strip().toLowerCase(Locale.ROOT), text, groups));
        }
        return new IkeProposals(text.strip(), proposals, groups);
    }

    private static Proposal proposal(int number, String one, String all, List<DhGroup> groups) {
        List<Transform> encr = new ArrayList<>();
        List<Transform> integ = new ArrayList<>();
        List<Transform> prf = new ArrayList<>();
        List<Transform> implied = new ArrayList<>();
        List<Transform> dh = new ArrayList<>();
        for (String keyword : one.split("-")) {
            if (ENCRYPTION.containsKey(keyword)) {
                encr.add(ENCRYPTION.get(keyword));
            } else if (INTEGRITY.containsKey(keyword)) {
                integ.add(Transform.of(SecurityAssociation.INTEG, INTEGRITY.get(keyword)));
                implied.add(Transform.of(SecurityAssociation.PRF, PRFS.get("prf" + keyword)));
            } else if (PRFS.containsKey(keyword)) {
                prf.add(Transform.of(SecurityAssociation.PRF, PRFS.get(keyword)));
            } else if (GROUPS.containsKey(keyword)) {
                DhGroup g = GROUPS.get(keyword);
                dh.add(Transform.of(SecurityAssociation.DH, g.id()));
                if (!groups.contains(g)) {
                    groups.add(g);
                }
            } else {
                throw new IllegalArgumentException("unknown keyword '" + keyword + "' in IKE proposal '" + one
                        + "' of '" + all + "'; known: " + String.join(" ", ENCRYPTION.keySet()) + " "
                        + String.join(" ", INTEGRITY.keySet()) + " " + String.join(" ", PRFS.keySet()) + " "
                        + String.join(" ", GROUPS.keySet()));
            }
        }
        boolean aead = encr.stream().anyMatch(t -> t.id() == 20);
        if (encr.isEmpty() || dh.isEmpty()) {
            throw new IllegalArgumentException("IKE proposal '" + one + "' needs an encryption algorithm and a DH group; "
                    + EXPECTED);
        }
        if (aead && encr.stream().anyMatch(t -> t.id() != 20)) {
            throw new IllegalArgumentException("IKE proposal '" + one + "' mixes AES-GCM with AES-CBC; put them in"
                    + " separate proposals, e.g. aes256gcm16-prfsha256-ecp256,aes256-sha256-ecp256");
        }
        if (prf.isEmpty()) {
            prf = implied;
        }
        if (prf.isEmpty()) {
            throw new IllegalArgumentException("IKE proposal '" + one + "' has no PRF; add prfsha256 or an integrity"
                    + " algorithm such as sha256");
        }
        if (!aead && integ.isEmpty()) {
            throw new IllegalArgumentException("IKE proposal '" + one + "' uses AES-CBC without an integrity algorithm;"
                    + " add sha256");
        }
        List<Transform> transforms = new ArrayList<>(encr);
        transforms.addAll(prf);
        if (!aead) {
            transforms.addAll(integ);
        }
        transforms.addAll(dh);
        return Proposal.ike(number, transforms);
    }

    /** The group whose KE goes into the first request. */
    public DhGroup firstGroup() {
        return groups.get(0);
    }

    @Override
    public String toString() {
        return text;
    }
}
