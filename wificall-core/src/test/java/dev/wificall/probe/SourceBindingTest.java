package dev.wificall.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Source address and port. IkePort numbers are fixed at 500 and 4500, which tests may not bind, so
 * the phone-port tests name a free unprivileged port through {@link SourceBinding#withPhonePort}.
 */
class SourceBindingTest {
    static final ProbeSettings FAST = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600));

    private static int freePort() throws Exception {
        try (DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
    }

    @Test
    void theDefaultIsAnEphemeralPort() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.accepting());

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            assertThat(result.source().phonePort()).isFalse();
            assertThat(result.source().note()).isEmpty();
            assertThat(result.source().address()).isEqualTo(responder.received.get(0).from());
            assertThat(result.source()).hasToString("127.0.0.1:" + result.source().address().getPort() + " (ephemeral port)");
        }
    }

    @Test
    void thePhonePortIsUsedAndSharedByConnectedProbes() throws Exception {
        int port = freePort();
        try (EmbeddedResponder a = new EmbeddedResponder(false, null);
             EmbeddedResponder b = new EmbeddedResponder(true, null)) {
            a.behaviour(a.accepting());
            b.behaviour(b.accepting());
            ProbeEngine engine = new ProbeEngine(FAST.withSource(SourceBinding.ANY.withPhonePort(port)));

            // two destinations at once from one port, and the same destination twice (they take turns)
            List<PortResult> results = engine.probeAll(List.of(new ProbeTarget(a.address(), IkePort.UDP_500),
                    new ProbeTarget(b.address(), IkePort.UDP_4500), new ProbeTarget(a.address(), IkePort.UDP_500)));

            assertThat(results).allSatisfy(r -> {
                assertThat(r.outcome()).as(r.detail()).isEqualTo(PortOutcome.ANSWERED);
                assertThat(r.source().phonePort()).isTrue();
                assertThat(r.source().address().getPort()).isEqualTo(port);
                assertThat(r.transcript().header()).endsWith(":" + port + " (phone port)");
            });
            assertThat(a.received).extracting(r -> r.from().getPort()).containsOnly(port);
            assertThat(b.received).extracting(r -> r.from().getPort()).containsOnly(port);
            assertThat(a.received.stream().map(EmbeddedResponder.Received::spi).distinct()).hasSize(2);
        }
    }

    @Test
    void aPortHeldWithoutReusePortFallsBackToAnEphemeralOne() throws Exception {
        try (DatagramChannel holder = DatagramChannel.open().bind(new InetSocketAddress(0));
             EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            int port = ((InetSocketAddress) holder.getLocalAddress()).getPort();
            responder.behaviour(responder.accepting());

            PortResult result = new IkeProbe(FAST.withSource(SourceBinding.ANY.withPhonePort(port)))
                    .probe(responder.address(), IkePort.UDP_500);

            assertThat(result.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(result.source().phonePort()).isFalse();
            assertThat(result.source().address().getPort()).isNotEqualTo(port);
            assertThat(result.source().note()).isEqualTo("port " + port + " unavailable (Address already in use): ephemeral port");
            assertThat(result.transcript().text()).contains("note: source port " + port + " unavailable");
            assertThat(responder.received.get(0).from().getPort()).isEqualTo(result.source().address().getPort());
        }
    }

    @Test
    void aSourceAddressOrInterfaceIsBound() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.accepting());

            PortResult byAddress = new IkeProbe(FAST.withSource(SourceBinding.address(InetAddress.getByName("127.0.0.1"))))
                    .probe(responder.address(), IkePort.UDP_500);
            PortResult byInterface = new IkeProbe(FAST.withSource(SourceBinding.networkInterface("lo")))
                    .probe(responder.address(), IkePort.UDP_500);

            assertThat(byAddress.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(byAddress.source().address().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(byInterface.outcome()).isEqualTo(PortOutcome.ANSWERED);
            assertThat(byInterface.source().address().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        }
    }

    @Test
    void aSourceThatCannotReachTheTargetIsNotSent() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {
            PortResult wrongFamily = new IkeProbe(FAST.withSource(SourceBinding.address(InetAddress.getByName("::1"))))
                    .probe(responder.address(), IkePort.UDP_500);
            PortResult noInterface = new IkeProbe(FAST.withSource(SourceBinding.networkInterface("nosuch0")))
                    .probe(responder.address(), IkePort.UDP_500);

            assertThat(wrongFamily.outcome()).isEqualTo(PortOutcome.NOT_SENT);
            assertThat(wrongFamily.detail()).isEqualTo("not sent: source address ::1 is not IPv4 like the target 127.0.0.1");
            assertThat(noInterface.outcome()).isEqualTo(PortOutcome.NOT_SENT);
            assertThat(noInterface.detail()).isEqualTo("not sent: no network interface named 'nosuch0'");
            assertThat(noInterface.requests()).isZero();
            assertThat(responder.received).isEmpty();
        }
    }
}
