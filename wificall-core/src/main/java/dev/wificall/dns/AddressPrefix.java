package dev.wificall.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An address prefix in CIDR notation, {@code 10.77.0.0/16} or {@code fd77::/16}: the address with
 * every bit past the length cleared.
 */
public record AddressPrefix(InetAddress network, int length) {

    private static final String EXPECTED = "expected address/length, e.g. 10.77.0.0/16 or fd77::/16";
    /** An IPv4 or IPv6 literal, never a host name: parsing one must not cause a look-up. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public AddressPrefix {
        Objects.requireNonNull(network, "network");
        int max = bits(network);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " of " + AddressText.of(network)
                    + " is out of range 0 to " + max + "; " + EXPECTED);
        }
        InetAddress masked = masked(network, length);
        if (!masked.equals(network)) {
            throw new IllegalArgumentException("'" + AddressText.of(network) + "/" + length + "' has bits set past the"
                    + " prefix length; did you mean " + AddressText.of(masked) + "/" + length + "?");
        }
    }

    /** Parses {@code address/length}; a bare address is a prefix of its full length. */
    public static AddressPrefix parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.isEmpty() || !LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an address prefix; " + EXPECTED);
        }
        InetAddress network;
        try {
            network = InetAddress.getByName(address); // a literal: no look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address prefix; " + EXPECTED, e);
        }
        if (slash < 0) {
            return new AddressPrefix(network, bits(network));
        }
        String digits = t.substring(slash + 1);
        if (!digits.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("'" + text + "' is not an address prefix: the length '" + digits
                    + "' is not a number; " + EXPECTED);
        }
        int length = Integer.parseInt(digits);
        if (length > bits(network)) {
            throw new IllegalArgumentException("'" + text + "' is not an address prefix: length " + length
                    + " is over " + bits(network) + "; " + EXPECTED);
        }
        return new AddressPrefix(network, length);
    }

    public boolean contains(InetAddress address) {
        if (address == null || bits(address) != bits(network)) {
            return false;
        }
        return masked(address, length).equals(network);
    }

    private static int bits(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    private static InetAddress masked(InetAddress address, int length) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, length - 8 * i));
            b[i] &= (byte) (0xFF00 >>> keep);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes
        }
    }

    /** "10.77.0.0/16". */
    @Override
    public String toString() {
        return AddressText.of(network) + "/" + length;
    }
}
