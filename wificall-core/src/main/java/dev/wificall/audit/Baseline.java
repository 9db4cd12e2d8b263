package dev.wificall.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Findings a team has accepted, each with a reason and an expiry date, as OWASP dependency-check's
 * suppression file does for CVEs: an accepted finding no longer fails the build until it expires,
 * and the report still shows it, with the reason. One entry per line, fields separated by blanks:
 *
 * <pre>
 * # check   operator  address      expires     reason
 * dh:2      262-01    *            2027-06-30  Apple TMobile_Germany_iPhone still offers only MODP-1024 (NET-123)
 * encr:3des *         10.0.0.7     2027-01-31  legacy VPN peer, removal planned
 * </pre>
 *
 * {@code *} matches any operator or address; {@code #} starts a comment.
 */
public final class Baseline {
    /** One accepted finding. */
    public record Entry(String check, String operator, String address, LocalDate expires, String reason, int line) {
        public Entry {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(reason, "reason");
        }

        boolean matches(CheckResult c) {
            return check.equals(c.check().id()) && (operator.equals("*") || operator.equals(c.target().operator()))
                    && (address.equals("*") || address.equals(dev.wificall.dns.AddressText.of(c.target().destination()
                    .getAddress())) || address.equals(c.place()));
        }

        /** "dh:2 262-01 * (line 3)". */
        String label() {
            return check + " " + operator + " " + address + " (line " + line + ")";
        }
    }

    public static final Baseline EMPTY = new Baseline(List.of(), "no baseline");

    private final List<Entry> entries;
    private final String source;

    Baseline(List<Entry> entries, String source) {
        this.entries = List.copyOf(entries);
        this.source = source;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** @throws IllegalArgumentException naming the file, the line and what is expected */
    public static Baseline read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("audit baseline " + file.toAbsolutePath() + " does not exist; expected a"
                    + " text file with one accepted finding per line: check operator address expires reason");
        }
        return parse(lines, file.toString());
    }

    static Baseline parse(List<String> lines, String source) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 5);
            String where = "audit baseline " + source + " line " + (i + 1) + " '" + line + "'";
            if (f.length < 5) {
                throw new IllegalArgumentException(where + " has " + f.length + " fields; expected five: check operator"
                        + " address expires reason, e.g. 'dh:2 262-01 * 2027-06-30 phones still offer it'");
            }
            LocalDate expires;
            try {
                expires = LocalDate.parse(f[3]);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": expiry '" + f[3] + "' is no date; expected YYYY-MM-DD, e.g."
                        + " 2027-06-30");
            }
            if (!f[0].matches("[a-z]+(:[A-Za-z0-9_.:-]+)?|[a-z]+(-[a-z]+)+")) {
                throw new IllegalArgumentException(where + ": '" + f[0] + "' is no audit check; expected an id as the"
                        + " report writes it, e.g. dh:2, encr:3des, downgrade, ke-reuse");
            }
            out.add(new Entry(f[0], f[1], f[2], expires, f[4], i + 1));
        }
        return new Baseline(out, source);
    }

    /**
     * The audit with every finding an unexpired entry covers marked accepted; what the entries did
     * is in {@link Applied#notes()}: expired entries (their findings count again) and entries that
     * matched nothing (stale: the ePDG changed, or the entry has a typo).
     */
    public Applied apply(AuditResult audit, LocalDate today) {
        List<CheckResult> out = new ArrayList<>(audit.checks().size());
        boolean[] used = new boolean[entries.size()];
        boolean[] expiredUsed = new boolean[entries.size()];
        for (CheckResult c : audit.checks()) {
            CheckResult r = c;
            if (c.finding().isPresent()) {
                for (int i = 0; i < entries.size(); i++) {
                    Entry e = entries.get(i);
                    if (e.matches(c)) {
                        if (e.expires().isBefore(today)) {
                            expiredUsed[i] = true;
                        } else {
                            used[i] = true;
                            r = c.accepted(e);
                            break;
                        }
                    }
                }
            }
            out.add(r);
        }
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (expiredUsed[i] && !used[i]) {
                notes.add("baseline entry " + e.label() + " of " + source + " expired on " + e.expires() + "; its findings"
                        + " count again: fix them or renew the entry with a new reason");
            } else if (!used[i]) {
                notes.add("baseline entry " + e.label() + " of " + source + " matched no finding: the ePDG changed or the"
                        + " entry is mistyped; remove it");
            }
        }
        return new Applied(new AuditResult(out, audit.packets(), audit.elapsed(), audit.profiles()), notes);
    }

    /** The audit after the baseline, and what its entries did. */
    public record Applied(AuditResult audit, List<String> notes) {
        public Applied {
            notes = List.copyOf(notes);
        }
    }
}
