package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.testkit.Reflector;
import dev.wificall.userplane.ReflectorKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wificall check --ike-auth attach --user-plane} against the attach lab and its IMS core: the
 * launcher of this build's wificall-cli with the test subscriber in its environment, the user plane
 * through the tunnel to 10.77.9.2 with the mapping lifetime measured through wificall's reflector
 * behind the ePDG (10.46.0.20), a line per check, exit 0; the reflector's key (from a file) never in
 * the output or the reports.
 */
@ExtendWith(AttachLab.class)
class CliUserPlaneIT {

    private static final Path LAB_DIR = Path.of("/run/wificall-ims");
    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";

    @TempDir
    Path empty;

    @Test
    void userPlaneWithTheMappingLifetimePassesWithALinePerCheck(AttachLab.Handle lab) throws Exception {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        String hex = HexFormat.of().formatHex(raw);
        Path keyFile = empty.resolve("reflector.key");
        Files.writeString(keyFile, hex);
        String classpath = codeSource(Reflector.class) + ":" + codeSource(ReflectorKey.class) + ":"
                + System.getProperty("java.class.path");
        lab.lab().command("core-run", "reflector", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, Reflector.class.getName(), "--listen", "10.46.0.20:7777", "--key-file", keyFile.toString());
        try {
            waitFor(() -> read("core-reflector.log").contains("reflector on 10.46.0.20"), Duration.ofSeconds(15));
            Launcher.Run r = cli(empty, "check", "262-01", "--dns-server", AttachLab.DNS, "--ike-auth", "attach", "--trust-store",
                    AttachLab.TRUST.toString(), "--user-plane", "--reflector", "10.46.0.20:7777", "--reflector-key-file",
                    "reflector.key", "--lifetime", "2s..4s/1s", "--lifetime-budget", "40s");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).startsWith("PASS 262-01 T-Mobile(Telekom) " + FQDN + " (1/1, ")
                    .contains(" User plane: the user plane through 10.77.9.2:4500 works")
                    .contains("\n  user plane 10.77.9.2:4500: PASSED, the user plane through 10.77.9.2:4500 works")
                    .containsPattern("\n    PASSED ESP both ways \\(inner echo\\): .*from 10\\.45\\.0\\.")
                    .contains("\n    PASSED inner DNS: ")
                    .contains("\n    PASSED SIP OPTIONS over UDP: ")
                    .contains("\n    PASSED SIP OPTIONS over TCP: ")
                    // bounds below Android's 20 s (to keep the test short) only warn: they cannot show that phones hold the path
                    .contains("\n    WARNING mapping lifetime: the UDP/4500 path from here to 10.77.9.2:4500 stays open for at least"
                            + " 4 s of silence, but the bounds (2 s to 4 s) stop below Android's NAT-keepalive interval (20 s)")
                    .contains("\nsummary: 1 of 1 operator ready in ");
            String reports = Files.readString(empty.resolve("wificall-reports/wificall-report.json"), StandardCharsets.UTF_8)
                    + Files.readString(empty.resolve("wificall-reports/wificall-report.html"), StandardCharsets.UTF_8)
                    + Files.readString(empty.resolve("wificall-reports/TEST-wificall.xml"), StandardCharsets.UTF_8);
            assertThat(r.out() + r.err() + reports).doesNotContainIgnoringCase(hex).doesNotContainIgnoringCase(hex.substring(0, 16))
                    .doesNotContainIgnoringCase(AttachLab.K).doesNotContainIgnoringCase(AttachLab.OPC)
                    .doesNotContain(AttachLab.IMSI);
        } finally {
            lab.lab().command("core-stop", "reflector");
        }
    }

    @Test
    void userPlaneBehindADpiFirewallIsNotCompliant(AttachLab.Handle lab) throws Exception {
        lab.lab().command("dpi", "on");
        try {
            Launcher.Run r = cli(empty, "check", "262-01", "--dns-server", AttachLab.DNS, "--ike-auth", "attach", "--user-plane",
                    "--user-plane-timeout", "1s");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).as(r.toString()).startsWith("FAIL 262-01 T-Mobile(Telekom) " + FQDN)
                    .contains("User plane failed: ").contains("drops ESP in UDP")
                    .contains("\n  user plane 10.77.9.2:4500: FAILED, ");
        } finally {
            lab.lab().command("dpi", "off");
        }
    }


    /** The launcher in {@code dir}, with the test subscriber and nothing else of WIFICALL_* in its environment. */
    private static Launcher.Run cli(Path dir, String... args) throws IOException, InterruptedException {
        return Launcher.run(dir, env -> {
            env.keySet().removeIf(k -> k.startsWith("WIFICALL_"));
            env.putAll(Map.of("WIFICALL_IMSI", AttachLab.IMSI, "WIFICALL_K", AttachLab.K, "WIFICALL_OPC", AttachLab.OPC));
        }, Duration.ofSeconds(120), args);
    }

    private static String read(String file) {
        Path p = LAB_DIR.resolve(file);
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + p + ": " + e.getMessage() + ")";
        }
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + read("core-reflector.log"));
            }
            Thread.sleep(100);
        }
    }
}
