package dev.wificall.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneResult.Step;
import dev.wificall.userplane.UserPlaneSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal's user-plane parameters (wificall.userPlane.*): good values reach the engine, each mistake
 * names element, property and value before any packet is sent, the reflector key never shows; and the
 * log's line per tunnel and per check.
 */
class UserPlaneMojoTest {

    static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final Map<String, String> SIM = Map.of("WIFICALL_IMSI", CheckMojoTest.IMSI, "WIFICALL_K", CheckMojoTest.K,
            "WIFICALL_OPC", CheckMojoTest.OPC);

    @TempDir
    Path dir;

    private CheckMojo mojo() {
        CheckMojo m = new CheckMojo(new ReportWriter());
        m.operators = List.of(Operator.of("262-01"));
        m.dnsServer = "127.0.0.1:9";
        m.dnsTimeout = "3s";
        m.probeTimeout = "2400ms";
        m.ports = "500,4500";
        m.rate = 200;
        m.addressPolicy = "any";
        m.failOnViolation = true;
        m.formats = "json";
        m.reportDirectory = dir.resolve("reports").toFile();
        m.basedir = dir.toFile();
        m.ikeAuth = "attach";
        m.certificateWarningDays = "30";
        m.apn = "ims";
        m.attachTimeout = "15s";
        m.environment = SIM;
        m.userPlane = "true";
        return m;
    }

    @Test
    void offByDefaultAndTheOtherParametersAreThenNotRead() throws Exception {
        CheckMojo m = mojo();
        m.userPlane = "false";
        m.userPlaneLifetime = "nonsense";
        assertThat(m.userPlaneSettings(true)).isEmpty();
        assertThat(mojo().userPlaneSettings(true)).contains(UserPlaneSettings.DEFAULTS);
    }

    @Test
    void everyParameterReachesTheEngine() throws Exception {
        Files.writeString(dir.resolve("reflector.key"), KEY_HEX);
        CheckMojo m = mojo();
        m.userPlaneReflector = "10.46.0.20:7777";
        m.userPlaneReflectorKeyFile = "reflector.key";
        m.userPlaneLifetime = "2s..20s/2s";
        m.userPlaneLifetimeBudget = "90s";
        m.userPlaneKeepAlive = "5s";
        m.userPlaneDnsNames = "ims.mnc001.mcc262.3gppnetwork.org";
        m.userPlaneTimeout = "1s";
        UserPlaneSettings u = m.userPlaneSettings(true).orElseThrow();
        assertThat(u.answerTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(u.dnsNames()).containsExactly("ims.mnc001.mcc262.3gppnetwork.org");
        UserPlaneSettings.Lifetime l = u.lifetime().orElseThrow();
        assertThat(l.reflector()).isEqualTo(new InetSocketAddress("10.46.0.20", 7777));
        assertThat(l.upper()).isEqualTo(Duration.ofSeconds(20));
        assertThat(l.step()).isEqualTo(Duration.ofSeconds(2));
        assertThat(l.budget()).isEqualTo(Duration.ofSeconds(90));
        assertThat(l.keepAliveCheck()).contains(Duration.ofSeconds(5));
        assertThat(CheckMojo.userPlanePlan(u)).isEqualTo(", then the user plane through each tunnel (inner echo, inner DNS"
                + " ims.mnc001.mcc262.3gppnetwork.org, SIP OPTIONS to the P-CSCFs over UDP and TCP, largest inner packet,"
                + " mapping lifetime 2 s..20 s through the reflector 10.46.0.20:7777, answers within 1 s)");
        // the key from the environment, as the README advises
        CheckMojo env = mojo();
        env.userPlaneReflector = "[fd46::20]:7777";
        env.environment = Map.of("WIFICALL_REFLECTOR_KEY", KEY_HEX);
        assertThat(env.userPlaneSettings(true).orElseThrow().lifetime().orElseThrow().reflector().getPort()).isEqualTo(7777);
    }

    @Test
    void mistakesNameElementPropertyAndValue() {
        CheckMojo yes = mojo();
        yes.userPlane = "yes";
        assertThatThrownBy(yes::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<userPlane>yes</userPlane> (property wificall.userPlane): 'yes' is not a boolean; expected true"
                        + " or false");
        CheckMojo lifetime = mojo();
        lifetime.userPlaneReflector = "10.46.0.20:7777";
        lifetime.environment = Map.of("WIFICALL_REFLECTOR_KEY", KEY_HEX, "WIFICALL_IMSI", CheckMojoTest.IMSI, "WIFICALL_K",
                CheckMojoTest.K, "WIFICALL_OPC", CheckMojoTest.OPC);
        lifetime.userPlaneLifetime = "60s..2s";
        assertThatThrownBy(lifetime::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<userPlaneLifetime>60s..2s</userPlaneLifetime> (property wificall.userPlane.lifetime): in"
                        + " '60s..2s' the upper bound 2s is not above the lower bound 60s; expected LOWER..UPPER or"
                        + " LOWER..UPPER/STEP, e.g. 2s..60s or 2s..60s/1s");
        CheckMojo reflector = mojo();
        reflector.userPlaneReflector = "10.46.0.20";
        reflector.userPlaneReflectorKey = KEY_HEX;
        assertThatThrownBy(reflector::execute).hasMessageStartingWith("<userPlaneReflector>10.46.0.20</userPlaneReflector>"
                + " (property wificall.userPlane.reflector): '10.46.0.20' is not an address and port; expected");
        CheckMojo noKey = mojo();
        noKey.userPlaneReflector = "10.46.0.20:7777";
        assertThatThrownBy(noKey::execute).hasMessage("<userPlaneReflector>10.46.0.20:7777</userPlaneReflector> (property"
                + " wificall.userPlane.reflector): the reflector needs its key; set the environment variable"
                + " WIFICALL_REFLECTOR_KEY or wificall.userPlane.reflectorKeyFile (hex or base64, at least 16 bytes, the key"
                + " the reflector was started with)");
        CheckMojo missing = mojo();
        missing.userPlaneReflector = "10.46.0.20:7777";
        missing.userPlaneReflectorKeyFile = "no/such.key";
        assertThatThrownBy(missing::execute).hasMessage("<userPlaneReflectorKeyFile>no/such.key</userPlaneReflectorKeyFile>"
                + " (property wificall.userPlane.reflectorKeyFile): cannot read " + dir.resolve("no/such.key")
                + " (NoSuchFileException); expected a readable file holding the reflector's key as hex or base64 (e.g."
                + " made with openssl rand -hex 32)");
        CheckMojo budget = mojo();
        budget.userPlaneLifetimeBudget = "2m";
        assertThatThrownBy(budget::execute).hasMessageStartingWith("<userPlaneLifetimeBudget>2m</userPlaneLifetimeBudget>"
                + " (property wificall.userPlane.lifetimeBudget): is for the mapping lifetime, which needs the reflector");
    }

    @Test
    void userPlaneWithoutAFullAttachIsNamed() {
        CheckMojo probe = mojo();
        probe.ikeAuth = "probe";
        assertThatThrownBy(probe::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<userPlane>true</userPlane> (property wificall.userPlane): true needs a full EAP-AKA attach to"
                        + " run through its tunnel; set wificall.ikeAuth=attach with the subscriber's credentials"
                        + " (WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC)");
    }

    @Test
    void theKeyIsNeverShown() {
        String badKey = "0011223344556677!!";
        CheckMojo m = mojo();
        m.userPlaneReflector = "10.46.0.20:7777";
        m.userPlaneReflectorKey = badKey;
        Throwable t = catchThrowable(m::execute);
        assertThat(t).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<userPlaneReflectorKey> (property wificall.userPlane.reflectorKey; its value is not"
                        + " shown): the reflector key is neither hex nor base64");
        assertThat(t.getMessage()).doesNotContain(badKey).doesNotContain("0011");
        CheckMojo env = mojo();
        env.userPlaneReflector = "10.46.0.20:7777";
        env.environment = new java.util.HashMap<>(SIM);
        env.environment.put("WIFICALL_REFLECTOR_KEY", "ab".repeat(8) + "!");
        assertThat(catchThrowable(env::execute)).hasMessageStartingWith("environment variable WIFICALL_REFLECTOR_KEY: the"
                + " reflector key is neither hex nor base64").message().doesNotContain("abab");
        CheckMojo good = mojo();
        good.userPlaneReflectorKey = KEY_HEX;
        assertThat(good.userPlaneOptions().toString()).doesNotContain(KEY_HEX).doesNotContain("0011");
    }

    @Test
    void theLogHasALinePerTunnelAndPerCheckAndTheTranscriptWhenItFailed() {
        UserPlaneResult failed = result(false);
        assertThat(logged(false, failed)).containsExactly(
                "INFO   user plane 10.77.9.2:4500: FAILED, User plane failed: SIP OPTIONS over TCP got no answer",
                "INFO     PASSED ESP both ways (inner echo): 10.46.0.53 answered",
                "INFO     PASSED inner DNS: 10.46.0.53 answered ims.mnc001.mcc262.3gppnetwork.org",
                "INFO     FAILED SIP OPTIONS over TCP: no answer from 10.46.0.10:5060",
                "INFO     SKIPPED mapping lifetime: no reflector given",
                "INFO           0 ms  → ESP 1 ICMP echo");
        UserPlaneResult passed = result(true);
        assertThat(logged(false, passed)).hasSize(5).first().isEqualTo("INFO   user plane 10.77.9.2:4500: PASSED, the"
                + " user plane works");
        assertThat(logged(true, passed)).hasSize(6).last().isEqualTo("DEBUG           0 ms  → ESP 1 ICMP echo");
    }

    private static List<String> logged(boolean debug, UserPlaneResult u) {
        CheckMojo m = new CheckMojo(new ReportWriter());
        IkeAuthLogTest.Lines log = new IkeAuthLogTest.Lines(debug);
        m.setLog(log);
        m.logUserPlane(u, m.getLog()::info);
        return log.lines;
    }

    private static UserPlaneResult result(boolean passed) {
        List<Step> steps = List.of(new Step(Check.ESP_ECHO, Status.PASSED, "10.46.0.53 answered", Duration.ofMillis(20)),
                new Step(Check.INNER_DNS, Status.PASSED, "10.46.0.53 answered ims.mnc001.mcc262.3gppnetwork.org",
                        Duration.ofMillis(20)),
                new Step(Check.SIP_TCP, passed ? Status.PASSED : Status.FAILED, passed ? "10.46.0.10 answered 200 OK"
                        : "no answer from 10.46.0.10:5060", Duration.ofSeconds(3)),
                new Step(Check.MAPPING_LIFETIME, Status.SKIPPED, "no reflector given", Duration.ZERO));
        return new UserPlaneResult("epdg.epc.mnc001.mcc262.pub.3gppnetwork.org", "10.77.9.2:4500", List.of("10.45.0.2"),
                "ENCR_AES_GCM_16 256", passed, passed ? "the user plane works"
                : "User plane failed: SIP OPTIONS over TCP got no answer", steps, Optional.empty(), Optional.of(1400), 10, 9, 0,
                List.of("    0 ms  → ESP 1 ICMP echo"), Duration.ofSeconds(4));
    }
}
