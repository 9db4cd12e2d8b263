package dev.wificall.attach;

import static dev.wificall.attach.CertificateFixtures.CLOCK;
import static dev.wificall.attach.CertificateFixtures.FQDN;
import static dev.wificall.attach.CertificateFixtures.cert;
import static dev.wificall.attach.CertificateFixtures.chain;
import static dev.wificall.attach.CertificateFixtures.days;
import static dev.wificall.attach.CertificateFixtures.ec;
import static dev.wificall.attach.CertificateFixtures.pem;
import static dev.wificall.attach.CertificateFixtures.rsa;
import static dev.wificall.attach.CertificateFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.CertificateFinding.Kind;
import dev.wificall.attach.CertificateFinding.Severity;
import dev.wificall.attach.CertificateFixtures.Chain;
import dev.wificall.attach.CertificateFixtures.Issued;
import dev.wificall.attach.CertificateReport.ChainStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateCheckTest {

    private static final String LEAF = "CN=" + FQDN;
    private static final byte[] IDR = FQDN.getBytes(StandardCharsets.US_ASCII);
    private static final int ID_FQDN = 2;

    private static Chain p256;
    private static Path anchorFile;
    private static TrustAnchors anchors;

    @TempDir
    static Path dir;

    @BeforeAll
    static void labCa() {
        p256 = chain(() -> ec("secp256r1"));
        anchorFile = write(dir.resolve("lab-root.pem"), pem(p256.root().certificate()));
        anchors = TrustAnchors.load(anchorFile);
    }

    private static CertificateReport check(List<byte[]> sent) {
        return new CertificateCheck(anchors, 30, CLOCK).check(FQDN, ID_FQDN, IDR, sent);
    }

    private static Issued leaf(CertificateFixtures.Spec spec) {
        return spec.issuer(p256.intermediate2()).build();
    }

    private static List<byte[]> withLabIntermediates(Issued leaf) {
        return List.of(leaf.der(), p256.intermediate2().der(), p256.intermediate1().der());
    }

    @Nested
    class Chains {

        @Test
        void trustedP256ChainIsSummedUpInOneSentence() {
            CertificateReport report = check(p256.sent());

            assertThat(report.sentence()).isEqualTo("the ePDG for " + FQDN + " presented " + LEAF + " (SAN " + FQDN
                    + ") issued by CN=Lab Intermediate 2, valid until 2027-06-01 (365 days),"
                    + " chain trusted to configured anchor CN=Lab Root");
            assertThat(report.passed()).isTrue();
            assertThat(report.findings()).isEmpty();
            assertThat(report.trust()).isEqualTo(ChainStatus.TRUSTED);
            assertThat(report.nameMatches()).isTrue();
            assertThat(report.idr()).isEqualTo("ID_FQDN " + FQDN);
            assertThat(report.idrConfirmed()).isTrue();
            assertThat(report.daysToExpiry()).isEqualTo(365);
            assertThat(report.chainDaysToExpiry()).isEqualTo(365);
            assertThat(report.fqdn()).isEqualTo(FQDN);

            assertThat(report.chain()).extracting(CertificateSummary::subject)
                    .containsExactly(LEAF, "CN=Lab Intermediate 2", "CN=Lab Intermediate 1");
            CertificateSummary own = report.chain().get(0);
            assertThat(own.issuer()).isEqualTo("CN=Lab Intermediate 2");
            assertThat(own.subjectAltNames()).containsExactly("DNS:" + FQDN);
            assertThat(own.key()).isEqualTo("EC P-256");
            assertThat(own.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
            assertThat(own.notBefore()).isEqualTo(days(-30));
            assertThat(own.notAfter()).isEqualTo(days(365));
            assertThat(own.serialHex()).isEqualTo(p256.leaf().certificate().getSerialNumber().toString(16));
            assertThat(own.derSize()).isEqualTo(p256.leaf().der().length);
            assertThat(own.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        }

        @Test
        void trustedRsa2048Chain() {
            Chain rsa = chain(() -> rsa(2048));

            CertificateReport report = new CertificateCheck(TrustAnchors.of("the RSA lab CA", List.of(rsa.root().certificate())),
                    30, CLOCK).check(FQDN, ID_FQDN, IDR, rsa.sent());

            assertThat(report.trust()).isEqualTo(ChainStatus.TRUSTED);
            assertThat(report.passed()).isTrue();
            assertThat(report.chain().get(0).key()).isEqualTo("RSA 2048");
            assertThat(report.chain().get(0).signatureAlgorithm()).isEqualTo("SHA256withRSA");
        }

        @Test
        void trustedP384Chain() {
            Chain p384 = chain(() -> ec("secp384r1"));

            CertificateReport report = new CertificateCheck(TrustAnchors.of("the P-384 lab CA",
                    List.of(p384.root().certificate())), 30, CLOCK).check(FQDN, ID_FQDN, IDR, p384.sent());

            assertThat(report.trust()).isEqualTo(ChainStatus.TRUSTED);
            assertThat(report.chain().get(0).key()).isEqualTo("EC P-384");
            assertThat(report.chain().get(0).signatureAlgorithm()).isEqualTo("SHA384withECDSA");
            assertThat(report.sentence()).endsWith("chain trusted to configured anchor CN=Lab Root");
        }

        @Test
        void intermediatesOutOfOrderWithTheRootIncludedAreTrusted() {
            CertificateReport report = check(List.of(p256.leaf().der(), p256.root().der(), p256.intermediate1().der(),
                    p256.intermediate2().der()));

            assertThat(report.trust()).isEqualTo(ChainStatus.TRUSTED);
            assertThat(report.passed()).isTrue();
            assertThat(report.chain()).extracting(CertificateSummary::subject)
                    .containsExactly(LEAF, "CN=Lab Root", "CN=Lab Intermediate 1", "CN=Lab Intermediate 2");
        }

        @Test
        void missingIntermediateNamesTheIssuerAndTheAnchors() {
            CertificateReport report = check(List.of(p256.leaf().der(), p256.intermediate1().der()));

            assertThat(report.trust()).isEqualTo(ChainStatus.UNTRUSTED);
            assertThat(report.passed()).isFalse();
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.kind()).isEqualTo(Kind.UNTRUSTED);
                assertThat(f.sentence()).isEqualTo("the ePDG's certificate chain is not trusted: issuer CN=Lab Intermediate 2"
                        + " of the ePDG certificate " + LEAF + " not among the 1 configured anchor from " + anchorFile
                        + ", and the ePDG did not send it; the ePDG must send its intermediate certificates (RFC 7296 §3.6),"
                        + " or the configured anchors are not the operator's CA");
            });
            assertThat(report.sentence()).endsWith("chain not trusted: issuer CN=Lab Intermediate 2 of the ePDG certificate "
                    + LEAF + " not among the 1 configured anchor from " + anchorFile + ", and the ePDG did not send it");
        }

        @Test
        void chainToAnotherSelfSignedRootIsUntrusted() {
            Chain other = chain(() -> ec("secp256r1"));
            Issued otherRoot = cert("CN=Other Root", ec("secp256r1")).ca().build();
            Issued otherIntermediate = cert("CN=Other Intermediate", ec("secp256r1")).issuer(otherRoot).ca().build();
            Issued leaf = cert(LEAF, ec("secp256r1")).issuer(otherIntermediate).dns(FQDN).build();

            CertificateReport withRoot = check(List.of(leaf.der(), otherIntermediate.der(), otherRoot.der()));
            CertificateReport withoutRoot = check(List.of(leaf.der(), otherIntermediate.der()));
            CertificateReport sameNamesOtherKeys = check(other.sent());

            assertThat(withRoot.trust()).isEqualTo(ChainStatus.UNTRUSTED);
            assertThat(withRoot.sentence()).endsWith("chain not trusted: the chain ends at the self-signed CN=Other Root,"
                    + " not among the 1 configured anchor from " + anchorFile);
            assertThat(withoutRoot.sentence()).endsWith("chain not trusted: issuer CN=Other Root of intermediate"
                    + " CN=Other Intermediate not among the 1 configured anchor from " + anchorFile + ", and the ePDG did not send it");
            assertThat(sameNamesOtherKeys.sentence()).endsWith("chain not trusted: the signature on intermediate"
                    + " CN=Lab Intermediate 1 does not verify with the key of the configured anchor CN=Lab Root"
                    + " (an anchor of that name with another key)");
        }

        @Test
        void badSignatureNamesTheCertificateAndItsIssuer() {
            Issued forged = leaf(cert(LEAF, ec("secp256r1")).dns(FQDN).signedBy(ec("secp256r1")));

            CertificateReport report = check(withLabIntermediates(forged));

            assertThat(report.trust()).isEqualTo(ChainStatus.UNTRUSTED);
            assertThat(report.findings()).extracting(CertificateFinding::kind).containsExactly(Kind.UNTRUSTED);
            assertThat(report.sentence()).endsWith("chain not trusted: the signature on the ePDG certificate " + LEAF
                    + " does not verify with the key of its issuer CN=Lab Intermediate 2 that the ePDG sent");
        }

        @Test
        void selfSignedEpdgCertificate() {
            Issued self = cert(LEAF, ec("secp256r1")).dns(FQDN).build();

            CertificateReport report = check(List.of(self.der()));

            assertThat(report.sentence()).endsWith("chain not trusted: the ePDG certificate " + LEAF
                    + " is self-signed, not among the 1 configured anchor from " + anchorFile);
        }

        @Test
        void leafCertificateUsedAsIntermediateIsReportedByThePkixValidator() {
            Issued notCa = cert("CN=Lab Intermediate 2", ec("secp256r1")).issuer(p256.intermediate1()).build();
            Issued leaf = cert(LEAF, ec("secp256r1")).issuer(notCa).dns(FQDN).build();

            CertificateReport report = check(List.of(leaf.der(), notCa.der(), p256.intermediate1().der()));

            assertThat(report.trust()).isEqualTo(ChainStatus.UNTRUSTED);
            assertThat(report.sentence()).contains("chain not trusted: intermediate CN=Lab Intermediate 2 fails PKIX validation: ")
                    .contains("keyCertSign");
        }

        @Test
        void withoutAnchorsTheChainIsNotCheckedAndItsIssuersAreListed() {
            CertificateReport report = new CertificateCheck(TrustAnchors.none(), 30, CLOCK).check(FQDN, ID_FQDN, IDR, p256.sent());

            assertThat(report.trust()).isEqualTo(ChainStatus.NOT_CHECKED);
            assertThat(report.passed()).isTrue();
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertThat(f.kind()).isEqualTo(Kind.CHAIN_NOT_CHECKED);
                assertThat(f.sentence()).isEqualTo("no trust anchors configured, so the chain was not checked; it runs " + LEAF
                        + " → CN=Lab Intermediate 2 → CN=Lab Intermediate 1 → CN=Lab Root (not sent);"
                        + " give the operator's CA certificates as trust anchors to check it");
            });
            assertThat(report.sentence()).endsWith("valid until 2027-06-01 (365 days), chain not checked (no trust anchors configured)");
        }
    }

    @Nested
    class Validity {

        @Test
        void expiredEpdgCertificate() {
            Issued expired = leaf(cert(LEAF, ec("secp256r1")).dns(FQDN).validity(days(-400), days(-3)));

            CertificateReport report = check(withLabIntermediates(expired));

            assertThat(report.passed()).isFalse();
            assertThat(report.daysToExpiry()).isEqualTo(-3);
            assertThat(report.findings()).extracting(CertificateFinding::kind).containsExactly(Kind.EXPIRED, Kind.UNTRUSTED);
            assertThat(report.findings().get(0).sentence()).isEqualTo("the ePDG certificate " + LEAF + " expired on 2026-05-29"
                    + " (3 days ago, checked at 2026-06-01T12:00:00Z); phones reject it until the operator renews it");
            assertThat(report.findings().get(1).sentence()).isEqualTo("the ePDG's certificate chain is not trusted: the ePDG"
                    + " certificate " + LEAF + " expired on 2026-05-29; phones reject a chain with a certificate outside its validity");
            assertThat(report.sentence()).contains("issued by CN=Lab Intermediate 2, expired on 2026-05-29 (3 days ago), chain not trusted");
        }

        @Test
        void expiredIntermediateIsNamedInTheChainFinding() {
            Issued i1 = cert("CN=Lab Intermediate 1", p256.intermediate1().keys()).issuer(p256.root()).ca()
                    .validity(days(-300), days(-1)).build();

            CertificateReport report = check(List.of(p256.leaf().der(), p256.intermediate2().der(), i1.der()));

            assertThat(report.trust()).isEqualTo(ChainStatus.UNTRUSTED);
            assertThat(report.daysToExpiry()).isEqualTo(365);
            assertThat(report.chainDaysToExpiry()).isEqualTo(-1);
            assertThat(report.findings()).extracting(CertificateFinding::kind).containsExactly(Kind.EXPIRED, Kind.UNTRUSTED);
            assertThat(report.findings().get(0).sentence()).isEqualTo("intermediate CN=Lab Intermediate 1 expired on 2026-05-31"
                    + " (1 day ago, checked at 2026-06-01T12:00:00Z); phones reject the chain until the operator renews it");
            assertThat(report.sentence()).endsWith("valid until 2027-06-01 (365 days), chain not trusted:"
                    + " intermediate CN=Lab Intermediate 1 expired on 2026-05-31");
        }

        @Test
        void expiringWithinTheWarningPeriodIsAWarning() {
            Issued soon = leaf(cert(LEAF, ec("secp256r1")).dns(FQDN).validity(days(-355), days(10)));

            CertificateReport report = check(withLabIntermediates(soon));

            assertThat(report.passed()).isTrue();
            assertThat(report.daysToExpiry()).isEqualTo(10);
            assertThat(report.trust()).isEqualTo(ChainStatus.TRUSTED);
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.kind()).isEqualTo(Kind.EXPIRES_SOON);
                assertThat(f.sentence()).isEqualTo("the ePDG certificate " + LEAF + " expires on 2026-06-11 (in 10 days,"
                        + " warning at 30); Wi-Fi Calling through this ePDG fails then unless the operator renews it");
            });
            assertThat(report.sentence()).contains("valid until 2026-06-11 (10 days)");

            CertificateReport noWarning = new CertificateCheck(anchors, 10, CLOCK).check(FQDN, ID_FQDN, IDR, withLabIntermediates(soon));
            assertThat(noWarning.findings()).isEmpty();
        }

        @Test
        void notYetValid() {
            Issued future = leaf(cert(LEAF, ec("secp256r1")).dns(FQDN).validity(days(2), days(400)));

            CertificateReport report = check(withLabIntermediates(future));

            assertThat(report.passed()).isFalse();
            assertThat(report.findings()).extracting(CertificateFinding::kind).containsExactly(Kind.NOT_YET_VALID, Kind.UNTRUSTED);
            assertThat(report.findings().get(0).sentence()).isEqualTo("the ePDG certificate " + LEAF + " is not valid before"
                    + " 2026-06-03 (checked at 2026-06-01T12:00:00Z); phones reject it until then, unless the clock of this host is wrong");
            assertThat(report.sentence()).contains("issued by CN=Lab Intermediate 2, not valid before 2026-06-03, chain not trusted:"
                    + " the ePDG certificate " + LEAF + " is not valid before 2026-06-03");
        }
    }

    @Nested
    class Input {

        @Test
        void noCertificateIsAnError() {
            CertificateReport report = check(List.of());

            assertThat(report.passed()).isFalse();
            assertThat(report.chain()).isEmpty();
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Kind.NO_CERTIFICATE);
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.sentence()).isEqualTo("the ePDG sent no certificate in its IKE_AUTH answer; a phone cannot authenticate it");
            });
            assertThat(report.sentence()).isEqualTo("the ePDG for " + FQDN + " sent no certificate in its IKE_AUTH answer (IDr ID_FQDN "
                    + FQDN + "); a phone cannot authenticate it");
            assertThat(new CertificateCheck(anchors, 30, CLOCK).check(FQDN, 0, null, null).findings())
                    .extracting(CertificateFinding::kind).containsExactly(Kind.NO_CERTIFICATE);
        }

        @Test
        void garbageInsteadOfTheEpdgCertificate() {
            CertificateReport report = check(List.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}, p256.intermediate2().der()));

            assertThat(report.passed()).isFalse();
            assertThat(report.chain()).isEmpty();
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Kind.UNDECODABLE);
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.sentence()).startsWith("certificate 1 of 2 from the ePDG (5 bytes, its own) is not an X.509 certificate in DER: ")
                        .endsWith("; a phone cannot authenticate the ePDG");
            });
            assertThat(report.sentence()).isEqualTo("the ePDG for " + FQDN + " sent 2 certificates but its own (the first)"
                    + " is not X.509 DER, so it cannot be checked");
        }

        @Test
        void garbageIntermediateIsAWarningWhenTheChainStillValidates() {
            CertificateReport report = check(List.of(p256.leaf().der(), "junk".getBytes(StandardCharsets.US_ASCII),
                    p256.intermediate2().der(), p256.intermediate1().der()));

            assertThat(report.passed()).isTrue();
            assertThat(report.trust()).isEqualTo(ChainStatus.TRUSTED);
            assertThat(report.chain()).hasSize(3);
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.sentence()).startsWith("certificate 2 of 4 from the ePDG (4 bytes) is not an X.509 certificate in DER: ");
            });
        }
    }

    @Nested
    class Names {

        @Test
        void wildcardSanMatches() {
            Issued wild = leaf(cert("CN=ePDG pool", ec("secp256r1")).dns("*.epc.mnc001.mcc262.pub.3gppnetwork.org"));

            CertificateReport report = check(withLabIntermediates(wild));

            assertThat(report.nameMatches()).isTrue();
            assertThat(report.idrConfirmed()).isTrue();
            assertThat(report.passed()).isTrue();
            assertThat(report.sentence()).startsWith("the ePDG for " + FQDN
                    + " presented CN=ePDG pool (SAN *.epc.mnc001.mcc262.pub.3gppnetwork.org) issued by");
        }

        @Test
        void upperCaseAndTrailingDotInTheFqdnMatch() {
            CertificateReport report = new CertificateCheck(anchors, 30, CLOCK)
                    .check("EPDG.epc.MNC001.mcc262.pub.3gppnetwork.org.", ID_FQDN, IDR, p256.sent());

            assertThat(report.nameMatches()).isTrue();
            assertThat(report.passed()).isTrue();
        }

        @Test
        void mismatchNamesTheFqdnTheSansAndTheIdr() {
            Issued other = leaf(cert("CN=epdg.example.net", ec("secp256r1")).dns("epdg.example.net", "epdg2.example.net"));

            CertificateReport report = new CertificateCheck(anchors, 30, CLOCK).check(FQDN, ID_FQDN,
                    "epdg.example.net".getBytes(StandardCharsets.US_ASCII), withLabIntermediates(other));

            assertThat(report.nameMatches()).isFalse();
            assertThat(report.idrConfirmed()).isTrue();
            assertThat(report.passed()).isFalse();
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Kind.NAME_MISMATCH);
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.sentence()).isEqualTo("the ePDG certificate CN=epdg.example.net does not name " + FQDN
                        + ": its SAN dNSNames are epdg.example.net, epdg2.example.net; its IDr is ID_FQDN epdg.example.net"
                        + " (which the certificate holds: a phone configured with that ePDG identity would accept it);"
                        + " a phone that resolved " + FQDN + " rejects it");
            });
            assertThat(report.sentence()).startsWith("the ePDG for " + FQDN + " presented CN=epdg.example.net"
                    + " (SAN epdg.example.net, epdg2.example.net; not " + FQDN + ") issued by CN=Lab Intermediate 2");
        }

        @Test
        void noSanAtAllIsAMismatchEvenWhenTheCnIsTheFqdn() {
            Issued cnOnly = leaf(cert(LEAF, ec("secp256r1")));

            CertificateReport report = new CertificateCheck(anchors, 30, CLOCK).check(FQDN, 11, new byte[] {0x0a, 0x0b},
                    withLabIntermediates(cnOnly));

            assertThat(report.findings()).extracting(CertificateFinding::kind)
                    .containsExactly(Kind.NAME_MISMATCH, Kind.IDR_NOT_CONFIRMED);
            assertThat(report.findings().get(0).sentence()).isEqualTo("the ePDG certificate " + LEAF + " does not name " + FQDN
                    + ": it has no SAN dNSName (phones do not fall back to the subject CN); its IDr is ID_KEY_ID 0a0b;"
                    + " a phone that resolved " + FQDN + " rejects it");
            assertThat(report.sentence()).contains("(no SAN dNSName; not " + FQDN + ")");
        }

        @Test
        void idrFqdnConfirmedByTheCertificate() {
            CertificateReport report = check(p256.sent());

            assertThat(report.idr()).isEqualTo("ID_FQDN " + FQDN);
            assertThat(report.idrConfirmed()).isTrue();
            assertThat(report.nameMatches()).isTrue();
        }

        @Test
        void idrNotInTheCertificateIsAWarning() {
            CertificateReport report = new CertificateCheck(anchors, 30, CLOCK).check(FQDN, ID_FQDN,
                    "ims".getBytes(StandardCharsets.US_ASCII), p256.sent());

            assertThat(report.nameMatches()).isTrue();
            assertThat(report.idrConfirmed()).isFalse();
            assertThat(report.passed()).isTrue();
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Kind.IDR_NOT_CONFIRMED);
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.sentence()).isEqualTo("the ePDG's IDr ID_FQDN ims is not an identity its certificate " + LEAF
                        + " holds (DNS:" + FQDN + ", subject " + LEAF + "); clients that check IDr against the certificate,"
                        + " as strongSwan does, reject it");
            });
        }

        @Test
        void idrDistinguishedNameEqualToTheSubjectIsConfirmed() {
            byte[] dn = new X500Principal(LEAF).getEncoded();

            CertificateReport report = new CertificateCheck(anchors, 30, CLOCK).check(FQDN, 9, dn, p256.sent());

            assertThat(report.idr()).isEqualTo("ID_DER_ASN1_DN " + LEAF);
            assertThat(report.idrConfirmed()).isTrue();
            assertThat(report.findings()).isEmpty();
        }

        @Test
        void idrAddressesAgainstSanIpAddresses() {
            Issued withIp = leaf(cert(LEAF, ec("secp256r1")).dns(FQDN).ip("10.77.0.2").ip("fd77::2"));
            CertificateCheck check = new CertificateCheck(anchors, 30, CLOCK);

            CertificateReport v4 = check.check(FQDN, 1, new byte[] {10, 77, 0, 2}, withLabIntermediates(withIp));
            CertificateReport v6 = check.check(FQDN, 5, HexFormat.of().parseHex("fd770000000000000000000000000002"),
                    withLabIntermediates(withIp));
            CertificateReport other = check.check(FQDN, 1, new byte[] {10, 77, 0, 3}, withLabIntermediates(withIp));

            assertThat(v4.idr()).isEqualTo("ID_IPV4_ADDR 10.77.0.2");
            assertThat(v4.idrConfirmed()).isTrue();
            assertThat(v6.idr()).isEqualTo("ID_IPV6_ADDR fd77::2");
            assertThat(v6.idrConfirmed()).isTrue();
            assertThat(other.idrConfirmed()).isFalse();
            assertThat(v4.chain().get(0).subjectAltNames()).containsExactly("DNS:" + FQDN, "IP:10.77.0.2", "IP:fd77::2");
        }

        @Test
        void idrTextForOtherTypes() {
            assertThat(CertificateNames.idText(3, "epdg@example.net".getBytes(StandardCharsets.US_ASCII)))
                    .isEqualTo("ID_RFC822_ADDR epdg@example.net");
            assertThat(CertificateNames.idText(11, new byte[] {1, (byte) 0xff})).isEqualTo("ID_KEY_ID 01ff");
            assertThat(CertificateNames.idText(200, new byte[] {1})).isEqualTo("ID type 200 01");
            assertThat(CertificateNames.idText(1, new byte[] {1, 2})).isEqualTo("ID_IPV4_ADDR 0102 (not 4 bytes)");
            assertThat(CertificateNames.idText(9, new byte[] {1, 2})).isEqualTo("ID_DER_ASN1_DN 0102 (not a DER DN)");
            assertThat(CertificateNames.idText(2, new byte[] {'a', 0})).isEqualTo("ID_FQDN 6100");
            assertThat(CertificateNames.idText(2, null)).isEqualTo("none");
        }
    }
}
