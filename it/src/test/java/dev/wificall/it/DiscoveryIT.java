package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.DnsStatus;
import dev.wificall.dns.DnsTransport;
import dev.wificall.dns.EpdgLookup;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.dns.ResolverComparison;
import dev.wificall.dns.ResolverSet;
import dev.wificall.dns.SinkholePolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ePDG discovery against two real resolvers of the lab, dnsmasq (127.0.0.77:15353) and unbound
 * (127.0.0.79:15355), over the MCC 001 scenarios of it/lab/README.md.
 */
@ExtendWith(LabExtension.class)
class DiscoveryIT {

    static final String DNSMASQ = Lab.DNS;
    static final String UNBOUND = "127.0.0.79:15355";

    private static DnsOutcome ask(String server, String fqdn) {
        return DnsLookup.using(DnsServer.parse(server), Duration.ofSeconds(3))
                .withSinkholePolicy(SinkholePolicy.ALLOW_PRIVATE).resolve(fqdn);
    }

    private static String name(String mnc) {
        return "epdg.epc.mnc" + mnc + ".mcc001.pub.3gppnetwork.org";
    }

    private static EpdgLookup bothResolvers() {
        return new EpdgLookup(ResolverSet.of(List.of(DnsServer.parse(DNSMASQ), DnsServer.parse(UNBOUND)),
                Duration.ofSeconds(3), SinkholePolicy.ALLOW_PRIVATE));
    }

    @ParameterizedTest
    @ValueSource(strings = {DNSMASQ, UNBOUND})
    void addressFamiliesAndCnames(String server, Lab lab) {
        DnsOutcome aOnly = ask(server, name("010"));
        assertThat(aOnly.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(aOnly.addresses()).singleElement().isInstanceOf(Inet4Address.class);
        DnsOutcome aaaaOnly = ask(server, name("011"));
        assertThat(aaaaOnly.addresses()).singleElement().isInstanceOf(Inet6Address.class);
        DnsOutcome both = ask(server, name("012"));
        assertThat(both.addresses()).hasSize(2);
        DnsOutcome alias = ask(server, name("013"));
        assertThat(alias.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(alias.cnames()).containsExactly("alias1.mnc013.mcc001.pub.3gppnetwork.org",
                "epdg-pool.mnc013.mcc001.pub.3gppnetwork.org");
        assertThat(alias.resolvedAddresses()).allMatch(r -> r.ttlSeconds() >= 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {DNSMASQ, UNBOUND})
    void failuresAreToldApartWithWhatToDo(String server, Lab lab) {
        assertOutcome(ask(server, name("014")), DnsStatus.NXDOMAIN, server, "NXDOMAIN");
        assertOutcome(ask(server, name("015")), DnsStatus.NODATA, server, "NODATA");
        assertOutcome(ask(server, name("016")), DnsStatus.SERVFAIL, server, "SERVFAIL");
        assertOutcome(ask(server, name("017")), DnsStatus.REFUSED, server, "REFUSED");
        DnsOutcome sinkhole = ask(server, name("018"));
        assertOutcome(sinkhole, DnsStatus.SINKHOLE, server, "sinkhole");
        assertThat(sinkhole.usableAddresses()).isEmpty();
    }

    private static void assertOutcome(DnsOutcome o, DnsStatus status, String server, String word) {
        assertThat(o.status()).as(o.fqdn() + " via " + server + ": " + o.detail()).isEqualTo(status);
        assertThat(o.explain()).as(status.name()).contains(o.fqdn()).contains(server).containsIgnoringCase(word)
                .containsAnyOf("Check", "check", "Allow", "allow", "Make sure", "make sure", "Use ", "use ", "Let ",
                        "let ", "Ask", "ask", "Publish", "publish", "Fix", "fix");
    }

    @ParameterizedTest
    @ValueSource(strings = {DNSMASQ, UNBOUND})
    void anAnswerTooLargeForUdpIsFetchedOverTcpWhole(String server, Lab lab) {
        DnsOutcome big = ask(server, name("020"));
        assertThat(big.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(big.transport()).isEqualTo(DnsTransport.TCP);
        assertThat(big.addresses()).hasSize(150);
    }

    @Test
    void resolversThatDisagreeAreSplitHorizon(Lab lab) {
        Resolution r = bothResolvers().resolve(SelectionInput.of(Plmn.parse("001-19")));
        ResolverComparison c = r.used().comparison();
        assertThat(c.kind()).isEqualTo(ResolverComparison.Kind.SPLIT_HORIZON);
        assertThat(c.explain()).contains("10.77.0.2").contains("10.77.0.4").contains(DNSMASQ).contains(UNBOUND);
    }

    @Test
    void resolversThatAgreeAndAResolverThatRefuses(Lab lab) {
        Resolution r = bothResolvers().resolve(SelectionInput.of(Plmn.parse("001-12")));
        assertThat(r.used().comparison().kind()).isEqualTo(ResolverComparison.Kind.AGREE);
        Resolution refused = bothResolvers().resolve(SelectionInput.of(Plmn.parse("001-17")));
        assertThat(refused.resolved()).isFalse();
        assertThat(refused.outcome().status()).isEqualTo(DnsStatus.REFUSED);
    }

    @Test
    void trackingAreaNameThatFailsFallsBackToTheOperatorName(Lab lab) {
        Resolution r = bothResolvers().resolve(SelectionInput.of(Plmn.parse("001-21")).withTac(0x1A2B));
        assertThat(r.attempts()).hasSize(2);
        assertThat(r.attempts().get(0).fqdn()).isEqualTo("tac-lb2b.tac-hb1a.tac." + name("021"));
        assertThat(r.attempts().get(0).primary().status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(r.used().fqdn()).isEqualTo(name("021"));
        assertThat(r.resolved()).isTrue();

        Resolution tai = bothResolvers().resolve(SelectionInput.of(Plmn.parse("001-22")).withTac(0x1A2B));
        assertThat(tai.used().fqdn()).isEqualTo("tac-lb2b.tac-hb1a.tac." + name("022"));
        assertThat(tai.outcome().addresses()).extracting(a -> a.getHostAddress()).containsExactly("10.77.0.2");
    }

    @Test
    void visitedCountryNaptrNamesTheEpdgToUse(Lab lab) {
        Resolution r = bothResolvers().resolve(SelectionInput.of(Plmn.parse("262-01")).visiting("001"));
        assertThat(r.attempts().get(0).naptr()).isNotNull();
        assertThat(r.attempts().get(0).naptr().records()).hasSize(2);
        assertThat(r.used().fqdn()).isEqualTo(name("012"));
        assertThat(r.used().why()).contains("NAPTR").contains("epdg.epc.mcc001.visited-country.pub.3gppnetwork.org");
    }

    @Test
    void verdictsSayHowTheNameWasFoundAndWhereResolversDisagree(Lab lab) {
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServers(
                List.of(DnsServer.parse(DNSMASQ), DnsServer.parse(UNBOUND)));
        ReadinessCheck check = new ReadinessCheck(settings);
        OperatorVerdict fallback = check.check(SelectionInput.of(Plmn.parse("001-21")).withTac(0x1A2B));
        assertThat(fallback.ready()).as(fallback.sentence()).isTrue();
        assertThat(fallback.sentence()).contains("Discovery: tracking area name tac-lb2b.tac-hb1a.tac." + name("021")
                + " gave NXDOMAIN from " + DNSMASQ);
        OperatorVerdict split = check.check(SelectionInput.of(Plmn.parse("001-19")));
        assertThat(split.sentence()).contains("Resolvers disagree");
        OperatorVerdict missing = check.check(SelectionInput.of(Plmn.parse("001-14")));
        assertThat(missing.ready()).isFalse();
        assertThat(missing.sentence()).startsWith("Wi-Fi Calling to 001-14 will fail: ").contains("NXDOMAIN")
                .contains(name("014")).contains(DNSMASQ);
    }

    @Test
    void aZoneWithOnlyTheTwoDigitMncNameGetsAHint(Lab lab) {
        Resolution r = bothResolvers().resolve(SelectionInput.of(Plmn.parse("001-25")));
        assertThat(r.resolved()).isFalse();
        assertThat(r.outcome().status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(r.hint()).hasValueSatisfying(h -> assertThat(h)
                .contains("epdg.epc.mnc25.mcc001.pub.3gppnetwork.org").contains("epdg.epc.mnc025.mcc001.pub.3gppnetwork.org"));
        OperatorVerdict v = new ReadinessCheck(CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(DNSMASQ)))
                .check(Plmn.parse("001-25"));
        assertThat(v.sentence()).contains("Hint: the 2-digit-MNC name epdg.epc.mnc25.mcc001.pub.3gppnetwork.org does resolve");
    }
}
