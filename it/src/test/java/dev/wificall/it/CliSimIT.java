package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wificall readers} and {@code wificall check --ike-auth attach --sim-reader} against the SIM
 * lab's pcscd (the launcher inherits PCSCLITE_CSOCK_NAME from this JVM) and the attach lab's
 * strongSwan: no K or OPc anywhere, the PIN from WIFICALL_SIM_PIN, never in the output or reports.
 */
@ExtendWith({AttachLab.class, SimLab.class})
class CliSimIT {
    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    /** A PIN no output contains by chance (timings, ports), so its absence means something. */
    private static final String PIN = "80417395";

    @TempDir
    Path dir;


    @Test
    void readersListsTheLabReaderWithItsCard(SimLab.Handle sim) throws Exception {
        sim.card();
        Launcher.Run r = cli(Map.of(), "readers");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("0  " + SimLab.READER + "  (card in)");
        sim.remove();
        assertThat(cli(Map.of(), "readers").out()).contains("0  " + SimLab.READER + "  (no card)");
    }

    @Test
    void theCheckAttachesWithTheSimAndAWrongPinFailsWithItsSentence(SimLab.Handle sim) throws Exception {
        sim.card("--pin", PIN);
        Launcher.Run ok = cli(Map.of("WIFICALL_SIM_PIN", PIN), "check", "262-01", "--dns-server", AttachLab.DNS, "--ike-auth",
                "attach", "--trust-store", AttachLab.TRUST.toString(), "--sim-reader", "vpcd 00 00");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).as(ok.toString()).startsWith("PASS 262-01 T-Mobile(Telekom) " + FQDN)
                .contains("with EAP-AKA (SIM in reader '" + SimLab.READER + "'): inner address 10.45.0.");
        String reports = Files.readString(dir.resolve("wificall-reports/wificall-report.json"), StandardCharsets.UTF_8);
        assertThat(reports).contains("SIM in reader '" + SimLab.READER + "'");
        assertThat(ok.out() + ok.err() + reports).doesNotContain(PIN).doesNotContain(AttachLab.IMSI);

        Launcher.Run wrong = cli(Map.of("WIFICALL_SIM_PIN", "11223344"), "check", "262-01", "--dns-server", AttachLab.DNS,
                "--ike-auth", "attach", "--trust-store", AttachLab.TRUST.toString(), "--sim-reader", "vpcd 00 00");
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.out()).as(wrong.toString()).startsWith("FAIL 262-01")
                .contains("did not start because the SIM could not be read: wrong PIN for the SIM in reader '" + SimLab.READER
                        + "': 2 tries left");
        assertThat(wrong.out() + wrong.err()).doesNotContain("11223344").doesNotContain(PIN);
    }

    /** The launcher in the test's directory, with {@code given} and nothing else of WIFICALL_* in its environment. */
    private Launcher.Run cli(Map<String, String> given, String... args) throws IOException, InterruptedException {
        return Launcher.run(dir, env -> {
            env.keySet().removeIf(k -> k.startsWith("WIFICALL_"));
            env.putAll(given);
        }, Duration.ofSeconds(120), args);
    }
}
