package dev.wificall.eap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The EAP-AKA keys of a full authentication (RFC 4187 §7): MK = SHA1(Identity | IK | CK), then
 * 160 bytes of the FIPS 186-2 PRF keyed with MK split into K_encr (16), K_aut (16), MSK (64) and
 * EMSK (64). Identity is the identity the peer last sent in AT_IDENTITY, or in EAP-Response/Identity
 * when no AKA-Identity round took place, without any null terminator. Byte arrays are not copied:
 * treat them as read-only. {@link #toString()} never prints key material.
 */
public record AkaKeys(byte[] mk, byte[] kEncr, byte[] kAut, byte[] msk, byte[] emsk) {

    public AkaKeys {
        check(mk, 20, "MK");
        check(kEncr, 16, "K_encr");
        check(kAut, 16, "K_aut");
        check(msk, 64, "MSK");
        check(emsk, 64, "EMSK");
    }

    /** Keys from the identity and the USIM's 16-byte IK and CK. */
    public static AkaKeys derive(byte[] identity, byte[] ik, byte[] ck) {
        Objects.requireNonNull(identity, "identity");
        check(ik, 16, "IK");
        check(ck, 16, "CK");
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(identity);
            sha1.update(ik);
            sha1.update(ck);
            return fromMasterKey(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    /** Keys from an identity given as text (an NAI, encoded in UTF-8). */
    public static AkaKeys derive(String identity, byte[] ik, byte[] ck) {
        return derive(identity.getBytes(StandardCharsets.UTF_8), ik, ck);
    }

    /** The key split of RFC 4187 §7 (identical to RFC 4186 §7) for a 20-byte MK. */
    public static AkaKeys fromMasterKey(byte[] mk) {
        check(mk, 20, "MK");
        byte[] x = Fips186Prf.generate(mk, 160);
        return new AkaKeys(mk.clone(), Arrays.copyOfRange(x, 0, 16), Arrays.copyOfRange(x, 16, 32),
                Arrays.copyOfRange(x, 32, 96), Arrays.copyOfRange(x, 96, 160));
    }

    private static void check(byte[] b, int n, String name) {
        Objects.requireNonNull(b, name);
        if (b.length != n) {
            throw new IllegalArgumentException(name + " must be " + n + " bytes, not " + b.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AkaKeys k && MessageDigest.isEqual(k.mk, mk) && MessageDigest.isEqual(k.kEncr, kEncr)
                && MessageDigest.isEqual(k.kAut, kAut) && MessageDigest.isEqual(k.msk, msk) && MessageDigest.isEqual(k.emsk, emsk);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mk);
    }

    @Override
    public String toString() {
        return "AkaKeys[MK " + HexFormat.of().formatHex(mk, 0, 2) + "…, keys redacted]";
    }
}
