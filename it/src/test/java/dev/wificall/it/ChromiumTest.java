package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chromium.java against the real Debian Chromium (it/lab/install.sh installs it), and against a stand-in that hangs
 * for the deadline and the clean-up. Needs no lab.
 */
class ChromiumTest {

    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>wificall</title></head>
            <body style="background: #fff">
            <h1>Wi-Fi Calling: ready</h1>
            <script>
              document.addEventListener('DOMContentLoaded', () =>
                  document.body.insertAdjacentHTML('beforeend', '<p id="loaded">rendered by script</p>'));
              setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<p id="timer">after a timer</p>'), 200);
            </script>
            </body></html>
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void dumpDomHasTheTextAndWhatScriptsAdded() throws IOException {
        Path html = write("page.html", PAGE);
        Set<Path> profilesBefore = profiles();

        String dom = new Chromium().dumpDom(html);

        assertThat(dom).contains("<h1>Wi-Fi Calling: ready</h1>")
                .contains("<p id=\"loaded\">rendered by script</p>")
                .contains("<p id=\"timer\">after a timer</p>");
        assertNoChromiumLeft(profilesBefore);
    }

    @Test
    @Timeout(120)
    void screenshotIsAPngOfTheWindowSize() throws IOException {
        Path html = write("page.html", PAGE);
        Path png = dir.resolve("shots/page.png");
        Set<Path> profilesBefore = profiles();

        new Chromium().screenshot(html, png, 640, 360);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(100);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        ByteBuffer ihdr = ByteBuffer.wrap(bytes, 16, 8);
        assertThat(ihdr.getInt()).as("width").isEqualTo(640);
        assertThat(ihdr.getInt()).as("height").isEqualTo(360);
        assertNoChromiumLeft(profilesBefore);
    }

    @Test
    void aMissingPageIsNamed() {
        Path missing = dir.resolve("nothing.html");
        assertThatThrownBy(() -> new Chromium().dumpDom(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
    }

    @Test
    void aMissingChromiumSaysHowToGetIt() throws IOException {
        Path html = write("page.html", PAGE);
        Chromium none = new Chromium(dir.resolve("no-chromium"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> none.dumpDom(html))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Chromium not found at " + dir.resolve("no-chromium"))
                .hasMessageContaining("it/lab/install.sh").hasMessageContaining("-Dwificall.it.chromium");
    }

    @Test
    @Timeout(60)
    void aHangingBrowserIsKilledWithItsChildrenAtTheDeadline() throws Exception {
        Path html = write("page.html", PAGE);
        Path childPid = dir.resolve("child.pid");
        // a stand-in that starts a child, as Chromium starts its zygote and renderers, and never finishes
        Path fake = write("fake-chromium", "#!/bin/sh\nsleep 300 &\necho $! > '" + childPid + "'\nsleep 300\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Set<Path> profilesBefore = profiles();
        long start = System.nanoTime();

        assertThatThrownBy(() -> new Chromium(fake, Duration.ofSeconds(2)).dumpDom(html))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not dump the DOM of").hasMessageContaining("within 2 s");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        long child = Long.parseLong(Files.readString(childPid).strip());
        assertThat(running(child)).as("the stand-in's child %d", child).isFalse();
        assertNoChromiumLeft(profilesBefore);
    }

    @Test
    @Timeout(60)
    void aFailingBrowserIsReportedWithItsStderr() throws IOException {
        Path html = write("page.html", PAGE);
        Path fake = write("fake-chromium", "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> new Chromium(fake, Duration.ofSeconds(10)).screenshot(html, dir.resolve("x.png"), 10, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exit 3").hasMessageContaining("cannot open display");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** No process of this JVM's is left running, nor a temporary profile of this test. */
    private static void assertNoChromiumLeft(Set<Path> profilesBefore) throws IOException {
        List<String> left = ProcessHandle.current().descendants().filter(h -> running(h.pid()))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
        assertThat(left).as("processes left running").isEmpty();
        assertThat(profiles()).as("temporary profiles").isSubsetOf(profilesBefore);
    }

    private static Set<Path> profiles() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("wificall-chromium-")).collect(Collectors.toSet());
        }
    }

    /** Alive and not a zombie: a killed child whose parent died too stays a zombie here, since PID 1 does not reap. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }
}
