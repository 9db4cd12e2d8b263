package dev.wificall.dns;

import java.util.Objects;

/**
 * One NAPTR record (RFC 3403 §4.1), as the visited-country ePDG name carries them: the replacement
 * names the operator FQDN a roaming phone must use (TS 23.003 §19.4.2.9.4).
 *
 * @param order       lower first, 0 to 65535
 * @param preference  lower first among equal orders, 0 to 65535
 * @param flags       e.g. "a" (the replacement has A/AAAA records) or "s" (SRV records); may be empty
 * @param service     e.g. "x-3gpp-epdg:x-s2b-gtp"; may be empty
 * @param regexp      the substitution expression; empty when the replacement is used
 * @param replacement the next name to look up, without the final dot; "." when there is none
 * @param ttlSeconds  the record's TTL
 */
public record DnsNaptr(int order, int preference, String flags, String service, String regexp, String replacement,
                       long ttlSeconds) {
    public DnsNaptr {
        if (order < 0 || order > 0xFFFF || preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("NAPTR order " + order + " and preference " + preference
                    + " must be 0 to 65535");
        }
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(regexp, "regexp");
        Objects.requireNonNull(replacement, "replacement");
    }

    /** In zone-file order: {@code 100 10 "a" "x-3gpp-epdg:x-s2b-gtp" "" epdg.epc.mnc001.mcc262.pub.3gppnetwork.org}. */
    @Override
    public String toString() {
        return order + " " + preference + " \"" + flags + "\" \"" + service + "\" \"" + regexp + "\" " + replacement;
    }
}
