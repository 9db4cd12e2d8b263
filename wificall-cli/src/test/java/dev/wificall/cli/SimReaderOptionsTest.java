package dev.wificall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.AttachSettings;
import dev.wificall.eap.CredentialSource;
import dev.wificall.sim.PcscReaders;
import dev.wificall.sim.ReaderSim;
import dev.wificall.sim.SimException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code wificall check --sim-reader READER --sim-pin-file FILE} (the PIN otherwise from WIFICALL_SIM_PIN)
 * and {@code wificall readers}: the options make the SIM in that reader the subscriber without asking the
 * card, each mistake is one line naming the option and never the PIN (exit 64), and {@code readers} lists
 * what PC/SC sees, or says why it could not (exit 70). The reader list is injected: no test depends on
 * whether this machine runs pcscd.
 */
class SimReaderOptionsTest {

    private static final String READER = "Lab Reader 00";
    private static final String PIN = "4711";
    private static final Map<String, String> KEYS = Map.of("WIFICALL_IMSI", "262011234567890",
            "WIFICALL_K", "465b5ce8b199b49faa5f0a2ee238a6bc", "WIFICALL_OPC", "cd63cb71954a9f4e48a5994e37a02baf");

    @TempDir
    Path dir;

    // --- check --sim-reader ---

    @Test
    void theSimInTheReaderIsTheSubscriberAndWinsOverTheEnvironmentsKeys() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(KEYS);
        env.put("WIFICALL_SIM_PIN", PIN);
        CredentialSource sim = attach(env, "--ike-auth", "attach", "--sim-reader", READER).credentials().orElseThrow();
        assertThat(sim).isInstanceOf(ReaderSim.class);
        assertThat(sim.description()).isEqualTo("SIM in reader 'Lab Reader 00'");
        assertThat(sim.toString()).isEqualTo("SIM in reader 'Lab Reader 00' (PIN from WIFICALL_SIM_PIN)");
        Files.writeString(dir.resolve("sim.pin"), PIN + "\n");
        CredentialSource fromFile = attach(Map.of(), "--ike-auth", "attach", "--sim-reader", "0", "--sim-pin-file",
                "sim.pin").credentials().orElseThrow();
        assertThat(fromFile.description()).isEqualTo("SIM in reader '0'");
        assertThat(fromFile.toString()).isEqualTo("SIM in reader '0' (PIN from " + dir.resolve("sim.pin") + ")");
    }

    @Test
    void aReaderWithTheEnvironmentsKeysRunsTheCheckWithoutAskingTheCard() {
        // the resolver is a closed loopback port: DNS cannot be judged (exit 2), no attach starts, no usage error
        Run r = check(KEYS, "--ike-auth", "attach", "--sim-reader", READER);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("--sim-reader");
    }

    @Test
    void aReaderWithoutAnAttachNamesTheOption() {
        Run probe = check(Map.of("WIFICALL_SIM_PIN", PIN), "--ike-auth", "probe", "--sim-reader", READER);
        assertUsage(probe, "--sim-reader=Lab Reader 00: a SIM in a reader is for the attach, but --ike-auth is probe; set"
                + " --ike-auth attach, or leave --sim-reader unset");
        Run none = check(Map.of(), "--sim-reader", READER);
        assertUsage(none, "--sim-reader=Lab Reader 00: a SIM in a reader is for the attach, but --ike-auth is none; set"
                + " --ike-auth attach, or leave --sim-reader unset");
    }

    @Test
    void aPinFileWithoutAReaderNamesThePinFileOption() throws Exception {
        Files.writeString(dir.resolve("sim.pin"), PIN);
        Run r = check(Map.of(), "--ike-auth", "attach", "--sim-pin-file", "sim.pin");
        assertUsage(r, "--sim-pin-file=sim.pin: --sim-pin-file is set but --sim-reader is not: set --sim-reader to the card"
                + " reader's name, a unique part of it, or its index (0 for the first)");
    }

    @Test
    void aBadPinFileNamesThePathAndWhatIsWrongNeverThePin() throws Exception {
        String notAPin = "47111147111";
        Files.writeString(dir.resolve("sim.pin"), notAPin + "\n");
        Run r = check(Map.of(), "--ike-auth", "attach", "--sim-reader", READER, "--sim-pin-file", "sim.pin");
        assertUsage(r, "--sim-pin-file=sim.pin: " + dir.resolve("sim.pin") + ": the SIM's PIN must be 4 to 8 digits; got 11"
                + " characters");
        assertThat(r.err()).doesNotContain(notAPin).doesNotContain("4711");
        Run missing = check(Map.of(), "--ike-auth", "attach", "--sim-reader", READER, "--sim-pin-file", "none.pin");
        assertUsage(missing, "--sim-pin-file=none.pin: " + dir.resolve("none.pin") + " does not exist; expected a file"
                + " holding the SIM's PIN (4 to 8 digits) on one line");
    }

    @Test
    void aBadPinInTheEnvironmentNamesTheVariableNeverItsValue() {
        String badPin = "47 11";
        Run r = check(Map.of("WIFICALL_SIM_PIN", badPin), "--ike-auth", "attach", "--sim-reader", READER);
        assertUsage(r, "environment variable WIFICALL_SIM_PIN: the SIM's PIN must be 4 to 8 digits; got 5 characters, not"
                + " all digits");
        assertThat(r.err()).doesNotContain(badPin).doesNotContain("4711");
    }

    @Test
    void checkHelpNamesTheSimOptionsAndWhereThePinComesFrom() {
        Run r = Run.of(dir, "check", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--sim-reader=READER", "--sim-pin-file=FILE", "WIFICALL_SIM_PIN", "wificall readers",
                "wificall.sim.reader", "wificall.sim.pinFile");
    }

    // --- readers ---

    @Test
    void readersListsEachWithItsIndexAndWhetherACardIsIn() {
        Run r = readers(() -> List.of(new PcscReaders.Reader(0, "Virtual PCD 00 00", true),
                new PcscReaders.Reader(1, "ACS ACR39U ICC Reader 01 00", false)), false);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("0  Virtual PCD 00 00  (card in)\n1  ACS ACR39U ICC Reader 01 00  (no card)\n");
        assertThat(r.err()).isEmpty();
        Run watched = readers(() -> List.of(new PcscReaders.Reader(0, "Virtual PCD 00 00", true)), true);
        assertThat(watched.err()).isEqualTo("use one with: wificall check OPERATOR --ike-auth attach --sim-reader 0\n");
    }

    @Test
    void readersWithoutPcscdSaysWhyAndIsAToolErrorWithoutAStackTrace() {
        String why = "pcscd is not running (PC/SC answers SCARD_E_NO_SERVICE): start pcscd (systemctl start pcscd); is the"
                + " reader plugged in?";
        Run r = readers(() -> {
            throw new SimException(SimException.Reason.NO_READER, null, why);
        }, false);
        assertThat(r.exit()).as(r.toString()).isEqualTo(70);
        assertThat(r.err()).isEqualTo("wificall readers: " + why + "\n");
        assertThat(r.out()).isEmpty();
        Run none = readers(List::of, false);
        assertThat(none.exit()).as(none.toString()).isEqualTo(70);
        assertThat(none.err()).isEqualTo("wificall readers: no card reader found: pcscd runs but sees none; plug the reader"
                + " in (lsusb should show it) and run again\n");
    }

    @Test
    void readersHasHelpWithItsExitCodesAndIsListedAtTheTop() {
        Run r = Run.of(dir, "readers", "--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\nUsage: wificall readers ").contains("Exit codes:").contains("64 ").contains("70 ")
                .contains("PC/SC is not reachable").contains("--sim-reader");
        assertThat(Run.of(dir, "--help").out()).contains("readers").contains("Lists the PC/SC card readers");
        Run extra = readers(() -> List.of(new PcscReaders.Reader(0, "x", false)), false, "--all");
        assertThat(extra.exit()).isEqualTo(64);
        assertThat(extra.err()).startsWith("wificall readers: Unknown option: '--all'");
    }

    // --- helpers ---

    private static void assertUsage(Run r, String expected) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(64);
        String[] lines = r.err().split("\n");
        assertThat(lines[0]).as(r.toString()).isEqualTo("wificall check: " + expected);
        assertThat(lines[lines.length - 1]).isEqualTo("Try 'wificall check --help' for more information.");
        assertThat(r.err()).doesNotContain(PIN).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    private Run check(Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of("check", "262-01", "--dns-server", "127.0.0.1:9", "--dns-timeout", "1s",
                "--formats", "json", "--report-dir", dir.resolve("reports").toString()));
        argv.addAll(List.of(args));
        return Run.of(dir, false, env, argv.toArray(String[]::new));
    }

    /** The attach settings {@code wificall check 262-01 args} would use; nothing is sent. */
    private AttachSettings attach(Map<String, String> env, String... args) {
        Io io = new Io(System.out, System.err, env, dir, false);
        List<String> argv = new ArrayList<>(List.of("check", "262-01"));
        argv.addAll(List.of(args));
        CommandLine.ParseResult parsed = Main.commandLine(io).parseArgs(argv.toArray(String[]::new));
        CheckCommand check = (CheckCommand) parsed.subcommand().commandSpec().userObject();
        return check.attach(io).orElseThrow();
    }

    private Run readers(Supplier<List<PcscReaders.Reader>> lister, boolean terminal, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("readers"));
        argv.addAll(List.of(more));
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(new Io(o, e, Map.of(), dir, terminal), lister, argv.toArray(String[]::new));
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
