package dev.wificall.audit;

import dev.wificall.discovery.PhoneNames;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeProposals;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The phone profiles of the resource phone-ike-profiles.csv (its header names the source): columns
 * vendor, profile, plmns, epdg_fqdn, dh_groups, encryption, integrity, prf, ike_lifetime_s, ipv6,
 * source_date. Vendor spellings become strongSwan keywords here; a profile is replayable only when it
 * names its DH groups, since a vendor default the source does not give cannot be replayed exactly.
 */
public final class PhoneProfiles {

    private static final Map<String, String> ENCRYPTION = Map.ofEntries(
            Map.entry("AES_CBC", "aes128-aes256"), Map.entry("AES-128", "aes128"), Map.entry("AES-256", "aes256"),
            Map.entry("AES_CBC_128", "aes128"), Map.entry("AES_CBC_192", "aes192"), Map.entry("AES_CBC_256", "aes256"),
            Map.entry("AES_CTR", "aes128ctr-aes256ctr"), Map.entry("AES_CTR_128", "aes128ctr"),
            Map.entry("AES_CTR_192", "aes192ctr"), Map.entry("AES_CTR_256", "aes256ctr"), Map.entry("3DES", "3des"),
            Map.entry("3DES_CBC", "3des"), Map.entry("id2", "des"), Map.entry("ANY", "aes256-aes192-aes128-3des"));
    private static final Map<String, String> INTEGRITY = Map.ofEntries(
            Map.entry("HMAC_SHA1_96", "sha1"), Map.entry("SHA1-96", "sha1"), Map.entry("HMAC_SHA2_256_128", "sha256"),
            Map.entry("HMAC_SHA_256_128", "sha256"), Map.entry("SHA2-256", "sha256"), Map.entry("HMAC_SHA2_384_192", "sha384"),
            Map.entry("HMAC_SHA_384_192", "sha384"), Map.entry("SHA2-384", "sha384"), Map.entry("HMAC_SHA2_512_256", "sha512"),
            Map.entry("HMAC_SHA_512_256", "sha512"), Map.entry("SHA2-512", "sha512"), Map.entry("HMAC_MD5_96", "md5"),
            Map.entry("MD5-96", "md5"), Map.entry("AES_XCBC_96", "aesxcbc"), Map.entry("AES_XCBC_MAC_96", "aesxcbc"),
            Map.entry("id8", "aescmac"), Map.entry("ANY", "sha512-sha384-sha256-sha1-md5"));
    private static final Map<String, String> PRF = Map.ofEntries(
            Map.entry("HMAC_SHA1", "prfsha1"), Map.entry("SHA1-160", "prfsha1"), Map.entry("HMAC_SHA2_256", "prfsha256"),
            Map.entry("SHA2-256", "prfsha256"), Map.entry("HMAC_SHA2_384", "prfsha384"), Map.entry("HMAC_SHA2_512", "prfsha512"),
            Map.entry("SHA2-512", "prfsha512"), Map.entry("AES128_XCBC", "prfaesxcbc"), Map.entry("HMAC_MD5", "prfmd5"),
            Map.entry("MD5-128", "prfmd5"), Map.entry("id8", "prfaescmac"));

    private final List<PhoneProfile> profiles;
    private final int rows;

    private PhoneProfiles(List<PhoneProfile> profiles, int rows) {
        this.profiles = List.copyOf(profiles);
        this.rows = rows;
    }

    /** The shipped profiles. */
    public static PhoneProfiles load() {
        return of(PhoneNames.shippedRows());
    }

    static PhoneProfiles parse(BufferedReader reader) throws IOException {
        return of(PhoneNames.rows(reader));
    }

    private static PhoneProfiles of(List<String[]> rows) {
        List<PhoneProfile> out = new ArrayList<>();
        for (String[] f : rows) {
            profile(f).ifPresent(out::add);
        }
        return new PhoneProfiles(out, rows.size());
    }

    /** Rows of the source, replayable or not. */
    public int rows() {
        return rows;
    }

    /** Every replayable profile. */
    public List<PhoneProfile> all() {
        return profiles;
    }

    /** The replayable profiles of one operator, in the source's order. */
    public List<PhoneProfile> forPlmn(String mcc, String mnc) {
        return profiles.stream().filter(p -> p.appliesTo(mcc, mnc)).toList();
    }

    /** Empty when the row names no DH group or a transform this audit cannot write. */
    private static Optional<PhoneProfile> profile(String[] f) {
        if (f.length < 8 || f[4].isBlank()) {
            return Optional.empty();
        }
        List<DhGroup> groups = new ArrayList<>();
        for (String g : f[4].trim().split(" +")) {
            Optional<DhGroup> group = parseInt(g).flatMap(DhGroup::byId);
            if (group.isEmpty()) {
                return Optional.empty(); // -1 (none given) or a group IKEv2 does not define
            }
            if (!groups.contains(group.get())) {
                groups.add(group.get());
            }
        }
        List<String> assumed = new ArrayList<>();
        Optional<String> encr = keywords(f[5], ENCRYPTION, "aes256-aes128", "encryption", assumed);
        Optional<String> integ = keywords(f[6], INTEGRITY, "sha256-sha1", "integrity", assumed);
        Optional<String> prf = f[7].isBlank() ? Optional.of("") : keywords(f[7], PRF, "", "PRF", assumed);
        if (encr.isEmpty() || integ.isEmpty() || prf.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(encr.get()).append('-').append(integ.get());
        if (!prf.get().isEmpty()) {
            text.append('-').append(prf.get());
        }
        groups.forEach(g -> text.append('-').append(IkeProposals.keyword(g)));
        List<String> plmns = f[2].isBlank() ? List.of() : List.of(f[2].trim().split(" +"));
        return Optional.of(new PhoneProfile(f[0], f[1], plmns, groups, IkeProposals.parse(text.toString()),
                String.join("; ", assumed)));
    }

    private static Optional<String> keywords(String cell, Map<String, String> names, String fallback, String what,
                                             List<String> assumed) {
        if (cell.isBlank()) {
            assumed.add(what + " " + fallback);
            return Optional.of(fallback);
        }
        Set<String> words = new LinkedHashSet<>();
        for (String name : cell.trim().split(" +")) {
            String kw = names.get(name);
            if (kw == null) {
                return Optional.empty(); // e.g. NULL encryption or "BASIC": nothing a phone's real offer can be rebuilt from
            }
            words.addAll(List.of(kw.split("-")));
        }
        return Optional.of(String.join("-", words));
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
