package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** This build's wificall-cli launcher as a process with a deadline, its output kept; the ITs of the CLI share it. */
final class Launcher {
    static final Path PATH = Path.of(System.getProperty("wificall.it.cli", "../wificall-cli/target/bin/wificall"));

    private Launcher() {
    }

    /** What one run printed and how it ended. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * Runs {@code wificall ARGS} in {@code dir}; {@code environment} adjusts the inherited environment
     * first. A run past {@code deadline} is killed and fails the test.
     */
    static Run run(Path dir, Consumer<Map<String, String>> environment, Duration deadline, String... args)
            throws IOException, InterruptedException {
        assertThat(PATH).as("the launcher of wificall-cli; build the reactor (-pl it -am)").isExecutable();
        List<String> command = new ArrayList<>(List.of(PATH.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("wificall-cli-", ".out");
        Path err = Files.createTempFile("wificall-cli-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            environment.accept(pb.environment());
            Process p = pb.start();
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("wificall " + String.join(" ", args) + " did not end in " + deadline.toSeconds() + " s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
