package dev.wificall.verdict;

import java.util.Locale;

/** How many of an ePDG's resolved addresses must work for an operator to pass. */
public enum AddressPolicy {
    /** One address that answers on every port is enough: a phone needs one (the default). */
    ANY,
    /** Every resolved address must answer on every port: for firewall work, where each must be allowed. */
    ALL;

    /** Parses "any" or "all", in any case. */
    public static AddressPolicy parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (AddressPolicy p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an address policy; expected any (one working"
                + " address is enough, as for a phone) or all (every resolved address must pass)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
