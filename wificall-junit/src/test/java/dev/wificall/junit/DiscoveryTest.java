package dev.wificall.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Candidate;
import dev.wificall.discovery.EpdgSelection;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.dns.EpdgLookup.Attempt;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.verdict.ReadinessCheck;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sentence and lines of @EpdgResolvable, from discoveries built by hand. */
class DiscoveryTest {

    private static final String DNS1 = "127.0.0.77:15353";
    private static final String DNS2 = "127.0.0.79:15355";

    @Test
    void nxdomainFromBothNamesAndResolvers() {
        SelectionInput input = SelectionInput.of(Plmn.of(1, 14)).withTac(0x1A2B);
        List<Candidate> names = EpdgSelection.candidates(input);
        Attempt area = attempt(names.get(0), DnsStatus.NXDOMAIN, List.of());
        Attempt operator = attempt(names.get(1), DnsStatus.NXDOMAIN, List.of());
        Resolution r = new Resolution(input, List.of(area, operator), operator, Optional.empty());

        assertThat(ReadinessCheck.sentence(r))
                .startsWith("Wi-Fi Calling to 001-14 will fail: resolver 127.0.0.77:15353 answered NXDOMAIN for"
                        + " epdg.epc.mnc014.mcc001.pub.3gppnetwork.org (A and AAAA)")
                .contains("Names tried in order: tac-lb2b.tac-hb1a.tac.epdg.epc.mnc014.mcc001.pub.3gppnetwork.org"
                        + " NXDOMAIN, epdg.epc.mnc014.mcc001.pub.3gppnetwork.org NXDOMAIN.")
                .doesNotContain("Resolvers disagree");
        assertThat(r.lines()).containsExactly(
                "DNS tac-lb2b.tac-hb1a.tac.epdg.epc.mnc014.mcc001.pub.3gppnetwork.org (tracking area name): NXDOMAIN"
                        + " from 127.0.0.77:15353: NXDOMAIN",
                "DNS tac-lb2b.tac-hb1a.tac.epdg.epc.mnc014.mcc001.pub.3gppnetwork.org (tracking area name): NXDOMAIN"
                        + " from 127.0.0.79:15355: NXDOMAIN",
                "DNS epdg.epc.mnc014.mcc001.pub.3gppnetwork.org (operator identifier name): NXDOMAIN from"
                        + " 127.0.0.77:15353: NXDOMAIN",
                "DNS epdg.epc.mnc014.mcc001.pub.3gppnetwork.org (operator identifier name): NXDOMAIN from"
                        + " 127.0.0.79:15355: NXDOMAIN");
    }

    @Test
    void resolvedWithDisagreementSaysSo() throws Exception {
        SelectionInput input = SelectionInput.of(Plmn.of(1, 19));
        Candidate name = EpdgSelection.candidates(input).get(0);
        String fqdn = name.name().fqdn();
        Attempt a = new Attempt(name, fqdn, name.why(), List.of(
                new DnsOutcome(fqdn, DNS1, DnsStatus.ADDRESSES, List.of(InetAddress.getByName("10.77.0.2")), List.of(),
                        "A: 10.77.0.2", Duration.ofMillis(2)),
                new DnsOutcome(fqdn, DNS2, DnsStatus.ADDRESSES, List.of(InetAddress.getByName("10.77.0.4")), List.of(),
                        "A: 10.77.0.4", Duration.ofMillis(3))), null);
        Resolution r = new Resolution(input, List.of(a), a, Optional.empty());

        assertThat(ReadinessCheck.sentence(r))
                .startsWith("The ePDG of 001-19 can be discovered: resolver 127.0.0.77:15353 answered"
                        + " epdg.epc.mnc019.mcc001.pub.3gppnetwork.org (A and AAAA) with 10.77.0.2")
                .contains(" Resolvers disagree: resolvers 127.0.0.77:15353 and 127.0.0.79:15355 give different addresses")
                .contains("only 127.0.0.79:15355 gave 10.77.0.4");
    }

    private static Attempt attempt(Candidate c, DnsStatus status, List<InetAddress> addresses) {
        String fqdn = c.name().fqdn();
        return new Attempt(c, fqdn, c.why(), List.of(
                new DnsOutcome(fqdn, DNS1, status, addresses, List.of(), status.name(), Duration.ofMillis(1)),
                new DnsOutcome(fqdn, DNS2, status, addresses, List.of(), status.name(), Duration.ofMillis(1))), null);
    }
}
