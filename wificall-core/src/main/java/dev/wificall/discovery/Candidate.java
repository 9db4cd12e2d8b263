package dev.wificall.discovery;

import java.util.Objects;

/**
 * One name in the order a phone tries them, and why it is there.
 *
 * @param name the name
 * @param why  one sentence for reports, naming the rule it follows
 */
public record Candidate(EpdgName name, String why) {

    public Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(why, "why");
    }

    /** Whether the phone asks this name for NAPTR records (visited country) rather than addresses. */
    public boolean naptr() {
        return name.form().naptr();
    }

    @Override
    public String toString() {
        return name.fqdn() + (naptr() ? " (NAPTR)" : "") + ": " + why;
    }
}
