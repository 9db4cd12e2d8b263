package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** wificall's whole check (discovery, then IKE_SA_INIT on both ports) against the simulated network. */
class EpdgSimulationNetworkTest {

    private static final String TELEKOM = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";

    private static OperatorVerdict check(EpdgSimulationNetwork net, SelectionInput operator) {
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(net.dnsServer()))
                .withPortOffset(net.portOffset()).withProbeTimeout(Duration.ofMillis(800));
        return new ReadinessCheck(settings).check(operator);
    }

    @Test
    void openNetworkPasses() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            OperatorVerdict v = check(net, SelectionInput.of(Plmn.parse("262-01")));

            assertThat(v.ready()).as(v.sentence()).isTrue();
            assertThat(v.fqdn()).isEqualTo(TELEKOM);
            assertThat(v.probes()).extracting(PortResult::outcome).containsOnly(PortOutcome.ANSWERED);
            assertThat(v.probes()).extracting(PortResult::address).containsOnly(net.simulator().address());
            assertThat(net.simulator().datagramsReceived(IkePort.UDP_500)).isPositive();
            assertThat(net.simulator().datagramsReceived(IkePort.UDP_4500)).isPositive();
            assertThat(net.dns().queries(TELEKOM)).isPositive();
        }
    }

    @Test
    void droppedPortFailsTheCheckAndSaysWhich() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").drop(IkePort.UDP_4500)
                .start()) {
            OperatorVerdict v = check(net, SelectionInput.of(Plmn.parse("262-01")));

            assertThat(v.ready()).isFalse();
            assertThat(v.sentence()).startsWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: UDP/4500")
                    .contains("while UDP/500 answered");
            assertThat(v.probes()).extracting(PortResult::port, PortResult::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(IkePort.UDP_500, PortOutcome.ANSWERED),
                    org.assertj.core.groups.Tuple.tuple(IkePort.UDP_4500, PortOutcome.NO_ANSWER));
        }
    }

    @Test
    void operatorsByNameFqdnsAndEmergencyNames() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator(262, 2).operator("Congstar")
                .fqdn("epdg.example.net").start()) {
            assertThat(net.names()).contains("epdg.epc.mnc002.mcc262.pub.3gppnetwork.org",
                    "sos.epdg.epc.mnc002.mcc262.pub.3gppnetwork.org", "epdg.example.net");
            assertThat(net.names()).anyMatch(n -> n.startsWith("epdg.epc.mnc") && !n.contains("mnc002"));
            DnsLookup lookup = DnsLookup.using(DnsServer.parse(net.dnsServer()), Duration.ofSeconds(1));
            for (String name : net.names()) {
                assertThat(lookup.resolve(name).addresses()).as(name).containsExactly(net.simulator().address());
            }
            assertThat(lookup.resolve("epdg.epc.mnc003.mcc262.pub.3gppnetwork.org").status())
                    .isEqualTo(DnsStatus.NXDOMAIN);
            assertThat(check(net, SelectionInput.configured("epdg.example.net")).ready()).isTrue();
        }
    }

    @Test
    void areaNamesOfAPhoneInACellResolveToo() throws IOException {
        SelectionInput inCell = SelectionInput.of(Plmn.parse("262-01")).withTac(0x1A2B);
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator(inCell).start()) {
            assertThat(net.names()).containsExactly(
                    "tac-lb2b.tac-hb1a.tac.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org", TELEKOM);
            OperatorVerdict v = check(net, inCell);

            assertThat(v.ready()).as(v.sentence()).isTrue();
            assertThat(v.fqdn()).isEqualTo("tac-lb2b.tac-hb1a.tac.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
        }
    }

    @Test
    void moreForTheResolver() throws IOException {
        String vodafone = "epdg.epc.mnc002.mcc262.pub.3gppnetwork.org";
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01")
                .dns(d -> d.failure(vodafone, DnsStub.Failure.SERVFAIL)).start()) {
            OperatorVerdict v = check(net, SelectionInput.of(Plmn.parse("262-02")));

            assertThat(v.ready()).isFalse();
            assertThat(v.dns().status()).isEqualTo(DnsStatus.SERVFAIL);
        }
    }

    @Test
    void settingsAreWhatTheFrontEndsTake() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").portOffset(23000).start()) {
            assertThat(net.portOffset()).isEqualTo(23000);
            assertThat(net.simulator().port(IkePort.UDP_500)).isEqualTo(23500);
            assertThat(net.simulator().port(IkePort.UDP_4500)).isEqualTo(27500);
            assertThat(net.settings()).isEqualTo(Map.of("wificall.dns.server", net.dnsServer(),
                    "wificall.portOffset", "23000"));
            assertThat(net.toString()).contains("127.0.0.1", "23500", "27500", net.dnsServer(), TELEKOM);
        }
    }

    @Test
    void closeStopsBoth() throws IOException {
        EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start();
        DnsLookup lookup = DnsLookup.using(DnsServer.parse(net.dnsServer()), Duration.ofMillis(300));
        net.close();
        net.close();
        assertThat(lookup.resolve(TELEKOM).status()).isIn(DnsStatus.TIMEOUT, DnsStatus.ERROR);
        // the ports are free again
        try (EpdgSimulator again = EpdgSimulator.builder().portOffset(net.portOffset()).start()) {
            assertThat(again.portOffset()).isEqualTo(net.portOffset());
        }
    }

    @Test
    void mistakesNameTheCall() throws IOException {
        assertThatThrownBy(() -> EpdgSimulationNetwork.builder().operator("26-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("operator(\"26-1\"): ");
        assertThatThrownBy(() -> EpdgSimulationNetwork.builder().operator(262, 1000))
                .hasMessageStartingWith("operator(262, 1000): MNC 1000");
        assertThatThrownBy(() -> EpdgSimulationNetwork.builder().fqdn("bad..name"))
                .hasMessageStartingWith("fqdn(\"bad..name\"): 'bad..name' is not a domain name");
        assertThatThrownBy(() -> EpdgSimulationNetwork.builder().drop(IkePort.UDP_500)
                .behaviour(IkePort.UDP_500, Behaviour.cookieFirst()))
                .hasMessageStartingWith("behaviour(UDP/500, ").hasMessageContaining("UDP/500 is dropped");
        assertThatThrownBy(() -> EpdgSimulationNetwork.builder().portOffset(0))
                .hasMessageStartingWith("portOffset(0): expected 1 to 61035");
        assertThatThrownBy(() -> EpdgSimulationNetwork.builder().start())
                .hasMessageStartingWith("start(): no operator");
    }

    @Test
    void takenPortsAreAnIoException() throws IOException {
        try (EpdgSimulationNetwork first = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            assertThatThrownBy(() -> EpdgSimulationNetwork.builder().operator("262-01").portOffset(first.portOffset())
                    .start()).isInstanceOf(IOException.class);
        }
    }
}
