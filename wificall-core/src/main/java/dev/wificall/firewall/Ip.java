package dev.wificall.firewall;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;

/**
 * Address arithmetic for rules: literals only (never a DNS look-up), prefixes and ranges as numbers.
 * Public for the vendor packages' renderers and parsers; not an API beyond them.
 */
public final class Ip {

    /** IPv4 before IPv6, then by value: the order every renderer writes addresses in. */
    public static final Comparator<InetAddress> ORDER = Comparator.<InetAddress>comparingInt(Ip::bits)
            .thenComparing(Ip::number);

    private Ip() {
    }

    public static int bits(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    public static boolean isV4(InetAddress address) {
        return address instanceof Inet4Address;
    }

    public static BigInteger number(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    static InetAddress address(BigInteger value, int bits) {
        byte[] raw = value.toByteArray(); // big-endian, maybe with a sign byte or shorter than the address
        byte[] out = new byte[bits / 8];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes
        }
    }

    /** An address literal; null when the text is none (a name is never looked up). */
    public static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.indexOf('/') >= 0) {
            return null;
        }
        if (text.indexOf(':') < 0 && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null; // InetAddress would take "10.77" as 10.0.0.77; no firewall writes that
        }
        try {
            AddressPrefix p = AddressPrefix.parse(text); // checks it is a literal before InetAddress sees it
            return p.network();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code address} or {@code address/length} as the first and last address it covers; bits past
     * the length are cleared, as firewalls do with 10.77.0.5/24. Null when the text is not that.
     */
    public static InetAddress[] cidr(String text) {
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = bits(address);
        int length = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > bits) {
                return null;
            }
            length = Integer.parseInt(digits);
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        BigInteger first = number(address).andNot(hostMask);
        return new InetAddress[] {address(first, bits), address(first.or(hostMask), bits)};
    }

    /** A dotted IPv4 netmask (255.255.255.0) as a prefix length; -1 when it is not a contiguous mask. */
    public static int maskLength(String mask) {
        InetAddress m = literal(mask);
        if (m == null || !isV4(m)) {
            return -1;
        }
        int value = number(m).intValue();
        int length = Integer.bitCount(value);
        return value == (length == 0 ? 0 : -1 << (32 - length)) ? length : -1;
    }

    /** "10.77.0.2" for one address, "10.77.0.0/24" for a prefix, else "10.77.0.1-10.77.0.9". */
    static String rangeText(InetAddress first, InetAddress last) {
        if (first.equals(last)) {
            return AddressText.of(first);
        }
        int length = prefixLength(first, last);
        return length < 0 ? AddressText.of(first) + "-" + AddressText.of(last) : AddressText.of(first) + "/" + length;
    }

    /** The prefix length when first..last is exactly one prefix, else -1. */
    static int prefixLength(InetAddress first, InetAddress last) {
        int bits = bits(first);
        BigInteger span = number(last).subtract(number(first)).add(BigInteger.ONE);
        int length = bits - (span.bitLength() - 1);
        boolean power = span.bitCount() == 1;
        boolean aligned = number(first).mod(span).signum() == 0;
        return power && aligned ? length : -1;
    }

    static InetAddress allZero(boolean v4) {
        return address(BigInteger.ZERO, v4 ? 32 : 128);
    }

    static InetAddress allOnes(boolean v4) {
        int bits = v4 ? 32 : 128;
        return address(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE), bits);
    }

    public static boolean sameFamily(InetAddress a, InetAddress b) {
        return a.getAddress().length == b.getAddress().length;
    }

    /** "10.77.0.2/32", "fd77::2/128". */
    public static String host(InetAddress address) {
        return AddressText.of(address) + "/" + bits(address);
    }

    /** The port range of an IKE service name ("isakmp" 500, "ipsec-nat-t" 4500), or null for another name. */
    public static int[] ikeService(String name) {
        return switch (name) {
            case "isakmp" -> new int[] {500, 500};
            case "ipsec-nat-t" -> new int[] {4500, 4500};
            default -> null;
        };
    }
}
