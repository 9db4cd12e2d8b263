package dev.wificall.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run reads and writes: the streams, the environment (attach credentials), the working
 * directory (relative paths, the report folder) and whether a person watches (progress).
 *
 * @param terminal true when stdout is a terminal ({@code System.console()}): progress lines then go to stderr
 */
record Io(PrintStream out, PrintStream err, Map<String, String> env, Path cwd, boolean terminal) {

    static Io system() {
        return new Io(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(), System.console() != null);
    }

    /** A path as the user gave it, relative to the working directory. */
    Path path(String text) {
        return cwd.resolve(text).normalize();
    }
}
