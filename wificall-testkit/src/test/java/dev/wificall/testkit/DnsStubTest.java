package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsNaptr;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsRecordType;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.DnsStatus;
import dev.wificall.dns.DnsTransport;
import dev.wificall.dns.NaptrOutcome;
import dev.wificall.dns.ResolvedAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The stub answered through wificall's own DnsLookup, as the discovery will ask it. */
class DnsStubTest {

    private static final String EPDG = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";

    private static DnsLookup lookup(DnsStub stub) {
        return DnsLookup.using(DnsServer.parse(stub.server()), Duration.ofSeconds(2));
    }

    @Test
    void answersAAndAaaaWithTheirTtls() throws IOException {
        try (DnsStub stub = DnsStub.builder().ttl(60).a(EPDG, "10.77.0.2", "10.77.0.3").aaaa(EPDG, "fd77::2").start()) {
            DnsOutcome outcome = lookup(stub).resolve(EPDG);

            assertThat(outcome.status()).isEqualTo(DnsStatus.ADDRESSES);
            assertThat(outcome.resolvedAddresses()).containsExactly(
                    new ResolvedAddress(InetAddress.getByName("10.77.0.2"), 60),
                    new ResolvedAddress(InetAddress.getByName("10.77.0.3"), 60),
                    new ResolvedAddress(InetAddress.getByName("fd77::2"), 60));
            assertThat(outcome.transport()).isEqualTo(DnsTransport.UDP);
            assertThat(stub.queries()).isEqualTo(2);
            assertThat(stub.queries(EPDG.toUpperCase())).isEqualTo(2);
            assertThat(stub.tcpQueries()).isZero();
        }
    }

    @Test
    void serverIsWhatWificallParses() throws IOException {
        try (DnsStub stub = DnsStub.builder().start()) {
            assertThat(stub.server()).isEqualTo("127.0.0.1:" + stub.port());
            assertThat(DnsServer.parse(stub.server())).isEqualTo(new DnsServer("127.0.0.1", stub.port()));
        }
        try (DnsStub stub = DnsStub.builder().listen(InetAddress.getByName("::1")).a(EPDG, "10.0.0.1").start()) {
            assertThat(stub.server()).isEqualTo("[0:0:0:0:0:0:0:1]:" + stub.port());
            assertThat(lookup(stub).resolve(EPDG, DnsRecordType.A).status()).isEqualTo(DnsStatus.ADDRESSES);
        }
    }

    @Test
    void namesMatchInAnyCase() throws IOException {
        try (DnsStub stub = DnsStub.builder().a("ePDG.Example.NET.", "10.0.0.1").start()) {
            assertThat(lookup(stub).resolve("EPDG.example.net", DnsRecordType.A).addresses())
                    .containsExactly(InetAddress.getByName("10.0.0.1"));
        }
    }

    @Test
    void unknownNameIsNxdomainAndKnownNameWithoutTheTypeIsNodata() throws IOException {
        try (DnsStub stub = DnsStub.builder().a(EPDG, "10.0.0.1").start()) {
            assertThat(lookup(stub).resolve("epdg.epc.mnc099.mcc262.pub.3gppnetwork.org").status())
                    .isEqualTo(DnsStatus.NXDOMAIN);
            DnsOutcome aaaa = lookup(stub).resolve(EPDG, DnsRecordType.AAAA);
            assertThat(aaaa.status()).isEqualTo(DnsStatus.NODATA);
            assertThat(aaaa.addresses()).isEmpty();
            assertThat(lookup(stub).naptr(EPDG).status()).isEqualTo(DnsStatus.NODATA);
        }
    }

    @Test
    void cnameChainIsAnsweredLikeAResolver() throws IOException {
        try (DnsStub stub = DnsStub.builder()
                .cname(EPDG, "epdg.operator.example")
                .cname("epdg.operator.example", "gw1.operator.example")
                .a("gw1.operator.example", "10.0.0.7").aaaa("gw1.operator.example", "fd00::7")
                .start()) {
            DnsOutcome outcome = lookup(stub).resolve(EPDG);

            assertThat(outcome.status()).isEqualTo(DnsStatus.ADDRESSES);
            assertThat(outcome.cnames()).containsExactly("epdg.operator.example", "gw1.operator.example");
            assertThat(outcome.addresses()).containsExactly(InetAddress.getByName("10.0.0.7"),
                    InetAddress.getByName("fd00::7"));
        }
    }

    @Test
    void cnameToAnUnknownNameIsNxdomainAndALoopServfail() throws IOException {
        try (DnsStub stub = DnsStub.builder()
                .cname(EPDG, "gone.operator.example")
                .cname("loop1.example", "loop2.example").cname("loop2.example", "loop1.example")
                .start()) {
            DnsOutcome dangling = lookup(stub).resolve(EPDG, DnsRecordType.A);
            assertThat(dangling.status()).isEqualTo(DnsStatus.NXDOMAIN);
            assertThat(lookup(stub).resolve("loop1.example", DnsRecordType.A).status()).isEqualTo(DnsStatus.SERVFAIL);
        }
    }

    @Test
    void naptrRecords() throws IOException {
        String visited = "epdg.epc.mcc234.visited-country.pub.3gppnetwork.org";
        try (DnsStub stub = DnsStub.builder()
                .naptr(visited, 20, 10, "a", "x-3gpp-epdg:x-s2b-gtp", "", "epdg.epc.mnc030.mcc234.pub.3gppnetwork.org")
                .naptr(visited, 10, 10, "a", "x-3gpp-epdg:x-s2b-gtp", "", "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org")
                .start()) {
            NaptrOutcome outcome = lookup(stub).naptr(visited);

            assertThat(outcome.status()).isEqualTo(DnsStatus.ADDRESSES);
            assertThat(outcome.records()).extracting(DnsNaptr::order, DnsNaptr::replacement).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(20, "epdg.epc.mnc030.mcc234.pub.3gppnetwork.org"),
                    org.assertj.core.groups.Tuple.tuple(10, "epdg.epc.mnc015.mcc234.pub.3gppnetwork.org"));
            assertThat(outcome.records().get(0).flags()).isEqualTo("a");
            assertThat(outcome.records().get(0).service()).isEqualTo("x-3gpp-epdg:x-s2b-gtp");
        }
    }

    @Test
    void failuresAsConfigured() throws IOException {
        try (DnsStub stub = DnsStub.builder()
                .failure("servfail.example", DnsStub.Failure.SERVFAIL)
                .failure("refused.example", DnsStub.Failure.REFUSED)
                .a("lying.example", "10.0.0.1").failure("lying.example", DnsStub.Failure.NXDOMAIN)
                .failure("silent.example", DnsStub.Failure.SILENCE)
                .start()) {
            DnsLookup lookup = DnsLookup.using(DnsServer.parse(stub.server()), Duration.ofMillis(500));

            assertThat(lookup.resolve("servfail.example").status()).isEqualTo(DnsStatus.SERVFAIL);
            assertThat(lookup.resolve("refused.example").status()).isEqualTo(DnsStatus.REFUSED);
            assertThat(lookup.resolve("lying.example").status()).isEqualTo(DnsStatus.NXDOMAIN);
            DnsOutcome silent = lookup.resolve("silent.example");
            assertThat(silent.status()).isEqualTo(DnsStatus.TIMEOUT);
            assertThat(stub.queries("silent.example")).isGreaterThanOrEqualTo(2); // asked, never answered
        }
    }

    @Test
    void failureOfOneTypeLeavesTheOthers() throws IOException {
        try (DnsStub stub = DnsStub.builder().a(EPDG, "10.0.0.1").aaaa(EPDG, "fd00::1")
                .failure(EPDG, "aaaa", DnsStub.Failure.SERVFAIL).start()) {
            DnsOutcome outcome = lookup(stub).resolve(EPDG);

            assertThat(outcome.status()).isEqualTo(DnsStatus.ADDRESSES);
            assertThat(outcome.addresses()).containsExactly(InetAddress.getByName("10.0.0.1"));
            assertThat(outcome.answers()).extracting(a -> a.status())
                    .containsExactly(DnsStatus.ADDRESSES, DnsStatus.SERVFAIL);
        }
    }

    @Test
    void tooLargeForEdnsIsTruncatedAndAskedAgainOverTcp() throws IOException {
        // DnsLookup offers 1280 bytes of EDNS payload; 100 A records take about 1.6 kB
        String[] many = IntStream.rangeClosed(1, 100).mapToObj(i -> "10.0.0." + i).toArray(String[]::new);
        try (DnsStub stub = DnsStub.builder().a(EPDG, many).start()) {
            DnsOutcome outcome = lookup(stub).resolve(EPDG, DnsRecordType.A);

            assertThat(outcome.status()).isEqualTo(DnsStatus.ADDRESSES);
            assertThat(outcome.transport()).isEqualTo(DnsTransport.TCP);
            assertThat(outcome.addresses()).hasSize(100);
            assertThat(stub.tcpQueries()).isEqualTo(1);
            assertThat(stub.queries()).isEqualTo(2);
        }
    }

    @Test
    void withoutEdnsTheLimitIs512Bytes() throws IOException {
        // 60 A records: about 1 kB, over 512 but under the 1280 that EDNS offers
        String[] sixty = IntStream.rangeClosed(1, 60).mapToObj(i -> "10.0.1." + i).toArray(String[]::new);
        try (DnsStub stub = DnsStub.builder().a(EPDG, sixty).start()) {
            Message plain = raw(stub, false, -1).send(query(EPDG));
            assertThat(plain.getHeader().getFlag(Flags.TC)).isTrue();
            assertThat(plain.getSection(Section.ANSWER)).isEmpty();
            assertThat(plain.getOPT()).isNull();

            Message edns = raw(stub, false, 0).send(query(EPDG));
            assertThat(edns.getHeader().getFlag(Flags.TC)).isFalse();
            assertThat(edns.getSection(Section.ANSWER)).hasSize(60);
            assertThat(edns.getOPT()).isNotNull();

            Message tcp = raw(stub, true, -1).send(query(EPDG));
            assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
            assertThat(tcp.getSection(Section.ANSWER)).hasSize(60);

            DnsOutcome viaLookup = lookup(stub).resolve(EPDG, DnsRecordType.A);
            assertThat(viaLookup.transport()).isEqualTo(DnsTransport.UDP);
            assertThat(viaLookup.addresses()).hasSize(60);
        }
    }

    @Test
    void answersAreAuthoritativeAndEchoTheQuestion() throws IOException {
        try (DnsStub stub = DnsStub.builder().a(EPDG, "10.0.0.1").start()) {
            Message m = raw(stub, false, 0).send(query(EPDG.toUpperCase()));

            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
            assertThat(m.getQuestion().getName().toString()).isEqualTo(EPDG.toUpperCase() + ".");
            assertThat(m.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo(EPDG.toUpperCase() + ".");
        }
    }

    @Test
    void silenceOverTcpLetsTheClientTimeOut() throws IOException {
        try (DnsStub stub = DnsStub.builder().failure("silent.example", DnsStub.Failure.SILENCE).start()) {
            SimpleResolver tcp = raw(stub, true, -1);
            tcp.setTimeout(Duration.ofMillis(300));
            assertThatThrownBy(() -> tcp.send(query("silent.example"))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void mistakesNameTheCallAndTheValue() {
        assertThatThrownBy(() -> DnsStub.builder().a(EPDG, "fd00::1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a(\"" + EPDG + "\", \"fd00::1\")").hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> DnsStub.builder().aaaa(EPDG, "10.0.0.1"))
                .hasMessageContaining("not an IPv6 address");
        assertThatThrownBy(() -> DnsStub.builder().cname(EPDG, "x.example").a(EPDG, "10.0.0.1"))
                .hasMessageContaining("is a CNAME of x.example").hasMessageContaining("put the A record at the target");
        assertThatThrownBy(() -> DnsStub.builder().a(EPDG, "10.0.0.1").cname(EPDG, "x.example"))
                .hasMessageContaining("already has records");
        assertThatThrownBy(() -> DnsStub.builder().a("bad..name", "10.0.0.1"))
                .hasMessageContaining("'bad..name' is not a domain name");
        assertThatThrownBy(() -> DnsStub.builder().failure(EPDG, "AAAAA", DnsStub.Failure.SERVFAIL))
                .hasMessageContaining("'AAAAA' is not a record type");
    }

    @Test
    void closedStubNoLongerAnswers() throws IOException {
        DnsStub stub = DnsStub.builder().a(EPDG, "10.0.0.1").start();
        DnsLookup lookup = DnsLookup.using(DnsServer.parse(stub.server()), Duration.ofMillis(300));
        stub.close();
        stub.close();
        assertThat(lookup.resolve(EPDG, DnsRecordType.A).status()).isIn(DnsStatus.TIMEOUT, DnsStatus.ERROR);
    }

    @Test
    void fixedPortThatIsTakenSaysSo() throws IOException {
        try (DnsStub first = DnsStub.builder().start()) {
            assertThatThrownBy(() -> DnsStub.builder().port(first.port()).start())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("DNS stub cannot listen on UDP 127.0.0.1:" + first.port());
        }
    }

    private static SimpleResolver raw(DnsStub stub, boolean tcp, int edns) throws IOException {
        SimpleResolver r = new SimpleResolver(stub.address());
        r.setPort(stub.port());
        r.setTCP(tcp);
        r.setIgnoreTruncation(true);
        r.setEDNS(edns);
        r.setTimeout(Duration.ofSeconds(2));
        return r;
    }

    private static Message query(String name) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
    }
}
