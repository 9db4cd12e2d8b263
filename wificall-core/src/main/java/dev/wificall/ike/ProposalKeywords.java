package dev.wificall.ike;

import dev.wificall.ike.SecurityAssociation.Transform;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * strongSwan's algorithm keywords (proposal_keywords_static.txt) for the transforms an IKE SA can
 * carry, both ways: keyword to transform for parsing, transform to its canonical keyword for
 * describing what a responder chose. Aliases (aes = aes128, aes128gcm = aes128gcm16, sha = sha1...)
 * parse but are never printed.
 */
final class ProposalKeywords {
    private ProposalKeywords() {
    }

    private record Key(int type, int id, int keyLength) {
        static Key of(Transform t) {
            return new Key(t.type(), t.id(), t.keyLength());
        }
    }

    /** Every keyword, aliases included, in the order written here. */
    private static final Map<String, Transform> BY_NAME = new LinkedHashMap<>();
    private static final Map<Key, String> CANONICAL = new HashMap<>();
    /** strongSwan's integ_prf_map: the PRF an integrity algorithm implies when a proposal names none. */
    private static final Map<Integer, Integer> IMPLIED_PRF = Map.of(
            1, 1, 2, 2, 5, 4, 6, 1, 7, 2, 8, 8, 12, 5, 13, 6, 14, 7);
    /** AES-CCM, AES-GCM and ChaCha20-Poly1305: combined-mode ciphers, no integrity transform beside them. */
    private static final Set<Integer> AEAD = Set.of(14, 15, 16, 18, 19, 20, 28);

    static {
        encr("3des", 3, 0);
        encr("des", 2, 0);
        for (int bits : new int[] {128, 192, 256}) {
            encr("aes" + bits, 12, bits);
            encr("aes" + bits + "ctr", 13, bits);
            int[][] icvs = {{8, 64}, {12, 96}, {16, 128}};
            for (int i = 0; i < icvs.length; i++) {
                int icv = icvs[i][0];
                encr("aes" + bits + "ccm" + icv, 14 + i, bits);
                alias("aes" + bits + "ccm" + icvs[i][1], "aes" + bits + "ccm" + icv);
                encr("aes" + bits + "gcm" + icv, 18 + i, bits);
                alias("aes" + bits + "gcm" + icvs[i][1], "aes" + bits + "gcm" + icv);
            }
            alias("aes" + bits + "ccm", "aes" + bits + "ccm16");
            alias("aes" + bits + "gcm", "aes" + bits + "gcm16");
            encr("camellia" + bits, 23, bits);
        }
        alias("aes", "aes128");
        alias("camellia", "camellia128");
        encr("chacha20poly1305", 28, 0);

        integ("sha1", 2);
        alias("sha", "sha1");
        integ("sha1_160", 7);
        integ("sha256", 12);
        alias("sha2_256", "sha256");
        integ("sha384", 13);
        alias("sha2_384", "sha384");
        integ("sha512", 14);
        alias("sha2_512", "sha512");
        integ("md5", 1);
        integ("md5_128", 6);
        integ("aesxcbc", 5);
        integ("aescmac", 8);

        prf("prfsha1", 2);
        prf("prfsha256", 5);
        prf("prfsha384", 6);
        prf("prfsha512", 7);
        prf("prfmd5", 1);
        prf("prfaesxcbc", 4);
        prf("prfaescmac", 8);

        // strongSwan's keywords (and the IANA numbers)
        group("modp768", DhGroup.MODP_768);
        group("modp1024", DhGroup.MODP_1024);
        group("modp1536", DhGroup.MODP_1536);
        group("modp2048", DhGroup.MODP_2048);
        group("modp3072", DhGroup.MODP_3072);
        group("modp4096", DhGroup.MODP_4096);
        group("modp6144", DhGroup.MODP_6144);
        group("modp8192", DhGroup.MODP_8192);
        group("ecp256", DhGroup.ECP_256);
        group("ecp384", DhGroup.ECP_384);
        group("ecp521", DhGroup.ECP_521);
        group("modp1024s160", DhGroup.MODP_1024_S160);
        group("modp2048s224", DhGroup.MODP_2048_S224);
        group("modp2048s256", DhGroup.MODP_2048_S256);
        group("ecp192", DhGroup.ECP_192);
        group("ecp224", DhGroup.ECP_224);
        group("ecp224bp", DhGroup.BRAINPOOL_P224);
        group("ecp256bp", DhGroup.BRAINPOOL_P256);
        group("ecp384bp", DhGroup.BRAINPOOL_P384);
        group("ecp512bp", DhGroup.BRAINPOOL_P512);
        group("curve25519", DhGroup.CURVE_25519);
        alias("x25519", "curve25519");
        group("curve448", DhGroup.CURVE_448);
        alias("x448", "curve448");
        // ML-KEM: strongSwan 6 takes these as any key exchange; this probe sends them only as additional ones
        for (MlKem k : MlKem.values()) {
            add(k.keyword(), Transform.of(SecurityAssociation.DH, k.id()));
        }
        // strongSwan's "ke1_" to "ke7_" before a key exchange keyword: that method as ADDKE1 to ADDKE7 (RFC 9370),
        // "keN_none" making that additional exchange optional
        List<Map.Entry<String, Transform>> methods = BY_NAME.entrySet().stream()
                .filter(e -> e.getValue().type() == SecurityAssociation.DH).toList();
        for (int n = 1; n <= SecurityAssociation.ADDKE7 - SecurityAssociation.ADDKE1 + 1; n++) {
            int type = SecurityAssociation.ADDKE1 + n - 1;
            add("ke" + n + "_none", Transform.of(type, 0));
            for (Map.Entry<String, Transform> m : methods) {
                add("ke" + n + "_" + m.getKey(), Transform.of(type, m.getValue().id()));
            }
        }
        CANONICAL.put(new Key(SecurityAssociation.ESN, 0, 0), "noesn");
        CANONICAL.put(new Key(SecurityAssociation.ESN, 1, 0), "esn");
    }

    /** The transform a keyword stands for, aliases included. */
    static Optional<Transform> transform(String keyword) {
        return Optional.ofNullable(BY_NAME.get(keyword));
    }

    /** The PRF that strongSwan derives from an integrity algorithm when a proposal names no PRF. */
    static OptionalInt impliedPrf(int integrityId) {
        Integer prf = IMPLIED_PRF.get(integrityId);
        return prf == null ? OptionalInt.empty() : OptionalInt.of(prf);
    }

    static boolean aead(int encryptionId) {
        return AEAD.contains(encryptionId);
    }

    /** The canonical keywords of one transform type, for error messages. */
    static List<String> keywords(int type) {
        return CANONICAL.entrySet().stream().filter(e -> e.getKey().type() == type)
                .filter(e -> BY_NAME.containsKey(e.getValue()))
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Key::id).thenComparingInt(Key::keyLength)))
                .map(Map.Entry::getValue).toList();
    }

    /**
     * The strongSwan keyword of a transform, e.g. "aes256gcm16"; one that strongSwan has no keyword
     * for is written as its IANA name with the key length, e.g. "ENCR_CAST_128", or "ENCR_1024".
     */
    static String keyword(Transform t) {
        String name = CANONICAL.get(Key.of(t));
        if (name != null) {
            return name;
        }
        String iana = IkeNames.transform(t.type(), t.id()).replace(' ', '_');
        return t.keyLength() > 0 ? iana + "_" + t.keyLength() : iana;
    }

    private static void encr(String name, int id, int bits) {
        add(name, bits > 0 ? Transform.encr(id, bits) : Transform.of(SecurityAssociation.ENCR, id));
    }

    private static void integ(String name, int id) {
        add(name, Transform.of(SecurityAssociation.INTEG, id));
    }

    private static void prf(String name, int id) {
        add(name, Transform.of(SecurityAssociation.PRF, id));
    }

    private static void group(String name, DhGroup g) {
        add(name, Transform.of(SecurityAssociation.DH, g.id()));
    }

    private static void add(String name, Transform t) {
        BY_NAME.put(name, t);
        CANONICAL.putIfAbsent(Key.of(t), name);
    }

    private static void alias(String alias, String name) {
        BY_NAME.put(alias, BY_NAME.get(name));
    }
}
