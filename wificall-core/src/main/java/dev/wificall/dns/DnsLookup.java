package dev.wificall.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Asks one resolver about a name, as a phone's resolver would, and sorts the answer into a
 * {@link DnsOutcome} (A and AAAA) or a {@link NaptrOutcome}. The resolver is a configured server or,
 * without one, the servers of the system configuration (/etc/resolv.conf), as the phone's network
 * would hand them out.
 *
 * <p>On the wire: every query goes out over UDP with RD and AD set and an EDNS0 OPT record (dnsjava's
 * default: 1280-byte payload, DO clear, so no DNSSEC records bloat the answer). AD in the query asks a
 * validating resolver to report whether it validated the answer (RFC 6840 §5.7); the answer's AD bit is
 * reported as {@link DnsAnswer#authenticated()}. A truncated UDP answer (TC set) is asked again over TCP
 * to the server that sent it, and the answer says so ({@link DnsTransport#TCP}). A and AAAA go out
 * together; nothing blocks a thread while they are on the way ({@link #resolveAsync}). The bytes go
 * through wificall's own transport ({@code DnsSockets}: a few long-lived UDP sockets per server, one
 * thread), never dnsjava's, whose selector thread and shutdown hook outlive the goal that started them;
 * dnsjava builds and checks every message.
 *
 * <p>The transport's thread runs while queries are on their way. A caller that must leave no thread
 * behind when it returns (a Maven goal, a test) does its lookups inside {@link #hold()}: closing the
 * last hold waits until the thread has ended.
 *
 * <p>Instances are immutable and thread-safe; one lookup serves any number of names at once.
 */
public final class DnsLookup {

    /** Long enough for a slow corporate resolver, short enough that a dead one cannot stall a build. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /**
     * The longest CNAME chain followed inside an answer. A longer one is a misconfiguration: recursive
     * resolvers give up on long chains (each has its own limit), so a phone's lookup may fail on it too.
     */
    public static final int MAX_CNAMES = 16;

    /**
     * Where dnsjava parses answers and where the steps of a lookup run: on its I/O thread, directly.
     * Each step is short and never blocks; a hand-off to another pool costs more than the step.
     */
    private static final Executor DIRECT = Runnable::run;

    private final Resolver udp;
    /** In the order configured; the first is the one named when no server answered. */
    private final Map<InetSocketAddress, Server> servers;
    private final InetSocketAddress first;
    private final String description;
    private final Duration timeout;
    private final SinkholePolicy policy;

    /** One server: how it is shown and where TCP retries after TC go. */
    private record Server(String name, InetSocketAddress address) {
    }

    /**
     * Keeps the DNS transport's thread and sockets for the lookups made while it is open; closing the
     * last one waits (at most 2 s) until the thread has closed every socket and ended.
     */
    public static final class Hold implements AutoCloseable {
        private boolean closed;

        private Hold() {
            DnsSockets.INSTANCE.hold();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            DnsSockets.INSTANCE.release();
        }
    }

    /** See {@link Hold}: {@code try (DnsLookup.Hold h = DnsLookup.hold()) { ... }}. */
    public static Hold hold() {
        return new Hold();
    }

    /** Whether the DNS transport's thread is alive; false once the last hold is closed and no query is left. */
    public static boolean transportRunning() {
        return DnsSockets.INSTANCE.running();
    }

    private DnsLookup(Resolver udp, Map<InetSocketAddress, Server> servers, String description, Duration timeout,
                      SinkholePolicy policy) {
        this.udp = udp;
        this.servers = servers;
        this.first = servers.keySet().iterator().next();
        this.description = description;
        this.timeout = timeout;
        this.policy = Objects.requireNonNull(policy, "sinkhole policy");
    }

    /**
     * A lookup through one configured server, with {@link SinkholePolicy#ALLOW_PRIVATE}: 0.0.0.0, loopback
     * and link-local answers are sinkholes, private space is not. Use {@link #withSinkholePolicy} for the
     * stricter {@link SinkholePolicy#DEFAULT}.
     */
    public static DnsLookup using(DnsServer server, Duration timeout) {
        Objects.requireNonNull(server, "server");
        return servers(List.of(server.socketAddress()), List.of(server.toString()), server.toString(), checked(timeout));
    }

    /** A lookup through the system's configured resolvers, with {@link SinkholePolicy#ALLOW_PRIVATE}. */
    public static DnsLookup system(Duration timeout) {
        List<InetSocketAddress> addresses = ResolverConfig.getCurrentConfig().servers();
        List<String> names = addresses.stream().map(AddressText::of).toList();
        return servers(addresses, names, "system resolver (" + String.join(", ", names) + ")", checked(timeout));
    }

    /** {@code server} may be null: then the system resolver. */
    public static DnsLookup of(DnsServer server, Duration timeout) {
        return server == null ? system(timeout) : using(server, timeout);
    }

    /** One lookup per server, in their order, e.g. for a {@link ResolverSet}. */
    public static List<DnsLookup> each(List<DnsServer> servers, Duration timeout, SinkholePolicy policy) {
        return servers.stream().map(s -> using(s, timeout).withSinkholePolicy(policy)).toList();
    }

    /** Several servers tried in turn (dnsjava's ExtendedResolver), shown together as {@code description}. */
    static DnsLookup servers(List<InetSocketAddress> addresses, List<String> names, String description, Duration timeout) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no DNS server configured (" + description + "); name one, e.g. 10.0.0.53");
        }
        Map<InetSocketAddress, Server> servers = new LinkedHashMap<>();
        List<Resolver> each = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            SimpleResolver u = new SimpleResolver(addresses.get(i));
            u.setIgnoreTruncation(true); // seen here, then asked again over TCP, so that the answer can say so
            u.setTimeout(timeout);
            u.setIoClientFactory(DnsSockets.INSTANCE);
            each.add(u);
            servers.putIfAbsent(addresses.get(i), new Server(names.get(i), addresses.get(i)));
        }
        Resolver udp;
        if (each.size() == 1) {
            udp = each.get(0);
        } else {
            ExtendedResolver extended = new ExtendedResolver(each);
            extended.setTimeout(timeout);
            udp = extended;
        }
        return new DnsLookup(udp, Collections.unmodifiableMap(servers), description, timeout, SinkholePolicy.ALLOW_PRIVATE);
    }

    private static Duration checked(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout " + timeout + " must be positive, e.g. 3 s");
        }
        return timeout;
    }

    /** This lookup, judging addresses by another sinkhole policy. */
    public DnsLookup withSinkholePolicy(SinkholePolicy sinkholePolicy) {
        return new DnsLookup(udp, servers, description, timeout, sinkholePolicy);
    }

    /** Which resolver this lookup asks, for messages. */
    public String resolver() {
        return description;
    }

    public Duration timeout() {
        return timeout;
    }

    public SinkholePolicy sinkholePolicy() {
        return policy;
    }

    /** Asks for A and AAAA; never throws for what the network or the resolver does. */
    public DnsOutcome resolve(String fqdn) {
        return resolve(fqdn, DnsRecordType.A, DnsRecordType.AAAA);
    }

    /** Asks for the given address types (A, AAAA or both) at once. */
    public DnsOutcome resolve(String fqdn, DnsRecordType... types) {
        return join(resolveAsync(fqdn, types));
    }

    /** {@link #resolve(String)} without waiting: completes (never exceptionally) within about the timeout. */
    public CompletableFuture<DnsOutcome> resolveAsync(String fqdn) {
        return resolveAsync(fqdn, DnsRecordType.A, DnsRecordType.AAAA);
    }

    /**
     * {@link #resolve(String, DnsRecordType...)} without waiting.
     *
     * @throws IllegalArgumentException at once when the name is not a domain name or a type is not A or AAAA
     */
    public CompletableFuture<DnsOutcome> resolveAsync(String fqdn, DnsRecordType... types) {
        Name name = name(fqdn);
        List<DnsRecordType> asked = addressTypes(types);
        long start = System.nanoTime();
        List<CompletableFuture<Reply>> pending = asked.stream().map(t -> exchange(name, t)).toList();
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcome(fqdn, pending.stream().map(CompletableFuture::join).toList(), start));
    }

    /** Asks for the NAPTR records of a name, e.g. epdg.epc.mcc262.visited-country.pub.3gppnetwork.org. */
    public NaptrOutcome naptr(String fqdn) {
        return join(naptrAsync(fqdn));
    }

    /** {@link #naptr} without waiting. */
    public CompletableFuture<NaptrOutcome> naptrAsync(String fqdn) {
        Name name = name(fqdn);
        return exchange(name, DnsRecordType.NAPTR).thenApply(r -> new NaptrOutcome(fqdn, description, r.answer.status(),
                r.naptrs, r.answer.cnames(), r.answer));
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for DNS", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bug: a DNS lookup failed instead of reporting", e.getCause());
        }
    }

    private static Name name(String fqdn) {
        Objects.requireNonNull(fqdn, "fqdn");
        try {
            return Name.fromString(fqdn.endsWith(".") ? fqdn : fqdn + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + fqdn + "' is not a domain name: " + e.getMessage(), e);
        }
    }

    private static final List<DnsRecordType> A = List.of(DnsRecordType.A);
    private static final List<DnsRecordType> A_AAAA = List.of(DnsRecordType.A, DnsRecordType.AAAA);

    private static List<DnsRecordType> addressTypes(DnsRecordType... types) {
        if (types.length == 1 && types[0] == DnsRecordType.A) {
            return A;
        }
        if (types.length == 2 && types[0] == DnsRecordType.A && types[1] == DnsRecordType.AAAA) {
            return A_AAAA;
        }
        EnumSet<DnsRecordType> set = types.length == 0 ? EnumSet.noneOf(DnsRecordType.class)
                : EnumSet.copyOf(Arrays.asList(types));
        if (set.isEmpty() || set.contains(DnsRecordType.NAPTR)) {
            throw new IllegalArgumentException("address lookups ask for A, AAAA or both, not " + Arrays.toString(types)
                    + "; use naptr(fqdn) for NAPTR");
        }
        return List.copyOf(set);
    }

    // ------------------------------------------------------------------------------------------ one query

    /** One query's result: the answer and the records of the asked type at the end of the CNAME chain. */
    private record Reply(DnsAnswer answer, List<ResolvedAddress> addresses, List<DnsNaptr> naptrs) {
    }

    /** Where a query went: updated as it moves from UDP to TCP. */
    private static final class Exchange {
        final DnsRecordType type;
        final long start = System.nanoTime();
        volatile InetSocketAddress server;
        volatile DnsTransport transport = DnsTransport.UDP;
        volatile int truncatedRecords;

        Exchange(DnsRecordType type, InetSocketAddress server) {
            this.type = type;
            this.server = server;
        }
    }

    private CompletableFuture<Reply> exchange(Name name, DnsRecordType type) {
        Message query = Message.newQuery(Record.newRecord(name, type.code(), DClass.IN));
        query.getHeader().setFlag(Flags.AD);
        Exchange ex = new Exchange(type, first);
        CompletableFuture<Message> sent;
        try {
            sent = udp.sendAsync(query, DIRECT).toCompletableFuture().thenCompose(response -> {
                response.getResolver().filter(r -> r instanceof SimpleResolver)
                        .map(r -> ((SimpleResolver) r).getAddress()).filter(servers::containsKey)
                        .ifPresent(a -> ex.server = a);
                if (!response.getHeader().getFlag(Flags.TC)) {
                    return CompletableFuture.completedFuture(response);
                }
                ex.transport = DnsTransport.TCP;
                ex.truncatedRecords = response.getSection(Section.ANSWER).size();
                // the query's one deadline: TCP gets what UDP left of it
                long left = Math.max(1, timeout.toNanos() - (System.nanoTime() - ex.start));
                SimpleResolver tcp = new SimpleResolver(servers.get(ex.server).address());
                tcp.setTCP(true);
                tcp.setTimeout(Duration.ofNanos(left));
                tcp.setIoClientFactory(DnsSockets.INSTANCE);
                return tcp.sendAsync(query, DIRECT).toCompletableFuture();
            });
        } catch (RuntimeException e) { // dnsjava reports I/O set-up failures this way in some versions
            sent = CompletableFuture.failedFuture(e);
        }
        // UDP and TCP time out in DnsSockets (swept every 50 ms), without a timer task per query
        return sent.handle((response, error) -> reply(name, ex, response, error));
    }

    private Reply reply(Name name, Exchange ex, Message response, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return failed(ex, failureStatus(cause), failureText(ex, cause));
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR) {
            DnsStatus status = switch (rcode) {
                case Rcode.NXDOMAIN -> DnsStatus.NXDOMAIN;
                case Rcode.SERVFAIL -> DnsStatus.SERVFAIL;
                case Rcode.REFUSED -> DnsStatus.REFUSED;
                default -> DnsStatus.ERROR;
            };
            String text = status == DnsStatus.ERROR ? "RCODE " + Rcode.string(rcode) : status.name();
            return new Reply(answer(ex, status, response, List.of(), text), List.of(), List.of());
        }
        List<Record> section = response.getSection(Section.ANSWER);
        List<String> cnames = new ArrayList<>();
        Name end = chainEnd(name, section, cnames);
        if (end == null) {
            String loop = name.toString(true) + " → " + String.join(" → ", cnames);
            return new Reply(answer(ex, DnsStatus.CNAME_LOOP, response, cnames, "CNAME loop: " + loop), List.of(),
                    List.of());
        }
        if (cnames.size() > MAX_CNAMES) {
            int links = chainLength(name, section);
            cnames.subList(MAX_CNAMES, cnames.size()).clear();
            return new Reply(answer(ex, DnsStatus.CNAME_CHAIN, response, cnames, "CNAME chain of "
                    + (links > MAX_CNAMES ? "more than " + MAX_CNAMES : String.valueOf(links)) + " links from "
                    + name.toString(true) + " (" + Sentences.capped(cnames) + ")"), List.of(), List.of());
        }
        List<ResolvedAddress> addresses = new ArrayList<>();
        List<DnsNaptr> naptrs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int records = 0;
        for (Record r : section) {
            if (r.getType() != ex.type.code() || !r.getName().equals(end)) {
                continue;
            }
            // the detail names the first few records and counts the rest: a pool of 1,000 stays one short line
            boolean shown = records++ < Sentences.SHOWN;
            if (shown) {
                text.append(text.length() == 0 ? "" : ", ");
            }
            if (r instanceof NAPTRRecord n) {
                DnsNaptr naptr = naptr(n);
                naptrs.add(naptr);
                if (shown) {
                    text.append(naptr);
                }
            } else {
                ResolvedAddress a = new ResolvedAddress(address(r), r.getTTL());
                addresses.add(a);
                if (shown) {
                    text.append(AddressText.of(a.address()));
                }
            }
            if (shown) {
                text.append(" ttl ").append(r.getTTL());
            }
        }
        if (records == 0) {
            return new Reply(answer(ex, DnsStatus.NODATA, response, cnames, "NODATA"), List.of(), List.of());
        }
        if (records > Sentences.SHOWN) {
            text.append(" and ").append(Sentences.count(records - Sentences.SHOWN)).append(" more");
        }
        return new Reply(answer(ex, DnsStatus.ADDRESSES, response, cnames, text.toString()), addresses, naptrs);
    }

    private DnsAnswer answer(Exchange ex, DnsStatus status, Message response, List<String> cnames, String text) {
        return new DnsAnswer(ex.type, status, servers.get(ex.server).name(), ex.transport,
                response.getHeader().getFlag(Flags.AD), cnames, text, since(ex.start));
    }

    private Reply failed(Exchange ex, DnsStatus status, String text) {
        return new Reply(new DnsAnswer(ex.type, status, servers.get(ex.server).name(), ex.transport, false, List.of(),
                text, since(ex.start)), List.of(), List.of());
    }

    private static DnsStatus failureStatus(Throwable cause) {
        if (cause instanceof DnsIoException d) {
            return d.timeout() ? DnsStatus.TIMEOUT : DnsStatus.ERROR;
        }
        if (cause instanceof WireParseException) {
            return DnsStatus.MALFORMED;
        }
        return cause instanceof SocketTimeoutException || cause instanceof TimeoutException ? DnsStatus.TIMEOUT
                : DnsStatus.ERROR;
    }

    /** What happened, for a person: the transport's own words, or what dnsjava found wrong with the answer. */
    private String failureText(Exchange ex, Throwable cause) {
        String what;
        if (cause instanceof DnsIoException) {
            what = cause.getMessage();
        } else if (cause instanceof WireParseException w) {
            what = "unparsable: " + parseProblem(w);
        } else if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            what = "no answer in " + timeout.toMillis() + " ms";
        } else if (cause instanceof PortUnreachableException) {
            what = "ICMP port unreachable: no DNS server listens there";
        } else if (cause instanceof IOException) {
            what = "the query failed (" + cause.getMessage() + ")";
        } else {
            what = "bug: " + cause; // not the network's doing: the class name helps whoever fixes it
        }
        // the answer's transport (TCP after TC) is shown beside this text; only the truncated count is new
        return ex.transport == DnsTransport.TCP && ex.truncatedRecords > 0
                ? what + " (the truncated UDP answer held " + ex.truncatedRecords + " record"
                + (ex.truncatedRecords == 1 ? "" : "s") + ")"
                : what;
    }

    /** dnsjava's reason, innermost first: "Error parsing message" wraps the one that says what. */
    private static String parseProblem(WireParseException w) {
        Throwable t = w;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? "it cannot be parsed" : m;
    }

    /**
     * Follows the CNAME chain inside the answer section, adding each target to {@code cnames}, and returns
     * the name at its end; null when the chain comes back to a name already on it (the loop is then in
     * {@code cnames}, ending with the repeated name). Stops one link past {@link #MAX_CNAMES}, so that the
     * caller sees the chain is too long without walking thousands of records.
     */
    private static Name chainEnd(Name name, List<Record> records, List<String> cnames) {
        Map<Name, Name> links = cnameLinks(records);
        java.util.Set<Name> seen = new java.util.HashSet<>();
        seen.add(name);
        Name current = name;
        for (int hops = 0; hops <= MAX_CNAMES; hops++) {
            Name next = links.get(current);
            if (next == null) {
                break;
            }
            cnames.add(next.toString(true));
            if (!seen.add(next)) {
                return null;
            }
            current = next;
        }
        return current;
    }

    /** How many links the chain from {@code name} has in all, counted up to the number of records. */
    private static int chainLength(Name name, List<Record> records) {
        Map<Name, Name> links = cnameLinks(records);
        int n = 0;
        for (Name at = links.get(name); at != null && n <= records.size(); at = links.get(at)) {
            n++;
        }
        return n;
    }

    private static Map<Name, Name> cnameLinks(List<Record> records) {
        Map<Name, Name> links = new java.util.HashMap<>();
        for (Record r : records) {
            if (r instanceof CNAMERecord c) {
                links.putIfAbsent(c.getName(), c.getTarget());
            }
        }
        return links;
    }

    private static DnsNaptr naptr(NAPTRRecord n) {
        return new DnsNaptr(n.getOrder(), n.getPreference(), n.getFlags(), n.getService(), n.getRegexp(),
                n.getReplacement().toString(true), n.getTTL());
    }

    /**
     * The address without a host name: ARecord.getAddress() names it after the record, which costs a
     * Name.toString() and makes InetAddress.toString() print "name/address".
     */
    private static InetAddress address(Record r) {
        try {
            return InetAddress.getByAddress(r.rdataToWireCanonical());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an " + Type.string(r.getType()) + " record of " + r.rdataToWireCanonical().length
                    + " bytes", e); // dnsjava parsed it as 4 or 16 bytes
        }
    }

    // --------------------------------------------------------------------------------------- one outcome

    private DnsOutcome outcome(String fqdn, List<Reply> replies, long start) {
        List<ResolvedAddress> addresses = new ArrayList<>();
        List<InetAddress> sinkholed = new ArrayList<>();
        List<DnsAnswer> answers = new ArrayList<>(replies.size());
        List<String> cnames = List.of();
        StringBuilder detail = new StringBuilder();
        DnsStatus status = null;
        for (Reply r : replies) {
            for (ResolvedAddress a : r.addresses) {
                addresses.add(a);
                if (policy.isSinkhole(a.address())) {
                    sinkholed.add(a.address());
                }
            }
            if (cnames.isEmpty()) {
                cnames = r.answer.cnames();
            }
            status = status == null ? r.answer.status() : DnsStatus.worse(status, r.answer.status());
            answers.add(r.answer);
            detail.append(detail.length() == 0 ? "" : "; ").append(r.answer);
        }
        if (!addresses.isEmpty()) {
            status = sinkholed.size() == addresses.size() ? DnsStatus.SINKHOLE : DnsStatus.ADDRESSES;
        }
        return new DnsOutcome(fqdn, description, status, addresses, cnames, detail.toString(), since(start), answers,
                sinkholed);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public String toString() {
        return "DnsLookup[" + description + ", timeout " + timeout.toMillis() + " ms, sinkhole policy " + policy + "]";
    }
}
