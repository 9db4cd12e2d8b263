package dev.wificall.junit;

import static dev.wificall.junit.IkeAuthMistakesTest.IMSI;
import static dev.wificall.junit.IkeAuthMistakesTest.K;
import static dev.wificall.junit.IkeAuthMistakesTest.OPC;
import static dev.wificall.junit.IkeAuthMistakesTest.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.attach.AttachSettings;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import dev.wificall.sim.ReaderSim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/**
 * The SIM in a card reader as the subscriber: {@code wificall.sim.reader} and {@code wificall.sim.pinFile}
 * (parameter, published value or builder call), the PIN otherwise from {@code WIFICALL_SIM_PIN}. Nothing
 * here asks a card (none is needed, pcscd or not): the settings name the reader, the attach would ask
 * it. Each mistake names where the value came from and never shows the PIN.
 */
class SimReaderSettingsTest {

    private static final String READER = "Lab Reader 00";
    /** PINs no message may show. */
    private static final String PIN = "4711";
    private static final String OTHER_PIN = "90817263";
    private static final Path HERE = Path.of("").toAbsolutePath();
    private static final Map<Class<?>, Optional<AttachSettings>> CAPTURED = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    // --- settings that parse ---

    @Test
    void readerFromParametersIsTheSubscriberAndItsPinComesFromTheEnvironment() {
        Map<String, String> env = Map.of("WIFICALL_SIM_PIN", PIN, UsimCredentials.ENV_IMSI, IMSI,
                UsimCredentials.ENV_K, K, UsimCredentials.ENV_OPC, OPC);
        IkeAuthSettings s = resolve(IkeAuthRequest.FROM_CONFIGURATION,
                Map.of("wificall.ikeAuth", "attach", "wificall.sim.reader", READER), env);
        CredentialSource credentials = s.settings().orElseThrow().credentials().orElseThrow();
        // the SIM wins over the environment's keys
        assertThat(credentials).isInstanceOf(ReaderSim.class);
        assertThat(credentials.description()).isEqualTo("SIM in reader 'Lab Reader 00'");
        assertThat(s.key().toString()).isEqualTo("IKE_AUTH attach, subscriber SIM in reader 'Lab Reader 00'"
                + " (PIN from WIFICALL_SIM_PIN)");
        assertNoSecret(s.key().toString(), PIN);
        // no PIN anywhere: a card whose PIN1 is disabled
        assertThat(resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of("wificall.ikeAuth", "attach",
                "wificall.sim.reader", "0"), Map.of()).key().toString())
                .isEqualTo("IKE_AUTH attach, subscriber SIM in reader '0' (no PIN)");
    }

    @Test
    void pinFileFromParametersIsReadAndNamedNeverShown() throws IOException {
        Path pin = Files.writeString(dir.resolve("sim.pin"), PIN + "\n");
        Map<String, String> p = Map.of("wificall.ikeAuth", "attach", "wificall.sim.reader", READER,
                "wificall.sim.pinFile", pin.toString());
        IkeAuthSettings s = resolve(IkeAuthRequest.FROM_CONFIGURATION, p, Map.of("WIFICALL_SIM_PIN", OTHER_PIN));
        assertThat(s.settings().orElseThrow().credentials().orElseThrow().description())
                .isEqualTo("SIM in reader 'Lab Reader 00'");
        assertThat(s.key().toString()).isEqualTo("IKE_AUTH attach, subscriber SIM in reader 'Lab Reader 00' (PIN from "
                + pin + ")");
        assertNoSecret(s.key().toString(), PIN, OTHER_PIN);
        assertNoSecret(s.settings().orElseThrow().credentials().orElseThrow().toString(), PIN, OTHER_PIN);
    }

    @Test
    void keyTellsSimSubscribersApartAndFromKeys() throws IOException {
        Path pin = Files.writeString(dir.resolve("sim.pin"), PIN);
        Map<String, String> p = Map.of("wificall.ikeAuth", "attach", "wificall.sim.reader", READER);
        Map<String, String> env = Map.of("WIFICALL_SIM_PIN", PIN);
        Object key = resolve(IkeAuthRequest.FROM_CONFIGURATION, p, env).key();
        assertThat(resolve(IkeAuthRequest.FROM_CONFIGURATION, new HashMap<>(p), env).key()).isEqualTo(key)
                .hasSameHashCodeAs(key);
        assertThat(resolve(IkeAuthRequest.FROM_CONFIGURATION, with(p, "wificall.sim.reader", "Other Reader"), env).key())
                .isNotEqualTo(key);
        assertThat(resolve(IkeAuthRequest.FROM_CONFIGURATION, with(p, "wificall.sim.pinFile", pin.toString()), env).key())
                .isNotEqualTo(key);
        assertThat(resolve(IkeAuthRequest.FROM_CONFIGURATION, p, Map.of()).key()).isNotEqualTo(key);
        Object keys = resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of("wificall.ikeAuth", "attach", "wificall.imsi",
                IMSI, "wificall.k", K, "wificall.opc", OPC), env).key();
        assertThat(keys).isNotEqualTo(key);
    }

    @Test
    void readerThroughTheEngineFromConfigurationParameters() throws IOException {
        Path pin = Files.writeString(dir.resolve("sim.pin"), PIN);
        AttachSettings s = captured(Plain.class, Map.of("wificall.ikeAuth", "attach", "wificall.sim.reader", READER,
                "wificall.sim.pinFile", pin.toString())).orElseThrow();
        assertThat(s.credentials()).map(CredentialSource::description).contains("SIM in reader 'Lab Reader 00'");
        assertThat(s.withSim()).isTrue();
    }

    @Test
    void builderNamesTheReaderAndAloneMeansAttach() {
        AttachSettings s = captured(Built.class, Map.of("wificall.ikeAuth", "none", "wificall.sim.reader", "ignored"))
                .orElseThrow();
        assertThat(s.credentials()).map(CredentialSource::description).contains("SIM in reader 'Built Reader'");
    }

    // --- mistakes ---

    @Test
    void probeWithAReaderNamesTheReaderSetting() {
        Throwable t = catchThrowable(() -> resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of("wificall.ikeAuth", "probe",
                "wificall.sim.reader", READER), Map.of("WIFICALL_SIM_PIN", PIN)));
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("parameter wificall.sim.reader = 'Lab Reader 00': a SIM in a reader is for the attach, but"
                        + " wificall.ikeAuth is probe; set wificall.ikeAuth=attach, or leave wificall.sim.reader unset");
        assertNoSecret(t.getMessage(), PIN);
    }

    @Test
    void keysAndAReaderBothNamingTheSubscriberNamesTheReaderNeverTheKeys() {
        Throwable t = catchThrowable(() -> resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of("wificall.ikeAuth", "attach",
                "wificall.sim.reader", READER, "wificall.imsi", IMSI, "wificall.k", K, "wificall.opc", OPC),
                Map.of("WIFICALL_SIM_PIN", PIN)));
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("parameter wificall.sim.reader = 'Lab Reader 00': the SIM in reader 'Lab Reader 00' and"
                        + " wificall.imsi/k/opc/op both name the subscriber; keep one of them");
        assertNoSecret(t.getMessage(), PIN);
    }

    @Test
    void pinFileWithoutAReaderNamesThePinFileSetting() throws IOException {
        Path pin = Files.writeString(dir.resolve("sim.pin"), PIN);
        Throwable t = catchThrowable(() -> resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of("wificall.ikeAuth", "attach",
                "wificall.sim.pinFile", pin.toString()), Map.of()));
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("parameter wificall.sim.pinFile = '" + pin + "': wificall.sim.pinFile is set but"
                        + " wificall.sim.reader is not: set wificall.sim.reader to the card reader's name, a unique part"
                        + " of it, or its index (0 for the first)");
        assertNoSecret(t.getMessage(), PIN);
    }

    @Test
    void badPinFileContentSaysWhatIsWrongWithoutThePin() throws IOException {
        String notAPin = "47x1";
        Path pin = Files.writeString(dir.resolve("sim.pin"), notAPin + "\n");
        Throwable t = catchThrowable(() -> resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of("wificall.ikeAuth", "attach",
                "wificall.sim.reader", READER, "wificall.sim.pinFile", "sim.pin"), Map.of(), dir));
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("parameter wificall.sim.pinFile = 'sim.pin' (" + pin + "): the SIM's PIN must be 4 to 8 digits;"
                        + " got 4 characters, not all digits");
        assertNoSecret(t.getMessage(), notAPin);
        Throwable missing = catchThrowable(() -> resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of("wificall.ikeAuth",
                "attach", "wificall.sim.reader", READER, "wificall.sim.pinFile", "none.pin"), Map.of(), dir));
        assertThat(missing).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("parameter wificall.sim.pinFile = 'none.pin': " + dir.resolve("none.pin") + " does not exist;"
                        + " expected a file holding the SIM's PIN (4 to 8 digits) on one line");
    }

    @Test
    void badPinInTheEnvironmentNamesTheVariableNeverItsValue() {
        String tooLong = "123456789";
        Throwable t = catchThrowable(() -> resolve(IkeAuthRequest.FROM_CONFIGURATION, Map.of("wificall.ikeAuth", "attach",
                "wificall.sim.reader", READER), Map.of("WIFICALL_SIM_PIN", tooLong)));
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("environment variable WIFICALL_SIM_PIN: the SIM's PIN must be 4 to 8 digits; got 9 characters");
        assertNoSecret(t.getMessage(), tooLong, "12345678");
    }

    @Test
    void mistakesThroughTheEngineNameTheConfigurationParameter() throws IOException {
        Path pin = Files.writeString(dir.resolve("sim.pin"), "47 11");
        Throwable probe = failure(Map.of("wificall.ikeAuth", "probe", "wificall.sim.reader", READER));
        assertThat(probe).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter wificall.sim.reader = 'Lab Reader 00': a SIM in a reader is"
                        + " for the attach, but wificall.ikeAuth is probe");
        Throwable content = failure(Map.of("wificall.ikeAuth", "attach", "wificall.sim.reader", READER,
                "wificall.sim.pinFile", pin.toString()));
        assertThat(content).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter wificall.sim.pinFile = '" + pin + "' (" + pin + "): the SIM's PIN must"
                        + " be 4 to 8 digits; got 5 characters, not all digits");
        assertThat(content.getMessage()).doesNotContain("47 11");
    }

    @Test
    void builderMistakesNameTheCall() throws IOException {
        assertThatThrownBy(() -> WifiCallingExtension.builder().simReader(" "))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("WifiCallingExtension.builder().simReader(\" \"): expected a card reader's name, a unique part of"
                        + " it, or its index (0 for the first); wificall readers lists them");
        SoftUsim usim = SoftUsim.of(UsimCredentials.parse(IMSI, K, OPC, null));
        Throwable both = catchThrowable(() -> WifiCallingExtension.builder().operator("262-01").simReader(READER)
                .credentials(usim).build());
        assertThat(both).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("WifiCallingExtension.builder().simReader(\"Lab Reader 00\"): credentials(SoftUsim[")
                .hasMessageEndingWith(", K and OPc hidden]) names the subscriber too; keep one of them");
        assertNoSecret(both.getMessage());
        assertThatThrownBy(() -> WifiCallingExtension.builder().operator("262-01").ikeAuth(IkeAuth.NONE).simReader(READER)
                .build()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("WifiCallingExtension.builder().simReader(\"Lab Reader 00\"): ikeAuth(NONE) sends no IKE_AUTH, so"
                        + " the SIM would go unused; drop ikeAuth(NONE), or ask for ikeAuth(IkeAuth.ATTACH)");
        Path bad = Files.writeString(dir.resolve("bad.pin"), "47111\n4711\n");
        Throwable file = catchThrowable(() -> WifiCallingExtension.builder().simPinFile(bad));
        assertThat(file).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("WifiCallingExtension.builder().simPinFile(" + bad + "): " + bad + " holds more than one line;"
                        + " expected one line with the SIM's PIN (4 to 8 digits)");
        Path shortPin = Files.writeString(dir.resolve("short.pin"), "471");
        assertThatThrownBy(() -> WifiCallingExtension.builder().simPinFile(shortPin))
                .hasMessage("WifiCallingExtension.builder().simPinFile(" + shortPin + "): " + shortPin + ": the SIM's PIN"
                        + " must be 4 to 8 digits; got 3 characters");
        // probe from the builder with a reader from the builder: the call is named
        IkeAuthRequest probe = WifiCallingExtension.builder().operator("262-01").ikeAuth(IkeAuth.PROBE).simReader(READER)
                .build().requests().get(0).ikeAuth();
        assertThatThrownBy(() -> resolve(probe, Map.of(), Map.of()))
                .hasMessageStartingWith("WifiCallingExtension.builder().simReader(\"Lab Reader 00\"): a SIM in a reader is"
                        + " for the attach");
    }

    // --- helpers ---

    private static IkeAuthSettings resolve(IkeAuthRequest request, Map<String, String> parameters, Map<String, String> env) {
        return resolve(request, parameters, env, HERE);
    }

    private static IkeAuthSettings resolve(IkeAuthRequest request, Map<String, String> parameters, Map<String, String> env,
                                           Path baseDir) {
        return IkeAuthSettings.of(request, new IkeAuthSettings.Source() {
            @Override
            public Optional<String> value(String name) {
                return Optional.ofNullable(parameters.get(name));
            }

            @Override
            public String origin(String name, String value) {
                return "parameter " + name + (value == null ? "" : " = '" + value + "'");
            }
        }, env, baseDir);
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(name, value);
        return m;
    }

    private static Optional<AttachSettings> captured(Class<?> fixture, Map<String, String> parameters) {
        CAPTURED.remove(fixture);
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                .selectors(selectClass(fixture)).execute();
        results.testEvents().assertStatistics(s -> s.started(1).aborted(1));
        assertThat(CAPTURED).containsKey(fixture);
        return CAPTURED.get(fixture);
    }

    /** Runs {@link Failing}, whose one check fails on a closed loopback resolver unless its settings fail first. */
    private static Throwable failure(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("wificall.dns.server", "127.0.0.1:9");
        all.put("wificall.dns.timeout", "1s");
        Events events = EngineTestKit.engine("junit-jupiter").configurationParameters(all)
                .selectors(selectClass(Failing.class)).execute().testEvents();
        events.assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** Records the settings of the one request the test's annotations (or the builder) make, then aborts. */
    static final class Capture implements BeforeEachCallback {
        private final java.util.function.Supplier<List<Request>> requests;

        Capture() {
            this(null);
        }

        Capture(java.util.function.Supplier<List<Request>> requests) {
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

    @ExtendWith(Capture.class)
    @EpdgReachable(mcc = 262, mnc = 1)
    static class Plain {
        @Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class Failing {
        @Test
        void call() {
        }
    }

    static class Built {
        @RegisterExtension
        @Order(1)
        static Capture capture = new Capture(() -> Built.wifi.requests());
        @RegisterExtension
        @Order(2)
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").simReader("Built Reader")
                .build();

        @Test
        void call() {
        }
    }
}
