package dev.wificall.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The ePDG names phones are configured with when they do not build the 3GPP name: Verizon's
 * {@code wo.vzwwo.com}, AT&T's {@code epdg.epc.att.net}, Three Ireland's {@code epdg.three.ie}. A
 * check of the 3GPP name alone can pass while those phones fail, so the check probes these too.
 * The data is the {@code epdg_fqdn} column of the phone profiles (resource
 * {@value #RESOURCE}, whose header names its source: firmware of Apple, Samsung and Qualcomm-based
 * phones as extracted for the USENIX Security 2024 study "Diffie-Hellman Picture Show").
 */
public final class PhoneNames {

    /** The phone profiles; read here and by the audit's replay of what phones offer. */
    public static final String RESOURCE = "/dev/wificall/discovery/phone-ike-profiles.csv";
    private static final String THREE_GPP = ".pub.3gppnetwork.org";

    /**
     * A name some phones of an operator are configured with.
     *
     * @param fqdn   the name, lower case
     * @param phones the profiles configured with it, "vendor profile" in the source's order, at least one
     */
    public record Configured(String fqdn, List<String> phones) {
        public Configured {
            Objects.requireNonNull(fqdn, "fqdn");
            phones = List.copyOf(phones);
            if (phones.isEmpty()) {
                throw new IllegalArgumentException("no phone is configured with " + fqdn);
            }
        }
    }

    private record Row(String phone, List<String> plmns, String fqdn) {
    }

    private static final class Holder {
        static final PhoneNames SHIPPED = read();
    }

    private final List<Row> rows;
    private final int addresses;

    private PhoneNames(List<Row> rows, int addresses) {
        this.rows = List.copyOf(rows);
        this.addresses = addresses;
    }

    /** The shipped data, read once. */
    public static PhoneNames shipped() {
        return Holder.SHIPPED;
    }

    private static PhoneNames read() {
        return of(shippedRows());
    }

    /** The data rows of the shipped profiles, each split into its fields. */
    public static List<String[]> shippedRows() {
        try (InputStream in = PhoneNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the wificall-core jar");
            }
            return rows(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The data rows of profiles in the shipped CSV form: comments, blank lines and the header left out. */
    public static List<String[]> rows(BufferedReader reader) throws IOException {
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    /** Reads the CSV: vendor, profile, plmns (space-separated MCC-MNC), epdg_fqdn, then columns this class ignores. */
    static PhoneNames parse(BufferedReader reader) throws IOException {
        return of(rows(reader));
    }

    private static PhoneNames of(List<String[]> fields) {
        List<Row> rows = new ArrayList<>();
        int addresses = 0;
        for (String[] f : fields) {
            if (f.length < 4 || f[2].isBlank() || f[3].isBlank()) {
                continue;
            }
            String name = f[3].strip().toLowerCase(Locale.ROOT);
            if (name.endsWith(THREE_GPP) || name.contains("xxx")) {
                continue; // the 3GPP name the phone builds anyway, or a template the vendor fills in
            }
            if (name.matches("[0-9.]+") || name.contains(":")) {
                addresses++; // an address literal: no name to resolve; counted for the documentation
                continue;
            }
            rows.add(new Row(f[0].strip() + " " + f[1].strip(), List.of(f[2].strip().split(" +")), name));
        }
        return new PhoneNames(rows, addresses);
    }

    /** How many profiles name an address instead of a name (not probed: see the README). */
    public int addressProfiles() {
        return addresses;
    }

    /** The names outside pub.3gppnetwork.org that phones of this operator use, each with its phones, in the source's order. */
    public List<Configured> forPlmn(Plmn plmn) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.plmns.stream().anyMatch(p -> sameOperator(p, plmn))) {
                List<String> phones = byName.computeIfAbsent(r.fqdn, k -> new ArrayList<>());
                if (!phones.contains(r.phone)) {
                    phones.add(r.phone);
                }
            }
        }
        List<Configured> out = new ArrayList<>();
        byName.forEach((name, phones) -> out.add(new Configured(name, phones)));
        return out;
    }

    /** "311-480" or "262-001" against a PLMN: MNCs compare by value, as the vendors write both widths. */
    private static boolean sameOperator(String text, Plmn plmn) {
        int dash = text.indexOf('-');
        if (dash != 3 || !text.substring(0, 3).equals(plmn.mcc())) {
            return false;
        }
        try {
            return Integer.parseInt(text.substring(dash + 1)) == Integer.parseInt(plmn.mnc());
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
