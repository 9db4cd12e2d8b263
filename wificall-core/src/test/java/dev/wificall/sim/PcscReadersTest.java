package dev.wificall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the PC/SC side without a reader: the library path it sets for the JDK.
 * Choosing a reader is {@link ReaderChoiceTest}; the live list needs pcscd and is not a unit test.
 */
class PcscReadersTest {

    @Test
    void pointsTheJdkAtTheSystemsPcscLiteUnlessSomeoneChoseOne() {
        String before = System.getProperty(PcscReaders.LIBRARY_PROPERTY);
        try {
            System.clearProperty(PcscReaders.LIBRARY_PROPERTY);
            PcscReaders.useSystemLibrary();
            String expected = Stream.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1", "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
                    "/usr/lib64/libpcsclite.so.1", "/usr/lib/libpcsclite.so.1")
                    .filter(p -> Files.isRegularFile(Path.of(p))).findFirst().orElse(null);
            assertThat(System.getProperty(PcscReaders.LIBRARY_PROPERTY)).isEqualTo(expected);

            System.setProperty(PcscReaders.LIBRARY_PROPERTY, "/opt/pcsc/libpcsclite.so");
            PcscReaders.useSystemLibrary();
            assertThat(System.getProperty(PcscReaders.LIBRARY_PROPERTY)).isEqualTo("/opt/pcsc/libpcsclite.so");
        } finally {
            if (before == null) {
                System.clearProperty(PcscReaders.LIBRARY_PROPERTY);
            } else {
                System.setProperty(PcscReaders.LIBRARY_PROPERTY, before);
            }
        }
    }

    @Test
    void aPcscFailureIsNamedByItsInnermostCause() {
        Exception e = new Exception("Error constructing TerminalFactory", new RuntimeException("wrapped",
                new IllegalStateException("SCARD_E_NO_SERVICE")));
        assertThat(PcscLink.cause(e)).isEqualTo("SCARD_E_NO_SERVICE");
        assertThat(PcscLink.cause(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void aListedReaderHasAnIndexAndAName() {
        PcscReaders.Reader r = new PcscReaders.Reader(1, "Virtual PCD 00 01", true);
        assertThat(r.index()).isEqualTo(1);
        assertThat(r.name()).isEqualTo("Virtual PCD 00 01");
        assertThat(r.card()).isTrue();
        assertThatThrownBy(() -> new PcscReaders.Reader(-1, "x", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reader index -1 is negative; expected 0 or more");
        assertThatThrownBy(() -> new PcscReaders.Reader(0, " ", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reader 0 has no name; expected the name PC/SC lists");
    }
}
