package dev.wificall.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Misuse of the IKE_AUTH attributes, parameters and builder calls: each fails with an
 * ExtensionConfigurationException naming the attribute, parameter or call and its value, before any
 * DNS query; the subscriber's IMSI, K and OPc are never in the message. The resolver is a closed
 * loopback port, so a fixture whose settings are fine fails at once on DNS instead.
 */
class IkeAuthMistakesTest {

    /** TS 35.208 test set 1: public test values. */
    static final String IMSI = "262011234567890";
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

    @Test
    void attachWithoutCredentialsNamesTheAttributeAndWhereCredentialsComeFrom() {
        assumeTrue(System.getenv(UsimCredentials.ENV_IMSI) == null, "WIFICALL_IMSI is set in this environment");
        assertThat(failure(Attach.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 262, mnc = 1, ikeAuth = ATTACH) on class ")
                .hasMessageContaining("Attach: ikeAuth = ATTACH: needs the subscriber's credentials: WIFICALL_IMSI is not"
                        + " set; give the subscriber's IMSI, 6 to 15 digits (set WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC"
                        + " or WIFICALL_OP in the environment, or wificall.imsi/k/opc)");
    }

    @Test
    void badKFromParametersNamesItsLengthNeverItsValue() {
        String shortK = K.substring(1);
        Throwable failure = failure(Plain.class, Map.of("wificall.ikeAuth", "attach", "wificall.imsi", IMSI,
                "wificall.k", shortK, "wificall.opc", OPC));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter wificall.ikeAuth = 'attach': needs the subscriber's credentials: K"
                        + " must be 32 hex digits (16 bytes); got 31 characters (from wificall.imsi, wificall.k,"
                        + " wificall.opc or wificall.op)");
        assertNoSecret(failure.getMessage(), shortK);
    }

    @Test
    void badImsiParameterIsNamedWithoutItsDigits() {
        Throwable failure = failure(Probe.class, Map.of("wificall.imsi", "26201123456789x"));
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter wificall.imsi: IMSI must be 6 to 15 digits (MCC, MNC, MSIN); got 15"
                        + " characters, not all digits");
        assertThat(failure.getMessage()).doesNotContain("26201123456789x");
    }

    @Test
    void missingTrustStoreAttributeNamesTheAttributeAndThePathTried() {
        assertThat(failure(MissingTrustStore.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 262, mnc = 1, ikeAuth = PROBE, trustStore ="
                        + " \"no/such/ca.pem\") on class ")
                .hasMessageContaining("MissingTrustStore: trustStore = \"no/such/ca.pem\": trust anchors "
                        + Path.of("no/such/ca.pem").toAbsolutePath() + " do not exist; expected PEM or DER certificates");
    }

    @Test
    void trustStoreParameterWithoutCertificates(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.pem"), "not a certificate\n");
        assertThat(failure(Probe.class, Map.of("wificall.trustStore", notes.toString())))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter wificall.trustStore = '" + notes + "': ")
                .hasMessageContaining(notes.toString());
    }

    @Test
    void badWarningDaysAttributeAndParameters() {
        assertThat(failure(NegativeDays.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@EpdgReachable(mcc = 262, mnc = 1, ikeAuth = PROBE, certificateWarningDays = -5)"
                        + " on class ")
                .hasMessageContaining("NegativeDays: certificateWarningDays = -5: expected 0 to 3650 days before a"
                        + " certificate's expiry that are a warning (e.g. 30), or -1 for wificall.certificateWarningDays,"
                        + " else 30");
        assertThat(failure(Probe.class, Map.of("wificall.certificateWarningDays", "soon")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter wificall.certificateWarningDays = 'soon': 'soon' is not a number of"
                        + " days; expected e.g. 30");
        assertThat(failure(Probe.class, Map.of("wificall.certificateWarningDays", "5000")))
                .hasMessage("configuration parameter wificall.certificateWarningDays = '5000': certificate warning"
                        + " threshold 5000 days is out of range; expected 0 to 3650 days");
    }

    @Test
    void badModeTimeoutAndApn() {
        // the annotation's ikeAuth wins: the parameter is not read
        assertThat(failure(Probe.class, Map.of("wificall.ikeAuth", "full")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("127.0.0.1:9");
        assertThat(failure(Plain.class, Map.of("wificall.ikeAuth", "full")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter wificall.ikeAuth = 'full': IKE_AUTH mode 'full' is not"
                        + " known; expected one of none, probe, attach");
        assertThat(failure(BadTimeout.class, Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("BadTimeout: attachTimeout = \"20\": '20' is not a duration; expected a number with"
                        + " a unit");
        assertThat(failure(Probe.class, Map.of("wificall.attachTimeout", "forever")))
                .hasMessageStartingWith("configuration parameter wificall.attachTimeout = 'forever': 'forever' is not a"
                        + " duration");
        String longApn = "a".repeat(101);
        assertThat(failure(Probe.class, Map.of("wificall.apn", longApn)))
                .hasMessageStartingWith("configuration parameter wificall.apn = '" + longApn + "': APN '" + longApn
                        + "' is not usable as IDr");
    }

    @Test
    void parametersOfAModeLeftAtNoneAreNotRead() {
        // no IKE_AUTH: the bad trust store and K do not matter, DNS is what fails
        assertThat(failure(Plain.class, Map.of("wificall.trustStore", "no/such/ca.pem", "wificall.k", "xyz")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("127.0.0.1:9");
        // the annotation's NONE wins over the parameter's attach
        assertThat(failure(NoneOverAttach.class, Map.of("wificall.ikeAuth", "attach")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("127.0.0.1:9");
    }

    @Test
    void checksThatOnlyResolveIgnoreIkeAuth() {
        Map<String, String> attachWithoutCredentials = Map.of("wificall.ikeAuth", "attach", "wificall.trustStore", "no");
        assertThat(failure(Resolving.class, attachWithoutCredentials))
                .isInstanceOf(AssertionError.class).hasMessageContaining("127.0.0.1:9");
    }

    @Test
    void builderMistakesNameTheCallNeverTheKey() {
        assertThatThrownBy(() -> WifiCallingExtension.builder().trustStore(Path.of("no/such/ca.pem")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("WifiCallingExtension.builder().trustStore(no/such/ca.pem): trust anchors "
                        + Path.of("no/such/ca.pem").toAbsolutePath() + " do not exist");
        assertThatThrownBy(() -> WifiCallingExtension.builder().certificateWarningDays(-1))
                .hasMessageStartingWith("WifiCallingExtension.builder().certificateWarningDays(-1): expected 0 to 3650"
                        + " days");
        assertThatThrownBy(() -> WifiCallingExtension.builder().apn(" "))
                .hasMessageStartingWith("WifiCallingExtension.builder().apn(\" \"): APN '' is not usable as IDr");
        assertThatThrownBy(() -> WifiCallingExtension.builder().attachTimeout(Duration.ZERO))
                .hasMessageContaining("attachTimeout(PT0S): expected a duration between 1 ms and 10 minutes");
        SoftUsim usim = SoftUsim.of(UsimCredentials.parse(IMSI, K, OPC, null));
        Throwable unused = org.assertj.core.api.Assertions.catchThrowable(() -> WifiCallingExtension.builder()
                .operator("262-01").ikeAuth(IkeAuth.NONE).credentials(usim).build());
        assertThat(unused).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("WifiCallingExtension.builder().credentials(SoftUsim[IMSI 26201**********,")
                .hasMessageContaining("ikeAuth(NONE) sends no IKE_AUTH, so the SIM would go unused");
        assertNoSecret(unused.getMessage(), K);
    }

    static void assertNoSecret(String text, String... more) {
        assertThat(text).doesNotContainIgnoringCase(K).doesNotContainIgnoringCase(OPC).doesNotContain(IMSI)
                .doesNotContain(IMSI.substring(5));
        Stream.of(more).forEach(m -> assertThat(text).doesNotContainIgnoringCase(m));
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

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.ATTACH)
    static class Attach {
        @org.junit.jupiter.api.Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE)
    static class Probe {
        @org.junit.jupiter.api.Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class Plain {
        @org.junit.jupiter.api.Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.NONE)
    static class NoneOverAttach {
        @org.junit.jupiter.api.Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE, trustStore = "no/such/ca.pem")
    static class MissingTrustStore {
        @org.junit.jupiter.api.Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE, certificateWarningDays = -5)
    static class NegativeDays {
        @org.junit.jupiter.api.Test
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1, attachTimeout = "20")
    static class BadTimeout {
        @org.junit.jupiter.api.Test
        void call() {
        }
    }

    @EpdgResolvable(mcc = 262, mnc = 1)
    static class Resolving {
        @org.junit.jupiter.api.Test
        void call() {
        }
    }
}
