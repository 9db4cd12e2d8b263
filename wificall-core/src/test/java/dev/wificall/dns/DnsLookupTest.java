package dev.wificall.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** DnsLookup against a small resolver on loopback (UDP and TCP) whose answer depends on the first label. */
class DnsLookupTest {

    /** How many A records the "big" name has: far more than fit the 2 the UDP answer carries. */
    private static final int BIG = 40;

    private StubDns stub;

    @BeforeEach
    void start() throws IOException {
        stub = new StubDns(DnsLookupTest::answer);
    }

    @AfterEach
    void stop() throws Exception {
        stub.close();
    }

    static Message answer(Message query, boolean tcp) throws IOException {
        Name name = query.getQuestion().getName();
        int type = query.getQuestion().getType();
        Message m = StubDns.reply(query);
        switch (name.labels() > 3 && name.getLabelString(2).equals("many") ? "many" : name.getLabelString(0)) {
            case "both" -> {
                if (type == Type.A) {
                    m.addRecord(a(name, 60, "10.77.0.2"), Section.ANSWER);
                } else if (type == Type.AAAA) {
                    m.addRecord(aaaa(name, 300, "fd77::2"), Section.ANSWER);
                }
            }
            case "v4only" -> {
                if (type == Type.A) {
                    m.addRecord(a(name, 60, "10.77.0.3"), Section.ANSWER);
                }
            }
            case "alias" -> {
                Name middle = Name.fromString("alias2.example.");
                Name target = Name.fromString("both.example.");
                m.addRecord(new CNAMERecord(name, DClass.IN, 60, middle), Section.ANSWER);
                m.addRecord(new CNAMERecord(middle, DClass.IN, 60, target), Section.ANSWER);
                if (type == Type.A) {
                    m.addRecord(a(target, 60, "10.77.0.2"), Section.ANSWER);
                }
            }
            case "big" -> {
                if (type == Type.A) {
                    for (int i = 0; i < (tcp ? BIG : 2); i++) {
                        m.addRecord(a(name, 30, "10.77.2." + (i + 1)), Section.ANSWER);
                    }
                    if (!tcp) {
                        m.getHeader().setFlag(Flags.TC);
                    }
                }
            }
            case "signed" -> {
                if (query.getHeader().getFlag(Flags.AD)) {
                    m.getHeader().setFlag(Flags.AD);
                }
                if (type == Type.A) {
                    m.addRecord(a(name, 60, "10.77.0.2"), Section.ANSWER);
                }
            }
            case "zero" -> m.addRecord(type == Type.A ? a(name, 10, "0.0.0.0") : aaaa(name, 10, "::"), Section.ANSWER);
            case "loop" -> {
                if (type == Type.A) {
                    m.addRecord(a(name, 10, "127.0.0.1"), Section.ANSWER);
                }
            }
            case "private" -> {
                if (type == Type.A) {
                    m.addRecord(a(name, 10, "10.1.2.3"), Section.ANSWER);
                }
            }
            case "mixed" -> {
                if (type == Type.A) {
                    m.addRecord(a(name, 10, "203.0.113.7"), Section.ANSWER);
                    m.addRecord(a(name, 10, "0.0.0.0"), Section.ANSWER);
                }
            }
            case "halfbroken" -> {
                if (type == Type.A) {
                    m.addRecord(a(name, 60, "203.0.113.8"), Section.ANSWER);
                } else {
                    m.getHeader().setRcode(Rcode.SERVFAIL);
                }
            }
            case "epdg" -> {
                if (type == Type.NAPTR) {
                    Name replacement = Name.fromString("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org.");
                    m.addRecord(new NAPTRRecord(name, DClass.IN, 3600, 100, 10, "a", "x-3gpp-epdg:x-s2b-gtp", "",
                            replacement), Section.ANSWER);
                    m.addRecord(new NAPTRRecord(name, DClass.IN, 3600, 200, 20, "s", "x-3gpp-epdg:x-s2b-gtp", "",
                            Name.fromString("_epdg._udp.mnc002.mcc262.pub.3gppnetwork.org.")), Section.ANSWER);
                }
            }
            case "many" -> { // n<K>.many.example: 10.77.<K/256>.<K%256>, so that each answer is told apart
                int k = Integer.parseInt(name.getLabelString(1).substring(1));
                if (type == Type.A) {
                    m.addRecord(a(name, 60, "10.77." + (k / 256) + "." + (k % 256)), Section.ANSWER);
                }
            }
            case "textonly" -> m.addRecord(new TXTRecord(name, DClass.IN, 60, "x"), Section.AUTHORITY);
            case "missing" -> m.getHeader().setRcode(Rcode.NXDOMAIN);
            case "broken" -> m.getHeader().setRcode(Rcode.SERVFAIL);
            case "forbidden" -> m.getHeader().setRcode(Rcode.REFUSED);
            case "silent" -> {
                return null;
            }
            default -> m.getHeader().setRcode(Rcode.NOTIMP);
        }
        return m;
    }

    static ARecord a(Name name, long ttl, String address) throws IOException {
        return new ARecord(name, DClass.IN, ttl, InetAddress.getByName(address));
    }

    static AAAARecord aaaa(Name name, long ttl, String address) throws IOException {
        return new AAAARecord(name, DClass.IN, ttl, InetAddress.getByName(address));
    }

    private DnsLookup lookup() {
        return DnsLookup.using(stub.server(), Duration.ofMillis(500));
    }

    private DnsOutcome resolve(String fqdn) {
        return lookup().resolve(fqdn);
    }

    private static InetAddress ip(String text) throws IOException {
        return InetAddress.getByName(text);
    }

    @Test
    void addressesOfBothFamiliesWithTheirTtls() throws Exception {
        DnsOutcome o = resolve("both.example");
        assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(o.addresses()).containsExactly(ip("10.77.0.2"), ip("fd77::2"));
        assertThat(o.resolvedAddresses()).containsExactly(new ResolvedAddress(ip("10.77.0.2"), 60),
                new ResolvedAddress(ip("fd77::2"), 300));
        assertThat(o.detail()).isEqualTo("A: 10.77.0.2 ttl 60; AAAA: fd77::2 ttl 300");
        assertThat(o.resolver()).isEqualTo("127.0.0.1:" + stub.port());
        assertThat(o.answeredBy()).containsExactly("127.0.0.1:" + stub.port());
        assertThat(o.types()).containsExactly(DnsRecordType.A, DnsRecordType.AAAA);
        assertThat(o.transport()).isEqualTo(DnsTransport.UDP);
        assertThat(o.authenticated()).isFalse();
        assertThat(o.answers()).extracting(DnsAnswer::status).containsExactly(DnsStatus.ADDRESSES, DnsStatus.ADDRESSES);
        assertThat(o.elapsed()).isPositive();
        assertThat(o.answers()).allSatisfy(a -> assertThat(a.elapsed()).isPositive());
    }

    @Test
    void aAndAaaaGoOutTogetherWithRdAdAndEdnsWithoutDo() {
        resolve("both.example");
        assertThat(stub.seen()).hasSize(2).allSatisfy(s -> {
            assertThat(s.tcp()).isFalse();
            assertThat(s.query().getHeader().getFlag(Flags.RD)).isTrue();
            assertThat(s.query().getHeader().getFlag(Flags.AD)).isTrue();
            assertThat(s.query().getOPT()).isNotNull();
            assertThat(s.query().getOPT().getPayloadSize()).isEqualTo(SimpleResolver.DEFAULT_EDNS_PAYLOADSIZE);
            assertThat(s.query().getOPT().getFlags() & 0x8000).as("DO bit").isZero();
        });
        assertThat(stub.seen()).extracting(s -> s.query().getQuestion().getType()).containsExactlyInAnyOrder(Type.A, Type.AAAA);
    }

    /** Many queries on the few shared sockets at once: each answer finds its own query, by socket and ID. */
    @Test
    void manyLookupsAtOnceEachGetTheirOwnAnswer() throws Exception {
        DnsLookup lookup = lookup();
        List<CompletableFuture<DnsOutcome>> pending = new ArrayList<>();
        Semaphore inFlight = new Semaphore(50); // the stub's socket buffer
        for (int k = 0; k < 600; k++) {
            inFlight.acquire();
            pending.add(lookup.resolveAsync("x.n" + k + ".many.example", DnsRecordType.A, DnsRecordType.AAAA)
                    .whenComplete((o, e) -> inFlight.release()));
        }
        for (int k = 0; k < 600; k++) {
            DnsOutcome o = pending.get(k).get();
            assertThat(o.status()).as(o.detail()).isEqualTo(DnsStatus.ADDRESSES);
            assertThat(o.addresses()).containsExactly(ip("10.77." + (k / 256) + "." + (k % 256)));
        }
    }

    @Test
    void oneFamilyIsEnough() {
        DnsOutcome o = resolve("v4only.example");
        assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(o.detail()).isEqualTo("A: 10.77.0.3 ttl 60; AAAA: NODATA");
    }

    @Test
    void asksForOneFamilyWhenTold() throws Exception {
        DnsOutcome o = lookup().resolve("both.example", DnsRecordType.A);
        assertThat(o.addresses()).containsExactly(ip("10.77.0.2"));
        assertThat(o.types()).containsExactly(DnsRecordType.A);
        assertThat(stub.seen()).hasSize(1);
        assertThat(o.explain()).contains("both.example (A) with 10.77.0.2 (TTL 60 s)");
        assertThatThrownBy(() -> lookup().resolve("both.example", DnsRecordType.NAPTR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use naptr(fqdn) for NAPTR");
    }

    @Test
    void followsAndShowsTheCnameChain() throws Exception {
        DnsOutcome o = resolve("alias.example");
        assertThat(o.addresses()).containsExactly(ip("10.77.0.2"));
        assertThat(o.cnames()).containsExactly("alias2.example", "both.example");
        assertThat(o.explain()).contains("through the CNAME chain alias.example -> alias2.example -> both.example");
    }

    @Test
    void truncatedUdpAnswerIsAskedAgainOverTcpAndKeepsEveryAddress() {
        DnsOutcome o = resolve("big.example");
        assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(o.addresses()).hasSize(BIG);
        assertThat(o.resolvedAddresses()).allMatch(a -> a.ttlSeconds() == 30);
        assertThat(o.transport()).isEqualTo(DnsTransport.TCP);
        DnsAnswer a = o.answers().get(0);
        assertThat(a.type()).isEqualTo(DnsRecordType.A);
        assertThat(a.transport()).isEqualTo(DnsTransport.TCP);
        assertThat(o.answers().get(1).transport()).isEqualTo(DnsTransport.UDP);
        assertThat(o.detail()).startsWith("A (TCP after TC): 10.77.2.1 ttl 30, 10.77.2.2 ttl 30");
        assertThat(stub.seen()).filteredOn(s -> s.query().getQuestion().getType() == Type.A)
                .extracting(StubDns.Seen::tcp).containsExactly(false, true);
        assertThat(o.explain()).contains("the answer came over TCP after a truncated UDP answer");
    }

    /** What the lookup relies on dnsjava for, checked on dnsjava itself. */
    @Test
    void dnsjavaRetriesATruncatedAnswerOverTcpUnlessToldToIgnoreTruncation() throws Exception {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), stub.port());
        Message query = Message.newQuery(Record.newRecord(Name.fromString("big.example."), Type.A, DClass.IN));
        SimpleResolver plain = new SimpleResolver(at);
        plain.setTimeout(Duration.ofSeconds(2));
        Message full = plain.send(query);
        assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(full.getSection(Section.ANSWER)).hasSize(BIG);

        SimpleResolver ignoring = new SimpleResolver(at);
        ignoring.setTimeout(Duration.ofSeconds(2));
        ignoring.setIgnoreTruncation(true);
        Message truncated = ignoring.send(query);
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getSection(Section.ANSWER)).hasSize(2);
        assertThat(truncated.getResolver()).containsSame(ignoring);
    }

    @Test
    void aTcpRetryThatFailsSaysTcpIsNeeded() throws Exception {
        try (StubDns udpOnly = new StubDns(DnsLookupTest::answer, false)) {
            DnsOutcome o = DnsLookup.using(udpOnly.server(), Duration.ofMillis(500)).resolve("big.example", DnsRecordType.A);
            assertThat(o.status()).isIn(DnsStatus.ERROR, DnsStatus.TIMEOUT);
            assertThat(o.addresses()).isEmpty();
            assertThat(o.transport()).isEqualTo(DnsTransport.TCP);
            assertThat(o.detail()).startsWith("A (TCP after TC): the resolver refused the TCP connection")
                    .endsWith("(the truncated UDP answer held 2 records)");
            assertThat(o.explain()).contains("sent a truncated UDP answer for big.example (A)")
                    .contains("Open TCP port 53 to the resolver");
        }
    }

    /**
     * The transport's thread runs only while needed: within a hold it stays for the next lookup; closing
     * the last hold returns only after it ended, so a goal or test returns with no DNS thread of ours left.
     */
    @Test
    void closingTheLastHoldEndsTheDnsThread() {
        try (DnsLookup.Hold outer = DnsLookup.hold()) {
            try (DnsLookup.Hold inner = DnsLookup.hold()) {
                assertThat(resolve("both.example").status()).isEqualTo(DnsStatus.ADDRESSES);
            }
            assertThat(DnsLookup.transportRunning()).as("an outer hold keeps it").isTrue();
            assertThat(resolve("both.example").status()).isEqualTo(DnsStatus.ADDRESSES);
        }
        assertThat(DnsLookup.transportRunning()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(n -> n.startsWith(DnsSockets.THREAD_NAME) || n.startsWith("dnsjava"));
        // a lookup without a hold still works, and its thread ends by itself once the answer is in
        assertThat(resolve("both.example").status()).isEqualTo(DnsStatus.ADDRESSES);
    }

    @Test
    void theAdBitIsAskedForAndReported() {
        DnsOutcome signed = lookup().resolve("signed.example", DnsRecordType.A);
        assertThat(signed.authenticated()).isTrue();
        assertThat(signed.answers().get(0).authenticated()).isTrue();
        assertThat(signed.detail()).isEqualTo("A (AD): 10.77.0.2 ttl 60");
        assertThat(signed.explain()).contains("the resolver validated it with DNSSEC (AD set)");
        DnsOutcome plain = lookup().resolve("both.example", DnsRecordType.A);
        assertThat(plain.authenticated()).isFalse();
        assertThat(plain.explain()).doesNotContain("DNSSEC");
    }

    @Test
    void naptrRecordsAreDecoded() {
        NaptrOutcome o = lookup().naptr("epdg.epc.mcc262.visited-country.pub.3gppnetwork.org");
        assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(o.found()).isTrue();
        assertThat(o.records()).containsExactly(
                new DnsNaptr(100, 10, "a", "x-3gpp-epdg:x-s2b-gtp", "", "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org", 3600),
                new DnsNaptr(200, 20, "s", "x-3gpp-epdg:x-s2b-gtp", "", "_epdg._udp.mnc002.mcc262.pub.3gppnetwork.org", 3600));
        assertThat(o.transport()).isEqualTo(DnsTransport.UDP);
        assertThat(o.answer().type()).isEqualTo(DnsRecordType.NAPTR);
        assertThat(stub.seen()).singleElement().satisfies(s -> assertThat(s.query().getQuestion().getType()).isEqualTo(Type.NAPTR));
        assertThat(o.explain()).startsWith("resolver 127.0.0.1:" + stub.port() + " answered epdg.epc.mcc262.visited-country"
                        + ".pub.3gppnetwork.org (NAPTR) with 2 records")
                .contains(": 100 10 \"a\" \"x-3gpp-epdg:x-s2b-gtp\" \"\" epdg.epc.mnc001.mcc262.pub.3gppnetwork.org; 200 20");
    }

    @Test
    void naptrFailuresAreClassifiedLikeAddresses() {
        NaptrOutcome missing = lookup().naptr("missing.visited-country.pub.3gppnetwork.org");
        assertThat(missing.status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(missing.records()).isEmpty();
        assertThat(missing.explain()).contains("answered NXDOMAIN for missing.visited-country.pub.3gppnetwork.org (NAPTR)")
                .contains("uses its home operator's ePDG");
        assertThat(lookup().naptr("both.example").status()).isEqualTo(DnsStatus.NODATA);
        assertThat(lookup().naptr("forbidden.example").status()).isEqualTo(DnsStatus.REFUSED);
        assertThat(lookup().naptr("broken.example").status()).isEqualTo(DnsStatus.SERVFAIL);
        NaptrOutcome silent = lookup().naptr("silent.example");
        assertThat(silent.status()).isEqualTo(DnsStatus.TIMEOUT);
        assertThat(silent.explain()).contains("did not answer for silent.example (NAPTR: no answer in 500 ms)");
    }

    @Test
    void failuresAreKeptApart() {
        assertThat(resolve("missing.example").status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(resolve("textonly.example").status()).isEqualTo(DnsStatus.NODATA);
        assertThat(resolve("broken.example").status()).isEqualTo(DnsStatus.SERVFAIL);
        assertThat(resolve("forbidden.example").status()).isEqualTo(DnsStatus.REFUSED);
        DnsOutcome other = resolve("other.example");
        assertThat(other.status()).isEqualTo(DnsStatus.ERROR);
        assertThat(other.detail()).contains("RCODE NOTIMP");
    }

    @Test
    void silenceIsATimeoutWithinTheDeadline() {
        DnsOutcome o = resolve("silent.example");
        assertThat(o.status()).isEqualTo(DnsStatus.TIMEOUT);
        assertThat(o.detail()).isEqualTo("A: no answer in 500 ms; AAAA: no answer in 500 ms");
    }

    @Test
    void nothingListeningIsAnError() throws Exception {
        StubDns gone = new StubDns(DnsLookupTest::answer, false);
        DnsServer server = gone.server();
        gone.close();
        DnsOutcome o = DnsLookup.using(server, Duration.ofMillis(500)).resolve("both.example");
        // The kernel sends ICMP port unreachable, but its global ICMP rate limit (icmp_msgs_burst) may
        // swallow it while other tests hammer closed ports: then silence, and TIMEOUT is the truth.
        assertThat(o.status()).isIn(DnsStatus.ERROR, DnsStatus.TIMEOUT);
        if (o.status() == DnsStatus.ERROR) {
            assertThat(o.detail()).contains("ICMP port unreachable: no DNS server listens there");
        }
        assertThat(o.addresses()).isEmpty();
    }

    @Test
    void oneFamilyFailingIsShownBesideTheOther() {
        DnsOutcome o = resolve("halfbroken.example");
        assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(o.explain()).contains("; AAAA got SERVFAIL.");
    }

    @Test
    void zeroAddressesAreASinkholeAndAreKept() throws Exception {
        DnsOutcome o = resolve("zero.example");
        assertThat(o.status()).isEqualTo(DnsStatus.SINKHOLE);
        assertThat(o.resolved()).isFalse();
        assertThat(o.addresses()).containsExactly(ip("0.0.0.0"), ip("::"));
        assertThat(o.sinkholed()).containsExactly(ip("0.0.0.0"), ip("::"));
        assertThat(o.usableAddresses()).isEmpty();
        assertThat(resolve("loop.example").status()).isEqualTo(DnsStatus.SINKHOLE);
    }

    @Test
    void privateSpaceIsASinkholeUnderTheDefaultPolicyUnlessAllowed() throws Exception {
        assertThat(resolve("private.example").status()).as("using(): private space allowed").isEqualTo(DnsStatus.ADDRESSES);
        DnsLookup strict = lookup().withSinkholePolicy(SinkholePolicy.DEFAULT);
        DnsOutcome o = strict.resolve("private.example");
        assertThat(o.status()).isEqualTo(DnsStatus.SINKHOLE);
        assertThat(o.sinkholed()).containsExactly(ip("10.1.2.3"));
        assertThat(strict.withSinkholePolicy(SinkholePolicy.parse("10.1.0.0/16")).resolve("private.example").status())
                .isEqualTo(DnsStatus.ADDRESSES);
        assertThat(strict.withSinkholePolicy(SinkholePolicy.parse("10.2.0.0/16")).resolve("private.example").status())
                .isEqualTo(DnsStatus.SINKHOLE);
    }

    @Test
    void theLabsOwnEpdgsPassWithItsAllowList() {
        SinkholePolicy lab = SinkholePolicy.parse("10.77.0.0/16, 10.79.0.0/16, fd77::/16");
        assertThat(lookup().withSinkholePolicy(lab).resolve("both.example").status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(lookup().withSinkholePolicy(SinkholePolicy.DEFAULT).resolve("both.example").status())
                .isEqualTo(DnsStatus.SINKHOLE);
        assertThat(lookup().withSinkholePolicy(SinkholePolicy.parse("10.77.0.0/16")).resolve("both.example").status())
                .as("fd77::2 flagged, 10.77.0.2 usable").isEqualTo(DnsStatus.ADDRESSES);
    }

    @Test
    void aSinkholeAmongPublicAddressesIsNamedButTheOthersStayUsable() throws Exception {
        DnsOutcome o = resolve("mixed.example");
        assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(o.sinkholed()).containsExactly(ip("0.0.0.0"));
        assertThat(o.usableAddresses()).containsExactly(ip("203.0.113.7"));
        assertThat(o.explain()).contains("with 203.0.113.7 (TTL 10 s)")
                .contains("But it also gave 0.0.0.0 (unspecified), which no ePDG on the Internet can have");
    }

    @Test
    void systemStyleLookupSaysWhichServerAnswered() throws Exception {
        try (StubDns second = new StubDns(DnsLookupTest::answer)) {
            InetSocketAddress first = new InetSocketAddress(InetAddress.getLoopbackAddress(), stub.port());
            InetSocketAddress other = new InetSocketAddress(InetAddress.getLoopbackAddress(), second.port());
            String a = "127.0.0.1:" + stub.port();
            String b = "127.0.0.1:" + second.port();
            DnsLookup system = DnsLookup.servers(List.of(first, other), List.of(a, b), "system resolver (" + a + ", " + b + ")",
                    Duration.ofSeconds(1));
            DnsOutcome o = system.resolve("both.example");
            assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
            assertThat(o.answeredBy()).containsExactly(a);
            assertThat(o.explain()).startsWith("the system resolver (" + a + ", " + b + ") (answered by " + a + ") answered");
        }
    }

    @Test
    void aNameThatIsNoNameIsAnArgumentError() {
        assertThatThrownBy(() -> resolve("a..b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'a..b' is not a domain name");
        assertThatThrownBy(() -> DnsLookup.using(stub.server(), Duration.ZERO))
                .hasMessageContaining("must be positive");
    }
}
