package dev.wificall.attach;

import dev.wificall.dns.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/**
 * One certificate of the chain an ePDG sent, as a report shows it.
 *
 * @param subject            the subject DN (RFC 2253), e.g. {@code CN=epdg.example,O=Operator}
 * @param issuer             the issuer DN (RFC 2253)
 * @param subjectAltNames    the SANs with their type, as OpenSSL prints them: {@code DNS:epdg.example}, {@code IP:10.0.0.1}
 * @param serialHex          the serial number in lower-case hex
 * @param notBefore          start of validity
 * @param notAfter           end of validity
 * @param key                the public key: {@code EC P-256}, {@code RSA 4096}, {@code Ed25519}
 * @param signatureAlgorithm how the issuer signed it, as Java names it: {@code SHA256withECDSA}
 * @param sha256Fingerprint  SHA-256 of the DER, upper-case hex pairs separated by colons (as {@code openssl x509 -fingerprint})
 * @param derSize            size of the DER encoding in bytes: what it adds to the IKE_AUTH answer
 */
public record CertificateSummary(String subject, String issuer, List<String> subjectAltNames, String serialHex,
        Instant notBefore, Instant notAfter, String key, String signatureAlgorithm, String sha256Fingerprint,
        int derSize) {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    public CertificateSummary {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    public static CertificateSummary of(X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal() + " cannot be encoded", e);
        }
        return new CertificateSummary(dn(certificate.getSubjectX500Principal()), dn(certificate.getIssuerX500Principal()),
                subjectAltNames(certificate), certificate.getSerialNumber().toString(16),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                key(certificate.getPublicKey()), certificate.getSigAlgName(), fingerprint(der), der.length);
    }

    /** The dNSName SANs, without their prefix. */
    public List<String> dnsNames() {
        return subjectAltNames.stream().filter(s -> s.startsWith("DNS:")).map(s -> s.substring(4)).toList();
    }

    /** The subject, or a stand-in for the empty subject some server certificates have. */
    String name() {
        return subject.isEmpty() ? "(empty subject)" : subject;
    }

    static String dn(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    /** SANs as "DNS:x", "IP:10.0.0.1", "email:x", "URI:x", "DirName:x", "RID:x", "othername". */
    static List<String> subjectAltNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of("(undecodable subjectAltName: " + e.getMessage() + ")");
        }
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            Object value = name.get(1);
            out.add(switch (type) {
                case 0 -> "othername";
                case 1 -> "email:" + value;
                case DNS_NAME -> "DNS:" + value;
                case 4 -> "DirName:" + value;
                case 6 -> "URI:" + value;
                case IP_ADDRESS -> "IP:" + address(String.valueOf(value));
                case 8 -> "RID:" + value;
                default -> "type " + type;
            });
        }
        return out;
    }

    /** The SAN iPAddress entries, for comparing with an IDr address. */
    static List<InetAddress> ipAddresses(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<InetAddress> out = new ArrayList<>();
            for (List<?> name : names) {
                if ((Integer) name.get(0) == IP_ADDRESS) {
                    // the JDK hands out a literal; getByName parses it without a lookup
                    out.add(InetAddress.getByName(String.valueOf(name.get(1))));
                }
            }
            return out;
        } catch (CertificateParsingException | UnknownHostException e) {
            return List.of();
        }
    }

    private static String address(String literal) {
        try {
            return AddressText.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    /** "EC P-256", "RSA 2048", "Ed25519", "DSA 2048", else the algorithm name. */
    static String key(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + curve(ec);
        }
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return "DSA " + dsa.getParams().getP().bitLength();
        }
        return key.getAlgorithm();
    }

    /** "P-256" for the NIST curves, the registered name for others (brainpoolP256r1), else the field size. */
    private static String curve(ECPublicKey key) {
        try {
            if (SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters()
                    instanceof ASN1ObjectIdentifier oid) {
                String nist = NISTNamedCurves.getName(oid);
                String other = ECNamedCurveTable.getName(oid);
                if (nist != null || other != null) {
                    return nist != null ? nist : other;
                }
            }
        } catch (IllegalArgumentException e) {
            // an encoding BC does not read: fall back to the field size
        }
        return key.getParams().getCurve().getField().getFieldSize() + "-bit curve";
    }

    private static String fingerprint(byte[] der) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
