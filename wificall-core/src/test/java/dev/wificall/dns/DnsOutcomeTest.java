package dev.wificall.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentences of {@link DnsOutcome#explain()}, for outcomes as a lookup builds them. */
class DnsOutcomeTest {

    private static final String NX = "epdg.epc.mnc099.mcc262.pub.3gppnetwork.org";
    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final String DNS = "127.0.0.77:15353";

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static DnsAnswer answer(DnsRecordType type, DnsStatus status, String detail) {
        return new DnsAnswer(type, status, DNS, DnsTransport.UDP, false, List.of(), detail, Duration.ofMillis(2));
    }

    private static DnsOutcome failed(String fqdn, DnsStatus status, String detail) {
        List<DnsAnswer> answers = List.of(answer(DnsRecordType.A, status, detail), answer(DnsRecordType.AAAA, status, detail));
        return new DnsOutcome(fqdn, DNS, status, List.of(), List.of(), "A: " + detail + "; AAAA: " + detail,
                Duration.ofMillis(2), answers, List.of());
    }

    @Test
    void nxdomain() {
        assertThat(failed(NX, DnsStatus.NXDOMAIN, "NXDOMAIN").explain()).isEqualTo("resolver 127.0.0.77:15353 answered"
                + " NXDOMAIN for epdg.epc.mnc099.mcc262.pub.3gppnetwork.org (A and AAAA): the name does not exist there, so a"
                + " phone cannot find its ePDG. Check the name (MCC and MNC); if it is right, the resolver lacks or filters"
                + " pub.3gppnetwork.org: let it resolve that zone from the public DNS.");
    }

    @Test
    void nodata() {
        assertThat(failed(FQDN, DnsStatus.NODATA, "NODATA").explain()).isEqualTo("resolver 127.0.0.77:15353 knows " + FQDN
                + " but has no A or AAAA record for it (NODATA), so a phone cannot find its ePDG. Check that the resolver"
                + " does not strip A and AAAA records of pub.3gppnetwork.org names.");
    }

    @Test
    void servfailRefusedTimeoutError() {
        assertThat(failed(FQDN, DnsStatus.SERVFAIL, "SERVFAIL").explain()).isEqualTo("resolver 127.0.0.77:15353 answered"
                + " SERVFAIL for " + FQDN + " (A and AAAA): it could not get an answer itself, so a phone cannot find its"
                + " ePDG. Make sure it reaches the public DNS for pub.3gppnetwork.org and that DNSSEC validation of that"
                + " zone succeeds.");
        assertThat(failed(FQDN, DnsStatus.REFUSED, "REFUSED").explain()).isEqualTo("resolver 127.0.0.77:15353 REFUSED to"
                + " answer for " + FQDN + " (A and AAAA): it does not serve this host or its policy blocks the name, so a"
                + " phone cannot find its ePDG. Allow pub.3gppnetwork.org in its policy or use a resolver that answers.");
        assertThat(failed(FQDN, DnsStatus.TIMEOUT, "no answer in 3000 ms").explain()).isEqualTo("resolver"
                + " 127.0.0.77:15353 did not answer for " + FQDN + " (A and AAAA: no answer in 3000 ms), so a phone cannot"
                + " find its ePDG. Check that it runs, that UDP and TCP port 53 to it are open and that it reaches its"
                + " upstream servers.");
        assertThat(failed(FQDN, DnsStatus.ERROR, "ICMP port unreachable: no DNS server listens there").explain())
                .isEqualTo("asking resolver 127.0.0.77:15353 for " + FQDN + " (A and AAAA: ICMP port unreachable: no DNS"
                        + " server listens there) failed, so a phone cannot find its ePDG. Check the resolver address and"
                        + " that UDP and TCP port 53 to it are open.");
    }

    @Test
    void addresses() throws Exception {
        List<DnsAnswer> answers = List.of(answer(DnsRecordType.A, DnsStatus.ADDRESSES, "10.77.0.2 ttl 60"),
                answer(DnsRecordType.AAAA, DnsStatus.ADDRESSES, "fd77::2 ttl 60"));
        DnsOutcome o = new DnsOutcome(FQDN, DNS, DnsStatus.ADDRESSES, List.of(new ResolvedAddress(ip("10.77.0.2"), 60),
                new ResolvedAddress(ip("fd77::2"), 60)), List.of(), "", Duration.ofMillis(4), answers, List.of());
        assertThat(o.explain()).isEqualTo("resolver 127.0.0.77:15353 answered " + FQDN + " (A and AAAA) with 10.77.0.2 and"
                + " fd77::2 (TTL 60 s) in 4 ms. A phone on this network finds its ePDG there; nothing to change in DNS.");
    }

    @Test
    void sinkholes() throws Exception {
        List<DnsAnswer> answers = List.of(answer(DnsRecordType.A, DnsStatus.ADDRESSES, "0.0.0.0 ttl 10"),
                answer(DnsRecordType.AAAA, DnsStatus.ADDRESSES, ":: ttl 10"));
        DnsOutcome zero = new DnsOutcome(FQDN, DNS, DnsStatus.SINKHOLE, List.of(new ResolvedAddress(ip("0.0.0.0"), 10),
                new ResolvedAddress(ip("::"), 10)), List.of(), "", Duration.ofMillis(4), answers, List.of(ip("0.0.0.0"), ip("::")));
        assertThat(zero.explain()).isEqualTo("resolver 127.0.0.77:15353 answered " + FQDN + " (A and AAAA) with 0.0.0.0 and"
                + " :: (unspecified), addresses no ePDG can have: the resolver sinkholes the name, as DNS filters do for"
                + " names they block, so a phone cannot find its ePDG. Allow pub.3gppnetwork.org in the resolver's filter"
                + " or hand out a resolver that answers from the public DNS.");
        DnsOutcome split = new DnsOutcome(FQDN, DNS, DnsStatus.SINKHOLE, List.of(new ResolvedAddress(ip("10.20.30.40"), 10)),
                List.of(), "", Duration.ofMillis(4), answers.subList(0, 1), List.of(ip("10.20.30.40")));
        assertThat(split.explain()).isEqualTo("resolver 127.0.0.77:15353 answered " + FQDN + " (A) with 10.20.30.40"
                + " (private): an ePDG name under pub.3gppnetwork.org resolves to public addresses on the Internet, so this"
                + " resolver runs split-horizon DNS or sinkholes the name, and a phone cannot reach its ePDG through these"
                + " addresses. If they are an ePDG you run, allow their prefix in the sinkhole policy (e.g. 10.20.0.0/16);"
                + " otherwise let the resolver answer pub.3gppnetwork.org from the public DNS.");
        assertThat(zero.usableAddresses()).isEmpty();
        assertThat(zero.resolved()).isFalse();
    }

    @Test
    void everyStatusSaysWhatWasAskedOfWhomAndWhatToDo() throws Exception {
        for (DnsStatus status : DnsStatus.values()) {
            List<InetAddress> addresses = switch (status) {
                case ADDRESSES -> List.of(ip("193.0.0.2"));
                case SINKHOLE -> List.of(ip("127.0.0.1"));
                default -> List.of();
            };
            DnsOutcome o = new DnsOutcome(FQDN, "10.0.0.53:53", status, addresses, List.of(), "A: x; AAAA: y", Duration.ZERO);
            assertThat(o.explain()).as(status.name()).contains("10.0.0.53:53").contains(FQDN)
                    .containsAnyOf(FQDN + " (A and AAAA", "no A or AAAA record")
                    .containsAnyOf("Check", "Allow", "Make sure", "Open", "nothing to change");
        }
    }

    @Test
    void theOldConstructorStillWorks() throws Exception {
        DnsOutcome o = new DnsOutcome(FQDN, DNS, DnsStatus.ADDRESSES, List.of(ip("10.77.0.2")), List.of(), "A: 10.77.0.2",
                Duration.ofMillis(1));
        assertThat(o.addresses()).containsExactly(ip("10.77.0.2"));
        assertThat(o.resolvedAddresses()).containsExactly(ResolvedAddress.of(ip("10.77.0.2")));
        assertThat(o.resolvedAddresses().get(0).ttlSeconds()).isEqualTo(ResolvedAddress.UNKNOWN_TTL);
        assertThat(o.types()).containsExactly(DnsRecordType.A, DnsRecordType.AAAA);
        assertThat(o.answeredBy()).containsExactly(DNS);
        assertThat(o.sinkholed()).isEmpty();
        DnsOutcome sink = new DnsOutcome(FQDN, DNS, DnsStatus.SINKHOLE, List.of(ip("0.0.0.0")), List.of(), "", Duration.ZERO);
        assertThat(sink.sinkholed()).containsExactly(ip("0.0.0.0"));
    }

    @Test
    void sinkholedAddressesMustBeAmongTheAddresses() {
        assertThatThrownBy(() -> new DnsOutcome(FQDN, DNS, DnsStatus.SINKHOLE, List.of(), List.of(), "", Duration.ZERO,
                List.of(), List.of(ip("0.0.0.0")))).hasMessageContaining("are not all among the addresses");
        assertThatThrownBy(() -> new ResolvedAddress(ip("10.77.0.2"), -2)).hasMessageContaining("TTL -2 of 10.77.0.2");
    }
}
