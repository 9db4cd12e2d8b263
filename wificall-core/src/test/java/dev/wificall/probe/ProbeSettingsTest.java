package dev.wificall.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.ike.IkeProposals;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeSettingsTest {

    @Test
    void defaultsKeepTheRetransmissionPolicyAndAddPoliteKnobs() {
        ProbeSettings d = ProbeSettings.DEFAULTS;
        assertThat(d.initialWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(d.deadline()).isEqualTo(Duration.ofMillis(2400));
        assertThat(d.proposals()).isEqualTo(IkeProposals.PHONE);
        assertThat(d.broadRecheck()).isTrue();
        assertThat(d.jitter()).isEqualTo(0.1);
        assertThat(d.packetsPerSecond()).isEqualTo(200);
        assertThat(d.maxInFlight()).isEqualTo(512);
        assertThat(d.globalDeadline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.source()).isEqualTo(SourceBinding.ANY);
        assertThat(d.source().policy()).isEqualTo(SourcePortPolicy.EPHEMERAL);
    }

    @Test
    void aLongDeadlineWidensTheDefaultGlobalDeadline() {
        assertThat(new ProbeSettings(Duration.ofSeconds(1), Duration.ofSeconds(90)).globalDeadline())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badValuesAreNamedWithWhatIsExpected() {
        ProbeSettings d = ProbeSettings.DEFAULTS;
        assertThatThrownBy(() -> d.withJitter(0.7)).hasMessage(
                "retransmission jitter 0.7 must be between 0 and 0.5 (a share of each wait, e.g. 0.1 for ±10 %)");
        assertThatThrownBy(() -> d.withGlobalDeadline(Duration.ofSeconds(1))).hasMessage(
                "global deadline PT1S must be at least the probe deadline PT2.4S, e.g. 60 s");
        assertThatThrownBy(() -> d.withPacketsPerSecond(-1)).hasMessage(
                "packet rate -1/s must be 0 (no cap) or positive, e.g. 200");
        assertThatThrownBy(() -> d.withMaxInFlight(0)).hasMessage(
                "probes in flight 0 must be between 1 and 8192, e.g. 512");
        assertThatThrownBy(() -> new ProbeSettings(Duration.ZERO, Duration.ofSeconds(1))).hasMessage(
                "retransmission wait PT0S must be positive, e.g. 200 ms");
    }

    @Test
    void sourceBindingIsChecked() throws Exception {
        assertThatThrownBy(() -> new SourceBinding(InetAddress.getByName("10.0.0.1"), "eth0", SourcePortPolicy.EPHEMERAL, 0))
                .hasMessage("source address 10.0.0.1 and interface 'eth0' both given; expected one of them");
        assertThatThrownBy(() -> SourceBinding.ANY.withPhonePort(70_000)).hasMessage(
                "source port 70000 is not a port; expected 1 to 65535, or 0 for the target's own port number");
        assertThatThrownBy(() -> new SourceBinding(null, null, SourcePortPolicy.EPHEMERAL, 500)).hasMessage(
                "source port 500 needs source port policy PHONE_PORTS_IF_POSSIBLE, not EPHEMERAL");
        assertThat(SourceBinding.ANY.withPhonePort(4242).policy()).isEqualTo(SourcePortPolicy.PHONE_PORTS_IF_POSSIBLE);
    }
}
