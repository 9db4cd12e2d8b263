package dev.wificall.audit;

import java.util.Objects;

/**
 * What a profile makes of one check's outcome.
 *
 * @param severity how much it matters
 * @param profile  the profile that judged, e.g. "RFC 8247"
 * @param sentence what was seen and what to do, for a person
 */
public record Finding(Severity severity, String profile, String sentence) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(sentence, "sentence");
    }
}
