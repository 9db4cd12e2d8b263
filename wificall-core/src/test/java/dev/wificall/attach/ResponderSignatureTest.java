package dev.wificall.attach;

import static dev.wificall.attach.CertificateFixtures.cert;
import static dev.wificall.attach.CertificateFixtures.ec;
import static dev.wificall.attach.CertificateFixtures.ed25519;
import static dev.wificall.attach.CertificateFixtures.rsa;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.CertificateFixtures.Issued;
import dev.wificall.attach.ResponderSignature.SignatureVerdict;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponderSignatureTest {

    private static final String SUBJECT = "CN=epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    // what the ePDG signs: its IKE_SA_INIT answer | Ni | prf(SK_pr, IDr'); any octets do for the signature itself
    private static final byte[] SIGNED = new byte[300];
    private static final HexFormat HEX = HexFormat.of();

    // RFC 7427 Appendix A, RFC 8420 §2 (Ed25519)
    private static final String SHA256_RSA = "300d06092a864886f70d01010b0500";
    private static final String SHA384_RSA = "300d06092a864886f70d01010c0500";
    private static final String SHA512_RSA = "300d06092a864886f70d01010d0500";
    private static final String ECDSA_SHA256 = "300a06082a8648ce3d040302";
    private static final String ECDSA_SHA384 = "300a06082a8648ce3d040303";
    private static final String ECDSA_SHA512 = "300a06082a8648ce3d040304";
    private static final String ED25519 = "300506032b6570";
    // RSASSA-PSS with SHA-256, MGF1 with SHA-256, 32-byte salt (RFC 4055 §3.1 parameters, hash NULL parameters present)
    private static final String PSS_SHA256 = "3041" + "06092a864886f70d01010a" + "3034"
            + "a00f300d06096086480165030402010500"
            + "a11c301a06092a864886f70d010108300d06096086480165030402010500"
            + "a203020120";

    private static Map<String, Issued> signers;

    @BeforeAll
    static void signers() {
        new Random(7427).nextBytes(SIGNED);
        signers = Map.of(
                "rsa", cert(SUBJECT, rsa(2048)).build(),
                "p256", cert(SUBJECT, ec("secp256r1")).build(),
                "p384", cert(SUBJECT, ec("secp384r1")).build(),
                "p521", cert(SUBJECT, ec("secp521r1")).build(),
                "ed25519", cert(SUBJECT, ed25519()).build());
    }

    private static byte[] sign(String algorithm, String signer, byte[] octets) throws Exception {
        return sign(algorithm, signers.get(signer).keys().getPrivate(), octets);
    }

    private static byte[] sign(String algorithm, PrivateKey key, byte[] octets) throws Exception {
        Signature s = Signature.getInstance(algorithm.equals("RSASSA-PSS") ? "RSASSA-PSS" : algorithm);
        s.initSign(key);
        if (algorithm.equals("RSASSA-PSS")) {
            s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        s.update(octets);
        return s.sign();
    }

    /** RFC 7427 §3: the AlgorithmIdentifier's length in one octet, the AlgorithmIdentifier, the signature. */
    private static byte[] digitalSignature(String algorithmIdentifier, byte[] signature) {
        byte[] id = HEX.parseHex(algorithmIdentifier);
        byte[] out = new byte[1 + id.length + signature.length];
        out[0] = (byte) id.length;
        System.arraycopy(id, 0, out, 1, id.length);
        System.arraycopy(signature, 0, out, 1 + id.length, signature.length);
        return out;
    }

    private static SignatureVerdict verify(String signer, int method, byte[] authData) {
        return ResponderSignature.verify(signers.get(signer).certificate(), method, authData, SIGNED);
    }

    @Test
    void rsaWithSha1Method1() throws Exception {
        SignatureVerdict verdict = verify("rsa", 1, sign("SHA1withRSA", "rsa", SIGNED));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.algorithm()).isEqualTo("RSA PKCS#1 v1.5 with SHA-1 (method 1)");
        assertThat(verdict.sentence()).isEqualTo("the ePDG's AUTH signature, RSA PKCS#1 v1.5 with SHA-1 (method 1),"
                + " verifies with the key of " + SUBJECT);
    }

    @ParameterizedTest(name = "method {0}")
    @CsvSource({
        "9, p256, SHA256withECDSAinP1363Format, 64, ECDSA with SHA-256 on P-256 (method 9)",
        "10, p384, SHA384withECDSAinP1363Format, 96, ECDSA with SHA-384 on P-384 (method 10)",
        "11, p521, SHA512withECDSAinP1363Format, 132, ECDSA with SHA-512 on P-521 (method 11)",
    })
    void ecdsaWithRawRAndS(int method, String signer, String jdk, int length, String algorithm) throws Exception {
        byte[] rs = sign(jdk, signer, SIGNED);
        assertThat(rs).hasSize(length);

        SignatureVerdict verdict = verify(signer, method, rs);

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.algorithm()).isEqualTo(algorithm);
        assertThat(verdict.sentence()).isEqualTo("the ePDG's AUTH signature, " + algorithm + ", verifies with the key of " + SUBJECT);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource({
        "rsa, SHA256withRSA, " + SHA256_RSA + ", RSA PKCS#1 v1.5 with SHA-256 (RFC 7427)",
        "rsa, SHA384withRSA, " + SHA384_RSA + ", RSA PKCS#1 v1.5 with SHA-384 (RFC 7427)",
        "rsa, SHA512withRSA, " + SHA512_RSA + ", RSA PKCS#1 v1.5 with SHA-512 (RFC 7427)",
        "rsa, RSASSA-PSS, " + PSS_SHA256 + ", RSASSA-PSS with SHA-256 (RFC 7427)",
        "p256, SHA256withECDSA, " + ECDSA_SHA256 + ", ECDSA with SHA-256 (RFC 7427)",
        "p384, SHA384withECDSA, " + ECDSA_SHA384 + ", ECDSA with SHA-384 (RFC 7427)",
        "p521, SHA512withECDSA, " + ECDSA_SHA512 + ", ECDSA with SHA-512 (RFC 7427)",
        "ed25519, Ed25519, " + ED25519 + ", Ed25519 (RFC 7427)",
    })
    void digitalSignatureMethod14(String signer, String jdk, String algorithmIdentifier, String algorithm) throws Exception {
        byte[] authData = digitalSignature(algorithmIdentifier, sign(jdk, signer, SIGNED));

        SignatureVerdict verdict = verify(signer, 14, authData);

        assertThat(verdict.valid()).as(verdict.sentence()).isTrue();
        assertThat(verdict.algorithm()).isEqualTo(algorithm);
        assertThat(verdict.sentence()).isEqualTo("the ePDG's AUTH signature, " + algorithm + ", verifies with the key of " + SUBJECT);

        byte[] tampered = SIGNED.clone();
        tampered[17] ^= 1;
        SignatureVerdict bad = ResponderSignature.verify(signers.get(signer).certificate(), 14, authData, tampered);
        assertThat(bad.valid()).isFalse();
        assertThat(bad.algorithm()).isEqualTo(algorithm);
    }

    @Test
    void pssParametersAreTakenFromTheAlgorithmIdentifier() throws Exception {
        // the identifier above is what Bouncy Castle encodes for these parameters
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        RSASSAPSSparams params = new RSASSAPSSparams(sha256,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256), new ASN1Integer(32), new ASN1Integer(1));
        assertThat(HEX.formatHex(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, params).getEncoded("DER")))
                .isEqualTo(PSS_SHA256);

        // a signature with a 20-byte salt does not verify under parameters that say 32
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.initSign(signers.get("rsa").keys().getPrivate());
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 20, 1));
        s.update(SIGNED);
        SignatureVerdict verdict = verify("rsa", 14, digitalSignature(PSS_SHA256, s.sign()));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.sentence()).startsWith("the ePDG's AUTH signature, RSASSA-PSS with SHA-256 (RFC 7427),"
                + " does not verify with the key of " + SUBJECT + ": ");
    }

    @Test
    void tamperedOctetsDoNotVerify() throws Exception {
        byte[] rs = sign("SHA256withECDSAinP1363Format", "p256", SIGNED);
        byte[] tampered = SIGNED.clone();
        tampered[0] ^= (byte) 0x80;

        SignatureVerdict verdict = ResponderSignature.verify(signers.get("p256").certificate(), 9, rs, tampered);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.algorithm()).isEqualTo("ECDSA with SHA-256 on P-256 (method 9)");
        assertThat(verdict.sentence()).isEqualTo("the ePDG's AUTH signature, ECDSA with SHA-256 on P-256 (method 9),"
                + " does not verify with the key of " + SUBJECT + ": the signature does not match the octets it signs"
                + " (RFC 7296 §2.15); the ePDG signed with another key than its certificate's, or signed messages other"
                + " than those wificall saw");
    }

    @Test
    void signatureByAnotherKeyDoesNotVerify() throws Exception {
        byte[] rs = sign("SHA256withECDSAinP1363Format", ec("secp256r1").getPrivate(), SIGNED);
        byte[] rsa = sign("SHA1withRSA", rsa(2048).getPrivate(), SIGNED);

        assertThat(verify("p256", 9, rs).valid()).isFalse();
        assertThat(verify("p256", 9, rs).sentence()).contains("does not verify with the key of " + SUBJECT
                + ": the signature does not match the octets it signs");
        assertThat(verify("rsa", 1, rsa).valid()).isFalse();
    }

    @Test
    void keyOfTheWrongKindOrCurve() throws Exception {
        byte[] rs = sign("SHA256withECDSAinP1363Format", "p256", SIGNED);

        assertThat(verify("rsa", 9, rs).sentence()).isEqualTo("the ePDG's AUTH signature, ECDSA with SHA-256 on P-256"
                + " (method 9), does not verify with the key of " + SUBJECT + ": the certificate holds an RSA 2048 key,"
                + " and method 9 needs EC P-256");
        assertThat(verify("p384", 9, rs).sentence()).endsWith(": the certificate holds an EC P-384 key, and method 9 needs EC P-256");

        SignatureVerdict rsaWithEcKey = verify("p256", 14, digitalSignature(SHA256_RSA, sign("SHA256withRSA", "rsa", SIGNED)));
        assertThat(rsaWithEcKey.valid()).isFalse();
        assertThat(rsaWithEcKey.sentence()).isEqualTo("the ePDG's AUTH signature, RSA PKCS#1 v1.5 with SHA-256 (RFC 7427),"
                + " does not verify with the key of " + SUBJECT + ": the certificate holds an EC P-256 key, which cannot"
                + " check RSA PKCS#1 v1.5 with SHA-256 (RFC 7427)");
    }

    @Test
    void truncatedAuthDataIsAVerdictWithItsLength() throws Exception {
        byte[] rs = sign("SHA256withECDSAinP1363Format", "p256", SIGNED);
        byte[] full = digitalSignature(ECDSA_SHA256, sign("SHA256withECDSA", "p256", SIGNED));

        SignatureVerdict short9 = verify("p256", 9, Arrays.copyOf(rs, 40));
        SignatureVerdict header14 = verify("p256", 14, Arrays.copyOf(full, 8));
        SignatureVerdict empty14 = verify("p256", 14, new byte[0]);
        SignatureVerdict noSignature14 = verify("p256", 14, Arrays.copyOf(full, 13));
        SignatureVerdict cutSignature14 = verify("p256", 14, Arrays.copyOf(full, 30));

        assertThat(short9.valid()).isFalse();
        assertThat(short9.sentence()).isEqualTo("the ePDG's AUTH signature, ECDSA with SHA-256 on P-256 (method 9), is malformed:"
                + " 40 bytes where ECDSA on P-256 takes 64 (r‖s, RFC 4754)");
        assertThat(header14.sentence()).isEqualTo("the ePDG's AUTH payload, Digital Signature (method 14, RFC 7427), is malformed:"
                + " it announces a 12-byte AlgorithmIdentifier and holds 7 bytes after the length");
        assertThat(empty14.sentence()).isEqualTo("the ePDG's AUTH payload, Digital Signature (method 14, RFC 7427), is malformed:"
                + " it holds no data");
        assertThat(noSignature14.sentence()).isEqualTo("the ePDG's AUTH payload, Digital Signature (method 14, RFC 7427),"
                + " is malformed: it names ECDSA with SHA-256 but holds no signature after the AlgorithmIdentifier");
        assertThat(cutSignature14.valid()).isFalse();
        assertThat(cutSignature14.sentence()).startsWith("the ePDG's AUTH signature, ECDSA with SHA-256 (RFC 7427), does not"
                + " verify with the key of " + SUBJECT + ": the signature is malformed (");
        assertThat(verify("p256", 14, null).valid()).isFalse();
    }

    @Test
    void algorithmIdentifierThatIsNotDer() {
        SignatureVerdict verdict = verify("p256", 14, digitalSignature("0405ffffffffff", new byte[64]));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.sentence()).startsWith("the ePDG's AUTH payload, Digital Signature (method 14, RFC 7427),"
                + " is malformed: its 7 bytes of AlgorithmIdentifier are not DER (");
    }

    @Test
    void unknownAlgorithmInMethod14() {
        SignatureVerdict verdict = verify("p256", 14, digitalSignature("300506032a0304", new byte[64]));

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.algorithm()).isEqualTo("method 14 with 1.2.3.4");
        assertThat(verdict.sentence()).isEqualTo("the ePDG's AUTH payload, Digital Signature (method 14, RFC 7427), names the"
                + " signature algorithm 1.2.3.4, which wificall does not verify; it verifies RSA PKCS#1 v1.5 and RSASSA-PSS"
                + " with SHA-1/256/384/512, ECDSA with SHA-1/256/384/512, Ed25519 and Ed448");
    }

    @Test
    void unknownAndUnsupportedMethods() {
        SignatureVerdict unknown = verify("p256", 99, new byte[64]);
        SignatureVerdict psk = verify("p256", 2, new byte[32]);

        assertThat(unknown.valid()).isFalse();
        assertThat(unknown.algorithm()).isEqualTo("method 99");
        assertThat(unknown.sentence()).isEqualTo("the ePDG's AUTH payload uses method 99, which wificall does not know;"
                + " wificall verifies methods 1 (RSA with SHA-1), 9, 10, 11 (ECDSA, RFC 4754) and 14 (Digital Signature, RFC 7427)");
        assertThat(psk.valid()).isFalse();
        assertThat(psk.sentence()).startsWith("the ePDG's AUTH payload uses method 2 (Shared Key Message Integrity Code):"
                + " a pre-shared key, not its certificate;");
        assertThat(verify("p256", 3, new byte[40]).sentence()).startsWith("the ePDG's AUTH payload uses method 3 (DSS Digital Signature)");
    }

    @Test
    void noCertificateToVerifyWith() throws Exception {
        SignatureVerdict verdict = ResponderSignature.verify(null, 9, sign("SHA256withECDSAinP1363Format", "p256", SIGNED), SIGNED);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("the ePDG's AUTH signature, ECDSA with SHA-256 on P-256 (method 9), cannot be"
                + " verified: there is no ePDG certificate to take the key from");
    }
}
