package dev.wificall.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.net.InetAddress;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The names a {@link DnsStub} knows and how it answers for them, as a resolver would: records of
 * the asked type, a CNAME chain followed to its end (the CNAMEs, then the target's records), a
 * failure where one is configured. dnsjava's {@link Name} compares case-insensitively, so names
 * match in any case. Immutable once built.
 */
final class DnsStubZone {

    /** Resolvers give up on longer chains (BIND: 16); so does the stub, with SERVFAIL. */
    static final int MAX_CHAIN = 16;

    /** What is configured at one name: records by type, or a CNAME, and failures. */
    static final class Node {
        final Map<Integer, List<Record>> records = new LinkedHashMap<>();
        CNAMERecord cname;
        /** By type; {@link #ANY_TYPE} for every type. */
        final Map<Integer, DnsStub.Failure> failures = new LinkedHashMap<>();
    }

    static final int ANY_TYPE = -1;

    /** The answer to one question: records for the answer section and the RCODE, or silence. */
    record Answer(int rcode, List<Record> records, boolean silent, DnsStub.Failure hostile) {
        static final Answer SILENCE = new Answer(Rcode.SERVFAIL, List.of(), true, null);

        Answer(int rcode, List<Record> records, boolean silent) {
            this(rcode, records, silent, null);
        }
    }

    /** How many CNAMEs {@link DnsStub.Failure#LONG_CNAME_CHAIN} chains. */
    static final int LONG_CHAIN = 20;

    private final Map<Name, Node> nodes;

    DnsStubZone(Map<Name, Node> nodes) {
        this.nodes = nodes;
    }

    /** A fresh node map for a builder, in the order names were added. */
    static Map<Name, Node> newNodes() {
        return new LinkedHashMap<>();
    }

    static Node node(Map<Name, Node> nodes, Name name) {
        return nodes.computeIfAbsent(name, n -> new Node());
    }

    /**
     * The answer to {@code qname}/{@code qtype}. The first name's records carry the name as asked
     * (its case), as a server does; the chain's further records carry their configured names.
     */
    Answer answer(Name qname, int qtype) {
        List<Record> out = new ArrayList<>();
        Set<Name> seen = new HashSet<>();
        Name current = qname;
        for (int hop = 0; hop <= MAX_CHAIN; hop++) {
            Node node = nodes.get(current);
            if (node == null) {
                return new Answer(Rcode.NXDOMAIN, out, false);
            }
            Optional<DnsStub.Failure> failure = failure(node, qtype);
            if (failure.isPresent()) {
                return switch (failure.get()) {
                    case SERVFAIL -> new Answer(Rcode.SERVFAIL, List.of(), false);
                    case REFUSED -> new Answer(Rcode.REFUSED, List.of(), false);
                    case NXDOMAIN -> new Answer(Rcode.NXDOMAIN, out, false);
                    case SILENCE -> Answer.SILENCE;
                    case CNAME_LOOP -> new Answer(Rcode.NOERROR, loop(qname), false);
                    case LONG_CNAME_CHAIN -> new Answer(Rcode.NOERROR, chain(qname, qtype), false);
                    // the real answer, damaged on the way out by DnsStub
                    case TRUNCATE_THEN_CUT_TCP, TRUNCATE_THEN_RESET_TCP, TRUNCATE_THEN_SLOW_TCP, WRONG_ID,
                         COMPRESSION_LOOP, GARBAGE -> new Answer(Rcode.NOERROR, records(node, qname, qtype), false,
                            failure.get());
                };
            }
            if (node.cname != null && qtype != Type.CNAME) {
                out.add(hop == 0 ? node.cname.withName(qname) : node.cname);
                seen.add(current);
                current = node.cname.getTarget();
                if (seen.contains(current)) {
                    return new Answer(Rcode.SERVFAIL, List.of(), false); // a CNAME loop
                }
                continue;
            }
            List<Record> records = qtype == Type.CNAME && node.cname != null ? List.of(node.cname)
                    : node.records.getOrDefault(qtype, List.of());
            for (Record r : records) {
                out.add(hop == 0 ? r.withName(qname) : r);
            }
            return new Answer(Rcode.NOERROR, out, false); // empty: NODATA
        }
        return new Answer(Rcode.SERVFAIL, List.of(), false); // too long a chain
    }

    private static List<Record> records(Node node, Name qname, int qtype) {
        return node.records.getOrDefault(qtype, List.of()).stream().map(r -> r.withName(qname)).toList();
    }

    /** name → loop-1.name → loop-2.name → name. */
    private static List<Record> loop(Name qname) {
        Name one = sub("loop-1", qname);
        Name two = sub("loop-2", qname);
        return List.of(new CNAMERecord(qname, DClass.IN, 60, one), new CNAMERecord(one, DClass.IN, 60, two),
                new CNAMERecord(two, DClass.IN, 60, qname));
    }

    /** name → chain-1.name → … → chain-20.name, and 127.0.0.1 there when A was asked. */
    private static List<Record> chain(Name qname, int qtype) {
        List<Record> out = new ArrayList<>();
        Name at = qname;
        for (int i = 1; i <= LONG_CHAIN; i++) {
            Name next = sub("chain-" + i, qname);
            out.add(new CNAMERecord(at, DClass.IN, 60, next));
            at = next;
        }
        if (qtype == Type.A) {
            out.add(new ARecord(at, DClass.IN, 60, InetAddress.getLoopbackAddress()));
        }
        return out;
    }

    private static Name sub(String label, Name parent) {
        try {
            return Name.concatenate(Name.fromString(label), parent);
        } catch (org.xbill.DNS.NameTooLongException | org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(label + "." + parent + " is not a domain name", e);
        }
    }

    private static Optional<DnsStub.Failure> failure(Node node, int qtype) {
        DnsStub.Failure f = node.failures.get(qtype);
        return Optional.ofNullable(f != null ? f : node.failures.get(ANY_TYPE));
    }

    /** How many names are configured. */
    int size() {
        return nodes.size();
    }
}
