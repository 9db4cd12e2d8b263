package dev.wificall.esp;

import dev.wificall.dns.AddressText;
import dev.wificall.esp.MalformedInnerPacketException.Reason;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One inner IP packet as it goes through the tunnel: IPv4 (RFC 791) or IPv6 (RFC 8200) with its payload,
 * the transport message. For IPv6 {@code protocol} is the upper-layer Next Header after the extension
 * headers that {@link #parse} skips (hop-by-hop, routing, destination options), and {@code identification}
 * is the fragment header's (0 in a packet that has none). A fragment ({@link #isFragment()}) carries part
 * of a transport message: this class recognises fragments but does not reassemble them. IPv4 options
 * are skipped, not kept. Byte arrays are copied in and out.
 *
 * @param fragmentOffset offset of this fragment's data in the original packet's payload, in bytes (a multiple of 8)
 * @param moreFragments  the More Fragments flag
 */
public record InnerPacket(int version, InetAddress source, InetAddress destination, int protocol, int hopLimit,
                          boolean dontFragment, int identification, int fragmentOffset, boolean moreFragments,
                          byte[] payload) {
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;
    /** TTL or hop limit of the packets {@link #of} makes. */
    public static final int DEFAULT_HOP_LIMIT = 64;

    static final int IPV4_HEADER = 20;
    static final int IPV6_HEADER = 40;
    private static final int FRAGMENT_HEADER = 8;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int DESTINATION_OPTIONS = 60;

    public InnerPacket {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("IP version " + version + " is neither 4 nor 6");
        }
        Class<? extends InetAddress> family = version == 4 ? Inet4Address.class : Inet6Address.class;
        if (!family.isInstance(source) || !family.isInstance(destination)) {
            throw new IllegalArgumentException("an IPv" + version + " packet needs IPv" + version + " addresses, not "
                    + AddressText.of(source) + " to " + AddressText.of(destination));
        }
        if (protocol < 0 || protocol > 0xFF) {
            throw new IllegalArgumentException("protocol " + protocol + " is not 0..255");
        }
        if (hopLimit < 0 || hopLimit > 0xFF) {
            throw new IllegalArgumentException("hop limit " + hopLimit + " is not 0..255");
        }
        if (fragmentOffset < 0 || fragmentOffset % 8 != 0 || fragmentOffset > 0x1FFF * 8) {
            throw new IllegalArgumentException("fragment offset " + fragmentOffset + " is not a multiple of 8 in 0..65528");
        }
        boolean fragment = fragmentOffset != 0 || moreFragments;
        if (version == 4) {
            if (identification < 0 || identification > 0xFFFF) {
                throw new IllegalArgumentException("IPv4 identification " + identification + " is not 0..65535");
            }
            if (fragment && dontFragment) {
                throw new IllegalArgumentException("an IPv4 fragment cannot have Don't Fragment set");
            }
            if (IPV4_HEADER + payload.length > 0xFFFF) {
                throw new IllegalArgumentException("IPv4 payload of " + payload.length + " bytes exceeds the 65515 a 16-bit total length allows");
            }
        } else {
            if (dontFragment) {
                // Routers never fragment IPv6 (RFC 8200 §5): there is no flag to set.
                throw new IllegalArgumentException("IPv6 has no Don't Fragment flag");
            }
            if (!fragment && identification != 0) {
                throw new IllegalArgumentException("IPv6 identification " + identification + " needs a fragment (it lives in the fragment header)");
            }
            int limit = 0xFFFF - (fragment ? FRAGMENT_HEADER : 0);
            if (payload.length > limit) {
                throw new IllegalArgumentException("IPv6 payload of " + payload.length + " bytes exceeds the " + limit
                        + " a 16-bit payload length allows (no jumbograms)");
            }
        }
        payload = payload.clone();
    }

    /**
     * A whole (unfragmented) packet with the default hop limit; IPv4 with Don't Fragment set and
     * identification 0, as RFC 6864 allows for such atomic datagrams.
     */
    public static InnerPacket of(InetAddress source, InetAddress destination, int protocol, byte[] payload) {
        int version = source instanceof Inet4Address ? 4 : 6;
        return new InnerPacket(version, source, destination, protocol, DEFAULT_HOP_LIMIT, version == 4, 0, 0, false, payload);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload length without a copy. */
    public int payloadLength() {
        return payload.length;
    }

    /** Part of a fragmented packet: an offset other than 0 or More Fragments set. */
    public boolean isFragment() {
        return fragmentOffset != 0 || moreFragments;
    }

    /** The whole packet on the wire: IPv4 with its header checksum, IPv6 with the fixed header and, for a fragment, a fragment header. */
    public byte[] encode() {
        return version == 4 ? encode4() : encode6();
    }

    private byte[] encode4() {
        byte[] b = new byte[IPV4_HEADER + payload.length];
        b[0] = 0x45;
        put16(b, 2, b.length);
        put16(b, 4, identification);
        int flags = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | fragmentOffset / 8;
        put16(b, 6, flags);
        b[8] = (byte) hopLimit;
        b[9] = (byte) protocol;
        System.arraycopy(source.getAddress(), 0, b, 12, 4);
        System.arraycopy(destination.getAddress(), 0, b, 16, 4);
        put16(b, 10, Checksums.of(b, 0, IPV4_HEADER));
        System.arraycopy(payload, 0, b, IPV4_HEADER, payload.length);
        return b;
    }

    private byte[] encode6() {
        boolean fragment = isFragment();
        int extension = fragment ? FRAGMENT_HEADER : 0;
        byte[] b = new byte[IPV6_HEADER + extension + payload.length];
        b[0] = 0x60;
        put16(b, 4, extension + payload.length);
        b[6] = (byte) (fragment ? FRAGMENT : protocol);
        b[7] = (byte) hopLimit;
        System.arraycopy(source.getAddress(), 0, b, 8, 16);
        System.arraycopy(destination.getAddress(), 0, b, 24, 16);
        if (fragment) {
            b[40] = (byte) protocol;
            put16(b, 42, fragmentOffset | (moreFragments ? 1 : 0));
            put16(b, 44, identification >>> 16);
            put16(b, 46, identification & 0xFFFF);
        }
        System.arraycopy(payload, 0, b, IPV6_HEADER + extension, payload.length);
        return b;
    }

    static void put16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }

    /**
     * Decodes one inner packet. Bytes after the IPv4 total length or the IPv6 payload length are padding
     * and ignored; a length beyond the buffer, a wrong IPv4 header checksum, a version other than 4 or 6
     * are errors.
     */
    public static InnerPacket parse(byte[] packet) throws MalformedInnerPacketException {
        Objects.requireNonNull(packet, "packet");
        InnerReader r = new InnerReader(packet);
        int first = r.u8("IP header");
        int version = first >>> 4;
        return switch (version) {
            case 4 -> parse4(packet, first);
            case 6 -> parse6(packet);
            default -> throw new MalformedInnerPacketException(Reason.BAD_VERSION, 0,
                    "bad IP version at offset 0: " + version + ", expected 4 or 6");
        };
    }

    private static InnerPacket parse4(byte[] packet, int first) throws MalformedInnerPacketException {
        InnerReader r = new InnerReader(packet);
        r.require(IPV4_HEADER, "IPv4 header");
        r.skip(2, "IPv4 version and type of service");
        int headerLength = (first & 0x0F) * 4;
        if (headerLength < IPV4_HEADER) {
            throw new MalformedInnerPacketException(Reason.BAD_LENGTH, 0,
                    "bad IPv4 header length at offset 0: IHL " + (first & 0x0F) + " is below the minimum 5 (20 bytes)");
        }
        int totalLength = r.u16("IPv4 total length");
        if (totalLength < headerLength) {
            throw new MalformedInnerPacketException(Reason.BAD_LENGTH, 2,
                    "bad IPv4 total length at offset 2: " + totalLength + " is less than its " + headerLength + "-byte header");
        }
        // the header's fields are read fenced to the total length; bytes after it are link padding
        InnerReader h = r.fence(0, totalLength, "IPv4 packet");
        h.require(headerLength - 4, "IPv4 header with options");
        int identification = h.u16("IPv4 identification");
        int flags = h.u16("IPv4 flags and fragment offset");
        int ttl = h.u8("IPv4 TTL");
        int protocol = h.u8("IPv4 protocol");
        int checksum = h.u16("IPv4 header checksum");
        InetAddress source = address(h.bytes(4, "IPv4 source address"));
        InetAddress destination = address(h.bytes(4, "IPv4 destination address"));
        if (Checksums.of(packet, 0, headerLength) != 0) {
            byte[] header = Arrays.copyOf(packet, headerLength);
            put16(header, 10, 0);
            throw new MalformedInnerPacketException(Reason.BAD_CHECKSUM, 10, String.format(
                    "bad IPv4 header checksum at offset 10: 0x%04x, expected 0x%04x", checksum, Checksums.of(header, 0, headerLength)));
        }
        h.skip(headerLength - IPV4_HEADER, "IPv4 options");
        return new InnerPacket(4, source, destination, protocol, ttl, (flags & 0x4000) != 0, identification,
                (flags & 0x1FFF) * 8, (flags & 0x2000) != 0, h.rest());
    }

    private static InnerPacket parse6(byte[] packet) throws MalformedInnerPacketException {
        InnerReader r = new InnerReader(packet);
        r.require(IPV6_HEADER, "IPv6 header");
        r.skip(4, "IPv6 version, traffic class and flow label");
        int payloadLength = r.u16("IPv6 payload length");
        int next = r.u8("IPv6 next header");
        int hopLimit = r.u8("IPv6 hop limit");
        InetAddress source = address(r.bytes(16, "IPv6 source address"));
        InetAddress destination = address(r.bytes(16, "IPv6 destination address"));
        if (payloadLength == 0 && next == HOP_BY_HOP) {
            throw new MalformedInnerPacketException(Reason.UNSUPPORTED, 4,
                    "unsupported IPv6 payload length at offset 4: 0 with a hop-by-hop header is a jumbogram (RFC 2675)");
        }
        InnerReader body = r.fence(0, IPV6_HEADER + payloadLength, "IPv6 packet");
        int identification = 0;
        int fragmentOffset = 0;
        boolean more = false;
        // Each extension header is at least 8 bytes, so the payload length bounds this loop.
        while (next == HOP_BY_HOP || next == ROUTING || next == DESTINATION_OPTIONS || next == FRAGMENT) {
            if (next == FRAGMENT) {
                next = body.u8("IPv6 fragment header");
                body.skip(1, "IPv6 fragment header reserved byte");
                int offsetAndFlags = body.u16("IPv6 fragment offset");
                identification = body.u32("IPv6 fragment identification");
                fragmentOffset = offsetAndFlags & 0xFFF8;
                more = (offsetAndFlags & 1) != 0;
                if (fragmentOffset == 0 && !more) {
                    // an atomic fragment (RFC 6946): a whole packet that happens to carry the header
                    identification = 0;
                    continue;
                }
                // what follows is part of the original payload, extension headers and all
                break;
            }
            int following = body.u8("IPv6 extension header");
            int length = (body.u8("IPv6 extension header length") + 1) * 8;
            body.skip(length - 2, "IPv6 extension header " + next);
            next = following;
        }
        return new InnerPacket(6, source, destination, next, hopLimit, false, identification, fragmentOffset, more, body.rest());
    }

    private static InetAddress address(byte[] raw) {
        try {
            if (raw.length == 16) {
                // not getByAddress(byte[]), which turns ::ffff:a.b.c.d into an Inet4Address
                return Inet6Address.getByAddress(null, raw, -1);
            }
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + raw.length + " bytes", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InnerPacket p && p.version == version && p.source.equals(source) && p.destination.equals(destination)
                && p.protocol == protocol && p.hopLimit == hopLimit && p.dontFragment == dontFragment
                && p.identification == identification && p.fragmentOffset == fragmentOffset && p.moreFragments == moreFragments
                && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, source, destination, protocol, hopLimit, dontFragment, identification, fragmentOffset,
                moreFragments, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "InnerPacket[IPv" + version + " " + AddressText.of(source) + " > " + AddressText.of(destination) + " proto=" + protocol
                + " hop=" + hopLimit + (dontFragment ? " DF" : "") + (isFragment() ? " fragment id=" + Integer.toUnsignedString(identification)
                + " offset=" + fragmentOffset + (moreFragments ? " MF" : "") : "") + " " + payload.length + " bytes]";
    }
}
