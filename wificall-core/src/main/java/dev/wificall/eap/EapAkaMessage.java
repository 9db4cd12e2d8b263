package dev.wificall.eap;

import dev.wificall.eap.EapPacket.Code;
import dev.wificall.eap.MalformedEapException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An EAP-AKA message (RFC 4187 §8.1): an EAP Request or Response of Type 23 whose type data is a
 * Subtype, two reserved bytes and attributes. {@link #decode} parses structure first (every
 * attribute fenced to its Length), then meaning (an AKA-Challenge request must carry AT_RAND,
 * AT_AUTN and AT_MAC). The static factories build what a peer (the phone) sends; those that carry
 * AT_MAC compute it with {@link EapAkaMac}.
 */
public record EapAkaMessage(Code code, int identifier, Subtype subtype, List<EapAkaAttribute> attributes) {

    /** EAP-AKA Subtypes (RFC 4187 §11). */
    public enum Subtype {
        CHALLENGE(1, "AKA-Challenge"),
        AUTHENTICATION_REJECT(2, "AKA-Authentication-Reject"),
        SYNCHRONIZATION_FAILURE(4, "AKA-Synchronization-Failure"),
        IDENTITY(5, "AKA-Identity"),
        NOTIFICATION(12, "AKA-Notification"),
        REAUTHENTICATION(13, "AKA-Reauthentication"),
        CLIENT_ERROR(14, "AKA-Client-Error");

        private final int value;
        private final String label;

        Subtype(int value, String label) {
            this.value = value;
            this.label = label;
        }

        public int value() {
            return value;
        }

        public static Optional<Subtype> of(int value) {
            for (Subtype s : values()) {
                if (s.value == value) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public EapAkaMessage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subtype, "subtype");
        if (!code.typed()) {
            throw new IllegalArgumentException("an EAP-AKA message is a Request or a Response, not " + code);
        }
        if (identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("EAP identifier " + identifier + " is not 0..255");
        }
        attributes = List.copyOf(attributes);
    }

    /** The first attribute of the given kind. */
    public <T extends EapAkaAttribute> Optional<T> attribute(Class<T> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The first attribute with the given type number. */
    public Optional<EapAkaAttribute> attribute(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    public EapPacket packet() {
        EapWriter w = new EapWriter();
        w.u8(subtype.value()).u16(0);
        for (EapAkaAttribute a : attributes) {
            byte[] value = a.value();
            w.u8(a.type()).u8((value.length + 2) / 4).bytes(value);
        }
        return new EapPacket(code, identifier, EapPacket.TYPE_AKA, w.toByteArray());
    }

    /** The EAP packet bytes, AT_MAC written as given (see {@link EapAkaMac#sign} to fill it). */
    public byte[] encode() {
        return packet().encode();
    }

    /** Decodes an EAP packet that must be an EAP-AKA Request or Response. */
    public static EapAkaMessage decode(byte[] packet) throws MalformedEapException {
        EapPacket p = EapPacket.decode(packet);
        if (!p.code().typed()) {
            throw new MalformedEapException(Reason.UNSUPPORTED, 0, "EAP " + p.code() + " at offset 0 is not an EAP-AKA message");
        }
        if (p.type() != EapPacket.TYPE_AKA) {
            throw new MalformedEapException(Reason.UNSUPPORTED, 4,
                    "unsupported EAP type " + p.type() + " at offset 4: expected 23 (EAP-AKA)");
        }
        EapReader r = new EapReader(packet).fence(0, p.length(), "EAP packet");
        r.skip(5, "EAP header");
        int s = r.u8("EAP-AKA subtype");
        Subtype subtype = Subtype.of(s).orElseThrow(() -> new MalformedEapException(Reason.UNSUPPORTED, 5,
                "unsupported EAP-AKA subtype " + s + " at offset 5"));
        r.u16("EAP-AKA reserved");
        List<EapAkaAttribute> attributes = new ArrayList<>();
        while (r.remaining() > 0) {
            int start = r.offset();
            int type = r.u8("attribute header");
            int units = r.u8("attribute header");
            if (units == 0) {
                throw new MalformedEapException(Reason.BAD_LENGTH, start,
                        "bad " + EapAkaAttribute.name(type) + " length at offset " + start + ": attribute length 0");
            }
            EapReader value = r.fence(start, units * 4, EapAkaAttribute.name(type));
            attributes.add(EapAkaAttribute.parse(type, value, start));
        }
        EapAkaMessage m = new EapAkaMessage(p.code(), p.identifier(), subtype, attributes);
        m.verify();
        return m;
    }

    private void verify() throws MalformedEapException {
        if (code == Code.REQUEST && subtype == Subtype.CHALLENGE) {
            for (int type : new int[] {EapAkaAttribute.AT_RAND, EapAkaAttribute.AT_AUTN, EapAkaAttribute.AT_MAC}) {
                if (attribute(type).isEmpty()) {
                    throw new MalformedEapException(Reason.BAD_ATTRIBUTE, 8,
                            "AKA-Challenge request without " + EapAkaAttribute.name(type) + " (RFC 4187 §9.3)");
                }
            }
        }
        for (int i = 0; i < attributes.size(); i++) {
            for (int j = i + 1; j < attributes.size(); j++) {
                if (attributes.get(i).type() == attributes.get(j).type() && attributes.get(i).type() != EapAkaAttribute.AT_PADDING) {
                    throw new MalformedEapException(Reason.BAD_ATTRIBUTE, 8,
                            subtype + " carries " + EapAkaAttribute.name(attributes.get(i).type()) + " twice");
                }
            }
        }
    }

    // --- what a peer sends ---

    /** AKA-Identity response with AT_IDENTITY (§9.2). */
    public static EapAkaMessage identityResponse(int identifier, String identity) {
        return new EapAkaMessage(Code.RESPONSE, identifier, Subtype.IDENTITY, List.of(EapAkaAttribute.Identity.of(identity)));
    }

    /**
     * AKA-Challenge response (§9.4) with AT_RES and AT_MAC computed under {@code kAut}; with
     * {@code emptyCheckcode} an empty AT_CHECKCODE, for a server that sent AT_CHECKCODE when no
     * AKA-Identity round took place. Returns the signed packet bytes.
     */
    public static byte[] challengeResponse(int identifier, EapAkaAttribute.Res res, byte[] kAut, boolean emptyCheckcode) {
        List<EapAkaAttribute> attrs = new ArrayList<>();
        attrs.add(res);
        if (emptyCheckcode) {
            attrs.add(EapAkaAttribute.Checkcode.empty());
        }
        attrs.add(EapAkaAttribute.Mac.zero());
        return EapAkaMac.signEncoded(new EapAkaMessage(Code.RESPONSE, identifier, Subtype.CHALLENGE, attrs).encode(), kAut);
    }

    /** AKA-Synchronization-Failure (§9.6) with AT_AUTS; it carries no AT_MAC. */
    public static EapAkaMessage synchronizationFailure(int identifier, byte[] auts) {
        return new EapAkaMessage(Code.RESPONSE, identifier, Subtype.SYNCHRONIZATION_FAILURE, List.of(new EapAkaAttribute.Auts(auts)));
    }

    /** AKA-Authentication-Reject (§9.5): AUTN did not verify; no attributes. */
    public static EapAkaMessage authenticationReject(int identifier) {
        return new EapAkaMessage(Code.RESPONSE, identifier, Subtype.AUTHENTICATION_REJECT, List.of());
    }

    /** AKA-Client-Error (§9.9) with AT_CLIENT_ERROR_CODE. */
    public static EapAkaMessage clientError(int identifier, int errorCode) {
        return new EapAkaMessage(Code.RESPONSE, identifier, Subtype.CLIENT_ERROR, List.of(new EapAkaAttribute.ClientErrorCode(errorCode)));
    }
}
