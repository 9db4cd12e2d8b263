package dev.wificall.junit;

import static dev.wificall.junit.IkeAuthMistakesTest.IMSI;
import static dev.wificall.junit.IkeAuthMistakesTest.K;
import static dev.wificall.junit.IkeAuthMistakesTest.OPC;
import static dev.wificall.junit.IkeAuthMistakesTest.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.eap.UsimCredentials;
import dev.wificall.userplane.UserPlaneSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/**
 * Where the user plane's settings come from ({@code @EpdgTunnel}, {@code userPlane = true}, the builder,
 * the {@code wificall.userPlane.*} parameters) and how a mistake is named: the attribute, call or
 * parameter, its value (never the reflector key's) and what is expected. No network: the fixtures
 * abort before the check, or fail on the settings before any DNS query.
 */
class UserPlaneSettingsTest {

    static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final Map<String, String> SIM = Map.of("wificall.imsi", IMSI, "wificall.k", K, "wificall.opc", OPC);
    private static final Map<Class<?>, Settings> CAPTURED = new ConcurrentHashMap<>();

    @Test
    void tunnelImpliesAttachAndTheUserPlaneWithTheParameters() {
        Settings s = captured(Tunnel.class, with(SIM, "wificall.userPlane.reflector", "10.46.0.20:7777",
                "wificall.userPlane.reflectorKey", KEY_HEX, "wificall.userPlane.lifetime", "2s..30s/2s",
                "wificall.userPlane.lifetimeBudget", "60s", "wificall.userPlane.keepAlive", "10s",
                "wificall.userPlane.dnsNames", "ims.mnc001.mcc262.3gppnetwork.org", "wificall.userPlane.timeout", "2s"));
        assertThat(s.check().attach().orElseThrow().withSim()).isTrue();
        UserPlaneSettings u = s.check().userPlane().orElseThrow();
        assertThat(u.answerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(u.dnsNames()).containsExactly("ims.mnc001.mcc262.3gppnetwork.org");
        UserPlaneSettings.Lifetime l = u.lifetime().orElseThrow();
        assertThat(l.reflector()).isEqualTo(new InetSocketAddress("10.46.0.20", 7777));
        assertThat(l.lower()).isEqualTo(Duration.ofSeconds(2));
        assertThat(l.upper()).isEqualTo(Duration.ofSeconds(30));
        assertThat(l.step()).isEqualTo(Duration.ofSeconds(2));
        assertThat(l.budget()).isEqualTo(Duration.ofSeconds(60));
        assertThat(l.keepAliveCheck()).contains(Duration.ofSeconds(10));
        // the store key tells the check apart without showing the key
        assertThat(s.key(Request.of("x", dev.wificall.discovery.SelectionInput.of(dev.wificall.discovery.Plmn.parse(
                "262-01")))).toString()).doesNotContain(KEY_HEX);
    }

    @Test
    void attributeOrParameterTurnsItOnAndParametersAloneCannotTurnATunnelOff() {
        assertThat(captured(ReachableWithUserPlane.class, SIM).check().userPlane()).contains(UserPlaneSettings.DEFAULTS);
        assertThat(captured(Attach.class, SIM).check().userPlane()).isEmpty();
        assertThat(captured(Attach.class, with(SIM, "wificall.userPlane", "true")).check().userPlane())
                .contains(UserPlaneSettings.DEFAULTS);
        assertThat(captured(Tunnel.class, with(SIM, "wificall.userPlane", "false")).check().userPlane())
                .contains(UserPlaneSettings.DEFAULTS);
        // off: the other parameters are not read
        assertThat(captured(Attach.class, with(SIM, "wificall.userPlane", "false", "wificall.userPlane.lifetime", "x"))
                .check().userPlane()).isEmpty();
    }

    @Test
    void builderSettingsWinOverParameters() {
        Settings s = captured(Built.class, with(SIM, "wificall.userPlane.timeout", "nonsense"));
        assertThat(s.check().userPlane()).contains(Built.SETTINGS);
    }

    @Test
    void storeKeyDiffersWithTheUserPlane() {
        Request r = Request.of("x", dev.wificall.discovery.SelectionInput.of(dev.wificall.discovery.Plmn.parse("262-01")));
        Object plain = captured(Attach.class, SIM).key(r);
        Object on = captured(Attach.class, with(SIM, "wificall.userPlane", "true")).key(r);
        Map<String, String> reflector = with(SIM, "wificall.userPlane", "true", "wificall.userPlane.reflector",
                "10.46.0.20:7777", "wificall.userPlane.reflectorKey", KEY_HEX);
        Object withKey = captured(Attach.class, reflector).key(r);
        Object otherKey = captured(Attach.class, with(reflector, "wificall.userPlane.reflectorKey", "ff".repeat(32))).key(r);
        assertThat(List.of(on, withKey, otherKey)).doesNotContain(plain);
        assertThat(withKey).isNotEqualTo(on).isNotEqualTo(otherKey)
                .isEqualTo(captured(Attach.class, new HashMap<>(reflector)).key(r));
        assertThat(withKey.toString()).doesNotContainIgnoringCase(KEY_HEX).doesNotContain("ffff");
    }

    // --- mistakes ---

    @Test
    void userPlaneWithoutAFullAttachNamesTheAttribute() {
        Throwable t = failure(ReachableWithUserPlaneOnly.class, Map.of());
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 262, mnc = 1, userPlane = true) on class ")
                .hasMessageEndingWith("ReachableWithUserPlaneOnly: userPlane = true: the user plane runs through the tunnel"
                        + " of a full EAP-AKA attach, but IKE_AUTH is none; ask for IkeAuth.ATTACH (or use @EpdgTunnel) with"
                        + " the subscriber's credentials (WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC)");
        assertThat(failure(Probe.class, Map.of("wificall.userPlane", "true")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter wificall.userPlane = 'true': the user plane runs through the tunnel of"
                        + " a full EAP-AKA attach, but IKE_AUTH is probe; set wificall.ikeAuth=attach with the subscriber's"
                        + " credentials (WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC)");
    }

    @Test
    void tunnelWithoutCredentialsNamesTheAnnotation() {
        assumeTrue(System.getenv(UsimCredentials.ENV_IMSI) == null, "WIFICALL_IMSI is set in this environment");
        assertThat(failure(Tunnel.class, Map.of())).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgTunnel(mcc = 262, mnc = 1) on class ")
                .hasMessageContaining("Tunnel (which attaches with ikeAuth = ATTACH): needs the subscriber's credentials:"
                        + " WIFICALL_IMSI is not set");
    }

    @Test
    void badParametersNameThemselvesAndWhatIsExpected() {
        Map<String, String> on = with(SIM, "wificall.userPlane", "true");
        assertThat(failure(Attach.class, with(SIM, "wificall.userPlane", "yes"))).isInstanceOf(
                ExtensionConfigurationException.class).hasMessage("configuration parameter wificall.userPlane = 'yes':"
                + " 'yes' is not a boolean; expected true or false");
        assertThat(failure(Attach.class, with(on, "wificall.userPlane.reflector", "10.46.0.20:7777",
                "wificall.userPlane.reflectorKey", KEY_HEX, "wificall.userPlane.lifetime", "60s")))
                .hasMessage("configuration parameter wificall.userPlane.lifetime = '60s': '60s' is not a range; expected"
                        + " LOWER..UPPER or LOWER..UPPER/STEP, e.g. 2s..60s or 2s..60s/1s");
        assertThat(failure(Tunnel.class, with(SIM, "wificall.userPlane.timeout", "soon")))
                .hasMessage("configuration parameter wificall.userPlane.timeout = 'soon': 'soon' is not a duration;"
                        + " expected a number with a unit, e.g. 3s, 500ms or 1m");
        assertThat(failure(Tunnel.class, with(SIM, "wificall.userPlane.reflector", "reflector:7777",
                "wificall.userPlane.reflectorKey", KEY_HEX)))
                .hasMessageStartingWith("configuration parameter wificall.userPlane.reflector = 'reflector:7777':"
                        + " 'reflector' in 'reflector:7777' is not an address literal; expected an IPv4 or IPv6 address");
        assertThat(failure(Tunnel.class, with(SIM, "wificall.userPlane.keepAlive", "20s")))
                .hasMessage("configuration parameter wificall.userPlane.keepAlive = '20s': is for the mapping lifetime,"
                        + " which needs the reflector behind the ePDG; set wificall.userPlane.reflector too (e.g."
                        + " 10.46.0.20:7777), or drop it");
    }

    @Test
    void aBadKeyIsNamedNeverShown() {
        assumeTrue(System.getenv("WIFICALL_REFLECTOR_KEY") == null, "WIFICALL_REFLECTOR_KEY is set in this environment");
        String shortKey = "0011223344556677";
        Throwable t = failure(Tunnel.class, with(SIM, "wificall.userPlane.reflector", "10.46.0.20:7777",
                "wificall.userPlane.reflectorKey", shortKey));
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter wificall.userPlane.reflectorKey: the reflector key holds 8 bytes; it"
                        + " needs 16 to 1024 (e.g. openssl rand -hex 32)");
        assertNoSecret(t.getMessage(), shortKey);
        assertThat(failure(Tunnel.class, with(SIM, "wificall.userPlane.reflector", "10.46.0.20:7777")))
                .hasMessage("configuration parameter wificall.userPlane.reflector = '10.46.0.20:7777': the reflector needs"
                        + " its key; set the environment variable WIFICALL_REFLECTOR_KEY or"
                        + " wificall.userPlane.reflectorKeyFile (hex or base64, at least 16 bytes, the key the reflector was"
                        + " started with)");
    }

    @Test
    void builderUserPlaneWithoutAttachNamesTheCall() {
        Throwable t = failure(BuiltWithoutAttach.class, Map.of());
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("WifiCallingExtension.builder().userPlane(true): the user plane runs through the tunnel of a"
                        + " full EAP-AKA attach, but IKE_AUTH is none; ask for IkeAuth.ATTACH (or use @EpdgTunnel) with the"
                        + " subscriber's credentials (WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC)");
    }

    @Test
    void specsSpellTheAnnotationAsWritten() {
        assertThat(OperatorSpec.of(Tunnel.class.getAnnotation(EpdgTunnel.class), null).toString())
                .isEqualTo("@EpdgTunnel(mcc = 262, mnc = 1)");
        assertThat(OperatorSpec.of(ReachableWithUserPlane.class.getAnnotation(EpdgReachable.class), null).toString())
                .isEqualTo("@EpdgReachable(mcc = 262, mnc = 1, ikeAuth = ATTACH, userPlane = true)");
    }

    // --- helpers ---

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Settings captured(Class<?> fixture, Map<String, String> parameters) {
        CAPTURED.remove(fixture);
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                .selectors(selectClass(fixture)).execute();
        results.testEvents().assertStatistics(s -> s.started(1).aborted(1));
        assertThat(CAPTURED).containsKey(fixture);
        return CAPTURED.get(fixture);
    }

    private static Throwable failure(Class<?> fixture, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("wificall.dns.server", "127.0.0.1:9");
        all.put("wificall.dns.timeout", "1s");
        Events events = EngineTestKit.engine("junit-jupiter").configurationParameters(all)
                .selectors(selectClass(fixture)).execute().testEvents();
        events.assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** Records the settings of the test's one request, then aborts the test before the check runs. */
    static final class Capture implements BeforeEachCallback {
        private final Supplier<List<Request>> requests;

        Capture() {
            this(null);
        }

        Capture(Supplier<List<Request>> requests) {
            this.requests = requests;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            List<Request> mine = requests != null ? requests.get() : java.util.stream.Stream.concat(
                    OperatorSpec.findAll(context, EpdgReachable.class).stream()
                            .map(f -> OperatorSpec.of(f.annotation(), f.where())),
                    OperatorSpec.findAll(context, EpdgTunnel.class).stream()
                            .map(f -> OperatorSpec.of(f.annotation(), f.where())))
                    .map(OperatorSpec::request).toList();
            assertThat(mine).hasSize(1);
            CAPTURED.put(context.getRequiredTestClass(), Settings.of(mine.get(0), context));
            throw new TestAbortedException("captured");
        }
    }

    @ExtendWith(Capture.class)
    @EpdgTunnel(mcc = 262, mnc = 1)
    static class Tunnel {
        @Test
        void call() {
        }
    }

    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.ATTACH, userPlane = true)
    static class ReachableWithUserPlane {
        @Test
        void call() {
        }
    }

    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.ATTACH)
    static class Attach {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, userPlane = true)
    static class ReachableWithUserPlaneOnly {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE)
    static class Probe {
        @Test
        void call() {
        }
    }

    static class Built {
        static final UserPlaneSettings SETTINGS = UserPlaneSettings.DEFAULTS.withAnswerTimeout(Duration.ofMillis(750));
        @RegisterExtension
        @Order(1)
        static Capture capture = new Capture(() -> Built.wifi.requests());
        @RegisterExtension
        @Order(2)
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").ikeAuth(IkeAuth.ATTACH)
                .userPlane(SETTINGS).build();

        @Test
        void call() {
        }
    }

    static class BuiltWithoutAttach {
        @RegisterExtension
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").userPlane(true).build();

        @Test
        void call() {
        }
    }
}
