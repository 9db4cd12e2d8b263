package dev.wificall.junit;

import static dev.wificall.junit.IkeAuthMistakesTest.IMSI;
import static dev.wificall.junit.IkeAuthMistakesTest.K;
import static dev.wificall.junit.IkeAuthMistakesTest.OPC;
import static dev.wificall.junit.IkeAuthMistakesTest.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.attach.AttachSettings;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.Imsi;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.TestAbortedException;

/**
 * Where each IKE_AUTH setting comes from (annotation or builder, then the published value, then the
 * configuration parameter, then the default; credentials in code, then parameters, then the
 * environment) and the store key that makes a check run once per run: equal for the same settings
 * and subscriber, different when any differs, K included, and showing no secret.
 */
class IkeAuthSettingsTest {

    private static final String CA = "src/test/resources/ikeauth/ca.pem";
    private static final String OTHER_CA = "src/test/resources/ikeauth/other-ca.pem";
    private static final Path HERE = Path.of("").toAbsolutePath();
    private static final Map<Class<?>, Optional<AttachSettings>> CAPTURED = new ConcurrentHashMap<>();

    // --- precedence, through the engine ---

    @Test
    void defaultsWhenOnlyTheModeIsSet() {
        AttachSettings s = captured(Probing.class, Map.of()).orElseThrow();
        assertThat(s.apn()).isEqualTo("ims");
        assertThat(s.expiryWarningDays()).isEqualTo(30);
        assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.trust().isEmpty()).isTrue();
        assertThat(s.credentials()).isEmpty();
        assertThat(captured(Plain.class, Map.of())).isEmpty();
    }

    @Test
    void parametersApplyWhereTheAnnotationSaysNothing() {
        AttachSettings s = captured(Plain.class, Map.of("wificall.ikeAuth", "probe", "wificall.apn", "configured",
                "wificall.certificateWarningDays", "20", "wificall.attachTimeout", "20s", "wificall.trustStore", CA))
                .orElseThrow();
        assertThat(s.apn()).isEqualTo("configured");
        assertThat(s.expiryWarningDays()).isEqualTo(20);
        assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(20));
        assertThat(subjects(s)).containsExactly("CN=wificall-junit test CA");
    }

    @Test
    void attributesWinOverParameters() {
        Map<String, String> parameters = Map.of("wificall.ikeAuth", "attach", "wificall.apn", "configured",
                "wificall.certificateWarningDays", "20", "wificall.attachTimeout", "20s", "wificall.trustStore", OTHER_CA);
        AttachSettings s = captured(Annotated.class, parameters).orElseThrow();
        assertThat(s.credentials()).isEmpty(); // PROBE from the annotation, not attach
        assertThat(s.apn()).isEqualTo("annotated");
        assertThat(s.expiryWarningDays()).isEqualTo(10);
        assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(8));
        assertThat(subjects(s)).containsExactly("CN=wificall-junit test CA"); // relative to the working directory
        assertThat(captured(Off.class, parameters)).isEmpty();
    }

    @Test
    void publishedValuesWinOverParametersAndYieldToAttributes() {
        Map<String, String> parameters = Map.of("wificall.ikeAuth", "none", "wificall.apn", "configured");
        AttachSettings published = captured(Published.class, parameters).orElseThrow();
        assertThat(published.apn()).isEqualTo("published");
        assertThat(published.credentials()).isEmpty();
        assertThat(captured(PublishedButAnnotated.class, parameters).orElseThrow().apn()).isEqualTo("annotated");
    }

    @Test
    void credentialsFromParameters() {
        AttachSettings s = captured(Plain.class, Map.of("wificall.ikeAuth", "attach", "wificall.imsi", IMSI,
                "wificall.k", K, "wificall.opc", OPC)).orElseThrow();
        assertThat(s.credentials()).map(CredentialSource::imsi).contains(new Imsi(IMSI));
        // probe may name the subscriber, without keys
        AttachSettings probe = captured(Probing.class, Map.of("wificall.imsi", IMSI)).orElseThrow();
        assertThat(probe.credentials()).isEmpty();
        assertThat(probe.probeImsi()).contains(new Imsi(IMSI));
    }

    @Test
    void builderSettingsWinAndCredentialsAloneMeanAttach() {
        Map<String, String> parameters = Map.of("wificall.ikeAuth", "none", "wificall.apn", "configured",
                "wificall.imsi", "262019999999999", "wificall.k", K, "wificall.opc", OPC);
        AttachSettings s = captured(Built.class, parameters).orElseThrow();
        assertThat(s.credentials()).containsSame(Built.USIM);
        assertThat(s.apn()).isEqualTo("built");
        assertThat(subjects(s)).containsExactly("CN=wificall-junit test CA");
        assertThat(s.deadline()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(s.expiryWarningDays()).isEqualTo(45);
    }

    // --- precedence and key, directly ---

    @Test
    void environmentGivesCredentialsWhenNoParameterDoes() {
        Map<String, String> env = Map.of(UsimCredentials.ENV_IMSI, IMSI, UsimCredentials.ENV_K, K,
                UsimCredentials.ENV_OPC, OPC);
        IkeAuthSettings fromEnv = resolve(attach(), Map.of(), env);
        assertThat(fromEnv.settings().orElseThrow().credentials()).map(CredentialSource::imsi).contains(new Imsi(IMSI));
        // parameters replace the environment as a whole
        IkeAuthSettings configured = resolve(attach(), Map.of("wificall.imsi", "262019999999999", "wificall.k", K,
                "wificall.opc", OPC), env);
        assertThat(configured.settings().orElseThrow().credentials()).map(CredentialSource::imsi)
                .contains(new Imsi("262019999999999"));
        // the USIM in code replaces both
        SoftUsim usim = SoftUsim.of(UsimCredentials.parse("262018888888888", K, OPC, null));
        IkeAuthSettings inCode = resolve(attach(usim), Map.of("wificall.imsi", IMSI, "wificall.k", "bad"), env);
        assertThat(inCode.settings().orElseThrow().credentials()).containsSame(usim);
    }

    @Test
    void keyIsEqualForTheSameSettingsAndSubscriber() {
        Map<String, String> p = Map.of("wificall.ikeAuth", "attach", "wificall.trustStore", CA, "wificall.imsi", IMSI,
                "wificall.k", K, "wificall.opc", OPC);
        assertThat(resolve(IkeAuthRequest.FROM_CONFIGURATION, p, Map.of()).key())
                .isEqualTo(resolve(IkeAuthRequest.FROM_CONFIGURATION, new HashMap<>(p), Map.of()).key())
                .hasSameHashCodeAs(resolve(IkeAuthRequest.FROM_CONFIGURATION, p, Map.of()).key());
        assertThat(resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of(), Map.of()).key())
                .isEqualTo(resolve(IkeAuthRequest.NEVER, p, Map.of()).key()).isEqualTo(IkeAuthSettings.NONE.key());
        SoftUsim usim = SoftUsim.of(UsimCredentials.parse(IMSI, K, OPC, null));
        assertThat(resolve(attach(usim), Map.of(), Map.of()).key()).isEqualTo(resolve(attach(usim), Map.of(), Map.of()).key());
    }

    @Test
    void keyDiffersWhenAnySettingOrTheSubscriberDiffers() {
        Map<String, String> base = Map.of("wificall.ikeAuth", "attach", "wificall.trustStore", CA, "wificall.imsi", IMSI,
                "wificall.k", K, "wificall.opc", OPC);
        Object key = resolve(IkeAuthRequest.FROM_CONFIGURATION, base, Map.of()).key();
        String otherK = "00112233445566778899aabbccddeeff";
        for (Map<String, String> changed : List.of(
                with(base, "wificall.ikeAuth", "probe"),
                with(base, "wificall.trustStore", OTHER_CA),
                with(base, "wificall.apn", "internet"),
                with(base, "wificall.certificateWarningDays", "10"),
                with(base, "wificall.attachTimeout", "9s"),
                with(base, "wificall.k", otherK), // the same IMSI with another K: another subscriber
                with(base, "wificall.opc", otherK))) {
            assertThat(resolve(IkeAuthRequest.FROM_CONFIGURATION, changed, Map.of()).key()).as(changed.toString())
                    .isNotEqualTo(key);
        }
        Map<String, String> env = Map.of(UsimCredentials.ENV_IMSI, IMSI, UsimCredentials.ENV_K, K,
                UsimCredentials.ENV_OPC, OPC);
        assertThat(resolve(attach(), Map.of(), env).key())
                .isNotEqualTo(resolve(attach(), Map.of(), with(env, UsimCredentials.ENV_K, otherK)).key());
        UsimCredentials credentials = UsimCredentials.parse(IMSI, K, OPC, null);
        assertThat(resolve(attach(SoftUsim.of(credentials)), Map.of(), Map.of()).key())
                .isNotEqualTo(resolve(attach(SoftUsim.of(credentials)), Map.of(), Map.of()).key());
    }

    @Test
    void keyShowsNoSecret() {
        Map<String, String> p = Map.of("wificall.ikeAuth", "attach", "wificall.imsi", IMSI, "wificall.k", K,
                "wificall.opc", OPC);
        String shown = resolve(IkeAuthRequest.FROM_CONFIGURATION, p, Map.of()).key().toString();
        assertThat(shown).isEqualTo("IKE_AUTH attach, subscriber hidden");
        assertNoSecret(shown);
        assertNoSecret(resolve(attach(SoftUsim.of(UsimCredentials.parse(IMSI, K, OPC, null))), Map.of(), Map.of()).key()
                .toString());
    }

    @Test
    void oneCheckPerOperatorAndIkeAuthSettings() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("wificall.dns.server", "127.0.0.1:9", "wificall.dns.timeout", "1s"))
                .selectors(selectClass(FourTests.class)).execute();
        results.testEvents().assertStatistics(s -> s.started(4).failed(4));
        // probe twice (one check), none, probe with another APN
        assertThat(results.allEvents().reportingEntryPublished().stream().map(Event::getPayload)
                .flatMap(p -> p.map(ReportEntry.class::cast).stream())
                .filter(e -> e.getKeyValuePairs().containsKey(Checks.PROBE_ENTRY))).hasSize(3);
    }

    // --- helpers ---

    private static IkeAuthSettings resolve(IkeAuthRequest request, Map<String, String> parameters,
                                           Map<String, String> env) {
        return IkeAuthSettings.of(request, new IkeAuthSettings.Source() {
            @Override
            public Optional<String> value(String name) {
                return Optional.ofNullable(parameters.get(name));
            }

            @Override
            public String origin(String name, String value) {
                return "parameter " + name + (value == null ? "" : " = '" + value + "'");
            }
        }, env, HERE);
    }

    private static IkeAuthRequest attach() {
        return new IkeAuthRequest(true, IkeAuth.ATTACH, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of());
    }

    private static IkeAuthRequest attach(CredentialSource usim) {
        return new IkeAuthRequest(true, IkeAuth.ATTACH, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(usim), Map.of());
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(name, value);
        return m;
    }

    private static List<String> subjects(AttachSettings s) {
        return s.trust().certificates().stream().map(X509Certificate::getSubjectX500Principal).map(Object::toString).toList();
    }

    /** Runs {@code fixture}, whose {@link Capture} records the settings its one check would use. */
    private static Optional<AttachSettings> captured(Class<?> fixture, Map<String, String> parameters) {
        CAPTURED.remove(fixture);
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                .selectors(selectClass(fixture)).execute();
        results.testEvents().assertStatistics(s -> s.started(1).aborted(1));
        assertThat(CAPTURED).containsKey(fixture);
        return CAPTURED.get(fixture);
    }

    /**
     * Records the IKE_AUTH settings of the test's one request (from its annotations, or the builder's),
     * then aborts the test before the check runs.
     */
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
            List<Request> mine = requests != null ? requests.get() : OperatorSpec.findAll(context, EpdgReachable.class)
                    .stream().map(f -> OperatorSpec.of(f.annotation(), f.where()).request()).toList();
            assertThat(mine).hasSize(1);
            CAPTURED.put(context.getRequiredTestClass(), Settings.of(mine.get(0), context).check().attach());
            throw new TestAbortedException("captured");
        }
    }

    /** What wificall-testkit's simulation does: publishes values for its class. */
    static final class Publisher implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            ExtensionContext.Store store = context.getStore(Settings.PUBLISHED);
            store.put("wificall.ikeAuth", "probe");
            store.put("wificall.apn", "published");
        }
    }

    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE)
    static class Probing {
        @Test
        void call() {
        }
    }

    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1)
    static class Plain {
        @Test
        void call() {
        }
    }

    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.NONE)
    static class Off {
        @Test
        void call() {
        }
    }

    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE, trustStore = CA, certificateWarningDays = 10,
            apn = "annotated", attachTimeout = "8s")
    static class Annotated {
        @Test
        void call() {
        }
    }

    @ExtendWith(Publisher.class)
    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1)
    static class Published {
        @Test
        void call() {
        }
    }

    @ExtendWith(Publisher.class)
    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1, apn = "annotated")
    static class PublishedButAnnotated {
        @Test
        void call() {
        }
    }

    static class Built {
        static final SoftUsim USIM = SoftUsim.of(UsimCredentials.parse(IMSI, K, OPC, null));
        @RegisterExtension
        @Order(1)
        static Capture capture = new Capture(() -> Built.wifi.requests());
        @RegisterExtension
        @Order(2)
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").credentials(USIM)
                .apn("built").trustStore(Path.of(CA)).attachTimeout(Duration.ofMillis(12_500))
                .certificateWarningDays(45).build();

        @Test
        void call() {
        }
    }

    static class FourTests {
        @Test
        @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE)
        void probe() {
        }

        @Test
        @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE)
        void probeAgain() {
        }

        @Test
        @EpdgReachable(mcc = 262, mnc = 1)
        void none() {
        }

        @Test
        @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE, apn = "internet")
        void probeAnotherApn() {
        }
    }
}
