package dev.wificall.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lab of it/lab/lab.sh: strongSwan charon as the ePDG in the network namespace wificall-epdg,
 * dnsmasq on 127.0.0.77:15353 and nftables rules inside the namespace, one ePDG address per scenario.
 * Closing it (or the JVM ending) takes everything down again.
 */
final class Lab implements AutoCloseable {

    static final String DNS = "127.0.0.77:15353";

    private final Path script;
    private final Thread shutdownHook;
    private boolean closed;

    private Lab(Path script) {
        this.script = script;
        this.shutdownHook = new Thread(this::down, "wificall-lab-down");
    }

    static Lab up() {
        return up(Path.of(System.getProperty("wificall.lab.script", "lab/lab.sh")));
    }

    /** The attach lab of it/lab/attach.sh: charon with EAP-AKA in wificall-ims, its resolver {@link AttachLab#DNS}. */
    static Lab attach() {
        return up(Path.of(System.getProperty("wificall.attach.script", "lab/attach.sh")));
    }

    /**
     * The audit lab of it/lab/audit.sh: strongSwan 5.9.8, libreswan 4.10 and strongSwan 6.1.0 responders
     * with the proposal sets of {@link AuditLab#RESPONDERS}, its resolver {@link AuditLab#DNS}.
     */
    static Lab audit() {
        return up(Path.of(System.getProperty("wificall.lab.script", "lab/lab.sh")).resolveSibling("audit.sh"));
    }

    /**
     * The SIM lab of it/lab/sim.sh: a private pcscd with a vpcd reader and the virtual USIM in it (PIN
     * {@link SimLab#PIN}, the lab subscriber). Its socket is where the build's surefire configuration
     * points PCSCLITE_CSOCK_NAME.
     */
    static Lab sim() {
        return up(Path.of(System.getProperty("wificall.lab.script", "lab/lab.sh")).resolveSibling("sim.sh"));
    }

    private static Lab up(Path script) {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("lab script " + script.toAbsolutePath() + " not found; run the tests from the reactor");
        }
        Lab lab = new Lab(script);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        Result up = lab.run(Duration.ofSeconds(60), "up");
        if (up.exit != 0) {
            String logs = lab.run(Duration.ofSeconds(10), "logs").output;
            lab.close();
            throw new IllegalStateException(script.getFileName() + " up failed (exit " + up.exit + "); the lab needs root and the packages"
                    + " of it/lab/install.sh:\n" + up.output + "\n" + logs);
        }
        return lab;
    }

    /** Runs a lab.sh subcommand, e.g. {@code block 4500 drop}; fails the test when it fails. */
    void command(String... args) {
        Result r = run(Duration.ofSeconds(30), args);
        if (r.exit != 0) {
            throw new IllegalStateException(script.getFileName() + " " + String.join(" ", args) + " failed (exit " + r.exit + "):\n" + r.output);
        }
    }

    /** Runs a lab subcommand and returns what it printed; fails the test when it fails. */
    String output(String... args) {
        Result r = run(Duration.ofSeconds(30), args);
        if (r.exit != 0) {
            throw new IllegalStateException(script.getFileName() + " " + String.join(" ", args) + " failed (exit " + r.exit + "):\n" + r.output);
        }
        return r.output;
    }

    String logs() {
        return run(Duration.ofSeconds(10), "logs").output;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            down();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run: nothing left to remove
            }
        }
    }

    private void down() {
        run(Duration.ofSeconds(30), "down");
    }

    private Result run(Duration deadline, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        return Processes.run(command, script.getParent(), deadline);
    }

    record Result(int exit, String output) {
    }

    /** Runs a command with a deadline, its output merged and kept; never hangs a build. */
    static final class Processes {
        private Processes() {
        }

        static Result run(List<String> command, Path dir, Duration deadline) {
            try {
                Path log = Files.createTempFile("wificall-it-", ".log");
                try {
                    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                            .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
                    if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                        return new Result(-1, Files.readString(log, StandardCharsets.UTF_8)
                                + "\n[killed after " + deadline.toSeconds() + " s: " + String.join(" ", command) + "]");
                    }
                    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
                } finally {
                    Files.deleteIfExists(log);
                }
            } catch (IOException e) {
                return new Result(-1, "cannot run " + String.join(" ", command) + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(-1, "interrupted: " + String.join(" ", command));
            }
        }
    }
}
