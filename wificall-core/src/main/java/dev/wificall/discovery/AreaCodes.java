package dev.wificall.discovery;

import java.util.Locale;

/**
 * Tracking and location area codes as users type them.
 *
 * <p>Accepted: plain decimal ({@code 6699}, as Android's {@code CellIdentityLte.getTac()} and most
 * field-test screens show it) and hexadecimal with a {@code 0x} prefix ({@code 0x1A2B}, as network
 * planning tools and the FQDNs show it). Bare hex such as {@code 1a2b} is refused because
 * {@code 1234} would then mean two different areas; the error names both readings.
 *
 * <p>Codes that mark a deleted or absent area are refused too: a phone without a valid area has
 * no area name to build. LAC 0x0000 and 0xFFFE (TS 23.003 §4.1, TS 24.008 §10.5.1.3); TAC 0x0000
 * and 0xFFFE (TS 24.301 §9.9.3.32); 5GS TAC 0x000000 and 0xFFFFFE (TS 24.501 §9.11.3.8).
 */
public final class AreaCodes {

    /** The kinds of area code, with their width and the values that mean "no area". */
    enum Kind {
        TAC("TAC", 4, "TS 24.301 §9.9.3.32"),
        TAC_5GS("5GS TAC", 6, "TS 24.501 §9.11.3.8"),
        LAC("LAC", 4, "TS 23.003 §4.1");

        final String label;
        final int hexDigits;
        final int max;
        final int deleted;
        final String reservedBy;

        Kind(String label, int hexDigits, String reservedBy) {
            this.label = label;
            this.hexDigits = hexDigits;
            this.max = (1 << (4 * hexDigits)) - 1;
            this.deleted = max - 1; // all ones but the last bit: FFFE, FFFFFE
            this.reservedBy = reservedBy;
        }

        /** The value as the standards write it, e.g. 0x1A2B or 0x0A1B2C. */
        String hex(int value) {
            return String.format(Locale.ROOT, "0x%0" + hexDigits + "X", value);
        }

        int check(int value) {
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(label + " " + value + " is out of range; " + range());
            }
            if (value == 0 || value == deleted) {
                throw new IllegalArgumentException(label + " " + hex(value)
                        + " is reserved: it marks a deleted or absent area (" + reservedBy
                        + "), so no phone builds a name from it; give the " + label + " of a real cell");
            }
            return value;
        }

        int parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("no " + label + " given; " + expected());
            }
            String s = text.strip();
            try {
                if (s.regionMatches(true, 0, "0x", 0, 2)) {
                    String digits = s.substring(2);
                    if (!digits.matches("[0-9a-fA-F]{1," + hexDigits + "}")) {
                        throw new IllegalArgumentException(label + " '" + text + "' is not "
                                + hexDigits * 4 + "-bit hex; " + expected());
                    }
                    return check(Integer.parseInt(digits, 16));
                }
                if (s.matches("\\d+")) {
                    if (s.length() > 9) {
                        throw new IllegalArgumentException(label + " " + s + " is out of range; " + range());
                    }
                    return check(Integer.parseInt(s));
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            if (s.matches("[0-9a-fA-F]{1," + hexDigits + "}")) {
                int asHex = Integer.parseInt(s, 16);
                throw new IllegalArgumentException(label + " '" + text + "' looks like hex without 0x; write "
                        + "0x" + s + " for hex (" + asHex + " in decimal); " + expected());
            }
            throw new IllegalArgumentException(label + " '" + text + "' is not a number; " + expected());
        }

        private String range() {
            return "expected 1 to " + max + " (" + hex(1) + " to " + hex(max) + ", " + hexDigits * 4
                    + " bits) except " + hex(deleted);
        }

        private String expected() {
            return "expected decimal (e.g. 6699) or hex with 0x (e.g. 0x1A2B), up to " + hex(max);
        }
    }

    /** Parses an EPS (LTE) tracking area code, 16 bits: "6699" or "0x1A2B". */
    public static int parseTac(String text) {
        return Kind.TAC.parse(text);
    }

    /** Parses a 5GS (NR) tracking area code, 24 bits: "662316" or "0x0A1B2C". */
    public static int parseTac5gs(String text) {
        return Kind.TAC_5GS.parse(text);
    }

    /** Parses a location area code (GSM, UMTS), 16 bits: "171" or "0x00AB". */
    public static int parseLac(String text) {
        return Kind.LAC.parse(text);
    }

    private AreaCodes() {}
}
