package dev.wificall.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wificall.attach.AttachSettings;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal's configuration mistakes, each a MojoExecutionException naming element, property and
 * value, before any packet is sent; the checks themselves run against the lab in the it module.
 */
class CheckMojoTest {

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
        m.formats = "json,junit,html";
        m.reportDirectory = dir.resolve("reports").toFile();
        m.basedir = dir.toFile();
        m.ikeAuth = "none";
        m.certificateWarningDays = "30";
        m.apn = "ims";
        m.attachTimeout = "15s";
        m.environment = Map.of();
        return m;
    }

    /** TS 35.208 test set 1, the attach lab's subscriber: public test values. */
    static final String IMSI = "262011234567890";
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

    private CheckMojo ikeAuth(String mode) {
        CheckMojo m = mojo();
        m.ikeAuth = mode;
        return m;
    }

    @Test
    void ikeAuthNoneAddsNoAttachAndProbeAndAttachDo() throws Exception {
        assertThat(mojo().attachSettings()).isEmpty();
        AttachSettings probe = ikeAuth("probe").attachSettings().orElseThrow();
        assertThat(probe.withSim()).isFalse();
        assertThat(probe.trust().isEmpty()).isTrue();
        assertThat(probe.apn()).isEqualTo("ims");
        CheckMojo attach = ikeAuth("attach");
        attach.environment = Map.of("WIFICALL_IMSI", IMSI, "WIFICALL_K", K, "WIFICALL_OPC", OPC);
        attach.attachTimeout = "8s";
        attach.certificateWarningDays = "45";
        attach.apn = "ims.example";
        AttachSettings sim = attach.attachSettings().orElseThrow();
        assertThat(sim.withSim()).isTrue();
        assertThat(sim.credentials().orElseThrow().imsi().masked()).isEqualTo("26201**********");
        assertThat(sim.deadline()).isEqualTo(Duration.ofSeconds(8));
        assertThat(sim.expiryWarningDays()).isEqualTo(45);
        assertThat(sim.apn()).isEqualTo("ims.example");
    }

    @Test
    void aTrustStoreIsReadFromTheProjectDirectory() throws Exception {
        Files.createDirectories(dir.resolve("trust"));
        Files.writeString(dir.resolve("trust/ca.pem"), selfSignedPem("CN=wificall test CA"));
        CheckMojo m = ikeAuth("probe");
        m.trustStore = "trust/ca.pem";
        AttachSettings s = m.attachSettings().orElseThrow();
        assertThat(s.trust().describe()).isEqualTo("1 CA certificate from " + dir.resolve("trust/ca.pem"));
    }

    @Test
    void ikeAuthMistakesNameElementPropertyAndValue() {
        assertThatThrownBy(() -> ikeAuth("sim").execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<ikeAuth>sim</ikeAuth> (property wificall.ikeAuth): IKE_AUTH mode 'sim' is not known;"
                        + " expected one of none, probe, attach");
        CheckMojo store = ikeAuth("probe");
        store.trustStore = "missing/ca.pem";
        assertThatThrownBy(store::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<trustStore>missing/ca.pem</trustStore> (property wificall.trustStore): trust anchors "
                        + dir.resolve("missing/ca.pem") + " do not exist; expected PEM or DER certificates");
        CheckMojo days = ikeAuth("probe");
        days.certificateWarningDays = "a month";
        assertThatThrownBy(days::execute).hasMessage("<certificateWarningDays>a month</certificateWarningDays> (property"
                + " wificall.certificateWarningDays): 'a month' is not a number of days; expected e.g. 30");
        CheckMojo timeout = ikeAuth("probe");
        timeout.attachTimeout = "15";
        assertThatThrownBy(timeout::execute).hasMessageStartingWith("<attachTimeout>15</attachTimeout> (property"
                + " wificall.attachTimeout): '15' is not a duration");
        CheckMojo apn = ikeAuth("probe");
        apn.apn = "x".repeat(101);
        assertThatThrownBy(apn::execute).hasMessageStartingWith("<apn>" + "x".repeat(101) + "</apn> (property wificall.apn): APN");
        // ikeAuth=none reads none of them
        CheckMojo none = mojo();
        none.trustStore = "missing/ca.pem";
        none.attachTimeout = "15";
        assertThat(catchThrowable(none::attachSettings)).isNull();
    }

    @Test
    void attachWithoutCredentialsNamesTheEnvironmentVariables() {
        assertThatThrownBy(() -> ikeAuth("attach").execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<ikeAuth>attach</ikeAuth> (property wificall.ikeAuth): needs the subscriber's"
                        + " credentials: WIFICALL_IMSI is not set")
                .hasMessageContaining("set WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC or WIFICALL_OP in the environment");
        CheckMojo noOpc = ikeAuth("attach");
        noOpc.environment = Map.of("WIFICALL_IMSI", IMSI, "WIFICALL_K", K);
        assertThatThrownBy(noOpc::execute).hasMessageContaining("neither WIFICALL_OPC nor WIFICALL_OP is set");
    }

    @Test
    void credentialMistakesNeverEchoTheImsiOrAKey() {
        String badK = K.substring(0, 30) + "zz";
        CheckMojo k = ikeAuth("attach");
        k.imsi = IMSI;
        k.k = badK;
        k.opc = OPC;
        assertThatThrownBy(k::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<ikeAuth>attach</ikeAuth> (property wificall.ikeAuth): needs the subscriber's credentials: K must"
                        + " be 32 hex digits (16 bytes); got 32 characters, not all hex digits (from wificall.imsi, wificall.k,"
                        + " wificall.opc or wificall.op)")
                .hasMessageNotContaining(badK).hasMessageNotContaining(OPC).hasMessageNotContaining(IMSI);
        CheckMojo env = ikeAuth("attach");
        env.environment = Map.of("WIFICALL_IMSI", IMSI, "WIFICALL_K", K, "WIFICALL_OPC", OPC.substring(2));
        assertThatThrownBy(env::execute).hasMessageContaining("WIFICALL_OPC must be 32 hex digits (16 bytes); got 30")
                .hasMessageNotContaining(K).hasMessageNotContaining(OPC.substring(2)).hasMessageNotContaining(IMSI);
        CheckMojo imsi = ikeAuth("probe");
        imsi.imsi = "26201123456789X";
        assertThatThrownBy(imsi::execute).hasMessage("<imsi> (property wificall.imsi; its value is not shown): IMSI must be"
                + " 6 to 15 digits (MCC, MNC, MSIN); got 15 characters, not all digits");
        CheckMojo probeEnv = ikeAuth("probe");
        probeEnv.environment = Map.of("WIFICALL_IMSI", "2620112345");
        assertThat(catchThrowable(probeEnv::attachSettings)).isNull();
        probeEnv.environment = Map.of("WIFICALL_IMSI", "26201-1234");
        assertThatThrownBy(probeEnv::execute).hasMessageStartingWith("<ikeAuth>probe</ikeAuth> (property wificall.ikeAuth):"
                + " WIFICALL_IMSI: IMSI must be 6 to 15 digits").hasMessageNotContaining("26201-1234");
    }

    /** A self-signed CA certificate in PEM, as a trust store file holds it. */
    private static String selfSignedPem(String dn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name(dn);
        Instant now = Instant.now();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(86400)), name, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(holder.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void skipDoesNothingAtAll() throws Exception {
        CheckMojo m = mojo();
        m.skip = true;
        m.operators = null; // not even the configuration is read
        m.execute();
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aBadAddressCapNamesElementPropertyAndValue() {
        CheckMojo m = mojo();
        m.maxAddresses = "all";
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<maxAddresses>all</maxAddresses> (property wificall.maxAddresses): 'all' is not a number of"
                        + " addresses; expected a positive whole number of addresses to probe per name, e.g. 16 (the"
                        + " default) or 1000");
        CheckMojo n = mojo();
        n.maxAddresses = "0";
        assertThatThrownBy(n::execute).hasMessageStartingWith("<maxAddresses>0</maxAddresses> (property wificall.maxAddresses):"
                + " '0' is not a number of addresses");
    }

    @Test
    void badDurationsNameElementPropertyAndValue() {
        CheckMojo m = mojo();
        m.dnsTimeout = "3";
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<dnsTimeout>3</dnsTimeout> (property wificall.dnsTimeout): '3' is not a duration; expected a"
                        + " number with a unit, e.g. 3s, 500ms or 1m");
        CheckMojo n = mojo();
        n.probeTimeout = "2h";
        assertThatThrownBy(n::execute).hasMessageStartingWith("<probeTimeout>2h</probeTimeout> (property wificall.probeTimeout)");
        CheckMojo o = mojo();
        o.probeTimeout = "20m";
        assertThatThrownBy(o::execute).hasMessageContaining("20m is out of range; expected between 1ms and 10m");
    }

    @Test
    void badRatePortsAndFormatsAreNamed() {
        CheckMojo m = mojo();
        m.rate = -1;
        assertThatThrownBy(m::execute).hasMessageStartingWith("<rate>-1</rate> (property wificall.rate): packet rate -1/s must"
                + " be 0 (no cap) or positive");
        CheckMojo n = mojo();
        n.ports = "500,450";
        assertThatThrownBy(n::execute).hasMessage("<ports>500,450</ports> (property wificall.ports): '450' is not an IKE"
                + " port; expected 500 or 4500");
        CheckMojo o = mojo();
        o.formats = "json,pdf";
        assertThatThrownBy(o::execute).hasMessage("<formats>json,pdf</formats> (property wificall.formats): 'pdf' is not a"
                + " report format; expected json, junit or html");
    }

    @Test
    void noOperatorsAnywhereIsNamed() {
        CheckMojo m = mojo();
        m.operators = List.of();
        assertThatThrownBy(m::execute).hasMessageStartingWith("<operators> is empty: name at least one operator")
                .hasMessageContaining("<operatorsFile>");
    }

    @Test
    void relativeOperatorsFileIsReadFromTheProjectDirectory() throws Exception {
        Files.writeString(dir.resolve("ops.txt"), "26-01\n");
        CheckMojo m = mojo();
        m.operators = null;
        m.operatorsFile = new File("ops.txt");
        assertThatThrownBy(m::execute).hasMessageStartingWith(dir.resolve("ops.txt") + " line 1: <operator>26-01</operator>");
    }
}
