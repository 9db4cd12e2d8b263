package dev.wificall.attach;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Verifies the AUTH payload an ePDG sends in IKE_AUTH with the key of its certificate (RFC 7296 §2.15,
 * §3.8): RSA with SHA-1 (method 1), ECDSA on P-256/384/521 with raw r‖s (methods 9, 10, 11, RFC 4754)
 * and the Digital Signature method (14, RFC 7427) with RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA, Ed25519 and Ed448.
 * The caller computes the signed octets; a bad or unsupported signature is a verdict, never an exception.
 */
public final class ResponderSignature {

    /**
     * @param valid     the signature verifies with the certificate's key
     * @param algorithm what the ePDG signed with: "ECDSA with SHA-256 (RFC 7427)", "method 99" when unknown
     * @param sentence  one sentence naming the algorithm, the certificate and, when invalid, why
     */
    public record SignatureVerdict(boolean valid, String algorithm, String sentence) {
        public SignatureVerdict {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(sentence, "sentence");
        }
    }

    static final int RSA_DIGITAL_SIGNATURE = 1;
    static final int SHARED_KEY_MIC = 2;
    static final int DSS_DIGITAL_SIGNATURE = 3;
    static final int ECDSA_SHA256_P256 = 9;
    static final int ECDSA_SHA384_P384 = 10;
    static final int ECDSA_SHA512_P521 = 11;
    static final int DIGITAL_SIGNATURE = 14;

    private static final String SUPPORTED = "wificall verifies methods 1 (RSA with SHA-1), 9, 10, 11 (ECDSA, RFC 4754)"
            + " and 14 (Digital Signature, RFC 7427)";

    /** A signature algorithm named in an RFC 7427 AlgorithmIdentifier: the JDK name and the reader's. */
    private record Named(String jdk, String reader) {
    }

    // RFC 7427 §3 and Appendix A; the PSS entry takes its hash from the parameters
    private static final Map<String, Named> RFC7427 = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.5", new Named("SHA1withRSA", "RSA PKCS#1 v1.5 with SHA-1")),
            Map.entry("1.2.840.113549.1.1.11", new Named("SHA256withRSA", "RSA PKCS#1 v1.5 with SHA-256")),
            Map.entry("1.2.840.113549.1.1.12", new Named("SHA384withRSA", "RSA PKCS#1 v1.5 with SHA-384")),
            Map.entry("1.2.840.113549.1.1.13", new Named("SHA512withRSA", "RSA PKCS#1 v1.5 with SHA-512")),
            Map.entry("1.2.840.113549.1.1.10", new Named("RSASSA-PSS", "RSASSA-PSS")),
            Map.entry("1.2.840.10045.4.1", new Named("SHA1withECDSA", "ECDSA with SHA-1")),
            Map.entry("1.2.840.10045.4.3.2", new Named("SHA256withECDSA", "ECDSA with SHA-256")),
            Map.entry("1.2.840.10045.4.3.3", new Named("SHA384withECDSA", "ECDSA with SHA-384")),
            Map.entry("1.2.840.10045.4.3.4", new Named("SHA512withECDSA", "ECDSA with SHA-512")),
            Map.entry("1.3.101.112", new Named("Ed25519", "Ed25519")),
            Map.entry("1.3.101.113", new Named("Ed448", "Ed448")));
    private static final String PSS = "1.2.840.113549.1.1.10";

    private ResponderSignature() {
    }

    /**
     * @param signer        the ePDG's certificate (the first CERT payload)
     * @param authMethod    the AUTH payload's method (RFC 7296 §3.8, IANA "IKEv2 Authentication Method")
     * @param authData      the AUTH payload's data after the method and reserved octets
     * @param signedOctets  what the ePDG signed: its IKE_SA_INIT answer | Ni | prf(SK_pr, IDr') (RFC 7296 §2.15)
     */
    public static SignatureVerdict verify(X509Certificate signer, int authMethod, byte[] authData, byte[] signedOctets) {
        Objects.requireNonNull(signedOctets, "signedOctets");
        byte[] data = authData == null ? new byte[0] : authData;
        Attempt attempt = switch (authMethod) {
            case RSA_DIGITAL_SIGNATURE -> new Attempt("RSA PKCS#1 v1.5 with SHA-1 (method 1)", "SHA1withRSA", null, data, null);
            case ECDSA_SHA256_P256 -> rawEcdsa(signer, "SHA-256", 256, authMethod, data);
            case ECDSA_SHA384_P384 -> rawEcdsa(signer, "SHA-384", 384, authMethod, data);
            case ECDSA_SHA512_P521 -> rawEcdsa(signer, "SHA-512", 521, authMethod, data);
            case DIGITAL_SIGNATURE -> digitalSignature(data);
            case SHARED_KEY_MIC -> Attempt.refused("method 2", "the ePDG's AUTH payload uses method 2 (Shared Key Message"
                    + " Integrity Code): a pre-shared key, not its certificate; phones expect a certificate signature (TS 33.402"
                    + " §8.2.2) and " + SUPPORTED);
            case DSS_DIGITAL_SIGNATURE -> Attempt.refused("method 3", "the ePDG's AUTH payload uses method 3 (DSS Digital"
                    + " Signature), which wificall does not verify; " + SUPPORTED);
            default -> Attempt.refused("method " + authMethod, "the ePDG's AUTH payload uses method " + authMethod
                    + ", which wificall does not know; " + SUPPORTED);
        };
        if (attempt.refusal() != null) {
            return new SignatureVerdict(false, attempt.algorithm(), attempt.refusal());
        }
        if (signer == null) {
            return new SignatureVerdict(false, attempt.algorithm(), "the ePDG's AUTH signature, " + attempt.algorithm()
                    + ", cannot be verified: there is no ePDG certificate to take the key from");
        }
        return run(signer, attempt, signedOctets);
    }

    /**
     * What to verify: the algorithm for the reader, the JDK's, its parameters and the signature; or,
     * when the AUTH data cannot be verified at all, the sentence that says why.
     */
    private record Attempt(String algorithm, String jdk, AlgorithmParameterSpec parameters, byte[] signature, String refusal) {
        static Attempt refused(String algorithm, String refusal) {
            return new Attempt(algorithm, null, null, null, refusal);
        }
    }

    /** Methods 9 to 11: the curve is fixed by the method, the signature is r‖s, each as long as the curve's order. */
    private static Attempt rawEcdsa(X509Certificate signer, String hash, int bits, int method, byte[] data) {
        String curve = "P-" + bits;
        String algorithm = "ECDSA with " + hash + " on " + curve + " (method " + method + ")";
        int half = (bits + 7) / 8;
        if (data.length != 2 * half) {
            return Attempt.refused(algorithm, "the ePDG's AUTH signature, " + algorithm + ", is malformed: "
                    + data.length + " bytes where ECDSA on " + curve + " takes " + 2 * half + " (r‖s, RFC 4754)");
        }
        if (signer != null && !(signer.getPublicKey() instanceof ECPublicKey ec
                && ec.getParams().getCurve().getField().getFieldSize() == bits)) {
            return Attempt.refused(algorithm, "the ePDG's AUTH signature, " + algorithm + ", does not verify with the key of "
                    + subject(signer) + ": the certificate holds an " + CertificateSummary.key(signer.getPublicKey())
                    + " key, and method " + method + " needs EC " + curve);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(data, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(data, half, data.length));
        ASN1EncodableVector rs = new ASN1EncodableVector();
        rs.add(new ASN1Integer(r));
        rs.add(new ASN1Integer(s));
        try {
            // the JDK verifies the DER Ecdsa-Sig-Value of RFC 3279, not r‖s
            return new Attempt(algorithm, hash.replace("-", "") + "withECDSA", null, new DERSequence(rs).getEncoded(), null);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers failed", e);
        }
    }

    /** Method 14: a length octet, that many octets of AlgorithmIdentifier, then the signature (RFC 7427 §3). */
    private static Attempt digitalSignature(byte[] data) {
        String method = "Digital Signature (method 14, RFC 7427)";
        if (data.length == 0) {
            return Attempt.refused(method, "the ePDG's AUTH payload, " + method + ", is malformed: it holds no data");
        }
        int length = Byte.toUnsignedInt(data[0]);
        if (length == 0 || data.length < 1 + length) {
            return Attempt.refused(method, "the ePDG's AUTH payload, " + method + ", is malformed: it announces a "
                    + length + "-byte AlgorithmIdentifier and holds " + (data.length - 1) + " bytes after the length");
        }
        AlgorithmIdentifier identifier;
        try {
            ASN1Primitive parsed = ASN1Primitive.fromByteArray(Arrays.copyOfRange(data, 1, 1 + length));
            identifier = AlgorithmIdentifier.getInstance(parsed);
        } catch (IOException | IllegalArgumentException e) {
            return Attempt.refused(method, "the ePDG's AUTH payload, " + method + ", is malformed: its " + length
                    + " bytes of AlgorithmIdentifier are not DER (" + e.getMessage() + ")");
        }
        byte[] signature = Arrays.copyOfRange(data, 1 + length, data.length);
        String oid = identifier.getAlgorithm().getId();
        Named named = RFC7427.get(oid);
        if (named == null) {
            return Attempt.refused("method 14 with " + oid, "the ePDG's AUTH payload, " + method
                    + ", names the signature algorithm " + oid + ", which wificall does not verify; it verifies"
                    + " RSA PKCS#1 v1.5 and RSASSA-PSS with SHA-1/256/384/512, ECDSA with SHA-1/256/384/512, Ed25519 and Ed448");
        }
        if (signature.length == 0) {
            return Attempt.refused(named.reader() + " (RFC 7427)", "the ePDG's AUTH payload, " + method
                    + ", is malformed: it names " + named.reader() + " but holds no signature after the AlgorithmIdentifier");
        }
        if (!PSS.equals(oid)) {
            return new Attempt(named.reader() + " (RFC 7427)", named.jdk(), null, signature, null);
        }
        PSSParameterSpec pss;
        try {
            pss = pssParameters(identifier);
        } catch (GeneralSecurityException | IOException e) {
            return Attempt.refused("RSASSA-PSS (RFC 7427)", "the ePDG's AUTH payload, " + method
                    + ", names RSASSA-PSS with parameters wificall cannot read: " + e.getMessage());
        }
        return new Attempt("RSASSA-PSS with " + pss.getDigestAlgorithm() + " (RFC 7427)", named.jdk(), pss, signature, null);
    }

    /** RSASSA-PSS-params (RFC 4055 §3.1); absent parameters are its defaults: SHA-1, MGF1 with SHA-1, 20-byte salt. */
    private static PSSParameterSpec pssParameters(AlgorithmIdentifier identifier) throws GeneralSecurityException, IOException {
        if (identifier.getParameters() == null) {
            return new PSSParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, 20, 1);
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
        parameters.init(identifier.getParameters().toASN1Primitive().getEncoded());
        return parameters.getParameterSpec(PSSParameterSpec.class);
    }

    private static SignatureVerdict run(X509Certificate signer, Attempt attempt, byte[] signedOctets) {
        String with = "the ePDG's AUTH signature, " + attempt.algorithm() + ",";
        String key = subject(signer);
        PublicKey publicKey = signer.getPublicKey();
        try {
            Signature verifier = Signature.getInstance(attempt.jdk());
            verifier.initVerify(publicKey);
            if (attempt.parameters() != null) {
                verifier.setParameter(attempt.parameters());
            }
            verifier.update(signedOctets);
            if (verifier.verify(attempt.signature())) {
                return new SignatureVerdict(true, attempt.algorithm(), with + " verifies with the key of " + key);
            }
            return new SignatureVerdict(false, attempt.algorithm(), with + " does not verify with the key of " + key
                    + ": the signature does not match the octets it signs (RFC 7296 §2.15); the ePDG signed with"
                    + " another key than its certificate's, or signed messages other than those wificall saw");
        } catch (InvalidKeyException e) {
            return new SignatureVerdict(false, attempt.algorithm(), with + " does not verify with the key of " + key
                    + ": the certificate holds an " + CertificateSummary.key(publicKey) + " key, which cannot check "
                    + attempt.algorithm());
        } catch (SignatureException e) {
            return new SignatureVerdict(false, attempt.algorithm(), with + " does not verify with the key of " + key
                    + ": the signature is malformed (" + e.getMessage() + ")");
        } catch (InvalidAlgorithmParameterException e) {
            return new SignatureVerdict(false, attempt.algorithm(), with + " cannot be verified: its parameters are"
                    + " refused (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            return new SignatureVerdict(false, attempt.algorithm(), with + " cannot be verified: this Java runtime"
                    + " lacks " + attempt.jdk() + " (" + e.getMessage() + ")");
        }
    }

    private static String subject(X509Certificate certificate) {
        String dn = CertificateSummary.dn(certificate.getSubjectX500Principal());
        return dn.isEmpty() ? "the ePDG certificate (empty subject)" : dn;
    }
}
