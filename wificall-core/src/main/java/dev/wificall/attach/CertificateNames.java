package dev.wificall.attach;

import dev.wificall.dns.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/** Names in certificates and IKEv2 identities (RFC 7296 §3.5), and how they match. */
final class CertificateNames {

    static final int ID_IPV4_ADDR = 1;
    static final int ID_FQDN = 2;
    static final int ID_RFC822_ADDR = 3;
    static final int ID_IPV6_ADDR = 5;
    static final int ID_DER_ASN1_DN = 9;
    static final int ID_DER_ASN1_GN = 10;
    static final int ID_KEY_ID = 11;

    private CertificateNames() {
    }

    /**
     * Whether a dNSName from a certificate matches a host name (RFC 6125 §6.4): case-insensitive, a
     * trailing dot ignored, and a wildcard only as the whole left-most label, standing for exactly one
     * label, with at least two labels after it ({@code *.example.org}, not {@code *.org} or {@code f*.example.org}).
     */
    static boolean matches(String presented, String host) {
        String p = normal(presented);
        String h = normal(host);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.indexOf('*') < 0 && p.equals(h);
        }
        String rest = p.substring(2);
        int dot = h.indexOf('.');
        return rest.indexOf('*') < 0 && rest.indexOf('.') > 0 && dot > 0 && h.substring(dot + 1).equals(rest);
    }

    /** Lower case without one trailing dot: DNS names compare so. */
    static String normal(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The IDr as text with its type: "ID_FQDN epdg.example", "ID_IPV4_ADDR 10.0.0.1", "ID_KEY_ID 0a1b"; "none". */
    static String idText(int type, byte[] data) {
        if (data == null || data.length == 0) {
            return "none";
        }
        return switch (type) {
            case ID_IPV4_ADDR -> "ID_IPV4_ADDR " + (data.length == 4 ? address(data) : hex(data) + " (not 4 bytes)");
            case ID_IPV6_ADDR -> "ID_IPV6_ADDR " + (data.length == 16 ? address(data) : hex(data) + " (not 16 bytes)");
            case ID_FQDN -> "ID_FQDN " + text(data);
            case ID_RFC822_ADDR -> "ID_RFC822_ADDR " + text(data);
            case ID_DER_ASN1_DN -> "ID_DER_ASN1_DN " + dn(data);
            case ID_DER_ASN1_GN -> "ID_DER_ASN1_GN " + hex(data);
            case ID_KEY_ID -> "ID_KEY_ID " + hex(data);
            default -> "ID type " + type + " " + hex(data);
        };
    }

    /** The text of an FQDN or RFC 822 identity; hex when it is not printable ASCII. */
    static String text(byte[] data) {
        for (byte b : data) {
            if (b < 0x21 || b > 0x7E) {
                return hex(data);
            }
        }
        return new String(data, StandardCharsets.US_ASCII);
    }

    /**
     * Whether the certificate holds the identity, as strongSwan checks a peer's IDr: an ID_FQDN among the
     * SAN dNSNames, an ID_RFC822_ADDR among the rfc822Names, a DN equal to the subject, an address among
     * the SAN iPAddresses. Other types are never confirmed.
     */
    static boolean confirms(X509Certificate certificate, List<String> subjectAltNames, int type, byte[] data) {
        if (data == null || data.length == 0) {
            return false;
        }
        return switch (type) {
            case ID_FQDN -> subjectAltNames.stream().filter(s -> s.startsWith("DNS:"))
                    .anyMatch(s -> matches(s.substring(4), text(data)));
            case ID_RFC822_ADDR -> subjectAltNames.stream().filter(s -> s.startsWith("email:"))
                    .anyMatch(s -> s.substring(6).equalsIgnoreCase(text(data)));
            case ID_IPV4_ADDR, ID_IPV6_ADDR -> (data.length == 4 || data.length == 16)
                    && CertificateSummary.ipAddresses(certificate).contains(inet(data));
            case ID_DER_ASN1_DN -> {
                try {
                    yield new X500Principal(data).equals(certificate.getSubjectX500Principal());
                } catch (IllegalArgumentException e) {
                    yield false;
                }
            }
            default -> false;
        };
    }

    private static String dn(byte[] der) {
        try {
            return CertificateSummary.dn(new X500Principal(der));
        } catch (IllegalArgumentException e) {
            return hex(der) + " (not a DER DN)";
        }
    }

    private static String address(byte[] raw) {
        return AddressText.of(inet(raw));
    }

    private static InetAddress inet(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address of " + raw.length + " bytes", e);
        }
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }
}
