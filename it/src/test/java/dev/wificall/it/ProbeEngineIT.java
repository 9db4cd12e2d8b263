package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsServer;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.NatStatus;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.probe.GroupRetry;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.Offer;
import dev.wificall.probe.PcapWriter;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.probe.ProbeTarget;
import dev.wificall.probe.SourceBinding;
import dev.wificall.probe.SourcePortPolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe engine against real strongSwan responders (it/lab/lab.sh): every exchange the engine
 * must survive, each asserting the outcome and what the responder said.
 */
@ExtendWith(LabExtension.class)
class ProbeEngineIT {

    private static PortResult probe(ProbeSettings settings, String address, IkePort port) throws Exception {
        return new ProbeEngine(settings).probe(ProbeTarget.of(InetAddress.getByName(address), port));
    }

    private static PortResult probe(String address, IkePort port) throws Exception {
        return probe(ProbeSettings.DEFAULTS, address, port);
    }

    @Test
    void plainHandshakeOnUdp500(Lab lab) throws Exception {
        PortResult r = probe("10.77.0.2", IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.answeredOffer()).isEqualTo(Offer.CONFIGURED);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(r.response().selectedProposalText()).hasValue("aes256gcm16-prfsha256-ecp256");
        assertThat(r.response().keGroup()).hasValue(19);
        assertThat(r.response().fragmentationSupported()).isTrue();
        assertThat(r.cookieNeeded()).isFalse();
        assertThat(r.groupRetries()).isEmpty();
        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.detail()).startsWith("IKE_SA_INIT response (").contains("aes256gcm16-prfsha256-ecp256");
    }

    @Test
    void sameHandshakeAsIkeScan(Lab lab) throws Exception {
        // ike-scan offers AES-CBC/3DES/DES, HMAC-SHA1/MD5 and groups 2, 5, 14; ask for the same with KE 14
        Lab.Result scan = Lab.Processes.run(List.of("ike-scan", "--ikev2", "--dhgroup=14", "10.77.0.2"), Path.of("."),
                Duration.ofSeconds(20));
        assertThat(scan.exit()).as(scan.output()).isZero();
        assertThat(scan.output()).contains("10.77.0.2\tIKEv2 SA_INIT Handshake returned")
                .contains("Encr=AES_CBC,KeyLength=128").contains("Integ=HMAC_SHA1_96").contains("Prf=HMAC_SHA1")
                .contains("DH_Group=14:modp2048");
        // the same responder, asked for what it gave ike-scan, must choose the same transforms for us
        ProbeSettings likeIkeScan = ProbeSettings.DEFAULTS.withProposals(IkeProposals.parse("aes128-aes256-sha1-modp2048"));
        PortResult r = probe(likeIkeScan, "10.77.0.2", IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.response().selectedProposalText()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("aes128-").contains("sha1").endsWith("modp2048"));
        assertThat(r.response().keGroup()).hasValue(14);
    }

    /**
     * Every DH group alone, with a real KE of it, against strongSwan 5.9.8 (proposals "...ecp256-ecp384-modp2048,
     * aes256-sha256-modp2048, default"). Its default IKE proposal (proposal.c) lists the groups of 128-bit
     * strength or more that its plugins have: MODP 3072 to 8192, ECP 256 to 521, Brainpool 256 to 512,
     * Curve25519 and Curve448; modp2048 comes from the explicit proposals. Those are accepted with a KE
     * of that group (strongSwan computes g^ir from our KE before it answers, so the value was valid);
     * 1, 2, 5, 22 to 27 are refused with NO_PROPOSAL_CHOSEN.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(dev.wificall.ike.DhGroup.class)
    void everyGroupAloneAgainstStrongSwan(dev.wificall.ike.DhGroup group, Lab lab) throws Exception {
        String keyword = IkeProposals.keyword(group);
        ProbeSettings only = ProbeSettings.DEFAULTS.withProposals(IkeProposals.parse("aes256-sha256-" + keyword)).withBroadRecheck(false);
        PortResult r = probe(only, "10.77.0.2", IkePort.UDP_500);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
        if (java.util.Set.of(14, 15, 16, 17, 18, 19, 20, 21, 28, 29, 30, 31, 32).contains(group.id())) {
            assertThat(r.response().kind()).as(keyword + ": " + r.detail()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
            assertThat(r.response().keGroup()).hasValue(group.id());
            assertThat(r.response().selectedProposalText()).hasValue("aes256-sha256-prfsha256-" + keyword);
        } else {
            assertThat(r.response().kind()).as(keyword + ": " + r.detail()).isEqualTo(SaInitResponse.Kind.NO_PROPOSAL_CHOSEN);
        }
    }

    @Test
    void cookieIsAnsweredWithTheCookieFirst(Lab lab) throws Exception {
        PortResult r = probe("10.77.1.2", IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.cookieRounds()).isEqualTo(1);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(r.transcript().text()).contains("COOKIE");
    }

    @Test
    void invalidKeIsRetriedWithTheRequestedGroup(Lab lab) throws Exception {
        // the restricted ePDG takes group 19 only; offer 14 first, with 19 as the second choice
        ProbeSettings fourteenFirst = ProbeSettings.DEFAULTS.withProposals(
                IkeProposals.parse("aes256gcm16-prfsha256-modp2048-ecp256"));
        PortResult r = probe(fourteenFirst, "10.77.0.6", IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.groupRetries()).containsExactly(new GroupRetry(19, true, true));
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.ACCEPTED);
        assertThat(r.response().keGroup()).hasValue(19);
        assertThat(r.request().group().id()).isEqualTo(19);
    }

    @Test
    void noProposalChosenIsReachableButRejected(Lab lab) throws Exception {
        ProbeSettings cbcOnly = ProbeSettings.DEFAULTS.withProposals(IkeProposals.parse("aes256-sha256-modp2048"));
        PortResult r = probe(cbcOnly, "10.77.0.6", IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r.response().kind()).isEqualTo(SaInitResponse.Kind.NO_PROPOSAL_CHOSEN);
        assertThat(r.detail()).contains("NO_PROPOSAL_CHOSEN");
    }

    @Test
    void ipv6OnBothPorts(Lab lab) throws Exception {
        PortResult r500 = probe("fd77::2", IkePort.UDP_500);
        PortResult r4500 = probe("fd77::2", IkePort.UDP_4500);
        assertThat(r500.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r4500.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r500.source().address().getAddress().getHostAddress()).contains(":");
    }

    @Test
    void udp4500CarriesTheNonEspMarkerBothWays(Lab lab) throws Exception {
        PortResult r = probe("10.77.0.2", IkePort.UDP_4500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        List<byte[]> datagrams = r.transcript().datagrams();
        assertThat(datagrams).hasSizeGreaterThanOrEqualTo(2);
        for (byte[] d : datagrams) {
            assertThat(Arrays.copyOf(d, 4)).containsExactly(0, 0, 0, 0);
        }
        assertThat(r.responseBytes()).isEqualTo(r.response().size());
    }

    @Test
    void natInFrontOfUsRewritesTheAddress(Lab lab) throws Exception {
        PortResult r = probe("10.79.0.2", IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        NatStatus nat = r.response().natStatus(r.request());
        assertThat(nat.local()).isEqualTo(NatStatus.Local.ADDRESS_TRANSLATED);
        assertThat(r.detail()).containsIgnoringCase("NAT");
    }

    @Test
    void natThatOnlyRewritesTheSourcePortIsToldApart(Lab lab) throws Exception {
        PortResult r = probe("10.79.0.3", IkePort.UDP_500);
        assertThat(r.outcome()).isEqualTo(PortOutcome.ANSWERED);
        NatStatus nat = r.response().natStatus(r.request());
        assertThat(nat.local()).isEqualTo(NatStatus.Local.PORT_REWRITTEN);
        assertThat(nat.portSeen()).isPresent();
        assertThat(nat.portSeen().getAsInt()).isBetween(40000, 40999);
    }

    @Test
    void noAnswerPortUnreachableAndProhibitedAreToldApart(Lab lab) throws Exception {
        PortResult dropped = probe("10.77.0.3", IkePort.UDP_4500);
        assertThat(dropped.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
        assertThat(dropped.broadRequests()).isPositive();
        assertThat(dropped.detail()).startsWith("no answer to 4 IKE_SA_INIT requests");

        PortResult rejected = probe("10.77.0.5", IkePort.UDP_4500);
        assertThat(rejected.outcome()).isEqualTo(PortOutcome.PORT_UNREACHABLE);

        lab.command("block", "4500", "prohibit", "10.77.0.2", "fd77::2");
        try {
            PortResult prohibited4 = probe("10.77.0.2", IkePort.UDP_4500);
            PortResult prohibited6 = probe("fd77::2", IkePort.UDP_4500);
            assertThat(prohibited4.outcome()).isEqualTo(PortOutcome.REJECTED);
            assertThat(prohibited6.outcome()).isEqualTo(PortOutcome.REJECTED);
            assertThat(prohibited6.detail()).contains("administratively prohibited");
        } finally {
            lab.command("unblock");
        }
    }

    @Test
    void phoneSourcePortIsUsedWhenItCanBeBound(Lab lab) throws Exception {
        ProbeSettings phonePorts = ProbeSettings.DEFAULTS.withSource(
                new SourceBinding(null, null, SourcePortPolicy.PHONE_PORTS_IF_POSSIBLE, 0));
        PortResult r500 = probe(phonePorts, "10.77.0.2", IkePort.UDP_500);
        PortResult r4500 = probe(phonePorts, "10.77.0.2", IkePort.UDP_4500);
        assertThat(r500.outcome()).isEqualTo(PortOutcome.ANSWERED);
        assertThat(r500.source().phonePort()).isTrue();
        assertThat(r500.source().address().getPort()).isEqualTo(500);
        assertThat(r4500.source().address().getPort()).isEqualTo(4500);
        assertThat(r4500.outcome()).isEqualTo(PortOutcome.ANSWERED);
    }

    @Test
    void tsharkDecodesTheProbesPcapWithoutWarnings(Lab lab, @TempDir Path dir) throws Exception {
        List<PortResult> results = new ProbeEngine(ProbeSettings.DEFAULTS).probeAll(List.of(
                ProbeTarget.of(InetAddress.getByName("10.77.0.2"), IkePort.UDP_500),
                ProbeTarget.of(InetAddress.getByName("10.77.0.2"), IkePort.UDP_4500),
                ProbeTarget.of(InetAddress.getByName("fd77::2"), IkePort.UDP_500)));
        assertThat(results).allMatch(PortResult::answered);
        Path pcap = dir.resolve("probe.pcap");
        PcapWriter.write(pcap, results.stream().map(PortResult::transcript).toList());
        assertThat(Files.size(pcap)).isGreaterThan(24);

        Lab.Result decoded = Lab.Processes.run(List.of("tshark", "-n", "-r", pcap.toString(), "-V"), dir, Duration.ofSeconds(60));
        assertThat(decoded.exit()).as(decoded.output()).isZero();
        assertThat(decoded.output()).contains("Exchange type: IKE_SA_INIT (34)")
                .contains("Non-ESP Marker").doesNotContain("Malformed").doesNotContain("[Expert Info (Warning")
                .doesNotContain("[Expert Info (Error");
        Lab.Result summary = Lab.Processes.run(List.of("tshark", "-n", "-r", pcap.toString()), dir, Duration.ofSeconds(60));
        assertThat(summary.output().lines().filter(l -> l.contains("IKE_SA_INIT")).count()).isEqualTo(6);
    }

    @Test
    void verdictOfAReachableEpdgThatRejectsTheOfferSaysSo(Lab lab) {
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(Lab.DNS))
                .withProbe(ProbeSettings.DEFAULTS.withProposals(IkeProposals.parse("aes256-sha256-modp2048")));
        OperatorVerdict v = new ReadinessCheck(settings).check(Plmn.parse("262-07"));
        assertThat(v.ready()).isTrue();
        assertThat(v.sentence()).startsWith("Wi-Fi Calling to 262-07 O2 can reach its ePDG")
                .contains("Note: UDP/500 on 10.77.0.6 is reachable, but the ePDG rejected the offered proposal"
                        + " (NO_PROPOSAL_CHOSEN)");
    }

    @Test
    void cookieDemandingEpdgIsReady(Lab lab) {
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(Lab.DNS));
        OperatorVerdict v = new ReadinessCheck(settings).check(Plmn.parse("262-06"));
        assertThat(v.ready()).as(v.sentence()).isTrue();
        assertThat(v.probes()).hasSize(4).allMatch(PortResult::cookieNeeded);
    }
}
