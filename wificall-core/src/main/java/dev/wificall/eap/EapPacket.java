package dev.wificall.eap;

import dev.wificall.eap.MalformedEapException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One EAP packet (RFC 3748 §4): Code, Identifier, Length and, for Requests and Responses, the
 * method Type and its type data. Success and Failure carry no Type ({@link #NO_TYPE}). Bytes after
 * the Length are padding of the lower layer and ignored (§4.1). Byte arrays are not copied: treat
 * them as read-only.
 */
public record EapPacket(Code code, int identifier, int type, byte[] typeData) {
    /** The Type value of a Success or Failure packet, which has none. */
    public static final int NO_TYPE = -1;
    public static final int TYPE_IDENTITY = 1;
    public static final int TYPE_NOTIFICATION = 2;
    public static final int TYPE_NAK = 3;
    public static final int TYPE_SIM = 18;
    public static final int TYPE_AKA = 23;
    public static final int TYPE_AKA_PRIME = 50;

    /** The EAP Code field. */
    public enum Code {
        REQUEST(1), RESPONSE(2), SUCCESS(3), FAILURE(4);

        private final int value;

        Code(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }

        /** Success and Failure end the conversation and carry no Type. */
        public boolean typed() {
            return this == REQUEST || this == RESPONSE;
        }
    }

    public EapPacket {
        Objects.requireNonNull(code, "code");
        if (identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("EAP identifier " + identifier + " is not 0..255");
        }
        if (code.typed()) {
            if (type < 0 || type > 0xFF) {
                throw new IllegalArgumentException("EAP " + code + " type " + type + " is not 0..255");
            }
            Objects.requireNonNull(typeData, "typeData");
            if (5 + typeData.length > 0xFFFF) {
                throw new IllegalArgumentException("EAP packet of " + (5 + typeData.length) + " bytes does not fit the 16-bit Length");
            }
        } else {
            if (type != NO_TYPE || typeData != null && typeData.length != 0) {
                throw new IllegalArgumentException("EAP " + code + " carries no type or data");
            }
            typeData = new byte[0];
        }
    }

    /** An EAP-Success or EAP-Failure. */
    public static EapPacket of(Code code, int identifier) {
        return new EapPacket(code, identifier, NO_TYPE, null);
    }

    /** Total length in bytes, the value of the Length field. */
    public int length() {
        return code.typed() ? 5 + typeData.length : 4;
    }

    public byte[] encode() {
        EapWriter w = new EapWriter();
        w.u8(code.value()).u8(identifier).u16(length());
        if (code.typed()) {
            w.u8(type).bytes(typeData);
        }
        return w.toByteArray();
    }

    /** Decodes one EAP packet; bytes beyond its Length field are ignored as lower-layer padding. */
    public static EapPacket decode(byte[] packet) throws MalformedEapException {
        EapReader r = new EapReader(packet);
        int c = r.u8("EAP header");
        r.require(3, "EAP header");
        int identifier = r.u8("EAP identifier");
        int length = r.u16("EAP length");
        Code code = switch (c) {
            case 1 -> Code.REQUEST;
            case 2 -> Code.RESPONSE;
            case 3 -> Code.SUCCESS;
            case 4 -> Code.FAILURE;
            default -> throw new MalformedEapException(Reason.UNSUPPORTED, 0, "unsupported EAP code " + c + " at offset 0: expected 1 to 4");
        };
        int minimum = code.typed() ? 5 : 4;
        if (length < minimum) {
            throw new MalformedEapException(Reason.BAD_LENGTH, 2,
                    "bad EAP length at offset 2: " + length + " is less than the " + minimum + " bytes of an EAP " + code);
        }
        EapReader body = r.fence(0, length, "EAP packet");
        if (!code.typed()) {
            if (length != 4) {
                throw new MalformedEapException(Reason.BAD_LENGTH, 2, "bad EAP length at offset 2: an EAP " + code + " is 4 bytes, not " + length);
            }
            return of(code, identifier);
        }
        int type = body.u8("EAP type");
        return new EapPacket(code, identifier, type, body.rest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EapPacket p && p.code == code && p.identifier == identifier && p.type == type
                && Arrays.equals(p.typeData, typeData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, identifier, type, Arrays.hashCode(typeData));
    }

    @Override
    public String toString() {
        return "EapPacket[" + code + " id=" + identifier + (code.typed() ? " type=" + type + " data=" + HexFormat.of().formatHex(typeData) : "") + "]";
    }
}
