package dev.wificall.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a resolver said about one ePDG name: its addresses with their TTLs, the CNAME chain, how each
 * query went (transport, AD bit, time), and which addresses a {@link SinkholePolicy} flagged.
 *
 * @param fqdn              the name asked for
 * @param resolver          which resolver was asked, e.g. "127.0.0.77:15353" or "system resolver (10.0.0.53:53)"
 * @param status            the overall answer: {@code ADDRESSES} when either query gave an address and not every
 *                          address is a sinkhole; {@code SINKHOLE} when every address is; else the worse failure
 * @param resolvedAddresses IPv4 then IPv6 addresses with their TTLs, in the resolver's order; kept for
 *                          {@code SINKHOLE} too
 * @param cnames            the CNAME chain followed, empty when there was none
 * @param detail            per query, e.g. "A: 10.77.0.2 ttl 60; AAAA: NODATA"
 * @param elapsed           time until every answer was in
 * @param answers           one per query, in the order asked; empty for an outcome built by hand
 * @param sinkholed         the addresses the sinkhole policy flagged, in their order; a subset of the addresses
 */
public record DnsOutcome(String fqdn, String resolver, DnsStatus status, List<ResolvedAddress> resolvedAddresses,
                         List<String> cnames, String detail, Duration elapsed, List<DnsAnswer> answers,
                         List<InetAddress> sinkholed) {

    public DnsOutcome {
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(status, "status");
        resolvedAddresses = List.copyOf(resolvedAddresses);
        cnames = List.copyOf(cnames);
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(elapsed, "elapsed");
        answers = List.copyOf(answers);
        sinkholed = List.copyOf(sinkholed);
        List<InetAddress> all = resolvedAddresses.stream().map(ResolvedAddress::address).toList();
        if (!all.containsAll(sinkholed)) {
            throw new IllegalArgumentException("sinkholed addresses " + Sentences.addresses(sinkholed)
                    + " are not all among the addresses " + Sentences.addresses(all) + " of " + fqdn);
        }
    }

    /** An outcome without TTLs or per-query answers, as tests and reports build them. */
    public DnsOutcome(String fqdn, String resolver, DnsStatus status, List<InetAddress> addresses, List<String> cnames,
                      String detail, Duration elapsed) {
        this(fqdn, resolver, status, addresses.stream().map(ResolvedAddress::of).toList(), cnames, detail, elapsed,
                List.of(), status == DnsStatus.SINKHOLE ? addresses : List.of());
    }

    /** IPv4 then IPv6 addresses, in the resolver's order, sinkholes included. */
    public List<InetAddress> addresses() {
        return resolvedAddresses.stream().map(ResolvedAddress::address).toList();
    }

    /** The addresses the sinkhole policy let through: the ones worth probing. */
    public List<InetAddress> usableAddresses() {
        List<InetAddress> usable = new ArrayList<>(addresses());
        usable.removeAll(sinkholed);
        return usable;
    }

    /** At least one usable address. */
    public boolean resolved() {
        return status == DnsStatus.ADDRESSES;
    }

    /** The record types asked: A and AAAA unless the lookup asked for one family only. */
    public List<DnsRecordType> types() {
        return answers.isEmpty() ? List.of(DnsRecordType.A, DnsRecordType.AAAA)
                : answers.stream().map(DnsAnswer::type).toList();
    }

    /** TCP when any answer came over TCP after a truncated UDP answer. */
    public DnsTransport transport() {
        return answers.stream().anyMatch(a -> a.transport() == DnsTransport.TCP) ? DnsTransport.TCP : DnsTransport.UDP;
    }

    /** The resolver set AD on every answer: it validated them with DNSSEC. */
    public boolean authenticated() {
        return !answers.isEmpty() && answers.stream().allMatch(DnsAnswer::authenticated);
    }

    /** The servers that answered, e.g. one of the system resolver's servers. */
    public List<String> answeredBy() {
        return answers.isEmpty() ? List.of(resolver) : answers.stream().map(DnsAnswer::server).distinct().toList();
    }

    /**
     * One sentence for people: what was asked (name, record types) of which resolver, what came back,
     * and what to do. It starts in lower case, to follow a head such as "Wi-Fi Calling to 262-01 will
     * fail: ", e.g. "resolver 127.0.0.77:15353 answered NXDOMAIN for epdg.epc.mnc099.mcc262.pub.3gppnetwork.org
     * (A and AAAA): the name does not exist there, so a phone cannot find its ePDG. Check ...".
     */
    public String explain() {
        String who = Sentences.who(resolver) + Sentences.answeredBy(resolver, answers);
        String asked = fqdn + " (" + Sentences.types(types()) + ")";
        String chain = cnames.isEmpty() ? "" : " through the CNAME chain " + fqdn + " -> " + String.join(" -> ", cnames);
        return switch (status) {
            case ADDRESSES -> who + " answered " + asked + " with " + Sentences.withTtls(usable()) + chain + " in "
                    + Sentences.millis(elapsed) + Sentences.marks(answers) + partialFailure() + ". A phone on this network"
                    + " finds its ePDG there; nothing to change in DNS." + partialSinkhole();
            case SINKHOLE -> who + " answered " + asked + " with " + Sentences.classified(flagged()) + chain
                    + Sentences.marks(answers) + sinkholeMeaning(flagged());
            default -> Sentences.failure(status, who, fqdn, types(), detail, answers, "a phone cannot find its ePDG");
        };
    }

    private List<ResolvedAddress> usable() {
        return resolvedAddresses.stream().filter(a -> !sinkholed.contains(a.address())).toList();
    }

    /** The sinkholed addresses; for a SINKHOLE outcome built by hand without them, every address. */
    private List<InetAddress> flagged() {
        return sinkholed.isEmpty() ? addresses() : sinkholed;
    }

    /** "; AAAA got SERVFAIL" when one family failed outright (NODATA is normal: many ePDGs have no IPv6). */
    private String partialFailure() {
        List<String> failed = answers.stream()
                .filter(a -> a.status() != DnsStatus.ADDRESSES && a.status() != DnsStatus.NODATA)
                .map(a -> a.type() + " got " + a.status() + (a.detail().equals(a.status().name()) ? ""
                        : " (" + a.detail() + ")")).toList();
        return failed.isEmpty() ? "" : "; " + Sentences.join(failed);
    }

    private String partialSinkhole() {
        if (sinkholed.isEmpty()) {
            return "";
        }
        return " But it also gave " + Sentences.classified(sinkholed) + ", which no ePDG on the Internet can have: a"
                + " phone that picks " + (sinkholed.size() == 1 ? "it" : "one of them") + " fails. Check the resolver's"
                + " filter and split-horizon rules for " + Sentences.zone(fqdn) + ".";
    }

    private String sinkholeMeaning(List<InetAddress> flagged) {
        boolean onlyPrivate = !flagged.isEmpty() && flagged.stream().map(AddressClass::of)
                .allMatch(c -> c == AddressClass.PRIVATE || c == AddressClass.SHARED);
        String zone = Sentences.zone(fqdn);
        if (onlyPrivate) {
            return ": an ePDG name under " + zone + " resolves to public addresses on the Internet, so this resolver"
                    + " runs split-horizon DNS or sinkholes the name, and a phone cannot reach its ePDG through these"
                    + " addresses. If they are an ePDG you run, allow their prefix in the sinkhole policy (e.g. "
                    + Sentences.suggestedPrefix(flagged.get(0)) + "); otherwise let the resolver answer " + zone
                    + " from the public DNS.";
        }
        return ", addresses no ePDG can have: the resolver sinkholes the name, as DNS filters do for names they"
                + " block, so a phone cannot find its ePDG. Allow " + zone + " in the resolver's filter or hand out a"
                + " resolver that answers from the public DNS.";
    }
}
