package dev.wificall.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How much a finding matters; {@code failOn} fails a build at or above one of these. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** "high" as the report writes it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** @throws IllegalArgumentException naming the value and the ones expected */
    public static Severity parse(String text) {
        if (text != null) {
            for (Severity s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("severity '" + text + "' is not one of "
                + Arrays.stream(values()).map(Severity::wire).collect(Collectors.joining(", ")));
    }
}
