package dev.wificall.maven;

import static dev.wificall.maven.CheckMojoTest.IMSI;
import static dev.wificall.maven.CheckMojoTest.K;
import static dev.wificall.maven.CheckMojoTest.OPC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wificall.attach.AttachSettings;
import dev.wificall.eap.CredentialSource;
import dev.wificall.sim.ReaderSim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <simReader>} and {@code <simPinFile>} (properties {@code wificall.sim.reader} and
 * {@code wificall.sim.pinFile}), the PIN otherwise from WIFICALL_SIM_PIN: they make the SIM in that
 * reader the subscriber without asking the card (no pcscd needed); each mistake names element,
 * property and value, and no message or log line shows the PIN.
 */
class SimReaderMojoTest {

    private static final String READER = "Lab Reader 00";
    private static final String PIN = "4711";

    @TempDir
    Path dir;

    private CheckMojo mojo(String ikeAuth, Map<String, String> env) {
        CheckMojo m = new CheckMojo(new ReportWriter());
        m.operators = List.of(Operator.of("262-01"));
        m.dnsServer = "127.0.0.1:9";
        m.dnsTimeout = "1s";
        m.probeTimeout = "2400ms";
        m.ports = "500,4500";
        m.rate = 200;
        m.addressPolicy = "any";
        m.failOnViolation = true;
        m.formats = "json";
        m.reportDirectory = dir.resolve("reports").toFile();
        m.basedir = dir.toFile();
        m.ikeAuth = ikeAuth;
        m.certificateWarningDays = "30";
        m.apn = "ims";
        m.attachTimeout = "15s";
        m.environment = env;
        m.simReader = READER;
        return m;
    }

    @Test
    void theSimInTheReaderIsTheSubscriberAndTheEnvironmentsKeysAreIgnored() throws Exception {
        CheckMojo m = mojo("attach", Map.of("WIFICALL_SIM_PIN", PIN, "WIFICALL_IMSI", IMSI, "WIFICALL_K", K,
                "WIFICALL_OPC", OPC));
        AttachSettings s = m.attachSettings().orElseThrow();
        CredentialSource credentials = s.credentials().orElseThrow();
        assertThat(credentials).isInstanceOf(ReaderSim.class);
        assertThat(credentials.description()).isEqualTo("SIM in reader 'Lab Reader 00'");
        assertThat(credentials.toString()).isEqualTo("SIM in reader 'Lab Reader 00' (PIN from WIFICALL_SIM_PIN)");
        Files.writeString(dir.resolve("sim.pin"), PIN + "\n");
        m.simPinFile = "sim.pin";
        assertThat(m.attachSettings().orElseThrow().credentials().orElseThrow().toString())
                .isEqualTo("SIM in reader 'Lab Reader 00' (PIN from " + dir.resolve("sim.pin") + ")");
    }

    @Test
    void theFirstLineNamesTheReaderAndThePinSourceWithoutAskingTheCard() throws Exception {
        CheckMojo m = mojo("attach", Map.of("WIFICALL_SIM_PIN", PIN));
        IkeAuthLogTest.Lines log = new IkeAuthLogTest.Lines(false);
        m.setLog(log);
        // the resolver is a closed loopback port: DNS fails, so no attach starts and no card is asked
        assertThat(catchThrowable(m::execute)).isInstanceOf(MojoFailureException.class);
        assertThat(log.lines.get(0)).startsWith("INFO wificall: checking 1 operator through ")
                .contains(", then an EAP-AKA attach with the SIM in reader 'Lab Reader 00' (ikeAuth=attach, PIN from"
                        + " WIFICALL_SIM_PIN, APN ims, no trustStore: certificate chains are reported, not judged)");
        assertThat(String.join("\n", log.lines)).doesNotContain(PIN);
    }

    @Test
    void aReaderWithProbeNamesTheReaderElement() {
        Throwable t = catchThrowable(() -> mojo("probe", Map.of("WIFICALL_SIM_PIN", PIN)).attachSettings());
        assertThat(t).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<simReader>Lab Reader 00</simReader> (property wificall.sim.reader): a SIM in a reader is for"
                        + " the attach, but wificall.ikeAuth is probe; set wificall.ikeAuth=attach, or leave"
                        + " wificall.sim.reader unset");
        assertThat(t.getMessage()).doesNotContain(PIN);
    }

    @Test
    void aReaderAndKeysBothNamingTheSubscriberNamesTheReaderNeverTheKeys() {
        CheckMojo m = mojo("attach", Map.of("WIFICALL_SIM_PIN", PIN));
        m.imsi = IMSI;
        m.k = K;
        m.opc = OPC;
        Throwable t = catchThrowable(m::attachSettings);
        assertThat(t).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<simReader>Lab Reader 00</simReader> (property wificall.sim.reader): the SIM in reader"
                        + " 'Lab Reader 00' and wificall.imsi/k/opc/op both name the subscriber; keep one of them");
        assertThat(t.getMessage()).doesNotContain(PIN).doesNotContain(IMSI).doesNotContainIgnoringCase(K)
                .doesNotContainIgnoringCase(OPC);
    }

    @Test
    void aPinFileWithoutAReaderNamesThePinFileElement() throws Exception {
        Files.writeString(dir.resolve("sim.pin"), PIN);
        CheckMojo m = mojo("attach", Map.of());
        m.simReader = null;
        m.simPinFile = "sim.pin";
        Throwable t = catchThrowable(m::attachSettings);
        assertThat(t).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<simPinFile>sim.pin</simPinFile> (property wificall.sim.pinFile): wificall.sim.pinFile is set"
                        + " but wificall.sim.reader is not: set wificall.sim.reader to the card reader's name, a unique"
                        + " part of it, or its index (0 for the first)");
        assertThat(t.getMessage()).doesNotContain(PIN);
    }

    @Test
    void aBadPinFileNamesThePathAndWhatIsWrongNeverThePin() throws Exception {
        String notAPin = "47x1";
        Files.writeString(dir.resolve("sim.pin"), notAPin);
        CheckMojo m = mojo("attach", Map.of());
        m.simPinFile = "sim.pin";
        Throwable t = catchThrowable(m::attachSettings);
        assertThat(t).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<simPinFile>sim.pin</simPinFile> (property wificall.sim.pinFile): " + dir.resolve("sim.pin")
                        + ": the SIM's PIN must be 4 to 8 digits; got 4 characters, not all digits");
        assertThat(t.getMessage()).doesNotContain(notAPin);
        m.simPinFile = "missing.pin";
        assertThat(catchThrowable(m::attachSettings)).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<simPinFile>missing.pin</simPinFile> (property wificall.sim.pinFile): "
                        + dir.resolve("missing.pin") + " does not exist; expected a file holding the SIM's PIN (4 to 8"
                        + " digits) on one line");
    }

    @Test
    void aBadPinInTheEnvironmentNamesTheVariableNeverItsValue() {
        String badPin = "47-11";
        Throwable t = catchThrowable(() -> mojo("attach", Map.of("WIFICALL_SIM_PIN", badPin)).attachSettings());
        assertThat(t).isInstanceOf(MojoExecutionException.class)
                .hasMessage("environment variable WIFICALL_SIM_PIN: the SIM's PIN must be 4 to 8 digits; got 5 characters,"
                        + " not all digits");
        assertThat(t.getMessage()).doesNotContain(badPin).doesNotContain("4711");
    }
}
