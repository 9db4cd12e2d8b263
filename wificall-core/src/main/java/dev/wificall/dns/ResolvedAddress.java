package dev.wificall.dns;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One address of a name as the resolver gave it.
 *
 * @param address    the A or AAAA address
 * @param ttlSeconds how long the resolver lets clients cache it, 0 to 2^31-1 seconds (RFC 2181 §8);
 *                   {@link #UNKNOWN_TTL} for an outcome built by hand without one
 */
public record ResolvedAddress(InetAddress address, long ttlSeconds) {

    /** The TTL of an address whose record was not seen, e.g. in an outcome built by a test. */
    public static final long UNKNOWN_TTL = -1;

    public ResolvedAddress {
        Objects.requireNonNull(address, "address");
        if (ttlSeconds < UNKNOWN_TTL || ttlSeconds > 0x7FFFFFFFL) {
            throw new IllegalArgumentException("TTL " + ttlSeconds + " of " + AddressText.of(address)
                    + " is out of range; expected 0 to 2147483647 seconds, or -1 when unknown");
        }
    }

    /** An address whose TTL is not known. */
    public static ResolvedAddress of(InetAddress address) {
        return new ResolvedAddress(address, UNKNOWN_TTL);
    }

    public AddressClass addressClass() {
        return AddressClass.of(address);
    }

    /** "10.77.0.2 (TTL 60 s)", or "10.77.0.2" when the TTL is unknown. */
    @Override
    public String toString() {
        return AddressText.of(address) + (ttlSeconds == UNKNOWN_TTL ? "" : " (TTL " + ttlSeconds + " s)");
    }
}
