package dev.wificall.ike;

import dev.wificall.ike.MalformedIkeException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * SA payload (RFC 7296 §3.3): proposals of transforms. A request offers several proposals; a
 * response carries the one the responder chose, with one transform of each type.
 */
public record SecurityAssociation(List<Proposal> proposals) implements IkePayload {
    public static final int ENCR = 1;
    public static final int PRF = 2;
    public static final int INTEG = 3;
    public static final int DH = 4;
    public static final int ESN = 5;
    /** Additional Key Exchange 1 to 7 (RFC 9370 §2.2.1): transform types 6 to 12, IDs from the KE method registry. */
    public static final int ADDKE1 = 6;
    public static final int ADDKE7 = 12;
    public static final int PROTOCOL_IKE = 1;
    public static final int PROTOCOL_AH = 2;
    public static final int PROTOCOL_ESP = 3;
    public static final int KEY_LENGTH = 14;
    /** ESN transform IDs: a Child SA proposal offers 32-bit sequence numbers (no ESN), 64-bit ones, or both. */
    public static final int NO_ESN = 0;
    public static final int USE_ESN = 1;

    private static final int MORE_PROPOSALS = 2;
    private static final int MORE_TRANSFORMS = 3;

    public SecurityAssociation {
        proposals = List.copyOf(proposals);
    }

    @Override
    public int type() {
        return SA;
    }

    /** One proposal: protocol 1 (IKE), 2 (AH) or 3 (ESP), and its transforms. */
    public record Proposal(int number, int protocolId, byte[] spi, List<Transform> transforms) {
        public Proposal {
            transforms = List.copyOf(transforms);
        }

        /** An IKE SA proposal as sent in IKE_SA_INIT: no SPI. */
        public static Proposal ike(int number, List<Transform> transforms) {
            return new Proposal(number, PROTOCOL_IKE, new byte[0], transforms);
        }

        /**
         * A Child SA proposal for ESP, as sent in IKE_AUTH: the 4-byte SPI is the sender's inbound SPI
         * (RFC 7296 §3.3.1); the transforms are ENCR, INTEG unless AEAD, and ESN.
         */
        public static Proposal esp(int number, byte[] spi, List<Transform> transforms) {
            if (spi.length != 4) {
                throw new IllegalArgumentException("an ESP proposal carries a 4-byte SPI, not " + spi.length + " bytes");
            }
            return new Proposal(number, PROTOCOL_ESP, spi.clone(), transforms);
        }

        /** The transforms in words, e.g. "ENCR_AES_GCM_16 256, PRF_HMAC_SHA2_256, DH group 19". */
        public String describe() {
            return transforms.stream().map(Transform::describe).collect(Collectors.joining(", "));
        }
    }

    /** Whether {@code type} is one of ADDKE1 to ADDKE7. */
    public static boolean additionalKeyExchange(int type) {
        return type >= ADDKE1 && type <= ADDKE7;
    }

    /** One transform: type (ENCR, PRF, INTEG, DH, ESN, ADDKE1..7), IANA ID and attributes. */
    public record Transform(int type, int id, List<Attribute> attributes) {
        public Transform {
            attributes = List.copyOf(attributes);
        }

        public static Transform of(int type, int id) {
            return new Transform(type, id, List.of());
        }

        public static Transform encr(int id, int keyLengthBits) {
            return new Transform(ENCR, id, List.of(Attribute.keyLength(keyLengthBits)));
        }

        /** The ESN transform of an ESP proposal that does without extended sequence numbers. */
        public static Transform noEsn() {
            return of(ESN, NO_ESN);
        }

        /** The key length attribute in bits, or 0 when absent. */
        public int keyLength() {
            return attributes.stream().filter(a -> a.type() == KEY_LENGTH && a.value().length == 2)
                    .mapToInt(a -> Byte.toUnsignedInt(a.value()[0]) << 8 | Byte.toUnsignedInt(a.value()[1]))
                    .findFirst().orElse(0);
        }

        /** IANA name and key length, e.g. "ENCR_AES_CBC 256". */
        public String describe() {
            int bits = keyLength();
            return IkeNames.transform(type, id) + (bits > 0 ? " " + bits : "");
        }
    }

    /**
     * A transform attribute (§3.3.5): TV format carries exactly 2 value bytes, TLV format any length.
     * The key length (type 14) must be TV.
     */
    public record Attribute(int type, boolean tv, byte[] value) {
        public Attribute {
            if (tv && value.length != 2) {
                throw new IllegalArgumentException("a TV attribute holds 2 bytes, not " + value.length);
            }
        }

        public static Attribute keyLength(int bits) {
            return new Attribute(KEY_LENGTH, true, new byte[] {(byte) (bits >>> 8), (byte) bits});
        }

        // by value, so that transforms (and proposals parsed twice) compare equal
        @Override
        public boolean equals(Object o) {
            return o instanceof Attribute && ((Attribute) o).type == type && ((Attribute) o).tv == tv
                    && Arrays.equals(((Attribute) o).value, value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, tv) * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Attribute[type=" + type + ", tv=" + tv + ", value=" + HexFormat.of().formatHex(value) + "]";
        }
    }

    static SecurityAssociation parse(IkeReader r, int offset) throws MalformedIkeException {
        List<Proposal> proposals = new ArrayList<>();
        int last = MORE_PROPOSALS;
        int lastStart = offset;
        while (r.remaining() > 0) {
            if (last != MORE_PROPOSALS) {
                throw invalid(r.offset(), "proposal at offset " + r.offset() + " follows one marked as the last");
            }
            lastStart = r.offset();
            last = r.u8("proposal header");
            if (last != 0 && last != MORE_PROPOSALS) {
                throw invalid(lastStart, "proposal at offset " + lastStart + " has Last Substruc " + last + ", expected 0 or 2");
            }
            r.u8("proposal header");
            int length = r.u16("proposal header");
            int number = r.u8("proposal header");
            int protocol = r.u8("proposal header");
            int spiSize = r.u8("proposal header");
            int count = r.u8("proposal header");
            IkeReader body = r.fence(lastStart, length, "proposal");
            byte[] spi = body.bytes(spiSize, "proposal SPI");
            List<Transform> transforms = new ArrayList<>();
            while (body.remaining() > 0) {
                transforms.add(parseTransform(body));
            }
            if (transforms.size() != count) {
                throw new MalformedIkeException(Reason.BAD_LENGTH, lastStart, "bad proposal at offset " + lastStart
                        + ": declares " + count + " transforms but carries " + transforms.size());
            }
            proposals.add(new Proposal(number, protocol, spi, transforms));
        }
        if (proposals.isEmpty()) {
            throw invalid(offset, "SA payload at offset " + offset + " carries no proposal");
        }
        if (last != 0) {
            throw invalid(lastStart, "last proposal at offset " + lastStart + " is marked as followed by another");
        }
        SecurityAssociation sa = new SecurityAssociation(proposals);
        sa.verify(offset);
        return sa;
    }

    private static Transform parseTransform(IkeReader r) throws MalformedIkeException {
        int start = r.offset();
        int last = r.u8("transform header");
        if (last != 0 && last != MORE_TRANSFORMS) {
            throw invalid(start, "transform at offset " + start + " has Last Substruc " + last + ", expected 0 or 3");
        }
        r.u8("transform header");
        int length = r.u16("transform header");
        int type = r.u8("transform header");
        r.u8("transform header");
        int id = r.u16("transform header");
        IkeReader body = r.fence(start, length, "transform");
        List<Attribute> attributes = new ArrayList<>();
        while (body.remaining() > 0) {
            int attrStart = body.offset();
            int format = body.u16("transform attribute");
            boolean tv = (format & 0x8000) != 0;
            byte[] value = tv ? body.bytes(2, "transform attribute") : body.bytes(body.u16("transform attribute"), "transform attribute value");
            if ((format & 0x7FFF) == KEY_LENGTH && !tv) {
                throw invalid(attrStart, "key length attribute at offset " + attrStart + " is in TLV format, RFC 7296 requires TV");
            }
            attributes.add(new Attribute(format & 0x7FFF, tv, value));
        }
        // Last Substruc must agree with the position, which only the caller knows: checked as "more follow".
        if (last == 0 && r.remaining() > 0) {
            throw invalid(start, "transform at offset " + start + " is marked as the last but more follow");
        }
        if (last == MORE_TRANSFORMS && r.remaining() == 0) {
            throw invalid(start, "last transform at offset " + start + " is marked as followed by another");
        }
        return new Transform(type, id, attributes);
    }

    /** Meaning after structure: proposal numbering and SPI sizes per protocol (§3.3.1). */
    private void verify(int offset) throws MalformedIkeException {
        int previous = 0;
        // a responder's single proposal keeps the number of the offered one it accepted (§3.3.1), e.g. 2
        boolean answer = proposals.size() == 1 && proposals.get(0).number() >= 1;
        for (Proposal p : proposals) {
            if (!answer && (previous == 0 ? p.number() != 1 : p.number() != previous && p.number() != previous + 1)) {
                throw invalid(offset, "SA payload at offset " + offset + ": proposal number " + p.number()
                        + (previous == 0 ? " first, expected 1" : " after " + previous));
            }
            previous = p.number();
            int size = p.spi().length;
            boolean ok = p.protocolId() == PROTOCOL_IKE ? size == 0 || size == 8
                    : (p.protocolId() == PROTOCOL_AH || p.protocolId() == PROTOCOL_ESP) && size == 4;
            if (!ok) {
                throw invalid(offset, "SA payload at offset " + offset + ": proposal " + p.number() + " has protocol ID "
                        + p.protocolId() + " with a " + size + "-byte SPI");
            }
        }
    }

    void encode(IkeWriter w) {
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            int start = w.position();
            w.u8(i == proposals.size() - 1 ? 0 : MORE_PROPOSALS).u8(0).u16(0)
                    .u8(p.number()).u8(p.protocolId()).u8(p.spi().length).u8(p.transforms().size()).bytes(p.spi());
            for (int j = 0; j < p.transforms().size(); j++) {
                Transform t = p.transforms().get(j);
                int tStart = w.position();
                w.u8(j == p.transforms().size() - 1 ? 0 : MORE_TRANSFORMS).u8(0).u16(0).u8(t.type()).u8(0).u16(t.id());
                for (Attribute a : t.attributes()) {
                    w.u16(a.tv() ? 0x8000 | a.type() : a.type());
                    if (!a.tv()) {
                        w.u16(a.value().length);
                    }
                    w.bytes(a.value());
                }
                w.patchLength16(tStart + 2, tStart);
            }
            w.patchLength16(start + 2, start);
        }
    }

    private static MalformedIkeException invalid(int offset, String problem) {
        return new MalformedIkeException(Reason.BAD_PAYLOAD, offset, "bad " + problem);
    }
}
