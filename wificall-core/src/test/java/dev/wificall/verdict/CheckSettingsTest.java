package dev.wificall.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.probe.IkePort;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings as people write them: durations with units, port lists, the probe's silence deadline. */
class CheckSettingsTest {

    @Test
    void durationsWithUnits() {
        assertThat(CheckSettings.parseDuration("3s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(CheckSettings.parseDuration(" 2.4S ")).isEqualTo(Duration.ofMillis(2400));
        assertThat(CheckSettings.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CheckSettings.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> CheckSettings.parseDuration("3")).hasMessage("'3' is not a duration; expected a number"
                + " with a unit, e.g. 3s, 500ms or 1m");
        assertThatThrownBy(() -> CheckSettings.parseDuration("-1s")).hasMessageContaining("'-1s' is not a duration");
        assertThatThrownBy(() -> CheckSettings.parseDuration("11m")).hasMessage("11m is out of range; expected between"
                + " 1ms and 10m");
        assertThatThrownBy(() -> CheckSettings.parseDuration("0ms")).hasMessageContaining("out of range");
    }

    @Test
    void addressCapAsPeopleWriteIt() {
        assertThat(CheckSettings.DEFAULTS.maxAddresses()).isEqualTo(16);
        assertThat(CheckSettings.parseMaxAddresses(" 1000 ")).isEqualTo(1000);
        assertThat(CheckSettings.DEFAULTS.withMaxAddresses(3).withPorts(java.util.List.of(IkePort.UDP_500))
                .withPortOffset(10000).maxAddresses()).as("kept by the other withers").isEqualTo(3);
        assertThatThrownBy(() -> CheckSettings.parseMaxAddresses("-1")).hasMessage("'-1' is not a number of addresses;"
                + " expected a positive whole number of addresses to probe per name, e.g. 16 (the default) or 1000");
        assertThatThrownBy(() -> CheckSettings.parseMaxAddresses("99999999999")).hasMessageContaining("'99999999999' is not");
        assertThatThrownBy(() -> CheckSettings.DEFAULTS.withMaxAddresses(0)).hasMessageContaining(
                "wificall.maxAddresses=0 probes no address");
    }

    @Test
    void portLists() {
        assertThat(IkePort.parseList("500,4500")).containsExactly(IkePort.UDP_500, IkePort.UDP_4500);
        assertThat(IkePort.parseList("UDP/4500 500")).containsExactly(IkePort.UDP_4500, IkePort.UDP_500);
        assertThatThrownBy(() -> IkePort.parseList("500,501")).hasMessage("'501' is not an IKE port; expected 500 or 4500");
        assertThatThrownBy(() -> IkePort.parseList("500,500")).hasMessageContaining("UDP/500 is listed twice");
        assertThatThrownBy(() -> IkePort.parseList(" , ")).hasMessageContaining("no port in ' , '");
    }

    @Test
    void probeTimeoutKeepsTheRetransmissionScheduleAndStretchesTheGlobalDeadline() {
        CheckSettings s = CheckSettings.DEFAULTS.withProbeTimeout(Duration.ofSeconds(5));
        assertThat(s.probe().deadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.probe().initialWait()).isEqualTo(Duration.ofMillis(200));
        CheckSettings shortOne = CheckSettings.DEFAULTS.withProbeTimeout(Duration.ofMillis(100));
        assertThat(shortOne.probe().initialWait()).isEqualTo(Duration.ofMillis(100));
        CheckSettings longOne = CheckSettings.DEFAULTS.withProbeTimeout(Duration.ofMinutes(2));
        assertThat(longOne.probe().globalDeadline()).isEqualTo(Duration.ofMinutes(2));
    }
}
