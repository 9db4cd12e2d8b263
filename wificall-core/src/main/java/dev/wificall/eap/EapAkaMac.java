package dev.wificall.eap;

import dev.wificall.eap.MalformedEapException.Reason;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AT_MAC (RFC 4187 §10.15): HMAC-SHA1-128 keyed with K_aut over the whole EAP packet with the
 * AT_MAC value set to zeros, followed by extra data where the subtype asks for it (none for
 * AKA-Challenge and its response, NONCE_S for re-authentication). The packet is located by
 * decoding it, so a packet without AT_MAC or one that does not decode is reported as such.
 */
public final class EapAkaMac {
    private static final int MAC_LENGTH = 16;

    private EapAkaMac() {
    }

    /** The 16-byte MAC of {@code packet} (its AT_MAC value treated as zeros) and {@code extra}. */
    public static byte[] computeMac(byte[] packet, byte[] kAut, byte[] extra) throws MalformedEapException {
        byte[] zeroed = packet.clone();
        int at = macValueOffset(packet);
        Arrays.fill(zeroed, at, at + MAC_LENGTH, (byte) 0);
        int length = EapPacket.decode(packet).length();
        return hmac(kAut, Arrays.copyOf(zeroed, length), extra);
    }

    public static byte[] computeMac(byte[] packet, byte[] kAut) throws MalformedEapException {
        return computeMac(packet, kAut, new byte[0]);
    }

    /** Whether the AT_MAC in {@code packet} is right under {@code kAut} (compared in constant time). */
    public static boolean verifyMac(byte[] packet, byte[] kAut, byte[] extra) throws MalformedEapException {
        int at = macValueOffset(packet);
        byte[] received = Arrays.copyOfRange(packet, at, at + MAC_LENGTH);
        return MessageDigest.isEqual(received, computeMac(packet, kAut, extra));
    }

    public static boolean verifyMac(byte[] packet, byte[] kAut) throws MalformedEapException {
        return verifyMac(packet, kAut, new byte[0]);
    }

    /**
     * A copy of an encoded EAP-AKA packet whose AT_MAC (its value ignored, normally zeros) now holds
     * the MAC under {@code kAut}: how a peer signs its AKA-Challenge response, or a test server its request.
     */
    public static byte[] sign(byte[] packet, byte[] kAut) throws MalformedEapException {
        byte[] mac = computeMac(packet, kAut);
        byte[] signed = packet.clone();
        System.arraycopy(mac, 0, signed, macValueOffset(packet), MAC_LENGTH);
        return signed;
    }

    /** {@link #sign} for a packet this codec encoded, which always decodes. */
    static byte[] signEncoded(byte[] packet, byte[] kAut) {
        try {
            return sign(packet, kAut);
        } catch (MalformedEapException e) {
            throw new IllegalStateException("packet encoded by this codec does not decode: " + e.getMessage(), e);
        }
    }

    /** Offset of the 16 MAC bytes (after Type, Length and 2 reserved bytes) of the packet's AT_MAC. */
    static int macValueOffset(byte[] packet) throws MalformedEapException {
        EapAkaMessage m = EapAkaMessage.decode(packet);
        if (m.attribute(EapAkaAttribute.AT_MAC).isEmpty()) {
            throw new MalformedEapException(Reason.BAD_ATTRIBUTE, 8, m.subtype() + " " + m.code() + " carries no AT_MAC");
        }
        int pos = 8;
        while (Byte.toUnsignedInt(packet[pos]) != EapAkaAttribute.AT_MAC) {
            pos += Byte.toUnsignedInt(packet[pos + 1]) * 4;
        }
        return pos + 4;
    }

    private static byte[] hmac(byte[] kAut, byte[] data, byte[] extra) {
        Objects.requireNonNull(kAut, "kAut");
        if (kAut.length != 16) {
            throw new IllegalArgumentException("K_aut must be 16 bytes, not " + kAut.length);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(kAut, "HmacSHA1"));
            mac.update(data);
            mac.update(extra);
            return Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    }
}
