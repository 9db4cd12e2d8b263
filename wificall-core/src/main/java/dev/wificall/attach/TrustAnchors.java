package dev.wificall.attach;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CA certificates an ePDG's certificate chain must lead to: the operator's roots, as a phone
 * has them in its trust store. Loaded from a PEM file, a directory of PEM or DER files, or a
 * PKCS#12/JKS key store; {@link #none()} leaves the chain unchecked.
 */
public final class TrustAnchors {

    private static final String EXPECTED =
            "expected PEM or DER certificates, a directory of them, or a PKCS#12 key store";
    private static final List<String> DIRECTORY_SUFFIXES = List.of(".pem", ".crt", ".cer");
    // Only CERTIFICATE blocks: a PEM file that also holds the CA's key or a CRL is still a file of anchors
    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----");
    private static final Pattern PEM_ANY = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private static final TrustAnchors NONE = new TrustAnchors(List.of(), "");

    private final List<X509Certificate> certificates;
    private final String source;

    private TrustAnchors(List<X509Certificate> certificates, String source) {
        this.certificates = List.copyOf(certificates);
        this.source = source;
    }

    /** No anchors: a certificate check reports the chain as not checked. */
    public static TrustAnchors none() {
        return NONE;
    }

    /** Anchors given in code; {@code source} says where they came from, for messages ("the test CA"). */
    public static TrustAnchors of(String source, List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor certificate given from " + source);
        }
        return new TrustAnchors(new ArrayList<>(new LinkedHashSet<>(certificates)), source);
    }

    /** Anchors from a certificate file, a directory of them, or a key store without a password. */
    public static TrustAnchors load(Path path) {
        return load(path, null);
    }

    /**
     * Anchors from {@code path}: a PEM file with one or more certificates, a DER certificate, a
     * directory of .pem/.crt/.cer files (PEM or DER), or a PKCS#12/JKS key store opened with
     * {@code password} (null or empty for none).
     *
     * @throws IllegalArgumentException naming the path and what is expected there, when it holds no certificate
     */
    public static TrustAnchors load(Path path, char[] password) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("trust anchors " + path + " do not exist; " + EXPECTED);
        }
        List<X509Certificate> found = Files.isDirectory(path) ? fromDirectory(path) : fromFile(path, password);
        return new TrustAnchors(new ArrayList<>(new LinkedHashSet<>(found)), path.toString());
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** "3 CA certificates from /etc/wificall/ca.pem", "no trust anchors configured". */
    public String describe() {
        if (isEmpty()) {
            return "no trust anchors configured";
        }
        return count("CA certificate") + " from " + source;
    }

    /** "the 3 configured anchors from /path", "the 1 configured anchor from /path"; for chain findings. */
    String among() {
        return "the " + count("configured anchor") + " from " + source;
    }

    private String count(String noun) {
        return certificates.size() + " " + noun + (certificates.size() == 1 ? "" : "s");
    }

    private static List<X509Certificate> fromDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(f -> DIRECTORY_SUFFIXES.stream()
                            .anyMatch(s -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list the trust anchor directory " + directory + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("trust anchor directory " + directory
                    + " holds no .pem, .crt or .cer file; " + EXPECTED);
        }
        List<X509Certificate> all = new ArrayList<>();
        for (Path file : files) {
            // A bad file in the directory is named, not skipped: a silently missing root shows up later as an untrusted chain
            all.addAll(certificateFile(file, read(file)));
        }
        return all;
    }

    private static List<X509Certificate> fromFile(Path file, char[] password) {
        byte[] content = read(file);
        if (content.length == 0) {
            throw new IllegalArgumentException("trust anchor file " + file + " is empty; " + EXPECTED);
        }
        if (isPem(content) || !looksLikeKeyStore(content)) {
            return certificateFile(file, content);
        }
        List<X509Certificate> der = derCertificates(content);
        return der.isEmpty() ? keyStore(file, password) : der;
    }

    /** PEM or DER certificates; at least one, else a message naming the file. */
    private static List<X509Certificate> certificateFile(Path file, byte[] content) {
        if (isPem(content)) {
            return pem(file, new String(content, StandardCharsets.US_ASCII));
        }
        List<X509Certificate> der = derCertificates(content);
        if (der.isEmpty()) {
            throw new IllegalArgumentException("trust anchor file " + file + " holds no X.509 certificate; " + EXPECTED);
        }
        return der;
    }

    private static List<X509Certificate> pem(Path file, String text) {
        List<X509Certificate> found = new ArrayList<>();
        Matcher m = PEM_CERTIFICATE.matcher(text);
        int block = 0;
        while (m.find()) {
            block++;
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trust anchor file " + file + ": PEM certificate " + block
                        + " is not valid Base64 (" + e.getMessage() + "); " + EXPECTED);
            }
            List<X509Certificate> one = derCertificates(der);
            if (one.isEmpty()) {
                throw new IllegalArgumentException("trust anchor file " + file + ": PEM certificate " + block
                        + " does not decode as X.509; " + EXPECTED);
            }
            found.addAll(one);
        }
        if (found.isEmpty()) {
            Set<String> kinds = new LinkedHashSet<>();
            Matcher any = PEM_ANY.matcher(text);
            while (any.find()) {
                kinds.add(any.group(1));
            }
            throw new IllegalArgumentException("trust anchor file " + file + " holds no X.509 certificate (only "
                    + String.join(", ", kinds) + "); " + EXPECTED);
        }
        return found;
    }

    /** The certificates in a DER certificate or PKCS#7 bundle; empty when it is neither. */
    private static List<X509Certificate> derCertificates(byte[] der) {
        try {
            List<X509Certificate> found = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der))) {
                if (c instanceof X509Certificate x) {
                    found.add(x);
                }
            }
            return found;
        } catch (CertificateException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<X509Certificate> keyStore(Path file, char[] password) {
        KeyStore store;
        try {
            // without a password the JDK skips the integrity check and any encrypted certificates
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("trust anchor file " + file
                    + " holds no X.509 certificate and is not a key store; " + EXPECTED);
        } catch (IOException | GeneralSecurityException e) {
            String why = e.getCause() instanceof java.security.UnrecoverableKeyException ? "the password is wrong"
                    : e.getMessage();
            throw new IllegalArgumentException("cannot open the trust anchor key store " + file + ": " + why
                    + (password == null || password.length == 0 ? "; give the key store password" : "; check the key store password"));
        }
        List<X509Certificate> found = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate x) {
                    found.add(x);
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("key store " + file + " was loaded but cannot be listed", e);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("trust anchor key store " + file + " holds no X.509 certificate"
                    + (password == null || password.length == 0
                            ? " that can be read without a password; give the key store password" : "")
                    + "; " + EXPECTED);
        }
        return found;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the trust anchor file " + file + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static boolean isPem(byte[] content) {
        return new String(content, StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    // DER (a certificate, PKCS#7 or PKCS#12) starts with a SEQUENCE; JKS with the magic FEEDFEED
    private static boolean looksLikeKeyStore(byte[] content) {
        return content.length > 4 && (content[0] == 0x30
                || (content[0] == (byte) 0xFE && content[1] == (byte) 0xED && content[2] == (byte) 0xFE && content[3] == (byte) 0xED));
    }

    @Override
    public String toString() {
        return describe();
    }
}
