package dev.wificall.verdict;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which ePDG names of an operator the check probes: the 3GPP name a phone builds from its SIM, the
 * names some of its phones are configured with instead (see {@link dev.wificall.discovery.PhoneNames}),
 * or both. Both by default: a pass on the 3GPP name says nothing about phones that never ask it.
 */
public enum NamePolicy {
    /** Only the name built from the operator (TS 23.003), as before carrier names were known. */
    THREE_GPP("3gpp"),
    /** The names the operator's phones are configured with; the 3GPP name where no phone has one of its own. */
    CARRIER("carrier"),
    /** The 3GPP name and every carrier name. */
    BOTH("both");

    private final String id;

    NamePolicy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** "3gpp", "carrier" or "both", ignoring case; a mistake names the text and the choices. */
    public static NamePolicy parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (NamePolicy p : values()) {
            if (p.id.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a choice of ePDG names; expected "
                + Arrays.stream(values()).map(NamePolicy::id).collect(Collectors.joining(", "))
                + " (3gpp: the name built from the operator; carrier: the names its phones are configured with;"
                + " both, the default)");
    }
}
