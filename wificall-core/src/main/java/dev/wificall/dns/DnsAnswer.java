package dev.wificall.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one query (one name, one record type) got back.
 *
 * @param type          the record type asked for
 * @param status        the answer to this query alone; never {@code SINKHOLE}, which judges a whole outcome
 * @param server        the server that answered, e.g. "127.0.0.77:15353"; for the system resolver the one
 *                      of its servers that did; the server asked when none answered
 * @param transport     UDP, or TCP when the UDP answer was truncated and the query went again over TCP
 * @param authenticated the resolver set the AD bit: it validated the answer with DNSSEC (RFC 4035 §3.2.3)
 * @param cnames        the CNAME chain followed inside the answer, empty when there was none
 * @param detail        what came back, e.g. "10.77.0.2 ttl 60", "NODATA", "no answer in 500 ms"
 * @param elapsed       time from sending the query until its answer (over TCP too) or the deadline
 */
public record DnsAnswer(DnsRecordType type, DnsStatus status, String server, DnsTransport transport,
                        boolean authenticated, List<String> cnames, String detail, Duration elapsed) {
    public DnsAnswer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(transport, "transport");
        cnames = List.copyOf(cnames);
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** "A: 10.77.0.2 ttl 60", "AAAA (TCP after TC, AD): fd77::2 ttl 60". */
    @Override
    public String toString() {
        List<String> marks = new ArrayList<>();
        if (transport == DnsTransport.TCP) {
            marks.add("TCP after TC");
        }
        if (authenticated) {
            marks.add("AD");
        }
        return type + (marks.isEmpty() ? "" : " (" + String.join(", ", marks) + ")") + ": " + detail;
    }
}
