package dev.wificall.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a local HTML file in headless Chromium (Debian's package chromium, which it/lab/install.sh installs): the
 * DOM after the page loaded, or a screenshot. Each call starts a fresh browser with its own temporary profile, under
 * a deadline, and leaves no process or profile behind, also when Chromium fails or hangs. The page is a file:// URL and
 * the flags keep Chromium off the network (this machine has none beyond the package registries).
 */
final class Chromium {

    static final String EXECUTABLE_PROPERTY = "wificall.it.chromium";
    static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    /** Virtual time the page gets after load, so that timers a script sets on load have run before the dump. */
    static final int VIRTUAL_TIME_BUDGET_MS = 1000;

    /** What headless Chromium needs here, as root, without a network, a GPU or a D-Bus. */
    static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox", // root
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-crash-reporter",
            "--disable-breakpad",
            "--disable-dev-shm-usage", // a small /dev/shm in a container crashes the renderer otherwise
            "--hide-scrollbars",
            "--mute-audio",
            "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS);

    private final Path executable;
    private final Duration deadline;

    /** The Chromium of system property {@value #EXECUTABLE_PROPERTY}, default {@value #DEFAULT_EXECUTABLE}, 60 s per page. */
    Chromium() {
        this(Path.of(System.getProperty(EXECUTABLE_PROPERTY, DEFAULT_EXECUTABLE)), DEFAULT_DEADLINE);
    }

    Chromium(Path executable, Duration deadline) {
        this.executable = executable;
        this.deadline = deadline;
    }

    Path executable() {
        return executable;
    }

    /** The DOM of the page once loaded (and its on-load timers ran), serialized as HTML ({@code --dump-dom}). */
    String dumpDom(Path html) throws IOException {
        Run run = run(html, List.of("--dump-dom"), "dump the DOM of");
        if (run.exit != 0 || run.stdout.isBlank()) {
            throw failure("dumping the DOM of " + html, run);
        }
        return run.stdout;
    }

    /** A PNG screenshot of the page in a window of {@code width} x {@code height} CSS pixels. */
    void screenshot(Path html, Path png, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("window size " + width + "x" + height + " is not positive");
        }
        Path target = png.toAbsolutePath();
        Files.deleteIfExists(target); // a PNG left from an earlier run must not pass for this one
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Run run = run(html, List.of("--screenshot=" + target, "--window-size=" + width + "," + height),
                "take a screenshot of");
        if (run.exit != 0 || !Files.isRegularFile(target) || Files.size(target) == 0) {
            throw failure("taking a " + width + "x" + height + " screenshot of " + html + " into " + target, run);
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(Path html, List<String> action, String what) throws IOException {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("Chromium not found at " + executable + "; run it/lab/install.sh as root"
                    + " (Debian's package chromium), or set -D" + EXECUTABLE_PROPERTY + "=<path>");
        }
        Path page = html.toAbsolutePath().normalize();
        if (!Files.isRegularFile(page)) {
            throw new IllegalArgumentException("cannot " + what + " " + page + ": no such file");
        }
        Path profile = Files.createTempDirectory("wificall-chromium-");
        Path stdout = Files.createTempFile("wificall-chromium-", ".out");
        Path stderr = Files.createTempFile("wificall-chromium-", ".err");
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.addAll(action);
        command.add(page.toUri().toString());
        Process process = null;
        Set<ProcessHandle> seen = new LinkedHashSet<>();
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(profile.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // its own HOME and caches: nothing of the user's profile, nothing left in it
            builder.environment().put("HOME", profile.toString());
            builder.environment().put("XDG_CONFIG_HOME", profile.resolve(".config").toString());
            builder.environment().put("XDG_CACHE_HOME", profile.resolve(".cache").toString());
            process = builder.start();
            long end = System.nanoTime() + deadline.toNanos();
            boolean exited = false;
            while (!exited) {
                // remember the tree while it is there: children that outlive the browser are re-parented away
                process.descendants().forEach(seen::add);
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                exited = process.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
            if (!exited) {
                destroyTree(process, seen);
                throw new IllegalStateException("Chromium did not " + what + " " + page + " within "
                        + deadline.toSeconds() + " s; killed it. Its stderr:\n" + tail(read(stderr)));
            }
            return new Run(process.exitValue(), read(stdout), read(stderr));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium was to " + what + " " + page, e);
        } finally {
            if (process != null) {
                destroyTree(process, seen);
            }
            deleteTree(profile);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Ends the browser and every process it started that is still there. */
    static void destroyTree(Process process, Set<ProcessHandle> seen) {
        Set<ProcessHandle> all = new LinkedHashSet<>(seen);
        process.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle h : all) {
                h.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception stillThere) {
            // killed with SIGKILL; what does not go away within 5 s is beyond this class
        }
    }

    private IllegalStateException failure(String what, Run run) {
        return new IllegalStateException("Chromium failed " + what + " (exit " + run.exit + "); " + executable
                + ". Its stderr:\n" + tail(run.stderr));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The last lines of Chromium's stderr, which is mostly D-Bus noise on this machine. */
    private static String tail(String stderr) {
        List<String> lines = stderr.lines().filter(l -> !l.contains("dbus/")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        // a Chromium process killed just now may still be writing: try twice
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (java.nio.file.NoSuchFileException gone) {
                if (!Files.exists(dir)) {
                    return;
                }
                if (attempt > 0) {
                    throw gone;
                }
            } catch (IOException e) {
                if (attempt > 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted deleting " + dir, e);
            }
        }
    }
}
