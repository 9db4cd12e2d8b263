package dev.wificall.dns;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a resolver said about the NAPTR records of one name, e.g. the visited-country name
 * epdg.epc.mcc262.visited-country.pub.3gppnetwork.org. The records come in the resolver's order; choosing
 * among them (order, preference, flags "a" or "s", empty regexp) is the discovery code's job.
 *
 * @param fqdn     the name asked for
 * @param resolver which resolver was asked
 * @param status   {@code ADDRESSES} when there is at least one NAPTR record (the name of the status speaks of
 *                 addresses; here it means records), else NXDOMAIN, NODATA, SERVFAIL, REFUSED, TIMEOUT or ERROR
 * @param records  the NAPTR records at the end of the CNAME chain
 * @param cnames   the CNAME chain followed, empty when there was none
 * @param answer   how the query went: server, transport, AD bit, time
 */
public record NaptrOutcome(String fqdn, String resolver, DnsStatus status, List<DnsNaptr> records, List<String> cnames,
                           DnsAnswer answer) {
    public NaptrOutcome {
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(status, "status");
        if (status == DnsStatus.SINKHOLE) {
            throw new IllegalArgumentException("a NAPTR answer is never a SINKHOLE; it carries names, not addresses");
        }
        records = List.copyOf(records);
        cnames = List.copyOf(cnames);
        Objects.requireNonNull(answer, "answer");
    }

    /** At least one NAPTR record. */
    public boolean found() {
        return status == DnsStatus.ADDRESSES;
    }

    public String detail() {
        return answer.toString();
    }

    public Duration elapsed() {
        return answer.elapsed();
    }

    public DnsTransport transport() {
        return answer.transport();
    }

    public boolean authenticated() {
        return answer.authenticated();
    }

    /**
     * One sentence for people, in the style of {@link DnsOutcome#explain()}: what was asked, of which
     * resolver, what came back, what to do.
     */
    public String explain() {
        String who = Sentences.who(resolver) + Sentences.answeredBy(resolver, List.of(answer));
        String chain = cnames.isEmpty() ? "" : " through the CNAME chain " + fqdn + " -> " + String.join(" -> ", cnames);
        if (status == DnsStatus.ADDRESSES) {
            return who + " answered " + fqdn + " (NAPTR) with " + records.size() + " record" + (records.size() == 1 ? "" : "s")
                    + chain + " in " + Sentences.millis(answer.elapsed()) + Sentences.marks(List.of(answer)) + ": "
                    + String.join("; ", records.stream().map(DnsNaptr::toString).toList())
                    + ". A roaming phone takes its ePDG FQDN from the replacement; nothing to change in DNS.";
        }
        String zone = Sentences.zone(fqdn);
        String fallback = ", so a roaming phone gets no list of ePDGs for this country and uses its home operator's"
                + " ePDG. That is normal where the country mandates none; if it does, ";
        if (status == DnsStatus.NXDOMAIN) {
            return who + " answered NXDOMAIN for " + fqdn + " (NAPTR): the name does not exist there" + fallback
                    + "check the MCC in the name and that the resolver resolves " + zone + " from the public DNS.";
        }
        if (status == DnsStatus.NODATA) {
            return who + " knows " + fqdn + " but has no NAPTR record for it (NODATA)" + fallback
                    + "check that the resolver does not strip NAPTR records of " + zone + " names.";
        }
        return Sentences.failure(status, who, fqdn, List.of(DnsRecordType.NAPTR), answer.detail(), List.of(answer),
                "a roaming phone cannot learn which ePDG this country mandates");
    }
}
