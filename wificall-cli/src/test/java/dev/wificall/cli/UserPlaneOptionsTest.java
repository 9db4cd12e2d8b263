package dev.wificall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.report.UserPlaneLines;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneResult.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code wificall check --user-plane} and its options: good values reach the check, every mistake is one
 * line naming the option, its value and what is expected (exit 64), the reflector's key comes only from
 * the environment or a file and never shows; and the lines per tunnel and per check.
 */
class UserPlaneOptionsTest {

    static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final Map<String, String> SIM = Map.of("WIFICALL_IMSI", "262011234567890",
            "WIFICALL_K", "465b5ce8b199b49faa5f0a2ee238a6bc", "WIFICALL_OPC", "cd63cb71954a9f4e48a5994e37a02baf");

    @TempDir
    Path dir;

    private Run check(Map<String, String> env, String args) {
        List<String> argv = new ArrayList<>(List.of("check", "262-01", "--dns-server", "127.0.0.1:9", "--dns-timeout", "1s",
                "--formats", "json", "--report-dir", dir.resolve("reports").toString()));
        argv.addAll(List.of(args.split(" ")));
        return Run.of(dir, false, env, argv.toArray(String[]::new));
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(name, value);
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ike-auth attach --user-plane --user-plane-timeout 3|--user-plane-timeout=3: '3' is not a duration; expected a"
                + " number with a unit, e.g. 3s, 500ms or 1m",
        "--ike-auth attach --user-plane --dns-names a..b|--dns-names=a..b: 'a..b' is not a DNS name; expected names such"
                + " as ims.mnc001.mcc262.3gppnetwork.org, comma-separated",
        "--ike-auth attach --user-plane --reflector 10.46.0.20:7777 --lifetime 60s|--lifetime=60s: '60s' is not a range;"
                + " expected LOWER..UPPER or LOWER..UPPER/STEP, e.g. 2s..60s or 2s..60s/1s",
        "--ike-auth attach --user-plane --reflector 10.46.0.20:7777 --lifetime 2s..60s/90s|--lifetime=2s..60s/90s: in"
                + " '2s..60s/90s' the step 90s is wider than the range; expected LOWER..UPPER or LOWER..UPPER/STEP, e.g."
                + " 2s..60s or 2s..60s/1s",
        "--ike-auth attach --user-plane --reflector 10.46.0.20:7777 --lifetime-budget 2h|--lifetime-budget=2h: '2h' is"
                + " not a duration; expected a number with a unit, e.g. 3s, 500ms or 1m",
        "--ike-auth attach --user-plane --reflector 10.46.0.20:7777 --keep-alive 90s|--keep-alive=90s: 90s is not below"
                + " the lifetime's upper bound (60s); expected a keep-alive interval that keeps the mapping up that long,"
                + " e.g. 20s",
        "--ike-auth attach --user-plane --reflector lab:7777|--reflector=lab:7777: 'lab' in 'lab:7777' is not an address"
                + " literal; expected an IPv4 or IPv6 address inside the tunnel with a port, e.g. 10.46.0.20:7777 or"
                + " [fd46::20]:7777 (no name: it would be looked up outside the tunnel)",
        "--ike-auth attach --user-plane --lifetime 2s..60s|--lifetime=2s..60s: is for the mapping lifetime, which needs"
                + " the reflector behind the ePDG; set --reflector too (e.g. 10.46.0.20:7777), or drop it",
        "--ike-auth attach --reflector 10.46.0.20:7777|--reflector=10.46.0.20:7777: checks the user plane, which"
                + " --user-plane turns on; add --user-plane (with --ike-auth attach), or drop --reflector",
        "--ike-auth probe --user-plane|--user-plane: needs a full EAP-AKA attach to run through its tunnel; add --ike-auth"
                + " attach with the subscriber's credentials in WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC (--ike-auth is"
                + " probe)",
    })
    void badValueIsOneLineNamingTheOptionAndValue(String args, String expected) {
        Run r = check(with(SIM, "WIFICALL_REFLECTOR_KEY", KEY_HEX), args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(64);
        String[] lines = r.err().split("\n");
        assertThat(lines[0]).as(r.toString()).isEqualTo("wificall check: " + expected);
        assertThat(lines[lines.length - 1]).isEqualTo("Try 'wificall check --help' for more information.");
        assertThat(r.err()).doesNotContain(KEY_HEX).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theKeyComesFromTheEnvironmentOrAFileAndIsNeverShown() throws Exception {
        Run none = check(SIM, "--ike-auth attach --user-plane --reflector 10.46.0.20:7777");
        assertThat(none.exit()).as(none.toString()).isEqualTo(64);
        assertThat(none.err()).startsWith("wificall check: --reflector=10.46.0.20:7777: the reflector needs its key; set the"
                + " environment variable WIFICALL_REFLECTOR_KEY or --reflector-key-file (hex or base64, at least 16 bytes,"
                + " the key the reflector was started with)\n");
        String badKey = "0123456789abcdef0123!";
        Run bad = check(with(SIM, "WIFICALL_REFLECTOR_KEY", badKey), "--ike-auth attach --user-plane --reflector"
                + " 10.46.0.20:7777");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(64);
        assertThat(bad.err()).startsWith("wificall check: environment variable WIFICALL_REFLECTOR_KEY: the reflector key is"
                + " neither hex nor base64").doesNotContain(badKey).doesNotContain("0123");
        Files.writeString(dir.resolve("short.key"), "00112233");
        Run file = check(SIM, "--ike-auth attach --user-plane --reflector 10.46.0.20:7777 --reflector-key-file short.key");
        assertThat(file.exit()).as(file.toString()).isEqualTo(64);
        assertThat(file.err()).startsWith("wificall check: --reflector-key-file=short.key: " + dir.resolve("short.key")
                + ": the reflector key holds 4 bytes; it needs 16 to 1024 (e.g. openssl rand -hex 32)\n");
        Run option = check(SIM, "--ike-auth attach --user-plane --reflector-key " + KEY_HEX);
        assertThat(option.exit()).isEqualTo(64);
        assertThat(option.err()).startsWith("wificall check: Unknown option: '--reflector-key'");
    }

    @Test
    void goodValuesGoOnToTheCheck() throws Exception {
        Files.writeString(dir.resolve("reflector.key"), KEY_HEX);
        // the resolver is a closed loopback port: the check runs and cannot judge (exit 2), no usage error
        Run r = check(SIM, "--ike-auth attach --user-plane --reflector 10.46.0.20:7777 --reflector-key-file reflector.key"
                + " --lifetime 2s..30s/2s --lifetime-budget 60s --keep-alive 10s --dns-names ims.mnc001.mcc262.3gppnetwork.org"
                + " --user-plane-timeout 2s");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out() + r.err()).doesNotContain(KEY_HEX);
    }

    @Test
    void helpNamesEveryOptionAndItsProperty() {
        Run r = Run.of(dir, "check", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--user-plane", "--reflector=HOST:PORT", "--reflector-key-file=FILE",
                "--lifetime=LOWER..UPPER[/STEP]", "--lifetime-budget=DURATION", "--keep-alive=DURATION",
                "--dns-names=LIST", "--user-plane-timeout=DURATION", "WIFICALL_REFLECTOR_KEY",
                "wificall.userPlane.reflector");
    }

    @Test
    void aLinePerTunnelAndPerCheckAndTheTranscriptWhenItFailed() {
        List<String> lines = new ArrayList<>();
        lines.addAll(UserPlaneLines.console(result(false)));
        assertThat(lines).containsExactly(
                "  user plane 10.77.9.2:4500: FAILED, User plane failed: the inner DNS did not answer",
                "    PASSED ESP both ways (inner echo): 10.46.0.53 answered",
                "    FAILED inner DNS: 10.46.0.53 did not answer ims.mnc001.mcc262.3gppnetwork.org",
                "          0 ms  → ESP 1 DNS query");
        lines.clear();
        lines.addAll(UserPlaneLines.console(result(true)));
        assertThat(lines).containsExactly("  user plane 10.77.9.2:4500: PASSED, the user plane works",
                "    PASSED ESP both ways (inner echo): 10.46.0.53 answered",
                "    PASSED inner DNS: 10.46.0.53 answered ims.mnc001.mcc262.3gppnetwork.org");
    }

    private static UserPlaneResult result(boolean passed) {
        List<Step> steps = List.of(new Step(Check.ESP_ECHO, Status.PASSED, "10.46.0.53 answered", Duration.ofMillis(20)),
                new Step(Check.INNER_DNS, passed ? Status.PASSED : Status.FAILED, "10.46.0.53 "
                        + (passed ? "answered" : "did not answer") + " ims.mnc001.mcc262.3gppnetwork.org", Duration.ofSeconds(3)));
        return new UserPlaneResult("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org", "10.77.9.2:4500", List.of("10.45.0.2"),
                "ENCR_AES_GCM_16 256", passed, passed ? "the user plane works"
                : "User plane failed: the inner DNS did not answer", steps, Optional.empty(), Optional.empty(), 4, 3, 0,
                List.of("    0 ms  → ESP 1 DNS query"), Duration.ofSeconds(4));
    }
}
