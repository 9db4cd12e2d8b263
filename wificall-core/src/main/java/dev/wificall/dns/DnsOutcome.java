package dev.wificall.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a resolver said about one ePDG name.
 *
 * @param fqdn      the name asked for
 * @param resolver  which resolver answered, e.g. "127.0.0.77:15353" or "system resolver (10.0.0.53:53)"
 * @param status    the overall answer for A and AAAA together
 * @param addresses IPv4 then IPv6 addresses, in the resolver's order; empty unless {@code ADDRESSES}
 * @param cnames    the CNAME chain followed, empty when there was none
 * @param detail    per record type, e.g. "A: 10.77.0.2; AAAA: NODATA"
 * @param elapsed   time until both answers were in
 */
public record DnsOutcome(String fqdn, String resolver, DnsStatus status, List<InetAddress> addresses,
                         List<String> cnames, String detail, Duration elapsed) {
    public DnsOutcome {
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(status, "status");
        addresses = List.copyOf(addresses);
        cnames = List.copyOf(cnames);
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public boolean resolved() {
        return status == DnsStatus.ADDRESSES;
    }
}
