package dev.wificall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader and PIN settings: what they give, and what a wrong one says (never the PIN). */
class SimOptionsTest {
    @TempDir
    Path dir;

    private SimSettings settings(SimOptions options, Map<String, String> env) {
        return options.toSettings(dir, env).orElseThrow();
    }

    @Test
    void noReaderMeansNoSim() {
        assertThat(SimOptions.NONE.toSettings(dir, Map.of(SimOptions.ENV_PIN, "2580"))).isEmpty();
        assertThat(new SimOptions(" ", null).toSettings(dir, Map.of())).isEmpty();
    }

    @Test
    void aPinFileWithoutReaderIsAMistake() {
        assertThatThrownBy(() -> new SimOptions(null, "pin").toSettings(dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wificall.sim.pinFile is set but wificall.sim.reader is not: set wificall.sim.reader to the card "
                        + "reader's name, a unique part of it, or its index (0 for the first)");
    }

    @Test
    void thePinComesFromTheFileRelativeToTheBaseDirectory() throws Exception {
        Files.writeString(dir.resolve("sim.pin"), "2580\n");
        SimSettings s = settings(new SimOptions(" OMNIKEY ", "sim.pin"), Map.of(SimOptions.ENV_PIN, "1111"));
        assertThat(s.reader()).isEqualTo("OMNIKEY");
        assertThat(s.pin().read()).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("2580"));
        assertThat(s.pin().toString()).isEqualTo("PIN from " + dir.resolve("sim.pin"));
        assertThat(s.toString()).doesNotContain("2580");
        // read again each time: a fresh array the card wipes
        char[] first = s.pin().read().orElseThrow();
        java.util.Arrays.fill(first, '\0');
        assertThat(new String(s.pin().read().orElseThrow())).isEqualTo("2580");
        Files.writeString(dir.resolve("crlf.pin"), "87654321\r\n");
        assertThat(new String(settings(new SimOptions("0", "crlf.pin"), Map.of()).pin().read().orElseThrow()))
                .isEqualTo("87654321");
    }

    @Test
    void thePinComesFromTheEnvironmentWhenNoFileIsSet() {
        SimSettings s = settings(new SimOptions("0", null), Map.of(SimOptions.ENV_PIN, "2580"));
        assertThat(new String(s.pin().read().orElseThrow())).isEqualTo("2580");
        assertThat(s.pin()).hasToString("PIN from WIFICALL_SIM_PIN");
        assertThat(s.toString()).doesNotContain("2580");
        SimSettings none = settings(new SimOptions("0", null), Map.of());
        assertThat(none.pin()).isSameAs(SimPin.NONE);
        assertThat(none.pin().read()).isEqualTo(Optional.empty());
        assertThat(none.pin()).hasToString("no PIN");
    }

    @Test
    void aBadPinInTheEnvironmentNamesTheVariableNotThePin() {
        assertThatThrownBy(() -> new SimOptions("0", null).toSettings(dir, Map.of(SimOptions.ENV_PIN, "258")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("env WIFICALL_SIM_PIN: the SIM's PIN must be 4 to 8 digits; got 3 characters");
        assertThatThrownBy(() -> new SimOptions("0", null).toSettings(dir, Map.of(SimOptions.ENV_PIN, "25 80")))
                .hasMessage("env WIFICALL_SIM_PIN: the SIM's PIN must be 4 to 8 digits; got 5 characters, not all digits");
    }

    @Test
    void aBadPinFileSaysWhatIsExpected() throws Exception {
        Path missing = dir.resolve("missing.pin");
        assertThatThrownBy(() -> new SimOptions("0", "missing.pin").toSettings(dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wificall.sim.pinFile: " + missing + " does not exist; expected a file holding the SIM's PIN "
                        + "(4 to 8 digits) on one line");
        assertThatThrownBy(() -> new SimOptions("0", ".").toSettings(dir, Map.of()))
                .hasMessageContaining(" is not a regular file; expected a file holding the SIM's PIN");
        Files.writeString(dir.resolve("two.pin"), "2580\n1111\n");
        assertThatThrownBy(() -> new SimOptions("0", "two.pin").toSettings(dir, Map.of()))
                .hasMessage("wificall.sim.pinFile: " + dir.resolve("two.pin") + " holds more than one line; expected one line "
                        + "with the SIM's PIN (4 to 8 digits)");
        Files.writeString(dir.resolve("short.pin"), "258\n");
        assertThatThrownBy(() -> new SimOptions("0", "short.pin").toSettings(dir, Map.of()))
                .hasMessage("wificall.sim.pinFile (" + dir.resolve("short.pin") + "): the SIM's PIN must be 4 to 8 digits; "
                        + "got 3 characters")
                .message().doesNotContain("258\n");
        Files.writeString(dir.resolve("empty.pin"), "");
        assertThatThrownBy(() -> new SimOptions("0", "empty.pin").toSettings(dir, Map.of()))
                .hasMessageEndingWith("the SIM's PIN must be 4 to 8 digits; got 0 characters");
        Files.writeString(dir.resolve("big.pin"), "2".repeat(100));
        assertThatThrownBy(() -> new SimOptions("0", "big.pin").toSettings(dir, Map.of()))
                .hasMessage("wificall.sim.pinFile: " + dir.resolve("big.pin") + " is 100 bytes; expected one line with the "
                        + "SIM's PIN (4 to 8 digits)");
    }

    @Test
    void aPinFileThatChangesIsCheckedAgainWhenRead() throws Exception {
        Path file = dir.resolve("sim.pin");
        Files.writeString(file, "2580");
        SimSettings s = settings(new SimOptions("0", "sim.pin"), Map.of());
        Files.writeString(file, "25a0");
        assertThatThrownBy(() -> s.pin().read()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("the SIM's PIN must be 4 to 8 digits; got 4 characters, not all digits");
    }
}
