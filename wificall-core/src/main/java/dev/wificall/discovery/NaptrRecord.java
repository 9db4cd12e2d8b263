package dev.wificall.discovery;

import java.util.Objects;

/**
 * A NAPTR resource record (RFC 3403 §4.1), as a visited-country name returns them.
 *
 * @param order       lower first
 * @param preference  lower first among records of equal order
 * @param flags       "a" (the replacement has addresses) or "s" (it has SRV records) for ePDG use
 * @param service     e.g. "x-3gpp-epdg:x-s2b-gtp"; phones ignore it, and so does this code
 * @param regexp      must be empty for ePDG use
 * @param replacement the FQDN to use next, e.g. {@code epdg.epc.mnc001.mcc262.pub.3gppnetwork.org}
 */
public record NaptrRecord(int order, int preference, String flags, String service, String regexp,
        String replacement) {

    public NaptrRecord {
        if (order < 0 || order > 0xFFFF || preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("NAPTR order " + order + " and preference " + preference
                    + " must each be 0 to 65535");
        }
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(regexp, "regexp");
        Objects.requireNonNull(replacement, "replacement");
    }

    /** A record with an empty service, as most visited-country zones publish them. */
    public static NaptrRecord of(int order, int preference, String flags, String replacement) {
        return new NaptrRecord(order, preference, flags, "", "", replacement);
    }

    /** As a zone file writes it: {@code 100 10 "a" "x-3gpp-epdg" "" epdg.epc...}. */
    @Override
    public String toString() {
        return order + " " + preference + " \"" + flags + "\" \"" + service + "\" \"" + regexp + "\" "
                + (replacement.isEmpty() ? "." : replacement);
    }
}
