package dev.wificall.attach;

import static dev.wificall.attach.CertificateFixtures.cert;
import static dev.wificall.attach.CertificateFixtures.ec;
import static dev.wificall.attach.CertificateFixtures.pem;
import static dev.wificall.attach.CertificateFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.attach.CertificateFixtures.Issued;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {

    private static final String EXPECTED = "expected PEM or DER certificates, a directory of them, or a PKCS#12 key store";

    private static Issued root;
    private static Issued other;
    private static Issued intermediate;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        root = cert("CN=Lab Root", ec("secp256r1")).ca().build();
        other = cert("CN=Other Root", ec("secp256r1")).ca().build();
        intermediate = cert("CN=Lab Intermediate 1", ec("secp256r1")).issuer(root).ca().build();
    }

    @Test
    void noneIsEmpty() {
        assertThat(TrustAnchors.none().isEmpty()).isTrue();
        assertThat(TrustAnchors.none().certificates()).isEmpty();
        assertThat(TrustAnchors.none().describe()).isEqualTo("no trust anchors configured");
    }

    @Test
    void pemFileWithSeveralCertificatesSkipsOtherBlocksAndText() throws Exception {
        // as "openssl ... -text" and bundles with the CA key write them: text around, a key block among the certificates
        Path file = write(dir.resolve("ca.pem"), "subject=CN = Lab Root\n" + pem(root.certificate())
                + pem("PRIVATE KEY", root.keys().getPrivate().getEncoded()) + "\n" + pem(other.certificate()));

        TrustAnchors anchors = TrustAnchors.load(file);

        assertThat(anchors.certificates()).containsExactly(root.certificate(), other.certificate());
        assertThat(anchors.describe()).isEqualTo("2 CA certificates from " + file);
        assertThat(anchors.among()).isEqualTo("the 2 configured anchors from " + file);
        assertThat(anchors.isEmpty()).isFalse();
    }

    @Test
    void derFileWithOneCertificate() throws Exception {
        Path file = Files.write(dir.resolve("root.cer"), root.der());

        TrustAnchors anchors = TrustAnchors.load(file);

        assertThat(anchors.certificates()).containsExactly(root.certificate());
        assertThat(anchors.describe()).isEqualTo("1 CA certificate from " + file);
        assertThat(anchors.among()).isEqualTo("the 1 configured anchor from " + file);
    }

    @Test
    void directoryOfPemAndDerFilesIgnoringOtherNames() throws Exception {
        write(dir.resolve("a-root.pem"), pem(root.certificate()));
        Files.write(dir.resolve("b-intermediate.CRT"), intermediate.der());
        write(dir.resolve("c-other.cer"), pem(other.certificate()));
        write(dir.resolve("README.txt"), "not a certificate");
        Files.createDirectory(dir.resolve("old.pem"));

        TrustAnchors anchors = TrustAnchors.load(dir);

        assertThat(anchors.certificates()).containsExactly(root.certificate(), intermediate.certificate(), other.certificate());
        assertThat(anchors.describe()).isEqualTo("3 CA certificates from " + dir);
    }

    @Test
    void badFileInDirectoryIsNamed() {
        write(dir.resolve("a-root.pem"), pem(root.certificate()));
        Path bad = write(dir.resolve("b-broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> TrustAnchors.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trust anchor file " + bad + ": PEM certificate 1 does not decode as X.509; " + EXPECTED);
    }

    @Test
    void emptyDirectory() {
        assertThatThrownBy(() -> TrustAnchors.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trust anchor directory " + dir + " holds no .pem, .crt or .cer file; " + EXPECTED);
    }

    @Test
    void pkcs12KeyStoreWithPassword() throws Exception {
        Path file = keyStore("PKCS12", "ca.p12", "changeit".toCharArray());

        TrustAnchors anchors = TrustAnchors.load(file, "changeit".toCharArray());

        assertThat(anchors.certificates()).containsExactlyInAnyOrder(root.certificate(), other.certificate());
        assertThat(anchors.describe()).isEqualTo("2 CA certificates from " + file);
    }

    @Test
    void pkcs12KeyStoreWithoutThePasswordSaysToGiveIt() throws Exception {
        Path file = keyStore("PKCS12", "ca.p12", "changeit".toCharArray());

        assertThatThrownBy(() -> TrustAnchors.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trust anchor key store " + file + " holds no X.509 certificate that can be read without"
                        + " a password; give the key store password; " + EXPECTED);
    }

    @Test
    void pkcs12KeyStoreWithTheWrongPassword() throws Exception {
        Path file = keyStore("PKCS12", "ca.p12", "changeit".toCharArray());

        assertThatThrownBy(() -> TrustAnchors.load(file, "wrong".toCharArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot open the trust anchor key store " + file + ": the password is wrong; check the key store password");
    }

    @Test
    void jksKeyStore() throws Exception {
        Path file = keyStore("JKS", "ca.jks", "changeit".toCharArray());

        assertThat(TrustAnchors.load(file, "changeit".toCharArray()).certificates())
                .containsExactlyInAnyOrder(root.certificate(), other.certificate());
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("ca.pem"));

        assertThatThrownBy(() -> TrustAnchors.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trust anchor file " + file + " is empty; " + EXPECTED);
    }

    @Test
    void textFileWithoutCertificate() {
        Path file = write(dir.resolve("ca.pem"), "epdg.example.net\n");

        assertThatThrownBy(() -> TrustAnchors.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trust anchor file " + file + " holds no X.509 certificate; " + EXPECTED);
    }

    @Test
    void pemFileWithOnlyAKeySaysWhatItHolds() {
        Path file = write(dir.resolve("ca.pem"), pem("PRIVATE KEY", root.keys().getPrivate().getEncoded()));

        assertThatThrownBy(() -> TrustAnchors.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trust anchor file " + file + " holds no X.509 certificate (only PRIVATE KEY); " + EXPECTED);
    }

    @Test
    void binaryGarbageIsNeitherCertificateNorKeyStore() throws Exception {
        Path file = Files.write(dir.resolve("ca.der"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x05, 0x00});

        assertThatThrownBy(() -> TrustAnchors.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trust anchor file " + file + " holds no X.509 certificate and is not a key store; " + EXPECTED);
    }

    @Test
    void missingPath() {
        Path missing = dir.resolve("nowhere/ca.pem");

        assertThatThrownBy(() -> TrustAnchors.load(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trust anchors " + missing + " do not exist; " + EXPECTED);
    }

    @Test
    void ofNamesItsSource() {
        TrustAnchors anchors = TrustAnchors.of("the lab CA", List.of(root.certificate(), root.certificate()));

        assertThat(anchors.certificates()).containsExactly(root.certificate());
        assertThat(anchors.describe()).isEqualTo("1 CA certificate from the lab CA");
    }

    private Path keyStore(String type, String name, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("root", root.certificate());
        store.setCertificateEntry("other", other.certificate());
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }
}
