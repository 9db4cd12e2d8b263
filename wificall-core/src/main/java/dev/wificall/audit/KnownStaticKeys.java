package dev.wificall.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SHA-256 hashes of KE public values that ePDGs in the field shared (CVE-2024-22064), from the
 * resource known-static-ke-sha256.csv, whose header names the study that published them.
 */
public final class KnownStaticKeys {
    static final String RESOURCE = "/dev/wificall/audit/known-static-ke-sha256.csv";

    private final Map<String, Integer> groupByHash;

    KnownStaticKeys(Map<String, Integer> groupByHash) {
        this.groupByHash = Map.copyOf(groupByHash);
    }

    public static KnownStaticKeys load() {
        try (InputStream in = KnownStaticKeys.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the wificall-core jar");
            }
            Map<String, Integer> hashes = new HashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                if (line.startsWith("#") || f.length != 2 || !f[0].matches("[0-9]+")) {
                    continue; // comments and the column header
                }
                hashes.put(f[1].strip().toLowerCase(Locale.ROOT), Integer.parseInt(f[0]));
            }
            return new KnownStaticKeys(hashes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** These keys and one more, e.g. a key of one's own lab or a test fixture. */
    public KnownStaticKeys plus(String sha256Hex, int group) {
        if (sha256Hex == null || !sha256Hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("'" + sha256Hex + "' is no SHA-256 in hex; expected 64 hex digits");
        }
        Map<String, Integer> more = new HashMap<>(groupByHash);
        more.put(sha256Hex.toLowerCase(Locale.ROOT), group);
        return new KnownStaticKeys(more);
    }

    /** The DH group the study saw this hash with, when it is on the list. */
    public Optional<Integer> group(String sha256Hex) {
        return Optional.ofNullable(groupByHash.get(sha256Hex.toLowerCase(Locale.ROOT)));
    }

    public int size() {
        return groupByHash.size();
    }
}
