package dev.wificall.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Operator names for PLMNs, so reports say "262-01 T-Mobile(Telekom)" and users may name an
 * operator instead of giving its MCC-MNC.
 *
 * <p>The bundled table ({@code mcc-mnc.tsv} beside this class) is generated from Debian's
 * {@code mobile-broadband-provider-info} (public domain) by {@code wificall-core/src/build/MccMncTable.java};
 * its first line names the package version. It lists the PLMNs that package knows (about 800),
 * one network name each, and the resellers that use the same PLMN as aliases.
 */
public final class Operators {

    private static final int LISTED = 10;

    /** One PLMN of the table; {@code also} holds other brands on the same PLMN. */
    record Entry(Plmn plmn, String name, String countryCode, List<String> also) {

        String display() {
            return plmn + " " + name + countryName(countryCode).map(c -> " (" + c + ")").orElse("");
        }
    }

    /** The operator's name, e.g. "T-Mobile(Telekom)" for 262-01; 262-001 finds the same. */
    public static Optional<String> name(Plmn plmn) {
        return entry(plmn).map(Entry::name);
    }

    /** "262-01 T-Mobile(Telekom)" for reports, or just "262-01" for a PLMN the table lacks. */
    public static String label(Plmn plmn) {
        return name(plmn).map(n -> plmn + " " + n).orElse(plmn.toString());
    }

    /** The English name of the country of an MCC, e.g. "Germany" for 262. */
    public static Optional<String> country(String mcc) {
        return Optional.ofNullable(Table.INSTANCE.mccCountry.get(mcc)).flatMap(Operators::countryName);
    }

    /**
     * The PLMN for a user's text: an MCC-MNC ("262-01", "26201") is taken as it is, known to the
     * table or not; otherwise the text is matched, ignoring case, accents and punctuation, against
     * the operator names, their aliases and "name country": an exact match first, then a unique
     * match at a word start, then anywhere, then all words present ("vodafone germany").
     *
     * @throws IllegalArgumentException naming the candidates when several operators match, or
     *                                  saying so when none does
     */
    public static Plmn find(String nameOrPlmn) {
        if (nameOrPlmn == null || nameOrPlmn.isBlank()) {
            throw new IllegalArgumentException(
                    "no operator given; expected an MCC-MNC such as 262-01 or a name such as Congstar");
        }
        if (nameOrPlmn.strip().matches("\\d{3}[-/ ]?\\d{2,3}")) {
            return Plmn.parse(nameOrPlmn);
        }
        String query = normalize(nameOrPlmn);
        String squashed = query.replace(" ", "");
        // "Telekom" should list T-Mobile(Telekom) beside Telekom Srbija, not pick the one it starts
        List<BiPredicate<String, String>> tiers = List.of(
                String::equals,
                (key, q) -> (" " + key).contains(" " + q),
                String::contains,
                Operators::hasAllWords);
        for (BiPredicate<String, String> tier : tiers) {
            Set<Entry> hits = new LinkedHashSet<>();
            for (Entry e : Table.INSTANCE.entries) {
                for (String key : SearchKeys.INSTANCE.get(e)) {
                    // squashed forms let "att" find AT&T and "tmobile" find T-Mobile
                    if (tier.test(key, query) || tier.test(key.replace(" ", ""), squashed)) {
                        hits.add(e);
                        break;
                    }
                }
            }
            if (hits.size() == 1) {
                return hits.iterator().next().plmn();
            }
            if (hits.size() > 1 && hits.stream().map(e -> e.name() + "/" + e.countryCode()).distinct().count() == 1) {
                Entry first = hits.iterator().next();
                throw new IllegalArgumentException("'" + nameOrPlmn.strip() + "' is " + first.display()
                        .substring(first.plmn().toString().length() + 1) + " on " + hits.size() + " networks: "
                        + hits.stream().map(e -> e.plmn().toString()).collect(Collectors.joining(", "))
                        + "; give the MCC-MNC of the SIM (the first 5 or 6 digits of its IMSI)");
            }
            if (hits.size() > 1) {
                List<String> shown = hits.stream().limit(LISTED).map(Entry::display).collect(Collectors.toList());
                String more = hits.size() > LISTED ? " and " + (hits.size() - LISTED) + " more" : "";
                throw new IllegalArgumentException("'" + nameOrPlmn.strip() + "' matches " + hits.size()
                        + " operators: " + String.join(", ", shown) + more + "; give the MCC-MNC");
            }
        }
        if (nameOrPlmn.strip().matches("[\\d\\s/-]+")) {
            return Plmn.parse(nameOrPlmn); // throws, saying what an MCC-MNC looks like
        }
        throw new IllegalArgumentException("'" + nameOrPlmn.strip() + "' matches no operator in the bundled table ("
                + Table.INSTANCE.entries.size() + " networks); give the MCC-MNC, e.g. 262-01");
    }

    /** The table's first line: source, package version and license. */
    public static String source() {
        return Table.INSTANCE.source;
    }

    static List<Entry> entries() {
        return Table.INSTANCE.entries;
    }

    private static Optional<Entry> entry(Plmn plmn) {
        Map<String, Entry> byPlmn = Table.INSTANCE.byPlmn;
        Entry e = byPlmn.get(plmn.toString());
        if (e == null) {
            // names use the 3-digit MNC, so 262-001 and 262-01 are the same operator here
            String other = plmn.mnc().length() == 2 ? "0" + plmn.mnc()
                    : plmn.mnc().startsWith("0") ? plmn.mnc().substring(1) : null;
            e = other == null ? null : byPlmn.get(plmn.mcc() + "-" + other);
        }
        return Optional.ofNullable(e);
    }

    private static Optional<String> countryName(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.empty();
        }
        String name = new Locale("", code.toUpperCase(Locale.ROOT)).getDisplayCountry(Locale.ENGLISH);
        return Optional.of(name.isEmpty() ? code.toUpperCase(Locale.ROOT) : name);
    }

    private static boolean hasAllWords(String key, String query) {
        List<String> words = List.of(key.split(" "));
        for (String q : query.split(" ")) {
            if (words.stream().noneMatch(w -> w.startsWith(q))) {
                return false;
            }
        }
        return true;
    }

    /** Lower case, no accents, punctuation as single spaces: "Movistar (Telefónica)" -> "movistar telefonica". */
    static String normalize(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]+", " ").strip();
    }

    /**
     * Normalised names (and name + country) per entry, for {@link #find}: built on the first search
     * only, since normalising 800 names and their countries costs a build ~0.2 s it rarely needs.
     */
    private static final class SearchKeys {
        static final Map<Entry, List<String>> INSTANCE = build();

        private static Map<Entry, List<String>> build() {
            Map<Entry, List<String>> keys = new HashMap<>();
            for (Entry e : Table.INSTANCE.entries) {
                String country = countryName(e.countryCode()).map(Operators::normalize).orElse("");
                List<String> k = new ArrayList<>();
                for (String n : Table.concat(e.name(), e.also())) {
                    k.add(normalize(n));
                    k.add((normalize(n) + " " + country).strip());
                }
                keys.put(e, k);
            }
            return Map.copyOf(keys);
        }
    }

    /** Loaded on first use; about 800 lines. */
    private static final class Table {
        static final Table INSTANCE = load();

        final String source;
        final List<Entry> entries;
        final Map<String, Entry> byPlmn;
        final Map<String, String> mccCountry;

        private Table(String source, List<Entry> entries) {
            this.source = source;
            this.entries = List.copyOf(entries);
            Map<String, Entry> byPlmn = new HashMap<>();
            Map<String, Map<String, Integer>> countries = new HashMap<>();
            for (Entry e : entries) {
                byPlmn.putIfAbsent(e.plmn().toString(), e);
                countries.computeIfAbsent(e.plmn().mcc(), m -> new LinkedHashMap<>())
                        .merge(e.countryCode(), 1, Integer::sum);
            }
            Map<String, String> mccCountry = new HashMap<>();
            // an MCC shared by territories (234: gb, gg, im, je) goes to the country with most networks
            countries.forEach((mcc, counts) -> mccCountry.put(mcc, counts.entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
            this.byPlmn = Map.copyOf(byPlmn);
            this.mccCountry = Map.copyOf(mccCountry);
        }

        private static List<String> concat(String first, List<String> rest) {
            List<String> all = new ArrayList<>();
            all.add(first);
            all.addAll(rest);
            return all;
        }

        private static Table load() {
            String resource = "mcc-mnc.tsv";
            try (InputStream in = Operators.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing beside " + Operators.class.getName()
                            + "; regenerate it with java wificall-core/src/build/MccMncTable.java");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String source = null;
                List<Entry> entries = new ArrayList<>();
                int lineNo = 0;
                for (String line; (line = reader.readLine()) != null; ) {
                    lineNo++;
                    if (line.startsWith("#")) {
                        if (source == null) {
                            source = line.substring(1).strip();
                        }
                        continue;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    if (f.length != 5) {
                        throw new IllegalStateException(resource + " line " + lineNo + " has " + f.length
                                + " fields, expected 5 (mcc, mnc, name, country, also): " + line);
                    }
                    List<String> also = f[4].isEmpty() ? List.of() : List.of(f[4].split("\\|"));
                    entries.add(new Entry(new Plmn(f[0], f[1]), f[2], f[3], also));
                }
                return new Table(source == null ? "" : source, entries);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    private Operators() {}
}
