package dev.wificall.eap;

import dev.wificall.eap.MalformedEapException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One EAP-AKA attribute (RFC 4187 §8.1, §10): Type, Length in 4-byte units, Value. Each record
 * parses its value from a reader fenced to the attribute, checks its structure, then its meaning,
 * and encodes its value beside its parser; {@link EapAkaMessage} writes Type and Length. Attributes
 * this codec names but does not interpret (AT_IV, AT_ENCR_DATA, AT_NEXT_PSEUDONYM, AT_COUNTER, ...)
 * are {@link Opaque}; unknown skippable ones (type 128 and up) are {@link Unknown}; an unknown
 * non-skippable one (below 128) is rejected. Byte arrays are not copied: treat them as read-only.
 */
public sealed interface EapAkaAttribute permits EapAkaAttribute.Rand, EapAkaAttribute.Autn, EapAkaAttribute.Res,
        EapAkaAttribute.Auts, EapAkaAttribute.Mac, EapAkaAttribute.Identity, EapAkaAttribute.IdRequest,
        EapAkaAttribute.Notification, EapAkaAttribute.ClientErrorCode, EapAkaAttribute.Checkcode,
        EapAkaAttribute.ResultInd, EapAkaAttribute.Opaque, EapAkaAttribute.Unknown {
    int AT_RAND = 1;
    int AT_AUTN = 2;
    int AT_RES = 3;
    int AT_AUTS = 4;
    int AT_PADDING = 6;
    int AT_PERMANENT_ID_REQ = 10;
    int AT_MAC = 11;
    int AT_NOTIFICATION = 12;
    int AT_ANY_ID_REQ = 13;
    int AT_IDENTITY = 14;
    int AT_FULLAUTH_ID_REQ = 17;
    int AT_COUNTER = 19;
    int AT_COUNTER_TOO_SMALL = 20;
    int AT_NONCE_S = 21;
    int AT_CLIENT_ERROR_CODE = 22;
    /** RFC 5448 (EAP-AKA'). */
    int AT_KDF_INPUT = 23;
    /** RFC 5448 (EAP-AKA'). */
    int AT_KDF = 24;
    int AT_IV = 129;
    int AT_ENCR_DATA = 130;
    int AT_NEXT_PSEUDONYM = 132;
    int AT_NEXT_REAUTH_ID = 133;
    int AT_CHECKCODE = 134;
    int AT_RESULT_IND = 135;
    /** RFC 9048 (EAP-AKA' bidding down prevention). */
    int AT_BIDDING = 136;

    /** The attribute type number. */
    int type();

    /** The Value field after Type and Length (including any reserved bytes), unpadded length ≡ 2 mod 4. */
    byte[] value();

    /** The RFC name, e.g. "AT_RAND", or "attribute 200" for one this codec does not know. */
    static String name(int type) {
        return switch (type) {
            case AT_RAND -> "AT_RAND";
            case AT_AUTN -> "AT_AUTN";
            case AT_RES -> "AT_RES";
            case AT_AUTS -> "AT_AUTS";
            case AT_PADDING -> "AT_PADDING";
            case AT_PERMANENT_ID_REQ -> "AT_PERMANENT_ID_REQ";
            case AT_MAC -> "AT_MAC";
            case AT_NOTIFICATION -> "AT_NOTIFICATION";
            case AT_ANY_ID_REQ -> "AT_ANY_ID_REQ";
            case AT_IDENTITY -> "AT_IDENTITY";
            case AT_FULLAUTH_ID_REQ -> "AT_FULLAUTH_ID_REQ";
            case AT_COUNTER -> "AT_COUNTER";
            case AT_COUNTER_TOO_SMALL -> "AT_COUNTER_TOO_SMALL";
            case AT_NONCE_S -> "AT_NONCE_S";
            case AT_CLIENT_ERROR_CODE -> "AT_CLIENT_ERROR_CODE";
            case AT_KDF_INPUT -> "AT_KDF_INPUT";
            case AT_KDF -> "AT_KDF";
            case AT_IV -> "AT_IV";
            case AT_ENCR_DATA -> "AT_ENCR_DATA";
            case AT_NEXT_PSEUDONYM -> "AT_NEXT_PSEUDONYM";
            case AT_NEXT_REAUTH_ID -> "AT_NEXT_REAUTH_ID";
            case AT_CHECKCODE -> "AT_CHECKCODE";
            case AT_RESULT_IND -> "AT_RESULT_IND";
            case AT_BIDDING -> "AT_BIDDING";
            default -> "attribute " + type;
        };
    }

    /** Known attribute types kept as opaque values. */
    private static boolean opaque(int type) {
        return switch (type) {
            case AT_PADDING, AT_COUNTER, AT_COUNTER_TOO_SMALL, AT_NONCE_S, AT_KDF_INPUT, AT_KDF, AT_IV, AT_ENCR_DATA,
                    AT_NEXT_PSEUDONYM, AT_NEXT_REAUTH_ID, AT_BIDDING -> true;
            default -> false;
        };
    }

    /**
     * Parses the value of one attribute whose Type and Length the caller read at {@code offset};
     * {@code r} is fenced to the attribute.
     */
    static EapAkaAttribute parse(int type, EapReader r, int offset) throws MalformedEapException {
        String name = name(type);
        return switch (type) {
            case AT_RAND -> new Rand(reservedThen(r, 16, name, offset));
            case AT_AUTN -> new Autn(reservedThen(r, 16, name, offset));
            case AT_MAC -> new Mac(reservedThen(r, 16, name, offset));
            case AT_AUTS -> new Auts(exactly(r, 14, name, offset));
            case AT_RES -> Res.parse(r, offset);
            case AT_IDENTITY -> Identity.parse(r, offset);
            case AT_PERMANENT_ID_REQ, AT_ANY_ID_REQ, AT_FULLAUTH_ID_REQ -> {
                reservedThen(r, 0, name, offset);
                yield new IdRequest(type);
            }
            case AT_RESULT_IND -> {
                reservedThen(r, 0, name, offset);
                yield new ResultInd();
            }
            case AT_NOTIFICATION -> new Notification(u16Only(r, name, offset));
            case AT_CLIENT_ERROR_CODE -> new ClientErrorCode(u16Only(r, name, offset));
            case AT_CHECKCODE -> {
                r.skip(2, name + " reserved");
                byte[] value = r.rest();
                if (value.length != 0 && value.length != 20 && value.length != 32) {
                    throw invalid(offset, name, "checkcode is " + value.length + " bytes, expected 0, 20 (SHA-1) or 32 (SHA-256)");
                }
                yield new Checkcode(value);
            }
            default -> {
                if (opaque(type)) {
                    yield new Opaque(type, r.rest());
                }
                if (type < 128) {
                    throw new MalformedEapException(Reason.UNKNOWN_ATTRIBUTE, offset,
                            "unknown non-skippable attribute " + type + " at offset " + offset
                                    + ": types below 128 must be understood (RFC 4187 §8.1)");
                }
                yield new Unknown(type, r.rest());
            }
        };
    }

    private static MalformedEapException invalid(int offset, String name, String problem) {
        return new MalformedEapException(Reason.BAD_ATTRIBUTE, offset, "bad " + name + " at offset " + offset + ": " + problem);
    }

    /** Two reserved bytes, then exactly n bytes, nothing after. */
    private static byte[] reservedThen(EapReader r, int n, String name, int offset) throws MalformedEapException {
        r.skip(2, name + " reserved");
        return exactly(r, n, name, offset);
    }

    private static byte[] exactly(EapReader r, int n, String name, int offset) throws MalformedEapException {
        if (r.remaining() != n) {
            throw new MalformedEapException(Reason.BAD_LENGTH, offset,
                    "bad " + name + " length at offset " + offset + ": value holds " + r.remaining() + " bytes, expected " + n);
        }
        return r.bytes(n, name);
    }

    private static int u16Only(EapReader r, String name, int offset) throws MalformedEapException {
        int v = r.u16(name);
        if (r.remaining() != 0) {
            throw new MalformedEapException(Reason.BAD_LENGTH, offset,
                    "bad " + name + " length at offset " + offset + ": " + r.remaining() + " bytes after its 2-byte value");
        }
        return v;
    }

    private static byte[] reserved(byte[] body) {
        byte[] v = new byte[2 + body.length];
        System.arraycopy(body, 0, v, 2, body.length);
        return v;
    }

    private static byte[] require(byte[] b, int n, String name) {
        Objects.requireNonNull(b, name);
        if (b.length != n) {
            throw new IllegalArgumentException(name + " must be " + n + " bytes, not " + b.length);
        }
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** AT_RAND (§10.6): the 16-byte RAND of the authentication vector. */
    record Rand(byte[] rand) implements EapAkaAttribute {
        public Rand {
            require(rand, 16, "AT_RAND");
        }

        @Override
        public int type() {
            return AT_RAND;
        }

        @Override
        public byte[] value() {
            return reserved(rand);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rand a && Arrays.equals(a.rand, rand);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(rand);
        }

        @Override
        public String toString() {
            return "AT_RAND[" + hex(rand) + "]";
        }
    }

    /** AT_AUTN (§10.7): the 16-byte AUTN (SQN ⊕ AK | AMF | MAC). */
    record Autn(byte[] autn) implements EapAkaAttribute {
        public Autn {
            require(autn, 16, "AT_AUTN");
        }

        @Override
        public int type() {
            return AT_AUTN;
        }

        @Override
        public byte[] value() {
            return reserved(autn);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Autn a && Arrays.equals(a.autn, autn);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(autn);
        }

        @Override
        public String toString() {
            return "AT_AUTN[" + hex(autn) + "]";
        }
    }

    /**
     * AT_RES (§10.8): RES of 32 to 128 bits; {@code res} holds ceil(bits / 8) bytes, and the
     * value is padded with zeros to a multiple of 4 bytes on the wire.
     */
    record Res(int bits, byte[] res) implements EapAkaAttribute {
        public Res {
            Objects.requireNonNull(res, "res");
            if (bits < 32 || bits > 128) {
                throw new IllegalArgumentException("AT_RES length " + bits + " bits is not 32..128");
            }
            if (res.length != (bits + 7) / 8) {
                throw new IllegalArgumentException("AT_RES of " + bits + " bits needs " + (bits + 7) / 8 + " bytes, not " + res.length);
            }
        }

        /** A RES of whole bytes, as Milenage's f2 produces. */
        public static Res of(byte[] res) {
            return new Res(res.length * 8, res);
        }

        static Res parse(EapReader r, int offset) throws MalformedEapException {
            int bits = r.u16("AT_RES length");
            int room = r.remaining() * 8;
            if (bits > room) {
                throw invalid(offset, "AT_RES", "RES length " + bits + " bits exceeds the " + room + " bits the attribute holds");
            }
            if (bits < 32 || bits > 128) {
                throw invalid(offset, "AT_RES", "RES length " + bits + " bits is outside 32 to 128");
            }
            if (r.remaining() - (bits + 7) / 8 > 3) {
                throw invalid(offset, "AT_RES", (r.remaining() - (bits + 7) / 8) + " bytes of padding after a " + bits + "-bit RES");
            }
            byte[] res = r.bytes((bits + 7) / 8, "AT_RES value");
            r.rest();
            return new Res(bits, res);
        }

        @Override
        public int type() {
            return AT_RES;
        }

        @Override
        public byte[] value() {
            byte[] v = new byte[pad4(res.length + 4) - 2];
            v[0] = (byte) (bits >>> 8);
            v[1] = (byte) bits;
            System.arraycopy(res, 0, v, 2, res.length);
            return v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Res a && a.bits == bits && Arrays.equals(a.res, res);
        }

        @Override
        public int hashCode() {
            return 31 * bits + Arrays.hashCode(res);
        }

        @Override
        public String toString() {
            return "AT_RES[" + bits + " bits " + hex(res) + "]";
        }
    }

    /** AT_AUTS (§10.9): the 14-byte resynchronisation token (SQN_MS ⊕ AK* | MAC-S). */
    record Auts(byte[] auts) implements EapAkaAttribute {
        public Auts {
            require(auts, 14, "AT_AUTS");
        }

        @Override
        public int type() {
            return AT_AUTS;
        }

        @Override
        public byte[] value() {
            return auts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Auts a && Arrays.equals(a.auts, auts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(auts);
        }

        @Override
        public String toString() {
            return "AT_AUTS[" + hex(auts) + "]";
        }
    }

    /** AT_MAC (§10.15): HMAC-SHA1-128 over the packet; zeros while the MAC is computed. */
    record Mac(byte[] mac) implements EapAkaAttribute {
        public Mac {
            require(mac, 16, "AT_MAC");
        }

        /** The placeholder written before the MAC is computed. */
        public static Mac zero() {
            return new Mac(new byte[16]);
        }

        @Override
        public int type() {
            return AT_MAC;
        }

        @Override
        public byte[] value() {
            return reserved(mac);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Mac a && Arrays.equals(a.mac, mac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(mac);
        }

        @Override
        public String toString() {
            return "AT_MAC[" + hex(mac) + "]";
        }
    }

    /** AT_IDENTITY (§10.5): an identity (permanent, pseudonym or re-authentication) of at least one byte. */
    record Identity(byte[] identity) implements EapAkaAttribute {
        public Identity {
            Objects.requireNonNull(identity, "identity");
            if (identity.length == 0 || identity.length > 1016) {
                throw new IllegalArgumentException("AT_IDENTITY of " + identity.length + " bytes: must be 1 to 1016");
            }
        }

        public static Identity of(String nai) {
            return new Identity(nai.getBytes(StandardCharsets.UTF_8));
        }

        static Identity parse(EapReader r, int offset) throws MalformedEapException {
            int n = r.u16("AT_IDENTITY actual length");
            if (n > r.remaining()) {
                throw new MalformedEapException(Reason.BAD_LENGTH, offset, "bad AT_IDENTITY length at offset " + offset
                        + ": actual identity length " + n + " exceeds the " + r.remaining() + " bytes the attribute holds");
            }
            if (n == 0) {
                throw invalid(offset, "AT_IDENTITY", "empty identity");
            }
            if (r.remaining() - n > 3) {
                throw invalid(offset, "AT_IDENTITY", (r.remaining() - n) + " bytes of padding after a " + n + "-byte identity");
            }
            byte[] id = r.bytes(n, "AT_IDENTITY");
            r.rest();
            return new Identity(id);
        }

        /** The identity as text (an NAI, RFC 7542, is UTF-8). */
        public String text() {
            return new String(identity, StandardCharsets.UTF_8);
        }

        @Override
        public int type() {
            return AT_IDENTITY;
        }

        @Override
        public byte[] value() {
            byte[] v = new byte[pad4(identity.length + 4) - 2];
            v[0] = (byte) (identity.length >>> 8);
            v[1] = (byte) identity.length;
            System.arraycopy(identity, 0, v, 2, identity.length);
            return v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Identity a && Arrays.equals(a.identity, identity);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(identity);
        }

        @Override
        public String toString() {
            return "AT_IDENTITY[" + text() + "]";
        }
    }

    /** AT_PERMANENT_ID_REQ, AT_ANY_ID_REQ or AT_FULLAUTH_ID_REQ (§10.2 to §10.4): which identity the server asks for. */
    record IdRequest(int type) implements EapAkaAttribute {
        public IdRequest {
            if (type != AT_PERMANENT_ID_REQ && type != AT_ANY_ID_REQ && type != AT_FULLAUTH_ID_REQ) {
                throw new IllegalArgumentException(name(type) + " is not an identity request");
            }
        }

        @Override
        public byte[] value() {
            return new byte[2];
        }

        @Override
        public String toString() {
            return name(type);
        }
    }

    /**
     * AT_NOTIFICATION (§10.19): the S bit (0x8000) is set for success, clear for failure; the P bit
     * (0x4000) is set for a notification sent before the challenge round.
     */
    record Notification(int code) implements EapAkaAttribute {
        public static final int GENERAL_FAILURE_AFTER_AUTH = 0;
        public static final int TEMPORARILY_DENIED = 1026;
        public static final int NOT_SUBSCRIBED = 1031;
        public static final int GENERAL_FAILURE = 16384;
        public static final int SUCCESS = 32768;

        public Notification {
            if (code < 0 || code > 0xFFFF) {
                throw new IllegalArgumentException("AT_NOTIFICATION code " + code + " is not 0..65535");
            }
        }

        public boolean success() {
            return (code & 0x8000) != 0;
        }

        /** P bit set: sent before the challenge round, so it carries no AT_MAC. */
        public boolean beforeChallenge() {
            return (code & 0x4000) != 0;
        }

        @Override
        public int type() {
            return AT_NOTIFICATION;
        }

        @Override
        public byte[] value() {
            return new byte[] {(byte) (code >>> 8), (byte) code};
        }
    }

    /** AT_CLIENT_ERROR_CODE (§10.20): 0 unable to process packet, and so on. */
    record ClientErrorCode(int code) implements EapAkaAttribute {
        public static final int UNABLE_TO_PROCESS = 0;

        public ClientErrorCode {
            if (code < 0 || code > 0xFFFF) {
                throw new IllegalArgumentException("AT_CLIENT_ERROR_CODE " + code + " is not 0..65535");
            }
        }

        @Override
        public int type() {
            return AT_CLIENT_ERROR_CODE;
        }

        @Override
        public byte[] value() {
            return new byte[] {(byte) (code >>> 8), (byte) code};
        }
    }

    /** AT_CHECKCODE (§10.13): empty, or a SHA-1 (20 bytes; 32 for EAP-AKA' SHA-256) over the identity round. */
    record Checkcode(byte[] checkcode) implements EapAkaAttribute {
        public Checkcode {
            Objects.requireNonNull(checkcode, "checkcode");
            if (checkcode.length != 0 && checkcode.length != 20 && checkcode.length != 32) {
                throw new IllegalArgumentException("AT_CHECKCODE must be 0, 20 or 32 bytes, not " + checkcode.length);
            }
        }

        public static Checkcode empty() {
            return new Checkcode(new byte[0]);
        }

        @Override
        public int type() {
            return AT_CHECKCODE;
        }

        @Override
        public byte[] value() {
            return reserved(checkcode);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Checkcode a && Arrays.equals(a.checkcode, checkcode);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(checkcode);
        }

        @Override
        public String toString() {
            return "AT_CHECKCODE[" + hex(checkcode) + "]";
        }
    }

    /** AT_RESULT_IND (§10.12): asks for protected result indications. */
    record ResultInd() implements EapAkaAttribute {
        @Override
        public int type() {
            return AT_RESULT_IND;
        }

        @Override
        public byte[] value() {
            return new byte[2];
        }
    }

    /** A known attribute kept uninterpreted (AT_IV, AT_ENCR_DATA, AT_NEXT_PSEUDONYM, AT_COUNTER, ...): its value after Length. */
    record Opaque(int type, byte[] value) implements EapAkaAttribute {
        public Opaque {
            if (!opaque(type)) {
                throw new IllegalArgumentException(name(type) + " is not an opaque attribute");
            }
            checkValue(value, type);
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Opaque a && a.type == type && Arrays.equals(a.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name(type) + "[" + hex(value) + "]";
        }
    }

    /** An unknown skippable attribute (type 128 to 255), kept so the packet re-encodes unchanged. */
    record Unknown(int type, byte[] value) implements EapAkaAttribute {
        public Unknown {
            if (type < 128 || type > 255 || opaque(type)) {
                throw new IllegalArgumentException("attribute " + type + " is not an unknown skippable type (128..255)");
            }
            checkValue(value, type);
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown a && a.type == type && Arrays.equals(a.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name(type) + "[" + hex(value) + "]";
        }
    }

    private static void checkValue(byte[] value, int type) {
        Objects.requireNonNull(value, "value");
        if ((value.length + 2) % 4 != 0 || value.length + 2 > 255 * 4) {
            throw new IllegalArgumentException(name(type) + " value of " + value.length + " bytes: with its 2-byte header it must be a multiple of 4 up to 1020");
        }
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
