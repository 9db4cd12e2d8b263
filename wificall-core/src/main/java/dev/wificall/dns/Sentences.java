package dev.wificall.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pieces of the DNS sentences, shared by address and NAPTR outcomes and by comparisons. The list
 * helpers are public so that the verdict and report sentences name addresses the same way: at most
 * {@link #SHOWN}, the rest counted, however many a resolver returns.
 */
public final class Sentences {

    private static final String SYSTEM = "system resolver";
    private static final String PUB = "pub.3gppnetwork.org";

    private Sentences() {
    }

    /** "resolver 127.0.0.77:15353", "the system resolver (10.0.0.53:53)". */
    static String who(String resolver) {
        return resolver.startsWith(SYSTEM) ? "the " + resolver : "resolver " + resolver;
    }

    /** The zone whose resolution matters: pub.3gppnetwork.org for ePDG names, else the parent of the name. */
    static String zone(String fqdn) {
        String name = fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("." + PUB) || lower.equals(PUB)) {
            return PUB;
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /** "A and AAAA", "A", "NAPTR". */
    static String types(List<DnsRecordType> types) {
        return join(types.stream().map(Enum::name).toList());
    }

    /** "no A or AAAA record", "no NAPTR record". */
    static String noRecord(List<DnsRecordType> types) {
        return "no " + types.stream().map(Enum::name).collect(Collectors.joining(" or ")) + " record";
    }

    /** "a", "a and b", "a, b and c". */
    static String join(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** At most this many items in a list; the rest are counted. */
    public static final int SHOWN = 8;

    /** "a, b and c"; past {@link #SHOWN} items "a, b, ..., h and 32 more" (from 1,000 with a thousands comma). */
    public static String capped(List<String> items) {
        return items.size() <= SHOWN ? join(items) : listed(items, ", ");
    }

    /** The items joined with {@code separator}; past {@link #SHOWN} the first ones and "and 992 more". */
    public static String listed(List<String> items, String separator) {
        if (items.size() <= SHOWN) {
            return String.join(separator, items);
        }
        return String.join(separator, items.subList(0, SHOWN)) + " and " + count(items.size() - SHOWN) + " more";
    }

    /** "992", "1,000": counts in sentences, grouped as English writes them whatever the JVM's locale. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Addresses as {@link AddressText} writes them, {@linkplain #capped capped}. */
    public static String addresses(List<InetAddress> addresses) {
        return capped(addresses.stream().map(AddressText::of).toList());
    }

    /** "10.77.0.2 and fd77::2 (TTL 60 s)" when the TTLs agree, else each with its own. */
    static String withTtls(List<ResolvedAddress> addresses) {
        long first = addresses.isEmpty() ? ResolvedAddress.UNKNOWN_TTL : addresses.get(0).ttlSeconds();
        boolean same = addresses.stream().allMatch(a -> a.ttlSeconds() == first);
        if (same) {
            return addresses(addresses.stream().map(ResolvedAddress::address).toList())
                    + (first == ResolvedAddress.UNKNOWN_TTL ? "" : " (TTL " + first + " s)");
        }
        return capped(addresses.stream().map(ResolvedAddress::toString).toList());
    }

    /** "0.0.0.0 and :: (unspecified), 127.0.0.1 (loopback)". */
    static String classified(List<InetAddress> addresses) {
        Map<AddressClass, List<InetAddress>> byClass = new LinkedHashMap<>();
        for (InetAddress a : addresses) {
            byClass.computeIfAbsent(AddressClass.of(a), k -> new ArrayList<>()).add(a);
        }
        return byClass.entrySet().stream().map(e -> addresses(e.getValue()) + " (" + e.getKey().phrase() + ")")
                .collect(Collectors.joining(", "));
    }

    /** A prefix to suggest for the allow-list: the address's /16 (IPv4) or /48 (IPv6). */
    static AddressPrefix suggestedPrefix(InetAddress address) {
        int length = address instanceof Inet4Address ? 16 : 48;
        byte[] b = address.getAddress();
        for (int i = length / 8; i < b.length; i++) {
            b[i] = 0;
        }
        try {
            return new AddressPrefix(InetAddress.getByAddress(b), length);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    /**
     * What a failed query means and what to do, {@code who} being e.g. "resolver 127.0.0.77:15353": "resolver
     * 127.0.0.77:15353 answered NXDOMAIN for N (A and AAAA): the name does not exist there, ... Check ...".
     * For every status but ADDRESSES and SINKHOLE.
     */
    static String failure(DnsStatus status, String who, String fqdn, List<DnsRecordType> types, String detail,
                          List<DnsAnswer> answers, String consequence) {
        String asked = fqdn + " (" + types(types) + ")";
        String told = fqdn + " (" + types(types) + what(status, detail, answers) + ")";
        String zone = zone(fqdn);
        return switch (status) {
            case NXDOMAIN -> who + " answered NXDOMAIN for " + asked + ": the name does not exist there, so "
                    + consequence + ". Check the name" + (PUB.equals(zone) ? " (MCC and MNC)" : "") + "; if it is right, the"
                    + " resolver lacks or filters " + zone + ": let it resolve that zone from the public DNS.";
            case NODATA -> who + " knows " + fqdn + " but has " + noRecord(types) + " for it (NODATA), so "
                    + consequence + ". Check that the resolver does not strip " + types(types) + " records of "
                    + zone + " names.";
            case SERVFAIL -> who + " answered SERVFAIL for " + told + ": it could not get an answer itself, so "
                    + consequence + ". Make sure it reaches the public DNS for " + zone
                    + " and that DNSSEC validation of that zone succeeds.";
            case REFUSED -> who + " REFUSED to answer for " + asked + ": it does not serve this host or its policy"
                    + " blocks the name, so " + consequence + ". Allow " + zone + " in its policy or use a resolver"
                    + " that answers.";
            case TIMEOUT -> truncatedThenFailed(answers)
                    ? who + " sent a truncated UDP answer for " + asked + " but did not answer the retry over TCP ("
                    + distinct(answers) + "), so " + consequence + ". Open TCP port 53 to the resolver: answers too large for"
                    + " UDP need it."
                    : who + " did not answer for " + told + ", so " + consequence + ". Check that it"
                    + " runs, that UDP and TCP port 53 to it are open and that it reaches its upstream servers.";
            case ERROR -> truncatedThenFailed(answers)
                    ? who + " sent a truncated UDP answer for " + asked + " and the retry over TCP failed ("
                    + distinct(answers) + "), so " + consequence + ". Open TCP port 53 to the resolver: answers too large for UDP need it."
                    : "asking " + who + " for " + told + " failed, so " + consequence + ". Check the"
                    + " resolver address and that UDP and TCP port 53 to it are open.";
            case MALFORMED -> who + " answered " + told + " with data that is not a valid DNS message, so " + consequence
                    + ". A phone's resolver discards such answers too. Check the resolver's software and any middlebox"
                    + " on the path that rewrites DNS, or hand out a resolver that answers cleanly.";
            case CNAME_LOOP -> who + " answered " + told + ": the chain of CNAMEs comes back to itself and never"
                    + " reaches an address, so " + consequence + ". Check the CNAME records on that chain: it must end"
                    + " at a name with " + types(types) + " records.";
            case CNAME_CHAIN -> who + " answered " + told + ": a CNAME chain longer than the " + DnsLookup.MAX_CNAMES
                    + " links this check follows, and longer than resolvers and phones follow, so " + consequence
                    + ". Make sure the name reaches its target in fewer steps.";
            case ADDRESSES, SINKHOLE -> throw new IllegalArgumentException("not a failure: " + status);
        };
    }

    /**
     * What came back, to follow the record types in parentheses: ": no answer in 500 ms" when every query
     * got the same, "" when that only repeats the status, else "; " and the detail per query.
     */
    static String what(DnsStatus status, String detail, List<DnsAnswer> answers) {
        List<String> details = answers.stream().map(DnsAnswer::detail).distinct().toList();
        if (answers.isEmpty()) {
            return detail.isBlank() ? "" : "; " + detail;
        }
        if (details.size() == 1) {
            return details.get(0).equals(status.name()) ? "" : ": " + details.get(0);
        }
        return "; " + detail;
    }

    /** What the queries got, each different text once: "A and AAAA" need not repeat the same TCP failure. */
    private static String distinct(List<DnsAnswer> answers) {
        return String.join("; ", answers.stream().map(DnsAnswer::detail).distinct().toList());
    }

    private static boolean truncatedThenFailed(List<DnsAnswer> answers) {
        return !answers.isEmpty() && answers.stream().allMatch(a -> a.transport() == DnsTransport.TCP
                && (a.status() == DnsStatus.TIMEOUT || a.status() == DnsStatus.ERROR));
    }

    /** "; the answer came over TCP after a truncated UDP answer; the resolver validated it with DNSSEC (AD)". */
    static String marks(List<DnsAnswer> answers) {
        StringBuilder s = new StringBuilder();
        if (answers.stream().anyMatch(a -> a.transport() == DnsTransport.TCP)) {
            s.append("; the answer came over TCP after a truncated UDP answer");
        }
        if (!answers.isEmpty() && answers.stream().allMatch(DnsAnswer::authenticated)) {
            s.append("; the resolver validated it with DNSSEC (AD set)");
        }
        return s.toString();
    }

    /** " (answered by 10.0.0.53:53)" when a system resolver's server answered; "" otherwise. */
    static String answeredBy(String resolver, List<DnsAnswer> answers) {
        List<String> servers = answers.stream().map(DnsAnswer::server).distinct().toList();
        return servers.isEmpty() || (servers.size() == 1 && servers.get(0).equals(resolver))
                || !resolver.startsWith(SYSTEM) ? "" : " (answered by " + join(servers) + ")";
    }
}
