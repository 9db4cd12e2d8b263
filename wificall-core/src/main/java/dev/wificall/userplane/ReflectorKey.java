package dev.wificall.userplane;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a reflector and its clients share: every request and every answer carries an HMAC-SHA256
 * tag under it, so only its holders can make a reflector send. At least {@value #MIN_LENGTH} bytes.
 * Its bytes never appear in {@link #toString()} or in any message.
 */
public final class ReflectorKey {

    /** The shortest key accepted: 128 bits. */
    public static final int MIN_LENGTH = 16;
    private static final int MAX_LENGTH = 1024;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec spec;
    private final int length;

    private ReflectorKey(byte[] key) {
        this.spec = new SecretKeySpec(key, HMAC);
        this.length = key.length;
    }

    /** A key of these bytes (copied). */
    public static ReflectorKey of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_LENGTH || key.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a reflector key needs " + MIN_LENGTH + " to " + MAX_LENGTH + " bytes, got "
                    + key.length);
        }
        return new ReflectorKey(key); // SecretKeySpec keeps its own copy
    }

    /** 32 fresh random bytes. */
    public static ReflectorKey generate() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ReflectorKey(key);
    }

    /**
     * A key written as text, as in a key file: hex if the text (whitespace ignored) is only hex digits,
     * otherwise base64 (standard alphabet, padding optional). {@code openssl rand -hex 32} and
     * {@code openssl rand -base64 32} both make one. Messages never quote the text.
     */
    public static ReflectorKey parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.replaceAll("\\s+", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the reflector key is empty; expected hex or base64 of at least "
                    + MIN_LENGTH + " bytes (e.g. openssl rand -hex 32)");
        }
        byte[] key;
        if (s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            if (s.length() % 2 != 0) {
                throw new IllegalArgumentException("the reflector key has an odd number of hex digits (" + s.length()
                        + "); expected two per byte");
            }
            key = new byte[s.length() / 2];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (Character.digit(s.charAt(2 * i), 16) << 4 | Character.digit(s.charAt(2 * i + 1), 16));
            }
        } else {
            try {
                key = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                // the decoder's message quotes the offending character, which is part of the secret
                throw new IllegalArgumentException("the reflector key is neither hex nor base64 (" + s.length()
                        + " characters); expected e.g. the output of openssl rand -hex 32");
            }
        }
        try {
            if (key.length < MIN_LENGTH || key.length > MAX_LENGTH) {
                throw new IllegalArgumentException("the reflector key holds " + key.length + " bytes; it needs "
                        + MIN_LENGTH + " to " + MAX_LENGTH + " (e.g. openssl rand -hex 32)");
            }
            return new ReflectorKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** A copy of the key's bytes, for {@link UserPlaneSettings.Lifetime}; the caller keeps it secret. */
    byte[] bytes() {
        return spec.getEncoded();
    }

    /** The key's length in bytes (not secret). */
    public int length() {
        return length;
    }

    /** HMAC-SHA256 of {@code data[offset, offset + length)}, truncated to {@code tagLength} bytes. */
    byte[] tag(byte[] data, int offset, int length, int tagLength) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(spec);
            mac.update(data, offset, length);
            return Arrays.copyOf(mac.doFinal(), tagLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ReflectorKey(" + length + " bytes)";
    }
}
