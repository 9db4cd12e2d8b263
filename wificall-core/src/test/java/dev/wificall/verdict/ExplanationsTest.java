package dev.wificall.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationsTest {

    private static final Plmn PLMN = Plmn.parse("262-01");
    private static final String LABEL = dev.wificall.discovery.Operators.label(PLMN);
    private static final String FQDN = PLMN.epdgFqdn();
    private static final List<IkePort> BOTH = List.of(IkePort.UDP_500, IkePort.UDP_4500);
    private static final InetAddress V4 = address("10.77.0.2");
    private static final InetAddress V6 = address("fd77::2");

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static DnsOutcome resolved(InetAddress... addresses) {
        return new DnsOutcome(FQDN, "127.0.0.77:15353", DnsStatus.ADDRESSES, List.of(addresses), List.of(),
                "A: 10.77.0.2", Duration.ofMillis(2));
    }

    private static PortResult result(InetAddress a, IkePort port, PortOutcome outcome) {
        int requests = outcome == PortOutcome.NO_ANSWER ? 3 : 1;
        Duration elapsed = outcome == PortOutcome.NO_ANSWER ? Duration.ofMillis(2400) : Duration.ofMillis(3);
        return new PortResult(a, port, outcome, requests, elapsed, outcome.name().toLowerCase(), 0);
    }

    @Test
    void dropped4500NamesThePortWhatAnsweredAndWhatToOpen() {
        List<PortResult> probes = List.of(result(V4, IkePort.UDP_500, PortOutcome.ANSWERED),
                result(V4, IkePort.UDP_4500, PortOutcome.NO_ANSWER),
                result(V6, IkePort.UDP_500, PortOutcome.ANSWERED),
                result(V6, IkePort.UDP_4500, PortOutcome.NO_ANSWER));
        assertThat(Explanations.blocked(LABEL, resolved(V4, V6), probes, BOTH)).isEqualTo(
                "Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: UDP/4500 to epdg.epc.mnc001.mcc262.pub.3gppnetwork.org:"
                        + " 10.77.0.2 and fd77::2 got no answer to 3 IKE_SA_INIT requests in 2.4 s, while UDP/500"
                        + " answered (resolver 127.0.0.77:15353). A firewall on the path drops IKE NAT traversal"
                        + " (UDP/4500). Allow outbound UDP/4500 to 10.77.0.2 and fd77::2.");
    }

    @Test
    void theBroadRecheckIsCountedApartFromThePhoneRequests() {
        PortResult silent = new PortResult(V4, IkePort.UDP_4500, PortOutcome.NO_ANSWER, 5, Duration.ofMillis(2400),
                "no answer", 0, dev.wificall.probe.Offer.NONE, 2, null, null, 0, List.of(), null, null);
        assertThat(Explanations.blocked(LABEL, resolved(V4), List.of(result(V4, IkePort.UDP_500, PortOutcome.ANSWERED), silent),
                BOTH)).contains(": 10.77.0.2 got no answer to 3 IKE_SA_INIT requests in 2.4 s nor to 2 re-checks with a broad"
                + " proposal, while UDP/500 answered");
    }

    @Test
    void bothPortsDownAndMixedOutcomesAreListed() {
        List<PortResult> probes = List.of(result(V4, IkePort.UDP_500, PortOutcome.PORT_UNREACHABLE),
                result(V4, IkePort.UDP_4500, PortOutcome.PORT_UNREACHABLE),
                result(V6, IkePort.UDP_500, PortOutcome.NOT_SENT),
                result(V6, IkePort.UDP_4500, PortOutcome.NOT_SENT));
        String s = Explanations.blocked(LABEL, resolved(V4, V6), probes, BOTH);
        assertThat(s).startsWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: UDP/500 and UDP/4500 to " + FQDN
                        + ": 10.77.0.2 was refused with ICMP port unreachable; fd77::2 could not be probed from this host")
                .doesNotContain("while")
                .endsWith("A firewall rejects IKE (UDP/500 and UDP/4500), or nothing listens there."
                        + " Allow outbound UDP/500 and UDP/4500 to 10.77.0.2 and fd77::2.");
    }

    @Test
    void readyMentionsAddressesThatDidNotWork() {
        List<PortResult> probes = List.of(result(V4, IkePort.UDP_500, PortOutcome.ANSWERED),
                result(V4, IkePort.UDP_4500, PortOutcome.ANSWERED),
                result(V6, IkePort.UDP_500, PortOutcome.ANSWERED),
                result(V6, IkePort.UDP_4500, PortOutcome.NO_ANSWER));
        assertThat(Explanations.ready(LABEL, resolved(V4, V6), probes, BOTH)).isEqualTo(
                "Wi-Fi Calling to 262-01 T-Mobile(Telekom) can reach its ePDG: " + FQDN + " resolved to IPv4 10.77.0.2; IPv6 fd77::2"
                        + " (resolver 127.0.0.77:15353) and 10.77.0.2 answered IKE_SA_INIT on UDP/500 and UDP/4500."
                        + " Not every address works: fd77::2 (UDP/4500 got no answer to 3 IKE_SA_INIT requests in 2.4 s).");
    }

    @Test
    void everyDnsFailureSaysResolverNameAndWhatToDo() {
        for (DnsStatus status : DnsStatus.values()) {
            if (status == DnsStatus.ADDRESSES) {
                continue;
            }
            DnsOutcome dns = new DnsOutcome(FQDN, "10.0.0.53:53", status, List.of(), List.of(),
                    "A: " + status + "; AAAA: " + status, Duration.ofMillis(5));
            assertThat(Explanations.dnsFailure(LABEL, dns)).as(status.name())
                    .startsWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: ")
                    .contains("10.0.0.53:53").contains(FQDN)
                    .containsAnyOf("Check", "Allow", "Make sure");
        }
    }

    @Test
    void readyNotesAnAnswerOnlyToTheBroadReCheck() {
        PortResult broad = new PortResult(V4, IkePort.UDP_500, PortOutcome.ANSWERED, 3, Duration.ofMillis(450),
                "answered only the broad proposal", 256, dev.wificall.probe.Offer.BROAD, 1, null, null, 0, List.of(), null,
                null);
        List<PortResult> probes = List.of(broad, result(V4, IkePort.UDP_4500, PortOutcome.ANSWERED));
        assertThat(Explanations.ready(LABEL, resolved(V4), probes, BOTH))
                .endsWith(" Note: UDP/500 on 10.77.0.2 answered only the broad re-check, not the phone's proposal.");
    }

    @Test
    void everyAddressSilentSuggestsAVantagePointInTheOperatorsCountry() {
        List<PortResult> silent = List.of(result(V4, IkePort.UDP_500, PortOutcome.NO_ANSWER),
                result(V6, IkePort.UDP_500, PortOutcome.NO_ANSWER));
        String s = Explanations.vantagePoint(PLMN, silent);
        assertThat(s).startsWith("Every address was silent although the resolver answered")
                .contains("outside their country or from IPv6").contains("14.6 % of operators over IPv4 and 65.2 % over IPv6")
                .contains("from a vantage point inside Germany (a CI runner or a VPN exit there)");
        assertThat(Explanations.vantagePoint(null, silent.subList(0, 1))).doesNotContain("IPv6 (")
                .contains("outside their country (").contains("inside the operator's country");
    }
}
