package dev.wificall.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachOptionsTest {
    private static final Path BASE = Path.of(".");
    private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

    private static AttachOptions mode(String mode) {
        return new AttachOptions(mode, null, null, null, null, null, null, null, null);
    }

    @Test
    void noneOrUnsetMeansNoAttach() {
        assertThat(AttachOptions.NONE.toSettings(BASE, Map.of())).isEmpty();
        assertThat(mode("none").toSettings(BASE, Map.of())).isEmpty();
        assertThat(mode(" ").toSettings(BASE, Map.of())).isEmpty();
    }

    @Test
    void probeNeedsNoCredentialsButUsesAnImsiFromTheEnvironment() {
        AttachSettings plain = mode("probe").toSettings(BASE, Map.of()).orElseThrow();
        assertThat(plain.withSim()).isFalse();
        assertThat(plain.probeImsi()).isEmpty();
        AttachSettings withImsi = mode("PROBE").toSettings(BASE, Map.of("WIFICALL_IMSI", "262011234567890")).orElseThrow();
        assertThat(withImsi.withSim()).isFalse();
        assertThat(withImsi.probeImsi().orElseThrow().digits()).isEqualTo("262011234567890");
    }

    @Test
    void attachTakesCredentialsFromTheEnvironmentOrConfiguration() {
        AttachSettings env = mode("attach").toSettings(BASE, Map.of("WIFICALL_IMSI", "262011234567890", "WIFICALL_K", K,
                "WIFICALL_OPC", OPC)).orElseThrow();
        assertThat(env.withSim()).isTrue();
        assertThat(env.credentials().orElseThrow().imsi().digits()).isEqualTo("262011234567890");
        AttachSettings configured = new AttachOptions("attach", null, "10", "ims", "9s", "262011234567891", K, OPC, null)
                .toSettings(BASE, Map.of("WIFICALL_IMSI", "262011234567890")).orElseThrow();
        assertThat(configured.credentials().orElseThrow().imsi().digits()).isEqualTo("262011234567891");
        assertThat(configured.expiryWarningDays()).isEqualTo(10);
        assertThat(configured.deadline()).isEqualTo(Duration.ofSeconds(9));
        assertThat(configured.exchangeTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSimInAReaderIsTheSubscriberAndNothingAsksTheCardBeforeTheAttach() {
        Map<String, String> env = Map.of("WIFICALL_IMSI", "262011234567890", "WIFICALL_K", K, "WIFICALL_OPC", OPC,
                "WIFICALL_SIM_PIN", "1234");
        AttachSettings settings = mode("attach").withSim("vpcd 00 00", null).toSettings(BASE, env).orElseThrow();
        // no pcscd is asked here: the description is the reader as chosen
        assertThat(settings.credentials().orElseThrow().description()).isEqualTo("SIM in reader 'vpcd 00 00'");
        assertThat(settings.credentials().orElseThrow().toString()).isEqualTo("SIM in reader 'vpcd 00 00' (PIN from WIFICALL_SIM_PIN)");
        assertThat(mode("attach").withSim(" ", null)).isEqualTo(mode("attach").withSim(" ", null));
        assertThat(mode("attach").withSim(null, null).toSettings(BASE, env).orElseThrow().credentials().orElseThrow()
                .description()).isEqualTo("software USIM");
    }

    @Test
    void aSimNeedsTheAttachAndIsTheOnlySubscriber() {
        assertThatThrownBy(() -> mode("probe").withSim("0", null).toSettings(BASE, Map.of()))
                .hasMessage("wificall.sim.reader: a SIM in a reader is for the attach, but wificall.ikeAuth is probe; "
                        + "set wificall.ikeAuth=attach, or leave wificall.sim.reader unset");
        assertThatThrownBy(() -> AttachOptions.NONE.withSim("0", null).toSettings(BASE, Map.of()))
                .hasMessageContaining("but wificall.ikeAuth is none; set wificall.ikeAuth=attach");
        assertThatThrownBy(() -> new AttachOptions("attach", null, null, null, null, "262011234567890", K, OPC, null)
                .withSim("Gemalto", null).toSettings(BASE, Map.of()))
                .hasMessage("wificall.sim.reader: the SIM in reader 'Gemalto' and wificall.imsi/k/opc/op both name the "
                        + "subscriber; keep one of them")
                .hasMessageNotContaining(K);
        assertThatThrownBy(() -> mode("attach").withSim(null, "sim.pin").toSettings(BASE, Map.of()))
                .hasMessageStartingWith("wificall.sim.pinFile is set but wificall.sim.reader is not");
        assertThatThrownBy(() -> mode("attach").withSim("0", null).toSettings(BASE, Map.of("WIFICALL_SIM_PIN", "12a4")))
                .hasMessage("env WIFICALL_SIM_PIN: the SIM's PIN must be 4 to 8 digits; got 4 characters, not all digits");
    }

    @Test
    void mistakesNameTheSettingAndNeverEchoAKey() {
        assertThatThrownBy(() -> mode("full").toSettings(BASE, Map.of()))
                .hasMessageStartingWith("wificall.ikeAuth: IKE_AUTH mode 'full' is not known; expected one of none, probe, attach");
        assertThatThrownBy(() -> mode("attach").toSettings(BASE, Map.of()))
                .hasMessageContaining("wificall.ikeAuth=attach needs the subscriber's credentials: WIFICALL_IMSI is not set")
                .hasMessageContaining("set WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC");
        String badK = K.substring(0, 30) + "zz";
        assertThatThrownBy(() -> new AttachOptions("attach", null, null, null, null, "262011234567890", badK, OPC, null)
                .toSettings(BASE, Map.of()))
                .hasMessageContaining("K must be 32 hex digits (16 bytes); got 32 characters, not all hex digits")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(badK).doesNotContain(K.substring(0, 30)).doesNotContain(OPC));
        assertThatThrownBy(() -> new AttachOptions("probe", "no/such/ca.pem", null, null, null, null, null, null, null)
                .toSettings(BASE, Map.of()))
                .hasMessageStartingWith("wificall.trustStore: trust anchors ").hasMessageContaining("no/such/ca.pem")
                .hasMessageContaining("expected PEM or DER certificates");
        assertThatThrownBy(() -> new AttachOptions("probe", null, "soon", null, null, null, null, null, null).toSettings(BASE, Map.of()))
                .hasMessage("wificall.certificateWarningDays: 'soon' is not a number of days; expected e.g. 30");
        assertThatThrownBy(() -> new AttachOptions("probe", null, "-1", null, null, null, null, null, null).toSettings(BASE, Map.of()))
                .hasMessage("wificall.certificateWarningDays: certificate warning threshold -1 days is out of range; expected 0 to 3650 days");
        assertThatThrownBy(() -> new AttachOptions("probe", null, null, null, "forever", null, null, null, null).toSettings(BASE, Map.of()))
                .hasMessageStartingWith("wificall.attachTimeout: ").hasMessageContaining("forever");
        assertThatThrownBy(() -> new AttachOptions("probe", null, null, null, null, "12ab", null, null, null).toSettings(BASE, Map.of()))
                .hasMessageStartingWith("wificall.imsi: ");
    }
}
