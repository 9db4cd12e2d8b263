package dev.wificall.ike;

import dev.wificall.ike.MalformedIkeException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An IKEv2 message (RFC 7296 §3.1): the 28-byte header and the payload chain. The first next-payload
 * field, the payload lengths and the message length are derived when encoding.
 *
 * @param version     major version in the high nibble, minor in the low (0x20 for 2.0)
 * @param messageId   unsigned 32 bits, held in an int
 */
public record IkeMessage(long initiatorSpi, long responderSpi, int version, int exchangeType, int flags,
                         int messageId, List<IkePayload> payloads) {
    public static final int HEADER_LENGTH = 28;
    public static final int VERSION_2_0 = 0x20;
    public static final int IKE_SA_INIT = 34;
    public static final int INFORMATIONAL = 37;
    /** RFC 9242: between IKE_SA_INIT and IKE_AUTH, protected with the keys IKE_SA_INIT made. */
    public static final int IKE_INTERMEDIATE = 43;
    public static final int FLAG_INITIATOR = 0x08;
    public static final int FLAG_RESPONSE = 0x20;
    /** Length of the non-ESP marker: four zero bytes before IKE on UDP/4500 (RFC 3948 §2.2). */
    public static final int NON_ESP_MARKER_LENGTH = 4;

    public IkeMessage {
        payloads = List.copyOf(payloads);
    }

    public boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    public boolean isInitiator() {
        return (flags & FLAG_INITIATOR) != 0;
    }

    /** Payloads of one kind, in message order. */
    public <T extends IkePayload> List<T> payloads(Class<T> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).collect(Collectors.toList());
    }

    /**
     * The exchange and payload chain in the manner of strongSwan's log, e.g. "IKE_SA_INIT request 0
     * [SA KE Nonce N(NAT_DETECTION_SOURCE_IP) N(NAT_DETECTION_DESTINATION_IP) V(strongSwan)]" or
     * "IKE_AUTH request 1 [IDi IDr CPRQ(ADDR DNS P-CSCF) SA TSi TSr]".
     */
    public String describe() {
        StringBuilder s = new StringBuilder(IkeNames.exchange(exchangeType)).append(isResponse() ? " response " : " request ")
                .append(Integer.toUnsignedString(messageId)).append(" [");
        for (int i = 0; i < payloads.size(); i++) {
            IkePayload p = payloads.get(i);
            s.append(i == 0 ? "" : " ");
            if (p instanceof IkePayload.Notify) {
                s.append("N(").append(((IkePayload.Notify) p).name()).append(')');
            } else if (p instanceof IkePayload.VendorId) {
                s.append("V(").append(((IkePayload.VendorId) p).describe()).append(')');
            } else if (p instanceof IkePayload.Configuration) {
                s.append(((IkePayload.Configuration) p).describe());
            } else if (p instanceof IkePayload.Delete) {
                s.append('D');
            } else {
                s.append(IkeNames.knownPayload(p.type()).orElse("payload(" + p.type() + ")"));
            }
        }
        return s.append(']').toString();
    }

    public byte[] encode() {
        IkeWriter w = new IkeWriter();
        w.u64(initiatorSpi).u64(responderSpi).u8(payloads.isEmpty() ? 0 : payloads.get(0).type())
                .u8(version).u8(exchangeType).u8(flags).u32(messageId).u32(0);
        for (int i = 0; i < payloads.size(); i++) {
            IkePayload p = payloads.get(i);
            int start = w.position();
            boolean critical = p instanceof IkePayload.Unknown && ((IkePayload.Unknown) p).critical();
            w.u8(i + 1 < payloads.size() ? payloads.get(i + 1).type() : 0).u8(critical ? 0x80 : 0).u16(0);
            encodeBody(p, w);
            w.patchLength16(start + 2, start);
        }
        w.patch32(24, w.position());
        return w.toByteArray();
    }

    /** The datagram to send: with the non-ESP marker in front when {@code nonEspMarker}. */
    public byte[] encode(boolean nonEspMarker) {
        byte[] message = encode();
        if (!nonEspMarker) {
            return message;
        }
        byte[] datagram = new byte[NON_ESP_MARKER_LENGTH + message.length];
        System.arraycopy(message, 0, datagram, NON_ESP_MARKER_LENGTH, message.length);
        return datagram;
    }

    public static IkeMessage decode(byte[] message) throws MalformedIkeException {
        return decode(message, message.length, false);
    }

    /**
     * Decodes the first {@code length} bytes of a datagram; with {@code nonEspMarker} they must start
     * with the marker, which is stripped (offsets in errors then count from after it).
     */
    public static IkeMessage decode(byte[] datagram, int length, boolean nonEspMarker) throws MalformedIkeException {
        Objects.checkFromIndexSize(0, length, datagram.length);
        int offset = 0;
        if (nonEspMarker) {
            if (length < NON_ESP_MARKER_LENGTH) {
                throw new MalformedIkeException(Reason.BAD_MARKER, 0, "a " + length
                        + "-byte datagram cannot carry the 4-byte non-ESP marker that IKE on UDP/4500 starts with");
            }
            int marker = (datagram[0] & 0xFF) << 24 | (datagram[1] & 0xFF) << 16 | (datagram[2] & 0xFF) << 8 | datagram[3] & 0xFF;
            if (marker != 0) {
                throw new MalformedIkeException(Reason.BAD_MARKER, 0, String.format(
                        "no non-ESP marker: datagram starts with 0x%08x, not 4 zero bytes (ESP with that SPI, not IKE)", marker));
            }
            offset = NON_ESP_MARKER_LENGTH;
        }
        return decode(new IkeReader(datagram, offset, length - offset));
    }

    private static IkeMessage decode(IkeReader r) throws MalformedIkeException {
        r.require(HEADER_LENGTH, "IKE header");
        long spiI = r.u64("SPIi");
        long spiR = r.u64("SPIr");
        int next = r.u8("next payload");
        int version = r.u8("version");
        if (version >>> 4 != 2) {
            throw new MalformedIkeException(Reason.BAD_VERSION, 17, "IKE version " + (version >>> 4) + "." + (version & 0xF)
                    + " at offset 17" + (version >>> 4 == 1 ? " (an IKEv1 message)" : "") + ", expected 2.x");
        }
        int exchange = r.u8("exchange type");
        int flags = r.u8("flags");
        int messageId = r.u32("message ID");
        long length = Integer.toUnsignedLong(r.u32("length"));
        int available = HEADER_LENGTH + r.remaining();
        if (length < HEADER_LENGTH) {
            throw new MalformedIkeException(Reason.BAD_LENGTH, 24,
                    "bad message length at offset 24: " + length + " is less than the 28-byte header");
        }
        if (length > available) {
            throw new MalformedIkeException(Reason.TRUNCATED, 0,
                    "truncated message at offset 0: length " + length + " but " + available + " bytes remain");
        }
        if (length < available) {
            throw new MalformedIkeException(Reason.BAD_LENGTH, 24, "bad message length at offset 24: " + length
                    + " but " + available + " bytes arrived");
        }
        List<IkePayload> payloads = new ArrayList<>();
        while (next != 0) {
            int start = r.offset();
            String name = IkeNames.payload(next) + " payload";
            int following = r.u8(name + " header");
            boolean critical = (r.u8(name + " header") & 0x80) != 0;
            IkeReader body = r.fence(start, r.u16(name + " header"), name);
            payloads.add(parse(next, critical, body, start));
            if (next == IkePayload.ENCRYPTED || next == IkePayload.ENCRYPTED_FRAGMENT) {
                break; // its next-payload field names the first payload inside, not a following one
            }
            next = following;
        }
        if (r.remaining() > 0) {
            throw new MalformedIkeException(Reason.BAD_LENGTH, r.offset(), "bad message: " + r.remaining()
                    + " bytes at offset " + r.offset() + " after the last payload");
        }
        return new IkeMessage(spiI, spiR, version, exchange, flags, messageId, payloads);
    }

    private static IkePayload parse(int type, boolean critical, IkeReader body, int start) throws MalformedIkeException {
        switch (type) {
            case IkePayload.SA: return SecurityAssociation.parse(body, start);
            case IkePayload.KE: return IkePayload.KeyExchange.parse(body, start);
            case IkePayload.NONCE: return IkePayload.Nonce.parse(body, start);
            case IkePayload.NOTIFY: return IkePayload.Notify.parse(body, start);
            case IkePayload.VENDOR_ID: return IkePayload.VendorId.parse(body);
            case IkePayload.CERTREQ: return IkePayload.CertificateRequest.parse(body, start);
            case IkePayload.IDI: return IkePayload.Identification.parse(true, body, start);
            case IkePayload.IDR: return IkePayload.Identification.parse(false, body, start);
            case IkePayload.CERT: return IkePayload.Certificate.parse(body, start);
            case IkePayload.AUTH: return IkePayload.Authentication.parse(body, start);
            case IkePayload.EAP: return IkePayload.Eap.parse(body, start);
            case IkePayload.CP: return IkePayload.Configuration.parse(body, start);
            case IkePayload.TSI: return IkePayload.TrafficSelectors.parse(true, body, start);
            case IkePayload.TSR: return IkePayload.TrafficSelectors.parse(false, body, start);
            case IkePayload.DELETE: return IkePayload.Delete.parse(body, start);
            // SK and SKF stay Unknown: SkPayload and FragmentAssembly open them, and they end the chain
            default: return IkePayload.Unknown.parse(type, critical, body);
        }
    }

    private static void encodeBody(IkePayload p, IkeWriter w) {
        if (p instanceof SecurityAssociation) {
            ((SecurityAssociation) p).encode(w);
        } else if (p instanceof IkePayload.KeyExchange) {
            ((IkePayload.KeyExchange) p).encode(w);
        } else if (p instanceof IkePayload.Nonce) {
            ((IkePayload.Nonce) p).encode(w);
        } else if (p instanceof IkePayload.Notify) {
            ((IkePayload.Notify) p).encode(w);
        } else if (p instanceof IkePayload.VendorId) {
            ((IkePayload.VendorId) p).encode(w);
        } else if (p instanceof IkePayload.CertificateRequest) {
            ((IkePayload.CertificateRequest) p).encode(w);
        } else if (p instanceof IkePayload.Identification) {
            ((IkePayload.Identification) p).encode(w);
        } else if (p instanceof IkePayload.Certificate) {
            ((IkePayload.Certificate) p).encode(w);
        } else if (p instanceof IkePayload.Authentication) {
            ((IkePayload.Authentication) p).encode(w);
        } else if (p instanceof IkePayload.Eap) {
            ((IkePayload.Eap) p).encode(w);
        } else if (p instanceof IkePayload.Configuration) {
            ((IkePayload.Configuration) p).encode(w);
        } else if (p instanceof IkePayload.TrafficSelectors) {
            ((IkePayload.TrafficSelectors) p).encode(w);
        } else if (p instanceof IkePayload.Delete) {
            ((IkePayload.Delete) p).encode(w);
        } else {
            ((IkePayload.Unknown) p).encode(w);
        }
    }
}
