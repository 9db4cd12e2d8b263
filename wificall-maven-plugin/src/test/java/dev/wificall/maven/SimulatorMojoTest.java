package dev.wificall.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.probe.IkePort;
import dev.wificall.testkit.EpdgSimulationNetwork;
import dev.wificall.testkit.EpdgSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simulator-start, check and simulator-stop as one build runs them: the check finds the simulator
 * through the project properties the start set; a dropped port fails it; the stop puts everything
 * back. Mistakes are MojoExecutionExceptions naming element, property and value.
 */
class SimulatorMojoTest {

    private static final String PROJECT = "dev.wificall.samples:simulated:1 /tmp/simulated";

    @TempDir
    Path dir;

    private final Properties projectProperties = new Properties();

    @AfterEach
    void stopLeftovers() {
        SimulatorRegistry.closeAll();
    }

    private SimulatorStartMojo start() {
        SimulatorStartMojo m = new SimulatorStartMojo();
        m.operators = List.of(Operator.of("262-01"));
        m.projectProperties = projectProperties;
        m.userProperties = new Properties();
        m.projectKey = PROJECT;
        m.basedir = dir.toFile();
        return m;
    }

    private SimulatorStopMojo stop() {
        SimulatorStopMojo m = new SimulatorStopMojo();
        m.projectKey = PROJECT;
        return m;
    }

    /** The check as Maven configures it when the POM leaves dnsServer and portOffset to the properties. */
    private CheckMojo check() {
        CheckMojo m = new CheckMojo(new ReportWriter());
        m.operators = List.of(Operator.of("262-01"));
        m.dnsServer = projectProperties.getProperty("wificall.dnsServer");
        m.portOffset = Integer.parseInt(projectProperties.getProperty("wificall.portOffset"));
        m.dnsTimeout = "3s";
        m.probeTimeout = "800ms";
        m.ports = "500,4500";
        m.rate = 200;
        m.addressPolicy = "any";
        m.failOnViolation = true;
        m.formats = "json,junit,html";
        m.reportDirectory = dir.resolve("reports").toFile();
        m.basedir = dir.toFile();
        return m;
    }

    private static EpdgSimulationNetwork running() {
        return SimulatorRegistry.get(PROJECT).orElseThrow().network();
    }

    @Test
    void startCheckStop() throws Exception {
        projectProperties.setProperty("wificall.portOffset", "0"); // as a POM might default it
        start().execute();
        EpdgSimulationNetwork network = running();
        assertThat(projectProperties.getProperty("wificall.dnsServer")).isEqualTo(network.dnsServer());
        assertThat(projectProperties.getProperty("wificall.portOffset")).isEqualTo(String.valueOf(network.portOffset()));

        check().execute();
        assertThat(network.simulator().datagramsReceived(IkePort.UDP_500)).isPositive();
        assertThat(network.simulator().datagramsReceived(IkePort.UDP_4500)).isPositive();
        assertThat(dir.resolve("reports/wificall-report.json")).exists();

        stop().execute();
        assertThat(SimulatorRegistry.get(PROJECT)).isEmpty();
        assertThat(projectProperties.getProperty("wificall.dnsServer")).isNull();
        assertThat(projectProperties.getProperty("wificall.portOffset")).isEqualTo("0");
        try (EpdgSimulator again = EpdgSimulator.builder().portOffset(network.portOffset()).start()) {
            assertThat(again.portOffset()).isEqualTo(network.portOffset()); // its ports are free again
        }
    }

    @Test
    void droppedPortFailsTheCheck() throws Exception {
        SimulatorStartMojo m = start();
        m.drop = "4500";
        m.execute();

        assertThatThrownBy(() -> check().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: UDP/4500")
                .hasMessageContaining("while UDP/500 answered");
        stop().execute();
    }

    @Test
    void fixedOffsetAndProposals() throws Exception {
        SimulatorStartMojo m = start();
        m.portOffset = "21000";
        m.proposals = "aes128-sha256-modp2048";
        m.execute();

        assertThat(running().simulator().port(IkePort.UDP_500)).isEqualTo(21500);
        assertThat(projectProperties.getProperty("wificall.portOffset")).isEqualTo("21000");
        check().execute(); // the engine's broad offer includes modp2048
        stop().execute();
    }

    @Test
    void operatorsFileAndLongForm() throws Exception {
        Files.writeString(dir.resolve("operators.txt"), "# the office's roaming partners\n262-02\n");
        SimulatorStartMojo m = start();
        m.operators = List.of(Operator.of(java.util.Map.of("plmn", "262-01", "tac", "0x1A2B")));
        m.operatorsFile = dir.resolve("operators.txt").toFile();
        m.execute();

        assertThat(running().names()).contains("tac-lb2b.tac-hb1a.tac.epdg.epc.mnc001.mcc262.pub.3gppnetwork.org",
                "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org", "epdg.epc.mnc002.mcc262.pub.3gppnetwork.org");
    }

    @Test
    void secondStartStopsTheFirst() throws Exception {
        start().execute();
        EpdgSimulationNetwork first = running();
        start().execute();

        assertThat(running()).isNotSameAs(first);
        try (EpdgSimulator again = EpdgSimulator.builder().portOffset(first.portOffset()).start()) {
            assertThat(again.portOffset()).isEqualTo(first.portOffset());
        }
    }

    @Test
    void stopWithoutStartAndSkip() throws Exception {
        stop().execute();
        SimulatorStartMojo m = start();
        m.skip = true;
        m.operators = null; // not even read
        m.execute();
        assertThat(SimulatorRegistry.get(PROJECT)).isEmpty();
        assertThat(projectProperties).isEmpty();
    }

    @Test
    void mistakesNameElementPropertyAndValue() {
        SimulatorStartMojo drop = start();
        drop.drop = "4500,501";
        assertThatThrownBy(drop::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<drop>4500,501</drop> (property wificall.simulator.drop): '501' is not an IKE port; expected"
                        + " 500 or 4500; these are the ports the simulated firewall drops");

        SimulatorStartMojo offset = start();
        offset.portOffset = "ten";
        assertThatThrownBy(offset::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<portOffset>ten</portOffset> (property wificall.simulator.portOffset): 'ten' is"
                        + " not a number; expected 1 to 61035");
        SimulatorStartMojo range = start();
        range.portOffset = "70000";
        assertThatThrownBy(range::execute).hasMessageStartingWith("<portOffset>70000</portOffset> (property"
                + " wificall.simulator.portOffset): portOffset(70000): expected 1 to 61035");

        SimulatorStartMojo proposals = start();
        proposals.proposals = "aes999-sha256-modp2048";
        assertThatThrownBy(proposals::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<proposals>aes999-sha256-modp2048</proposals> (property"
                        + " wificall.simulator.proposals): ");

        SimulatorStartMojo none = start();
        none.operators = List.of();
        assertThatThrownBy(none::execute).hasMessageStartingWith("<operators> is empty: name the operators whose ePDG"
                + " the simulator plays");

        SimulatorStartMojo operator = start();
        operator.operators = List.of(Operator.of("26-1"));
        assertThatThrownBy(operator::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<operator>26-1</operator>: ");

        assertThat(SimulatorRegistry.get(PROJECT)).isEmpty();
        assertThat(projectProperties).isEmpty();
    }

    @Test
    void takenOffsetSaysSo() throws Exception {
        try (EpdgSimulator taken = EpdgSimulator.builder().start()) {
            SimulatorStartMojo m = start();
            m.portOffset = String.valueOf(taken.portOffset());
            assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class)
                    .hasMessageStartingWith("wificall: cannot start the ePDG simulator with <portOffset>"
                            + taken.portOffset() + "</portOffset> (property wificall.simulator.portOffset): ")
                    .hasMessageEndingWith("; choose another offset, or leave it empty for a free pair");
        }
    }
}
