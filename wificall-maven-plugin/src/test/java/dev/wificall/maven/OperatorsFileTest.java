package dev.wificall.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators file: one PLMN or ePDG name per line, comments and blank lines ignored. */
class OperatorsFileTest {

    @TempDir
    Path dir;

    @Test
    void plmnsAndNamesWithCommentsAndBlankLines() throws Exception {
        Path file = dir.resolve("operators.txt");
        Files.writeString(file, "# Germany\n262-01\n\n  262-002   # Vodafone\nepdg.example.net\r\n");
        List<SelectionInput> inputs = new ArrayList<>();
        for (Operator o : OperatorsFile.read(file)) {
            inputs.add(o.selection());
        }
        assertThat(inputs).containsExactly(SelectionInput.of(Plmn.parse("262-01")), SelectionInput.of(Plmn.parse("262-002")),
                SelectionInput.configured("epdg.example.net"));
    }

    @Test
    void aBadLineIsNamedByFileAndLine() throws Exception {
        Path file = dir.resolve("operators.txt");
        Files.writeString(file, "262-01\n# next one is wrong\n26-01\n");
        assertThatThrownBy(() -> OperatorsFile.read(file)).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith(file + " line 3: <operator>26-01</operator>: '26-01' is not an operator");
    }

    @Test
    void missingOrEmptyFileIsAConfigurationError() throws Exception {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> OperatorsFile.read(missing))
                .hasMessage("<operatorsFile>" + missing + "</operatorsFile> (property wificall.operatorsFile): no such file;"
                        + " expected a text file with one operator per line (262-01 or epdg.example.net), relative to the"
                        + " project's directory");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing yet\n\n");
        assertThatThrownBy(() -> OperatorsFile.read(empty)).hasMessageContaining("no operator in the file");
        Path binary = dir.resolve("bin.txt");
        Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> OperatorsFile.read(binary)).hasMessageContaining("not UTF-8 text");
    }
}
