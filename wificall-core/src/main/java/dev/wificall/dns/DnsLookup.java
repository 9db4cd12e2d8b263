package dev.wificall.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one resolver for the A and AAAA records of a name, both at once, and sorts the answer into
 * a {@link DnsOutcome}. The resolver is a configured server or, without one, the servers of the
 * system configuration (/etc/resolv.conf), as the phone's network would hand them out.
 */
public final class DnsLookup {

    /** Long enough for a slow corporate resolver, short enough that a dead one cannot stall a build. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final Resolver resolver;
    private final String description;
    private final Duration timeout;

    private DnsLookup(Resolver resolver, String description, Duration timeout) {
        this.resolver = resolver;
        this.description = description;
        this.timeout = timeout;
        resolver.setTimeout(timeout);
    }

    /** A lookup through one configured server. */
    public static DnsLookup using(DnsServer server, Duration timeout) {
        Objects.requireNonNull(server, "server");
        return new DnsLookup(new SimpleResolver(server.socketAddress()), server.toString(), checked(timeout));
    }

    /** A lookup through the system's configured resolvers. */
    public static DnsLookup system(Duration timeout) {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        String names = servers.stream().map(AddressText::of).collect(Collectors.joining(", "));
        List<Resolver> each = servers.stream().map(s -> (Resolver) new SimpleResolver(s)).toList();
        return new DnsLookup(new ExtendedResolver(each), "system resolver (" + names + ")", checked(timeout));
    }

    /** {@code server} may be null: then the system resolver. */
    public static DnsLookup of(DnsServer server, Duration timeout) {
        return server == null ? system(timeout) : using(server, timeout);
    }

    private static Duration checked(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout " + timeout + " must be positive, e.g. 3 s");
        }
        return timeout;
    }

    /** Which resolver this lookup asks, for messages. */
    public String resolver() {
        return description;
    }

    /** Asks for A and AAAA; never throws for what the network or the resolver does. */
    public DnsOutcome resolve(String fqdn) {
        long start = System.nanoTime();
        Name name;
        try {
            name = Name.fromString(fqdn.endsWith(".") ? fqdn : fqdn + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + fqdn + "' is not a domain name: " + e.getMessage(), e);
        }
        CompletableFuture<Message> a = ask(name, Type.A);
        CompletableFuture<Message> aaaa = ask(name, Type.AAAA);
        Answer v4 = answer(name, Type.A, a, start);
        Answer v6 = answer(name, Type.AAAA, aaaa, start);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        List<InetAddress> addresses = new ArrayList<>(v4.addresses);
        addresses.addAll(v6.addresses);
        DnsStatus status = addresses.isEmpty() ? DnsStatus.worse(v4.status, v6.status) : DnsStatus.ADDRESSES;
        List<String> cnames = v4.cnames.isEmpty() ? v6.cnames : v4.cnames;
        String detail = "A: " + v4.text() + "; AAAA: " + v6.text();
        return new DnsOutcome(fqdn, description, status, addresses, cnames, detail, elapsed);
    }

    private CompletableFuture<Message> ask(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return resolver.sendAsync(query).toCompletableFuture();
    }

    private Answer answer(Name name, int type, CompletableFuture<Message> pending, long start) {
        long left = timeout.toNanos() - (System.nanoTime() - start);
        Message response;
        try {
            response = pending.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Answer.failed(DnsStatus.TIMEOUT, "no answer in " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed(DnsStatus.ERROR, "interrupted");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return Answer.failed(DnsStatus.NXDOMAIN, "NXDOMAIN");
        }
        if (rcode == Rcode.SERVFAIL) {
            return Answer.failed(DnsStatus.SERVFAIL, "SERVFAIL");
        }
        if (rcode == Rcode.REFUSED) {
            return Answer.failed(DnsStatus.REFUSED, "REFUSED");
        }
        if (rcode != Rcode.NOERROR) {
            return Answer.failed(DnsStatus.ERROR, "RCODE " + Rcode.string(rcode));
        }
        return addresses(name, type, response.getSection(Section.ANSWER));
    }

    private static Answer failure(Throwable cause) {
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return Answer.failed(DnsStatus.TIMEOUT, "no answer: " + cause.getMessage());
        }
        if (cause instanceof PortUnreachableException) {
            return Answer.failed(DnsStatus.ERROR, "ICMP port unreachable: no DNS server listens there");
        }
        if (cause instanceof IOException) {
            return Answer.failed(DnsStatus.ERROR, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        return Answer.failed(DnsStatus.ERROR, String.valueOf(cause));
    }

    /** Follows the CNAME chain inside the answer section, then takes the records of its end. */
    private static Answer addresses(Name name, int type, List<Record> records) {
        List<String> cnames = new ArrayList<>();
        Name current = name;
        for (int hops = 0; hops < 16; hops++) {
            Name next = null;
            for (Record r : records) {
                if (r instanceof CNAMERecord c && c.getName().equals(current)) {
                    next = c.getTarget();
                }
            }
            if (next == null) {
                break;
            }
            cnames.add(next.toString(true));
            current = next;
        }
        List<InetAddress> found = new ArrayList<>();
        for (Record r : records) {
            if (r.getType() == type && r.getName().equals(current)) {
                found.add(r instanceof ARecord ar ? ar.getAddress() : ((AAAARecord) r).getAddress());
            }
        }
        return found.isEmpty() ? new Answer(DnsStatus.NODATA, List.of(), cnames, "NODATA")
                : new Answer(DnsStatus.ADDRESSES, found, cnames, null);
    }

    private record Answer(DnsStatus status, List<InetAddress> addresses, List<String> cnames, String failure) {
        static Answer failed(DnsStatus status, String why) {
            return new Answer(status, List.of(), List.of(), why);
        }

        String text() {
            return failure != null ? failure
                    : addresses.stream().map(AddressText::of).collect(Collectors.joining(", "));
        }
    }
}
