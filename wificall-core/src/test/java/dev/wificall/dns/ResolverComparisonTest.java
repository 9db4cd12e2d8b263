package dev.wificall.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResolverComparisonTest {

    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final String CORP = "10.0.0.53:53";
    private static final String OTHER = "9.9.9.9:53";

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static DnsOutcome outcome(String resolver, DnsStatus status, String... addresses) {
        return new DnsOutcome(FQDN, resolver, status, Arrays.stream(addresses).map(ResolverComparisonTest::ip).toList(),
                List.of(), "A: " + status + "; AAAA: " + status, Duration.ofMillis(3));
    }

    @Test
    void sameAddressesInAnyOrderAgree() {
        ResolverComparison c = ResolverComparison.of(List.of(
                outcome(CORP, DnsStatus.ADDRESSES, "193.0.0.2", "2001:db8::2"),
                outcome(OTHER, DnsStatus.ADDRESSES, "2001:db8::2", "193.0.0.2")));
        assertThat(c.kind()).isEqualTo(ResolverComparison.Kind.AGREE);
        assertThat(c.agree()).isTrue();
        assertThat(c.onlyFrom()).isEmpty();
        assertThat(c.common()).containsExactly(ip("193.0.0.2"), ip("2001:db8::2"));
        assertThat(c.explain()).isEqualTo("resolvers 10.0.0.53:53 and 9.9.9.9:53 agree on " + FQDN
                + " (A and AAAA): 193.0.0.2 and 2001:db8::2. Nothing differs between them; nothing to change in DNS.");
    }

    @Test
    void theSameFailureEverywhereAgreesAndExplainsIt() {
        ResolverComparison c = ResolverComparison.of(List.of(outcome(CORP, DnsStatus.NXDOMAIN), outcome(OTHER, DnsStatus.NXDOMAIN)));
        assertThat(c.kind()).isEqualTo(ResolverComparison.Kind.AGREE);
        assertThat(c.explain()).startsWith("resolvers 10.0.0.53:53 and 9.9.9.9:53 agree on " + FQDN
                + " (A and AAAA): NXDOMAIN from each, so the fault is not one resolver's. Resolver 10.0.0.53:53 answered NXDOMAIN")
                .contains("Check the name (MCC and MNC)");
    }

    @Test
    void differentAddressesAreASplitHorizon() {
        ResolverComparison c = ResolverComparison.of(List.of(
                outcome(CORP, DnsStatus.ADDRESSES, "10.20.0.5", "193.0.0.2"),
                outcome(OTHER, DnsStatus.ADDRESSES, "193.0.0.2", "193.0.0.3")));
        assertThat(c.kind()).isEqualTo(ResolverComparison.Kind.SPLIT_HORIZON);
        assertThat(c.onlyFrom()).containsExactly(
                java.util.Map.entry(CORP, List.of(ip("10.20.0.5"))), java.util.Map.entry(OTHER, List.of(ip("193.0.0.3"))));
        assertThat(c.common()).containsExactly(ip("193.0.0.2"));
        assertThat(c.explain()).isEqualTo("resolvers 10.0.0.53:53 and 9.9.9.9:53 give different addresses for " + FQDN
                + " (A and AAAA): only 10.0.0.53:53 gave 10.20.0.5; only 9.9.9.9:53 gave 193.0.0.3 (all gave 193.0.0.2)."
                + " That is split-horizon DNS: a phone gets the ePDG addresses of whichever resolver the network hands out."
                + " Make sure the network's resolver gives the operator's public ePDG addresses, and allow UDP/500 and"
                + " UDP/4500 to every address a phone may get.");
    }

    @Test
    void oneRefusingWhileAnotherAnswersIsAFilter() {
        ResolverComparison c = ResolverComparison.of(List.of(outcome(CORP, DnsStatus.REFUSED),
                outcome(OTHER, DnsStatus.ADDRESSES, "193.0.0.2")));
        assertThat(c.kind()).isEqualTo(ResolverComparison.Kind.SOME_FAIL);
        assertThat(c.failing()).extracting(DnsOutcome::resolver).containsExactly(CORP);
        assertThat(c.answering()).extracting(DnsOutcome::resolver).containsExactly(OTHER);
        assertThat(c.explain()).isEqualTo("resolver 10.0.0.53:53 answered REFUSED for " + FQDN + " (A and AAAA) while"
                + " 9.9.9.9:53 answered 193.0.0.2: 10.0.0.53:53 filters the name. Allow pub.3gppnetwork.org in its policy,"
                + " or hand out a resolver that answers.");
    }

    @Test
    void everyKindOfFailureBesideAnAnswerSaysWhatToDo() {
        for (DnsStatus status : DnsStatus.values()) {
            if (status == DnsStatus.ADDRESSES) {
                continue;
            }
            DnsOutcome bad = status == DnsStatus.SINKHOLE ? outcome(CORP, status, "0.0.0.0") : outcome(CORP, status);
            ResolverComparison c = ResolverComparison.of(List.of(bad, outcome(OTHER, DnsStatus.ADDRESSES, "193.0.0.2")));
            assertThat(c.kind()).as(status.name()).isEqualTo(ResolverComparison.Kind.SOME_FAIL);
            assertThat(c.explain()).as(status.name()).contains(CORP).contains(FQDN).contains("9.9.9.9:53 answered 193.0.0.2")
                    .containsAnyOf("Allow", "Check", "Let it", "Make sure");
        }
        assertThat(ResolverComparison.of(List.of(outcome(CORP, DnsStatus.SINKHOLE, "0.0.0.0"),
                outcome(OTHER, DnsStatus.ADDRESSES, "193.0.0.2"))).explain())
                .contains("with 0.0.0.0 (unspecified) while 9.9.9.9:53 answered 193.0.0.2: 10.0.0.53:53 sinkholes the name");
    }

    @Test
    void differentFailuresEverywhereAreNoAnswer() {
        ResolverComparison c = ResolverComparison.of(List.of(outcome(CORP, DnsStatus.NXDOMAIN), outcome(OTHER, DnsStatus.TIMEOUT)));
        assertThat(c.kind()).isEqualTo(ResolverComparison.Kind.NONE_ANSWER);
        assertThat(c.explain()).startsWith("no resolver gave an address for " + FQDN + " (A and AAAA): 10.0.0.53:53 NXDOMAIN,"
                + " 9.9.9.9:53 TIMEOUT. Resolver 10.0.0.53:53 answered NXDOMAIN").contains("Resolver 9.9.9.9:53 did not answer");
    }

    @Test
    void onlyOneNameAtATime() {
        DnsOutcome other = new DnsOutcome("epdg.epc.mnc002.mcc262.pub.3gppnetwork.org", OTHER, DnsStatus.NXDOMAIN, List.of(),
                List.of(), "", Duration.ZERO);
        assertThatThrownBy(() -> ResolverComparison.of(List.of(outcome(CORP, DnsStatus.NXDOMAIN), other)))
                .hasMessageStartingWith("cannot compare answers for different names: " + FQDN);
        assertThatThrownBy(() -> ResolverComparison.of(List.of())).hasMessageContaining("no DNS outcome");
        DnsOutcome dotted = new DnsOutcome(FQDN.toUpperCase() + ".", OTHER, DnsStatus.NXDOMAIN, List.of(), List.of(), "",
                Duration.ZERO);
        assertThat(ResolverComparison.of(List.of(outcome(CORP, DnsStatus.NXDOMAIN), dotted)).agree()).isTrue();
    }

    /** Two resolvers on loopback asked at once: one filters the name, the other answers. */
    @Test
    void aResolverSetAsksEveryServerAndCompares() throws Exception {
        try (StubDns corporate = new StubDns((q, tcp) -> {
                    Message m = StubDns.reply(q);
                    m.getHeader().setRcode(Rcode.REFUSED);
                    return m;
                });
             StubDns open = new StubDns((q, tcp) -> {
                    Message m = StubDns.reply(q);
                    Name name = q.getQuestion().getName();
                    if (q.getQuestion().getType() == Type.A) {
                        m.addRecord(DnsLookupTest.a(name, 300, "193.0.0.2"), Section.ANSWER);
                    }
                    return m;
                })) {
            ResolverSet set = ResolverSet.of(List.of(corporate.server(), open.server()), Duration.ofSeconds(1),
                    SinkholePolicy.DEFAULT);
            List<DnsOutcome> outcomes = set.resolve(FQDN);
            assertThat(outcomes).extracting(DnsOutcome::status).containsExactly(DnsStatus.REFUSED, DnsStatus.ADDRESSES);
            assertThat(outcomes).extracting(DnsOutcome::resolver)
                    .containsExactly(corporate.server().toString(), open.server().toString());
            ResolverComparison c = set.compare(FQDN);
            assertThat(c.kind()).isEqualTo(ResolverComparison.Kind.SOME_FAIL);
            assertThat(c.explain()).contains(corporate.server() + " filters the name");
            assertThat(set.naptr(FQDN)).extracting(NaptrOutcome::status).containsExactly(DnsStatus.REFUSED, DnsStatus.NODATA);
        }
    }
}
