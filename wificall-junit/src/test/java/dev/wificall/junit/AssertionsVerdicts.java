package dev.wificall.junit;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.IkeProbe;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.verdict.OperatorVerdict;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Results for the assertion tests. The probe results come from real probes on loopback (answers
 * from {@link AssertionsResponder}, a socket that never answers, a closed port) and are then placed
 * at documentation addresses, so one probe can stand for several ePDG addresses.
 */
final class AssertionsVerdicts {

    // short, with room for a loaded CI machine: the silent probe must still retransmit before its deadline
    private static final Duration WAIT = Duration.ofMillis(80);
    private static final Duration DEADLINE = Duration.ofMillis(400);
    private static final String RESOLVER = "127.0.0.77:15353";

    final PortResult noNat500;
    final PortResult noNat4500;
    final PortResult nat500;
    final PortResult nat4500;
    final PortResult group14on500;
    final PortResult refused500;
    final PortResult refused4500;
    final PortResult silent4500;
    final PortResult closed4500;

    /** Probes loopback nine times; about half a second, most of it the silent probe's deadline. */
    AssertionsVerdicts() throws Exception {
        IkeProbe probe = new IkeProbe(new ProbeSettings(WAIT, DEADLINE).withBroadRecheck(false));
        noNat500 = answered(probe, AssertionsResponder.Answer.NO_NAT, IkePort.UDP_500);
        noNat4500 = answered(probe, AssertionsResponder.Answer.NO_NAT, IkePort.UDP_4500);
        nat500 = answered(probe, AssertionsResponder.Answer.PORT_NAT, IkePort.UDP_500);
        nat4500 = answered(probe, AssertionsResponder.Answer.PORT_NAT, IkePort.UDP_4500);
        group14on500 = answered(probe, AssertionsResponder.Answer.GROUP_14, IkePort.UDP_500);
        refused500 = answered(probe, AssertionsResponder.Answer.NO_PROPOSAL_CHOSEN, IkePort.UDP_500);
        refused4500 = answered(probe, AssertionsResponder.Answer.NO_PROPOSAL_CHOSEN, IkePort.UDP_4500);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket quiet = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            silent4500 = probe.probe(new InetSocketAddress(loopback, quiet.getLocalPort()), IkePort.UDP_4500);
        }
        int closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            closed = s.getLocalPort();
        }
        closed4500 = probe.probe(new InetSocketAddress(loopback, closed), IkePort.UDP_4500);
    }

    private static PortResult answered(IkeProbe probe, AssertionsResponder.Answer answer, IkePort port) throws Exception {
        try (AssertionsResponder r = new AssertionsResponder(answer, port.nonEspMarker())) {
            PortResult result = probe.probe(r.address(), port);
            if (!result.answered()) {
                throw new IllegalStateException("the " + answer + " responder on " + port + " did not answer: " + result);
            }
            return result;
        }
    }

    /** 262-01 on 198.51.100.7 and 2001:db8::7: both ports answered everywhere, no NAT, ECP-256. */
    OperatorVerdict ready() {
        InetAddress v4 = ip("198.51.100.7");
        InetAddress v6 = ip("2001:db8::7");
        return verdict("262-01", List.of(v4, v6),
                List.of(at(noNat500, v4), at(noNat4500, v4), at(noNat500, v6), at(noNat4500, v6)), true,
                "Wi-Fi Calling to 262-01 can reach its ePDG: 198.51.100.7 and 2001:db8::7 answered IKE_SA_INIT on"
                        + " UDP/500 and UDP/4500.");
    }

    /** 262-02 on 198.51.100.8 and 2001:db8::8: UDP/500 answered; UDP/4500 silent on one, refused on the other. */
    OperatorVerdict blocked4500() {
        InetAddress v4 = ip("198.51.100.8");
        InetAddress v6 = ip("2001:db8::8");
        return verdict("262-02", List.of(v4, v6),
                List.of(at(noNat500, v4), at(silent4500, v4), at(noNat500, v6), at(closed4500, v6)), false,
                "Wi-Fi Calling to 262-02 will fail: UDP/4500 to its ePDG got no answer from 198.51.100.8 and was"
                        + " refused with ICMP port unreachable by 2001:db8::8.");
    }

    /** 262-03 on 198.51.100.9 and 198.51.100.10: UDP/4500 answered only on the first. */
    OperatorVerdict partly4500() {
        InetAddress a = ip("198.51.100.9");
        InetAddress b = ip("198.51.100.10");
        return verdict("262-03", List.of(a, b),
                List.of(at(noNat500, a), at(noNat4500, a), at(noNat500, b), at(silent4500, b)), true,
                "Wi-Fi Calling to 262-03 can reach its ePDG: 198.51.100.9 answered IKE_SA_INIT on UDP/500 and"
                        + " UDP/4500. Not every address works: 198.51.100.10 (UDP/4500 got no answer).");
    }

    /** 262-01 from behind a NAT that maps ports: both answers show it. */
    OperatorVerdict natted() {
        InetAddress v4 = ip("198.51.100.7");
        return verdict("262-01", List.of(v4), List.of(at(nat500, v4), at(nat4500, v4)), true,
                "Wi-Fi Calling to 262-01 can reach its ePDG: 198.51.100.7 answered IKE_SA_INIT on UDP/500 and UDP/4500.");
    }

    /** 262-07: 198.51.100.11 accepts ECP-256 on both ports; 198.51.100.12 MODP-2048 on UDP/500 and refuses on UDP/4500. */
    OperatorVerdict mixedGroups() {
        InetAddress a = ip("198.51.100.11");
        InetAddress b = ip("198.51.100.12");
        return verdict("262-07", List.of(a, b),
                List.of(at(noNat500, a), at(noNat4500, a), at(group14on500, b), at(refused4500, b)), true,
                "Wi-Fi Calling to 262-07 can reach its ePDG: 198.51.100.11 and 198.51.100.12 answered IKE_SA_INIT on"
                        + " UDP/500 and UDP/4500. 198.51.100.12 refused the phone proposal on UDP/4500.");
    }

    /** 262-06 on 198.51.100.13: both ports answered NO_PROPOSAL_CHOSEN. */
    OperatorVerdict refused() {
        InetAddress a = ip("198.51.100.13");
        return verdict("262-06", List.of(a), List.of(at(refused500, a), at(refused4500, a)), true,
                "Wi-Fi Calling to 262-06 can reach its ePDG: 198.51.100.13 answered IKE_SA_INIT on UDP/500 and"
                        + " UDP/4500. But it refused the phone proposal (NO_PROPOSAL_CHOSEN).");
    }

    /** 262-04 on 198.51.100.14, probed on UDP/500 only. */
    OperatorVerdict only500() {
        InetAddress a = ip("198.51.100.14");
        return verdict("262-04", List.of(a), List.of(at(noNat500, a)), true,
                "Wi-Fi Calling to 262-04 can reach its ePDG: 198.51.100.14 answered IKE_SA_INIT on UDP/500.");
    }

    /** A configured ePDG name that names no operator, one address, answered on both ports. */
    OperatorVerdict configuredName() {
        InetAddress a = ip("203.0.113.5");
        DnsOutcome dns = new DnsOutcome("epdg.example.net", RESOLVER, DnsStatus.ADDRESSES, List.of(a), List.of(),
                "A: 203.0.113.5; AAAA: NODATA", Duration.ofMillis(2));
        return new OperatorVerdict(null, "epdg.example.net", dns, List.of(at(noNat500, a), at(noNat4500, a)), true,
                "Wi-Fi Calling to epdg.example.net can reach its ePDG: 203.0.113.5 answered IKE_SA_INIT on UDP/500"
                        + " and UDP/4500.", Duration.ofMillis(30));
    }

    /** 262-99: the name does not exist; nothing probed. */
    static OperatorVerdict nxdomain() {
        return failedDns("262-99", DnsStatus.NXDOMAIN, List.of(), "A: NXDOMAIN; AAAA: NXDOMAIN",
                "Wi-Fi Calling to 262-99 will fail: resolver 127.0.0.77:15353 answered NXDOMAIN.");
    }

    /** 262-05: a DNS filter answers 0.0.0.0; nothing probed. */
    static OperatorVerdict sinkhole() {
        return failedDns("262-05", DnsStatus.SINKHOLE, List.of(ip("0.0.0.0")), "A: 0.0.0.0; AAAA: NODATA",
                "Wi-Fi Calling to 262-05 will fail: resolver 127.0.0.77:15353 answered 0.0.0.0, a sinkhole.");
    }

    private static OperatorVerdict failedDns(String operator, DnsStatus status, List<InetAddress> addresses,
                                             String detail, String sentence) {
        Plmn plmn = Plmn.parse(operator);
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), RESOLVER, status, addresses, List.of(), detail,
                Duration.ofMillis(1));
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns, List.of(), false, sentence, Duration.ofMillis(1));
    }

    private static OperatorVerdict verdict(String operator, List<InetAddress> addresses, List<PortResult> probes,
                                           boolean ready, String sentence) {
        Plmn plmn = Plmn.parse(operator);
        String detail = addresses.stream().map(a -> (a instanceof Inet6Address ? "AAAA: " : "A: ") + AddressText.of(a))
                .collect(Collectors.joining("; "));
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), RESOLVER, DnsStatus.ADDRESSES, addresses, List.of(), detail,
                Duration.ofMillis(3));
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns, probes, ready, sentence, Duration.ofMillis(40));
    }

    /** The same probe as if it had gone to {@code address}; request, response and transcript stay the loopback ones. */
    static PortResult at(PortResult p, InetAddress address) {
        return new PortResult(address, p.port(), p.outcome(), p.requests(), p.elapsed(), p.detail(), p.responseBytes(),
                p.answeredOffer(), p.broadRequests(), p.request(), p.response(), p.cookieRounds(), p.groupRetries(),
                p.source(), p.transcript());
    }

    /** A result without exchange facts, as reports read back build them. */
    static PortResult bare(InetAddress address, IkePort port, PortOutcome outcome) {
        return new PortResult(address, port, outcome, 1, Duration.ofMillis(9), outcome + " (read back)", 0);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
