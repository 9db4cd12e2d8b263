package dev.wificall.discovery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The names a phone takes from a visited-country NAPTR answer, in order, and what it left out.
 *
 * @param fqdns          replacement names to resolve next, best first, without trailing dots
 * @param notes          one sentence per record left out or worth a remark
 * @param androidWarning set when Android would use none of the records: its resolver refuses the
 *                       whole answer when a single record has a regexp, no replacement or a flag
 *                       other than "a" or "s"
 */
public record NaptrTargets(List<String> fqdns, List<String> notes, Optional<String> androidWarning) {

    public NaptrTargets {
        fqdns = List.copyOf(fqdns);
        notes = List.copyOf(notes);
        Objects.requireNonNull(androidWarning, "androidWarning");
    }
}
