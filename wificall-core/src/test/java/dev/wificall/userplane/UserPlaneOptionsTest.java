package dev.wificall.userplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-plane settings as text: good values, each mistake naming its setting, and the key never shown. */
class UserPlaneOptionsTest {

    static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final byte[] KEY = HexFormat.of().parseHex(KEY_HEX);
    private static final Path HERE = Path.of("").toAbsolutePath();

    private static UserPlaneOptions options(String... pairs) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return new UserPlaneOptions(m.get("on"), m.get("reflector"), m.get("key"), m.get("keyFile"), m.get("lifetime"),
                m.get("budget"), m.get("keepAlive"), m.get("dnsNames"), m.get("timeout"));
    }

    private static Optional<UserPlaneSettings> settings(UserPlaneOptions o, Map<String, String> env) {
        return o.toSettings(HERE, env, true);
    }

    @Test
    void offUnlessTrue() {
        assertThat(settings(UserPlaneOptions.NONE, Map.of())).isEmpty();
        assertThat(settings(options("on", "false", "reflector", "nonsense"), Map.of())).isEmpty();
        assertThat(settings(options("on", " TRUE "), Map.of())).contains(UserPlaneSettings.DEFAULTS);
    }

    @Test
    void everySettingApplies() {
        UserPlaneSettings s = settings(options("on", "true", "reflector", "10.46.0.20:7777", "key", KEY_HEX,
                "lifetime", "3s..40s/500ms", "budget", "90s", "keepAlive", "20s", "dnsNames",
                "ims.mnc001.mcc262.3gppnetwork.org, Example.NET.", "timeout", "1500ms"), Map.of()).orElseThrow();
        assertThat(s.answerTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.dnsNames()).containsExactly("ims.mnc001.mcc262.3gppnetwork.org", "example.net");
        UserPlaneSettings.Lifetime l = s.lifetime().orElseThrow();
        assertThat(l.reflector()).isEqualTo(new InetSocketAddress("10.46.0.20", 7777));
        assertThat(l.key()).isEqualTo(KEY);
        assertThat(l.lower()).isEqualTo(Duration.ofSeconds(3));
        assertThat(l.upper()).isEqualTo(Duration.ofSeconds(40));
        assertThat(l.step()).isEqualTo(Duration.ofMillis(500));
        assertThat(l.budget()).isEqualTo(Duration.ofSeconds(90));
        assertThat(l.keepAliveCheck()).contains(Duration.ofSeconds(20));
    }

    @Test
    void reflectorAloneMeasuresTheDefaultRangeWithTheKeyFromTheEnvironment() {
        String base64 = Base64.getEncoder().encodeToString(KEY);
        UserPlaneSettings.Lifetime l = settings(options("on", "true", "reflector", "[fd46::20]:7777"),
                Map.of(UserPlaneOptions.ENV_REFLECTOR_KEY, base64)).orElseThrow().lifetime().orElseThrow();
        assertThat(l.reflector().getAddress().getHostAddress()).isEqualTo("fd46:0:0:0:0:0:0:20");
        assertThat(l.key()).isEqualTo(KEY);
        assertThat(l.lower()).isEqualTo(Duration.ofSeconds(2));
        assertThat(l.upper()).isEqualTo(Duration.ofSeconds(60));
        assertThat(l.step()).isEqualTo(Duration.ofSeconds(1));
        assertThat(l.budget()).isEqualTo(Duration.ofSeconds(150));
        assertThat(l.keepAliveCheck()).isEmpty();
    }

    @Test
    void keyFromFileRelativeToTheBaseAndSettingWinsOverEnvironment(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("reflector.key"), KEY_HEX + "\n");
        UserPlaneSettings.Lifetime l = options("on", "true", "reflector", "10.46.0.20:7777", "keyFile", "reflector.key")
                .toSettings(dir, Map.of(UserPlaneOptions.ENV_REFLECTOR_KEY, "ff".repeat(16)), true).orElseThrow()
                .lifetime().orElseThrow();
        assertThat(l.key()).isEqualTo(KEY);
        l = settings(options("on", "true", "reflector", "10.46.0.20:7777", "key", KEY_HEX),
                Map.of(UserPlaneOptions.ENV_REFLECTOR_KEY, "ff".repeat(16))).orElseThrow().lifetime().orElseThrow();
        assertThat(l.key()).isEqualTo(KEY);
    }

    @Test
    void mistakesNameTheSettingAndWhatIsExpected() {
        String r = "10.46.0.20:7777";
        List<Object[]> cases = List.of(
                new Object[] {options("on", "yes"), "wificall.userPlane: 'yes' is not a boolean; expected true or false"},
                new Object[] {options("on", "true", "timeout", "3"), "wificall.userPlane.timeout: '3' is not a duration;"
                        + " expected a number with a unit, e.g. 3s, 500ms or 1m"},
                new Object[] {options("on", "true", "dnsNames", "ims.example.net,,x"), "wificall.userPlane.dnsNames: '' is"
                        + " not a DNS name; expected names such as ims.mnc001.mcc262.3gppnetwork.org, comma-separated"},
                new Object[] {options("on", "true", "dnsNames", "a b.net"), "wificall.userPlane.dnsNames: 'a b.net' is"
                        + " not a DNS name; expected names such as ims.mnc001.mcc262.3gppnetwork.org, comma-separated"},
                new Object[] {options("on", "true", "dnsNames", "a.net,A.net"), "wificall.userPlane.dnsNames: 'A.net' is"
                        + " listed twice; name each once"},
                new Object[] {options("on", "true", "lifetime", "2s..60s"), "wificall.userPlane.lifetime: is for the"
                        + " mapping lifetime, which needs the reflector behind the ePDG; set wificall.userPlane.reflector"
                        + " too (e.g. 10.46.0.20:7777), or drop it"},
                new Object[] {options("on", "true", "key", KEY_HEX), "wificall.userPlane.reflectorKey: is for the"
                        + " mapping lifetime, which needs the reflector behind the ePDG; set wificall.userPlane.reflector"
                        + " too (e.g. 10.46.0.20:7777), or drop it"},
                new Object[] {options("on", "true", "reflector", "reflector.lab:7777", "key", KEY_HEX),
                        "wificall.userPlane.reflector: 'reflector.lab' in 'reflector.lab:7777' is not an address literal;"
                                + " expected an IPv4 or IPv6 address inside the tunnel with a port, e.g. 10.46.0.20:7777 or"
                                + " [fd46::20]:7777 (no name: it would be looked up outside the tunnel)"},
                new Object[] {options("on", "true", "reflector", "10.46.0.20", "key", KEY_HEX),
                        "wificall.userPlane.reflector: '10.46.0.20' is not an address and port; expected an IPv4 or IPv6"
                                + " address inside the tunnel with a port, e.g. 10.46.0.20:7777 or [fd46::20]:7777 (no"
                                + " name: it would be looked up outside the tunnel)"},
                new Object[] {options("on", "true", "reflector", "10.46.0.20:70000", "key", KEY_HEX),
                        "wificall.userPlane.reflector: the port '70000' in '10.46.0.20:70000' is not 1 to 65535; expected"
                                + " an IPv4 or IPv6 address inside the tunnel with a port, e.g. 10.46.0.20:7777 or"
                                + " [fd46::20]:7777 (no name: it would be looked up outside the tunnel)"},
                new Object[] {options("on", "true", "reflector", r, "key", KEY_HEX, "lifetime", "60s"),
                        "wificall.userPlane.lifetime: '60s' is not a range; expected LOWER..UPPER or LOWER..UPPER/STEP,"
                                + " e.g. 2s..60s or 2s..60s/1s"},
                new Object[] {options("on", "true", "reflector", r, "key", KEY_HEX, "lifetime", "2x..60s"),
                        "wificall.userPlane.lifetime: in '2x..60s' the lower bound '2x' is not a duration; expected a"
                                + " number with a unit, e.g. 3s, 500ms or 1m; expected LOWER..UPPER or LOWER..UPPER/STEP,"
                                + " e.g. 2s..60s or 2s..60s/1s"},
                new Object[] {options("on", "true", "reflector", r, "key", KEY_HEX, "lifetime", "60s..2s"),
                        "wificall.userPlane.lifetime: in '60s..2s' the upper bound 2s is not above the lower bound 60s;"
                                + " expected LOWER..UPPER or LOWER..UPPER/STEP, e.g. 2s..60s or 2s..60s/1s"},
                new Object[] {options("on", "true", "reflector", r, "key", KEY_HEX, "lifetime", "2s..10s/9s"),
                        "wificall.userPlane.lifetime: in '2s..10s/9s' the step 9s is wider than the range; expected"
                                + " LOWER..UPPER or LOWER..UPPER/STEP, e.g. 2s..60s or 2s..60s/1s"},
                new Object[] {options("on", "true", "reflector", r, "key", KEY_HEX, "budget", "0s"),
                        "wificall.userPlane.lifetimeBudget: 0s is out of range; expected between 1ms and 10m"},
                new Object[] {options("on", "true", "reflector", r, "key", KEY_HEX, "keepAlive", "60s"),
                        "wificall.userPlane.keepAlive: 60s is not below the lifetime's upper bound (60s); expected a"
                                + " keep-alive interval that keeps the mapping up that long, e.g. 20s"},
                new Object[] {options("on", "true", "reflector", r), "wificall.userPlane.reflector: the reflector needs its"
                        + " key; set the environment variable WIFICALL_REFLECTOR_KEY or wificall.userPlane.reflectorKeyFile"
                        + " (hex or base64, at least 16 bytes, the key the reflector was started with)"},
                new Object[] {options("on", "true", "reflector", r, "key", KEY_HEX, "keyFile", "k"),
                        "wificall.userPlane.reflectorKey: is given together with wificall.userPlane.reflectorKeyFile;"
                                + " give the reflector's key one way"});
        for (Object[] c : cases) {
            assertThatThrownBy(() -> settings((UserPlaneOptions) c[0], Map.of())).as(c[0].toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage((String) c[1]);
        }
    }

    @Test
    void badKeysAreDescribedNeverQuoted(@TempDir Path dir) throws Exception {
        String shortKey = "0011223344556677";
        String notBase64 = "sec?ret*key!!with#odd@chars%%";
        assertThatThrownBy(() -> settings(options("on", "true", "reflector", "10.46.0.20:7777", "key", shortKey), Map.of()))
                .hasMessage("wificall.userPlane.reflectorKey: the reflector key holds 8 bytes; it needs 16 to 1024 (e.g."
                        + " openssl rand -hex 32)");
        Throwable env = org.assertj.core.api.Assertions.catchThrowable(() -> settings(options("on", "true", "reflector",
                "10.46.0.20:7777"), Map.of(UserPlaneOptions.ENV_REFLECTOR_KEY, notBase64)));
        assertThat(env).hasMessageStartingWith("WIFICALL_REFLECTOR_KEY: the reflector key is neither hex nor base64");
        assertThat(env.getMessage()).doesNotContain(notBase64).doesNotContain("sec");
        Files.writeString(dir.resolve("bad.key"), notBase64);
        Throwable file = org.assertj.core.api.Assertions.catchThrowable(() -> options("on", "true", "reflector",
                "10.46.0.20:7777", "keyFile", "bad.key").toSettings(dir, Map.of(), true));
        assertThat(file).hasMessageStartingWith("wificall.userPlane.reflectorKeyFile: " + dir.resolve("bad.key")
                + ": the reflector key is neither hex nor base64");
        assertThat(file.getMessage()).doesNotContain(notBase64);
        assertThatThrownBy(() -> options("on", "true", "reflector", "10.46.0.20:7777", "keyFile", "missing.key")
                .toSettings(dir, Map.of(), true)).hasMessage("wificall.userPlane.reflectorKeyFile: cannot read "
                + dir.resolve("missing.key") + " (NoSuchFileException); expected a readable file holding the reflector's"
                + " key as hex or base64 (e.g. made with openssl rand -hex 32)");
    }

    @Test
    void needsAFullAttach() {
        assertThatThrownBy(() -> options("on", "true").toSettings(HERE, Map.of(), false))
                .hasMessage("wificall.userPlane: true needs a full EAP-AKA attach to run through its tunnel; set"
                        + " wificall.ikeAuth=attach with the subscriber's credentials (WIFICALL_IMSI, WIFICALL_K,"
                        + " WIFICALL_OPC)");
        assertThat(options("on", "false").toSettings(HERE, Map.of(), false)).isEmpty();
    }

    @Test
    void neitherOptionsNorSettingsShowTheKey() {
        UserPlaneOptions o = options("on", "true", "reflector", "10.46.0.20:7777", "key", KEY_HEX);
        assertThat(o.toString()).doesNotContain(KEY_HEX).contains("reflectorKey=(set, not shown)");
        assertThat(o.keyInSettings()).isTrue();
        assertThat(settings(o, Map.of()).orElseThrow().toString()).doesNotContain(KEY_HEX).doesNotContain("0011");
    }
}
