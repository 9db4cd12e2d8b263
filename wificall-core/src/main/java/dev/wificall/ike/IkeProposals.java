package dev.wificall.ike;

import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The IKE proposals a probe offers, written as strongSwan writes them (the syntax network engineers
 * already use in swanctl.conf): proposals separated by commas, keywords by dashes, e.g.
 * {@code aes256gcm16-aes128gcm16-prfsha256-ecp256-modp2048,aes256-sha256-modp2048}.
 *
 * <p>Keywords and their meaning follow strongSwan (proposal_keywords_static.txt, proposal.c):
 * encryption {@code aes128 aes192 aes256} (CBC), {@code aes128ctr}, {@code aes256gcm16} and the other
 * AES-GCM/CCM ICV sizes, {@code chacha20poly1305}, {@code 3des}; integrity {@code sha1 sha256 sha384
 * sha512 md5 aesxcbc aescmac}; PRF {@code prfsha1 prfsha256 prfsha384 prfsha512 prfmd5 prfaesxcbc
 * prfaescmac}; DH groups {@code modp768 modp1024 modp1536 modp2048 modp3072 modp4096 modp6144 modp8192
 * ecp256 ecp384 ecp521 modp1024s160 modp2048s224 modp2048s256 ecp192 ecp224 ecp224bp ecp256bp ecp384bp
 * ecp512bp curve25519 curve448} (aliases {@code x25519 x448}): every group of the IANA registry from 1
 * to 32, each with a real KE value; additional key exchanges (RFC 9370) {@code ke1_} to {@code ke7_} before a
 * group or {@code mlkem512 mlkem768 mlkem1024} (ADDKE1 to ADDKE7, {@code keN_none} for optional). A proposal without a {@code prf} keyword gets the PRF of each of its
 * integrity algorithms; a proposal of only AEAD ciphers carries no integrity transform (an integrity
 * keyword there only implies the PRF); AEAD and classic ciphers cannot share a proposal; a classic
 * one needs an integrity algorithm. Keywords are case-insensitive; a repeated one counts once.
 *
 * @param text       the proposals as given, for reports
 * @param proposals  the SA payload's proposals, numbered from 1
 * @param groups     every DH group offered, first offered first: the first one gets the KE payload
 */
public record IkeProposals(String text, List<Proposal> proposals, List<DhGroup> groups) {

    private static final String EXPECTED = "expected strongSwan proposal syntax such as "
            + "aes256gcm16-prfsha256-ecp256 or aes256-sha256-modp2048, several separated by commas";

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

    /** @throws IllegalArgumentException naming the proposal and the keyword that is wrong */
    public static IkeProposals parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no IKE proposals given; " + EXPECTED);
        }
        List<Proposal> proposals = new ArrayList<>();
        List<DhGroup> groups = new ArrayList<>();
        String[] parts = text.split(",", -1);
        if (parts.length > 255) {
            throw new IllegalArgumentException(parts.length + " IKE proposals in '" + text.strip()
                    + "', but an SA payload numbers at most 255");
        }
        for (String one : parts) {
            proposals.add(proposal(proposals.size() + 1, one.strip(), text.strip(), groups));
        }
        return new IkeProposals(text.strip(), proposals, groups);
    }

    private static Proposal proposal(int number, String one, String all, List<DhGroup> groups) {
        String where = "IKE proposal " + number + " '" + one + "' of '" + all + "'";
        if (one.isEmpty()) {
            throw new IllegalArgumentException("IKE proposal " + number + " of '" + all + "' is empty; " + EXPECTED);
        }
        List<Transform> encr = new ArrayList<>();
        List<Transform> integ = new ArrayList<>();
        List<Transform> prf = new ArrayList<>();
        List<Transform> implied = new ArrayList<>();
        List<Transform> dh = new ArrayList<>();
        List<Transform> additional = new ArrayList<>();
        for (String word : one.split("-", -1)) {
            String keyword = word.strip().toLowerCase(Locale.ROOT);
            Transform t = ProposalKeywords.transform(keyword).orElseThrow(() -> unknown(keyword, where));
            switch (t.type()) {
                case SecurityAssociation.ENCR:
                    addOnce(encr, t);
                    break;
                case SecurityAssociation.INTEG:
                    addOnce(integ, t);
                    ProposalKeywords.impliedPrf(t.id())
                            .ifPresent(id -> addOnce(implied, Transform.of(SecurityAssociation.PRF, id)));
                    break;
                case SecurityAssociation.PRF:
                    addOnce(prf, t);
                    break;
                case SecurityAssociation.DH:
                    DhGroup g = DhGroup.byId(t.id()).orElseThrow(() -> new IllegalArgumentException(where + " offers "
                            + keyword + " as the IKE_SA_INIT key exchange; this probe sends ML-KEM only as an additional"
                            + " one (RFC 9370), e.g. x25519-ke1_" + keyword));
                    addOnce(dh, t);
                    if (!groups.contains(g)) {
                        groups.add(g);
                    }
                    break;
                default:
                    addOnce(additional, t);
                    break;
            }
        }
        // the checks of strongSwan's check_proposal(), in its order
        if (prf.isEmpty()) {
            prf = implied;
        }
        if (prf.isEmpty()) {
            throw new IllegalArgumentException(where + " has no PRF; add prfsha256, or an integrity algorithm"
                    + " such as sha256 whose PRF it implies");
        }
        if (dh.isEmpty()) {
            throw new IllegalArgumentException(where + " has no DH group; add one such as ecp256 or modp2048");
        }
        if (encr.isEmpty()) {
            throw new IllegalArgumentException(where + " has no encryption algorithm; add one such as aes256gcm16"
                    + " or aes256");
        }
        long aead = encr.stream().filter(t -> ProposalKeywords.aead(t.id())).count();
        if (aead > 0 && aead < encr.size()) {
            throw new IllegalArgumentException(where + " mixes AEAD (" + keywords(encr, true) + ") and classic ("
                    + keywords(encr, false) + ") encryption; put them in separate proposals, e.g."
                    + " aes256gcm16-prfsha256-ecp256,aes256-sha256-ecp256");
        }
        if (aead == 0 && integ.isEmpty()) {
            throw new IllegalArgumentException(where + " uses classic encryption (" + keywords(encr, false)
                    + ") without an integrity algorithm; add one such as sha256");
        }
        List<Transform> transforms = new ArrayList<>(encr);
        transforms.addAll(prf);
        if (aead == 0) {
            transforms.addAll(integ);
        }
        transforms.addAll(dh);
        additional.stream().sorted(java.util.Comparator.comparingInt(Transform::type)).forEach(transforms::add);
        if (transforms.size() > 255) {
            throw new IllegalArgumentException(where + " has " + transforms.size()
                    + " transforms, but a proposal counts at most 255");
        }
        return Proposal.ike(number, transforms);
    }

    private static IllegalArgumentException unknown(String keyword, String where) {
        if (keyword.isEmpty()) {
            return new IllegalArgumentException("empty keyword (two dashes in a row?) in " + where + "; " + EXPECTED);
        }
        return new IllegalArgumentException("unknown keyword '" + keyword + "' in " + where + "; known: encryption "
                + String.join(" ", ProposalKeywords.keywords(SecurityAssociation.ENCR)) + "; integrity "
                + String.join(" ", ProposalKeywords.keywords(SecurityAssociation.INTEG)) + "; PRF "
                + String.join(" ", ProposalKeywords.keywords(SecurityAssociation.PRF)) + "; DH "
                + String.join(" ", ProposalKeywords.keywords(SecurityAssociation.DH))
                + "; additional key exchanges (RFC 9370) ke1_ to ke7_ before a DH or ML-KEM keyword, e.g. ke1_mlkem768");
    }

    private static void addOnce(List<Transform> list, Transform t) {
        if (list.stream().noneMatch(o -> o.type() == t.type() && o.id() == t.id() && o.keyLength() == t.keyLength())) {
            list.add(t);
        }
    }

    private static String keywords(List<Transform> encr, boolean aead) {
        return encr.stream().filter(t -> ProposalKeywords.aead(t.id()) == aead).map(ProposalKeywords::keyword)
                .collect(Collectors.joining(" "));
    }

    /**
     * One proposal in strongSwan syntax: encryption, integrity, PRF, then DH keywords, each kind in
     * the proposal's order, e.g. "aes256gcm16-prfsha256-ecp256" or "aes128-sha256-prfsha256-modp2048".
     * {@link #parse} of the result gives the same transforms whenever strongSwan has a keyword for each
     * (and this probe a KE for each group); an integrity NONE beside an AEAD cipher is left out.
     */
    public static String describe(Proposal proposal) {
        List<String> words = new ArrayList<>();
        for (int type : new int[] {SecurityAssociation.ENCR, SecurityAssociation.INTEG, SecurityAssociation.PRF,
            SecurityAssociation.DH, SecurityAssociation.ESN}) {
            proposal.transforms().stream().filter(t -> t.type() == type)
                    .filter(t -> !(t.type() == SecurityAssociation.INTEG && t.id() == 0))
                    .map(ProposalKeywords::keyword).forEach(words::add);
        }
        proposal.transforms().stream().filter(t -> t.type() < SecurityAssociation.ENCR || t.type() > SecurityAssociation.ESN)
                .map(ProposalKeywords::keyword).forEach(words::add);
        return String.join("-", words);
    }

    /** The group's strongSwan keyword, e.g. "ecp256bp" for group 28: what {@link #parse} takes for it. */
    public static String keyword(DhGroup group) {
        return ProposalKeywords.keyword(new Transform(SecurityAssociation.DH, group.id(), List.of()));
    }

    /** The transform's strongSwan keyword, e.g. "aes256gcm16", "sha256", "prfsha384", "ecp256". */
    public static String keyword(Transform t) {
        return ProposalKeywords.keyword(t);
    }

    /** Whether the encryption keyword names an AEAD cipher (AES-GCM, AES-CCM, ChaCha20-Poly1305). */
    public static boolean aead(String encryptionKeyword) {
        return ProposalKeywords.transform(encryptionKeyword).filter(t -> t.type() == SecurityAssociation.ENCR)
                .map(t -> ProposalKeywords.aead(t.id())).orElse(false);
    }

    /** Every proposal in strongSwan syntax, separated by commas. */
    public String describe() {
        return proposals.stream().map(IkeProposals::describe).collect(Collectors.joining(","));
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
