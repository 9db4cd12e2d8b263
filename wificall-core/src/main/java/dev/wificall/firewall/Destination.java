package dev.wificall.firewall;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One destination a rule allows: a prefix or range of addresses, or (Junos {@code dns-name}) a name the
 * firewall resolves itself.
 *
 * @param text    as people write it: "10.77.0.2", "10.77.0.0/24", "10.77.0.1-10.77.0.9", "any", or the name
 * @param first   first address covered; null for a name
 * @param last    last address covered, same family as {@code first}; null for a name
 * @param dnsName the name a Junos {@code dns-name} address resolves; null for addresses
 * @param origin  where the destination is defined, e.g. "address epdg-262-01-10.77.0.2", "set epdg4", "-d"
 * @param file    file it was read from
 * @param line    line it was read from (1-based)
 */
public record Destination(String text, InetAddress first, InetAddress last, String dnsName, String origin,
                          String file, int line) {

    public Destination {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(file, "file");
        if ((first == null) != (last == null) || (first == null) == (dnsName == null)) {
            throw new IllegalArgumentException("a destination is either a first and last address or a dns-name: " + text);
        }
        if (first != null && (!Ip.sameFamily(first, last) || Ip.number(first).compareTo(Ip.number(last)) > 0)) {
            throw new IllegalArgumentException("destination " + text + ": " + first + " to " + last + " is no range");
        }
    }

    /** The addresses first to last, same family, in order. */
    public static Destination range(InetAddress first, InetAddress last, String origin, String file, int line) {
        return new Destination(Ip.rangeText(first, last), first, last, null, origin, file, line);
    }

    /** Every address of one family: 0.0.0.0/0 or ::/0. */
    public static Destination any(boolean v4, String origin, String file, int line) {
        return new Destination(v4 ? "0.0.0.0/0" : "::/0", Ip.allZero(v4), Ip.allOnes(v4), null, origin, file, line);
    }

    /**
     * Every address of one family outside {@code excluded}, as ranges, each with the same text ("not
     * 10.0.0.0/8"): what a negated match ({@code ip daddr != ...}, {@code ! -d ...}) lets through.
     */
    public static List<Destination> complement(List<Destination> excluded, boolean v4, String text, String origin,
                                        String file, int line) {
        List<BigInteger[]> ranges = merged(excluded, v4);
        List<Destination> out = new ArrayList<>();
        int bits = v4 ? 32 : 128;
        BigInteger next = BigInteger.ZERO;
        for (BigInteger[] r : ranges) {
            if (r[0].compareTo(next) > 0) {
                out.add(new Destination(text, Ip.address(next, bits), Ip.address(r[0].subtract(BigInteger.ONE), bits),
                        null, origin, file, line));
            }
            next = r[1].add(BigInteger.ONE);
        }
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (next.compareTo(max) <= 0) {
            out.add(new Destination(text, Ip.address(next, bits), Ip.address(max, bits), null, origin, file, line));
        }
        return out;
    }

    /** The address ranges of one family, sorted and merged where they overlap or touch. */
    static List<BigInteger[]> merged(List<Destination> destinations, boolean v4) {
        List<BigInteger[]> ranges = new ArrayList<>();
        destinations.stream().filter(d -> d.first() != null && Ip.isV4(d.first()) == v4)
                .map(d -> new BigInteger[] {Ip.number(d.first()), Ip.number(d.last())})
                .sorted(Comparator.comparing((BigInteger[] r) -> r[0]))
                .forEach(r -> {
                    BigInteger[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                    if (last != null && r[0].compareTo(last[1].add(BigInteger.ONE)) <= 0) {
                        last[1] = last[1].max(r[1]);
                    } else {
                        ranges.add(r);
                    }
                });
        return ranges;
    }

    public static Destination dnsName(String name, String origin, String file, int line) {
        return new Destination(name, null, null, name, origin, file, line);
    }

    /** Whether the destination covers the address; a name covers nothing here (see {@link #names(String)}). */
    public boolean contains(InetAddress address) {
        if (first == null || !Ip.sameFamily(first, address)) {
            return false;
        }
        return Ip.number(first).compareTo(Ip.number(address)) <= 0 && Ip.number(address).compareTo(Ip.number(last)) <= 0;
    }

    /** Whether this is a Junos {@code dns-name} entry for that name (case and final dot ignored). */
    public boolean names(String fqdn) {
        return dnsName != null && normal(dnsName).equals(normal(fqdn));
    }

    /** Every address of its family: the rule is open to any host. */
    public boolean isAny() {
        return first != null && Ip.number(first).signum() == 0 && last.equals(Ip.allOnes(Ip.isV4(first)));
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
