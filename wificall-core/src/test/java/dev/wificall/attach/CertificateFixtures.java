package dev.wificall.attach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificate chains made with Bouncy Castle, at a fixed time. */
final class CertificateFixtures {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";

    private static final AtomicLong SERIAL = new AtomicLong(0x1000);

    private CertificateFixtures() {
    }

    static Instant days(long days) {
        return NOW.plus(Duration.ofDays(days));
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate and its key pair. */
    record Issued(X509Certificate certificate, KeyPair keys) {
        byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A certificate to be made: self-signed unless given an issuer. */
    static Spec cert(String subject, KeyPair keys) {
        return new Spec(subject, keys);
    }

    static final class Spec {
        private final String subject;
        private final KeyPair keys;
        private Issued issuer;
        private KeyPair signer;
        private boolean ca;
        private Instant notBefore = days(-30);
        private Instant notAfter = days(365);
        private final List<GeneralName> sans = new ArrayList<>();

        private Spec(String subject, KeyPair keys) {
            this.subject = subject;
            this.keys = keys;
        }

        Spec issuer(Issued issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Sign with this key while naming the issuer: a bad signature. */
        Spec signedBy(KeyPair other) {
            this.signer = other;
            return this;
        }

        Spec ca() {
            this.ca = true;
            return this;
        }

        Spec validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        Spec dns(String... names) {
            Arrays.stream(names).forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
            return this;
        }

        Spec ip(String literal) {
            try {
                sans.add(new GeneralName(GeneralName.iPAddress,
                        new DEROctetString(InetAddress.getByName(literal).getAddress())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Issued build() {
            try {
                X500Name name = new X500Name(subject);
                X500Name issuerName = issuer == null ? name : X500Name.getInstance(
                        issuer.certificate().getSubjectX500Principal().getEncoded());
                KeyPair signing = signer != null ? signer : issuer == null ? keys : issuer.keys();
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), name,
                        keys.getPublic());
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                        : KeyUsage.digitalSignature));
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
                if (!sans.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)));
                }
                X509Certificate c = new JcaX509CertificateConverter()
                        .getCertificate(b.build(new JcaContentSignerBuilder(algorithm(signing)).build(signing.getPrivate())));
                return new Issued(c, keys);
            } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String algorithm(KeyPair signing) {
            return switch (signing.getPublic().getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> ((ECPublicKey) signing.getPublic()).getParams().getCurve().getField().getFieldSize() > 256
                        ? "SHA384withECDSA" : "SHA256withECDSA";
                default -> "Ed25519";
            };
        }
    }

    /** Lab Root → Lab Intermediate 1 → Lab Intermediate 2 → the ePDG, all with keys of one kind. */
    record Chain(Issued root, Issued intermediate1, Issued intermediate2, Issued leaf) {
        /** As a well-behaved ePDG sends it: its own certificate, then the intermediates upwards. */
        List<byte[]> sent() {
            return List.of(leaf.der(), intermediate2.der(), intermediate1.der());
        }
    }

    static Chain chain(Supplier<KeyPair> keys) {
        Issued root = cert("CN=Lab Root", keys.get()).ca().validity(days(-400), days(3000)).build();
        Issued i1 = cert("CN=Lab Intermediate 1", keys.get()).issuer(root).ca().validity(days(-300), days(2000)).build();
        Issued i2 = cert("CN=Lab Intermediate 2", keys.get()).issuer(i1).ca().validity(days(-200), days(1000)).build();
        Issued leaf = cert("CN=" + FQDN, keys.get()).issuer(i2).dns(FQDN).build();
        return new Chain(root, i1, i2, leaf);
    }

    static String pem(X509Certificate... certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
