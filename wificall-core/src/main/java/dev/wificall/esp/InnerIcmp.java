package dev.wificall.esp;

import dev.wificall.dns.AddressText;
import dev.wificall.esp.MalformedInnerPacketException.Reason;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One ICMP (RFC 792) or ICMPv6 (RFC 4443) message inside an inner packet: an echo, one of the errors
 * that path MTU discovery and reachability checks need (with the quoted header of the packet it is
 * about), or any other message kept as type, code and body. Which of ICMP or ICMPv6 follows from the
 * addresses; the ICMPv6 checksum covers the pseudo-header, the ICMPv4 one only the message.
 */
public sealed interface InnerIcmp permits InnerIcmp.Echo, InnerIcmp.ErrorReport, InnerIcmp.Other {

    int ECHO_REQUEST_V4 = 8;
    int ECHO_REPLY_V4 = 0;
    int UNREACHABLE_V4 = 3;
    int ECHO_REQUEST_V6 = 128;
    int ECHO_REPLY_V6 = 129;
    int UNREACHABLE_V6 = 1;
    int PACKET_TOO_BIG_V6 = 2;

    /** The ICMP type for this IP version (echoes differ between ICMPv4 and ICMPv6). */
    int type(int version);

    int code();

    /** The message on the wire, its checksum computed for these addresses (whose family picks ICMPv4 or ICMPv6). */
    default byte[] encode(InetAddress source, InetAddress destination) {
        if (source.getClass() != destination.getClass()) {
            throw new IllegalArgumentException("ICMP between an IPv4 and an IPv6 address");
        }
        int version = source instanceof Inet4Address ? 4 : 6;
        byte[] rest = restOfHeaderAndBody(version);
        byte[] b = new byte[4 + rest.length];
        b[0] = (byte) type(version);
        b[1] = (byte) code();
        System.arraycopy(rest, 0, b, 4, rest.length);
        int sum = version == 4 ? Checksums.of(b, 0, b.length)
                : Checksums.transport(source, destination, InnerPacket.ICMPV6, b, 0, b.length);
        InnerPacket.put16(b, 2, sum);
        return b;
    }

    /** A whole inner packet carrying this message. */
    default InnerPacket packet(InetAddress source, InetAddress destination) {
        return InnerPacket.of(source, destination, source instanceof Inet4Address ? InnerPacket.ICMP : InnerPacket.ICMPV6,
                encode(source, destination));
    }

    /** The bytes after type, code and checksum. */
    byte[] restOfHeaderAndBody(int version);

    /** An echo request for ping. */
    static Echo echoRequest(int identifier, int sequence, byte[] data) {
        return new Echo(false, identifier, sequence, data);
    }

    /**
     * The ICMP message in an inner packet: ICMPv4 (protocol 1) in IPv4, ICMPv6 (58) in IPv6, its
     * checksum verified. Offsets in errors count from the first byte of the ICMP message.
     */
    static InnerIcmp parse(InnerPacket packet) throws MalformedInnerPacketException {
        int version = packet.version();
        int expected = version == 4 ? InnerPacket.ICMP : InnerPacket.ICMPV6;
        if (packet.protocol() != expected) {
            throw new MalformedInnerPacketException(Reason.BAD_VERSION, 0,
                    "not ICMP" + (version == 6 ? "v6" : "") + ": protocol " + packet.protocol() + " in IPv" + version + ", expected " + expected);
        }
        if (packet.isFragment()) {
            throw new MalformedInnerPacketException(Reason.UNSUPPORTED, 0,
                    "unsupported ICMP fragment at offset " + packet.fragmentOffset() + ": reassemble the packet first");
        }
        byte[] b = packet.payload();
        InnerReader r = new InnerReader(b);
        r.require(8, "ICMP header");
        int type = r.u8("ICMP type");
        int code = r.u8("ICMP code");
        int checksum = r.u16("ICMP checksum");
        int sum = version == 4 ? Checksums.of(b, 0, b.length)
                : Checksums.transport(packet.source(), packet.destination(), InnerPacket.ICMPV6, b, 0, b.length);
        if (sum != 0) {
            byte[] copy = b.clone();
            InnerPacket.put16(copy, 2, 0);
            int right = version == 4 ? Checksums.of(copy, 0, copy.length)
                    : Checksums.transport(packet.source(), packet.destination(), InnerPacket.ICMPV6, copy, 0, copy.length);
            throw new MalformedInnerPacketException(Reason.BAD_CHECKSUM, 2,
                    String.format("bad ICMP checksum at offset 2: 0x%04x, expected 0x%04x", checksum, right));
        }
        boolean echoRequest = type == (version == 4 ? ECHO_REQUEST_V4 : ECHO_REQUEST_V6);
        boolean echoReply = type == (version == 4 ? ECHO_REPLY_V4 : ECHO_REPLY_V6);
        if ((echoRequest || echoReply) && code == 0) {
            return new Echo(echoReply, r.u16("ICMP echo identifier"), r.u16("ICMP echo sequence"), r.rest());
        }
        if (version == 4 && type == UNREACHABLE_V4) {
            r.skip(2, "ICMP unused");
            int mtu = r.u16("ICMP next-hop MTU");
            return new ErrorReport(4, type, code, code == 4 ? mtu : 0, Quoted.parse(r.rest(), 8));
        }
        if (version == 6 && (type == UNREACHABLE_V6 || type == PACKET_TOO_BIG_V6)) {
            int mtu = r.u32("ICMPv6 MTU");
            if (type == PACKET_TOO_BIG_V6 && mtu < 0) {
                throw new MalformedInnerPacketException(Reason.BAD_LENGTH, 4,
                        "bad ICMPv6 Packet Too Big MTU at offset 4: " + Integer.toUnsignedString(mtu) + " is beyond 2^31-1");
            }
            return new ErrorReport(6, type, code, type == PACKET_TOO_BIG_V6 ? mtu : 0, Quoted.parse(r.rest(), 8));
        }
        return new Other(type, code, Arrays.copyOfRange(b, 4, b.length));
    }

    /** Echo request (ICMPv4 8, ICMPv6 128) or reply (0, 129). */
    record Echo(boolean reply, int identifier, int sequence, byte[] data) implements InnerIcmp {
        public Echo {
            if (identifier < 0 || identifier > 0xFFFF || sequence < 0 || sequence > 0xFFFF) {
                throw new IllegalArgumentException("echo identifier " + identifier + " and sequence " + sequence + " must be 0..65535");
            }
            data = data.clone();
        }

        /** The reply a host sends to this request. */
        public Echo toReply() {
            return new Echo(true, identifier, sequence, data);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int type(int version) {
            return version == 4 ? (reply ? ECHO_REPLY_V4 : ECHO_REQUEST_V4) : (reply ? ECHO_REPLY_V6 : ECHO_REQUEST_V6);
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public byte[] restOfHeaderAndBody(int version) {
            byte[] b = new byte[4 + data.length];
            InnerPacket.put16(b, 0, identifier);
            InnerPacket.put16(b, 2, sequence);
            System.arraycopy(data, 0, b, 4, data.length);
            return b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Echo e && e.reply == reply && e.identifier == identifier && e.sequence == sequence
                    && Arrays.equals(e.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reply, identifier, sequence, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Echo[" + (reply ? "reply" : "request") + " id=" + identifier + " seq=" + sequence + " " + data.length + " bytes]";
        }
    }

    /** What an error says about the path. */
    enum Kind {
        /** ICMPv4 3/4: the packet had Don't Fragment set and a link's MTU is smaller; {@code mtu} is that link's (0 if the router did not say, RFC 1191). */
        FRAGMENTATION_NEEDED,
        /** ICMPv6 2: a link's MTU is smaller than the packet; {@code mtu} is that link's. */
        PACKET_TOO_BIG,
        /** ICMPv4 3/3, ICMPv6 1/4: nothing listens on the destination port. */
        PORT_UNREACHABLE,
        /** Any other destination unreachable code (network, host, prohibited by a filter, ...). */
        UNREACHABLE
    }

    /**
     * An ICMP error about a packet that someone sent, with as much of that packet as the error quotes.
     *
     * @param mtu the next-hop MTU of {@link Kind#FRAGMENTATION_NEEDED} and {@link Kind#PACKET_TOO_BIG}, else 0
     */
    record ErrorReport(int version, int type, int code, int mtu, Quoted original) implements InnerIcmp {
        public ErrorReport {
            Objects.requireNonNull(original, "original");
            if (version == 4 ? type != UNREACHABLE_V4 : version != 6 || type != UNREACHABLE_V6 && type != PACKET_TOO_BIG_V6) {
                throw new IllegalArgumentException("ICMP type " + type + " in IPv" + version + " is not destination unreachable or packet too big");
            }
            if (code < 0 || code > 0xFF) {
                throw new IllegalArgumentException("ICMP code " + code + " is not 0..255");
            }
            boolean carriesMtu = version == 4 ? code == 4 : type == PACKET_TOO_BIG_V6;
            if (mtu < 0 || version == 4 && mtu > 0xFFFF || !carriesMtu && mtu != 0) {
                throw new IllegalArgumentException("MTU " + mtu + " does not fit ICMP" + (version == 6 ? "v6" : "") + " type " + type + " code " + code);
            }
        }

        /** Packet Too Big (ICMPv6) or Fragmentation Needed (ICMPv4) about {@code offending}, quoting it. */
        public static ErrorReport tooBig(InnerPacket offending, int mtu) {
            return offending.version() == 4 ? new ErrorReport(4, UNREACHABLE_V4, 4, mtu, Quoted.of(offending))
                    : new ErrorReport(6, PACKET_TOO_BIG_V6, 0, mtu, Quoted.of(offending));
        }

        /** Port Unreachable about {@code offending}, quoting it. */
        public static ErrorReport portUnreachable(InnerPacket offending) {
            return offending.version() == 4 ? new ErrorReport(4, UNREACHABLE_V4, 3, 0, Quoted.of(offending))
                    : new ErrorReport(6, UNREACHABLE_V6, 4, 0, Quoted.of(offending));
        }

        public Kind kind() {
            if (version == 4) {
                return code == 4 ? Kind.FRAGMENTATION_NEEDED : code == 3 ? Kind.PORT_UNREACHABLE : Kind.UNREACHABLE;
            }
            return type == PACKET_TOO_BIG_V6 ? Kind.PACKET_TOO_BIG : code == 4 ? Kind.PORT_UNREACHABLE : Kind.UNREACHABLE;
        }

        @Override
        public int type(int version) {
            if (version != this.version) {
                throw new IllegalArgumentException("an ICMP" + (this.version == 6 ? "v6" : "") + " error cannot go in IPv" + version);
            }
            return type;
        }

        @Override
        public byte[] restOfHeaderAndBody(int version) {
            byte[] quoted = original.bytes();
            byte[] b = new byte[4 + quoted.length];
            if (version == 4) {
                InnerPacket.put16(b, 2, mtu);
            } else {
                InnerPacket.put16(b, 0, mtu >>> 16);
                InnerPacket.put16(b, 2, mtu & 0xFFFF);
            }
            System.arraycopy(quoted, 0, b, 4, quoted.length);
            return b;
        }

        @Override
        public String toString() {
            return "ErrorReport[" + kind() + " type=" + type + " code=" + code + (mtu != 0 ? " mtu=" + mtu : "") + " about " + original + "]";
        }
    }

    /** Any other ICMP message (time exceeded, neighbour discovery, ...), kept as it came. */
    record Other(int type, int code, byte[] body) implements InnerIcmp {
        public Other {
            if (type < 0 || type > 0xFF || code < 0 || code > 0xFF) {
                throw new IllegalArgumentException("ICMP type " + type + " and code " + code + " must be 0..255");
            }
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public int type(int version) {
            return type;
        }

        @Override
        public byte[] restOfHeaderAndBody(int version) {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other x && x.type == type && x.code == code && Arrays.equals(x.body, body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, code, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return "Other[type=" + type + " code=" + code + " " + HexFormat.of().formatHex(body) + "]";
        }
    }

    /**
     * The start of the packet an error is about, as the error quotes it (RFC 792: the IP header and 8 bytes;
     * RFC 4443: as much as fits), and what could be read from it. The quote is usually cut short, so its
     * lengths and checksums are not checked.
     *
     * @param sourcePort      UDP or TCP source port, -1 when the quote has none
     * @param destinationPort UDP or TCP destination port, -1 when the quote has none
     */
    record Quoted(int version, InetAddress source, InetAddress destination, int protocol, int sourcePort,
                  int destinationPort, byte[] bytes) {
        /** What ICMPv6 errors quote at most so that the error fits the IPv6 minimum MTU of 1280 (RFC 4443 §2.4). */
        static final int MAX_V6 = 1280 - InnerPacket.IPV6_HEADER - 8;

        public Quoted {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** What an ICMP error about {@code packet} quotes: IPv4 header and 8 bytes, or IPv6 up to 1232 bytes. */
        public static Quoted of(InnerPacket packet) {
            byte[] wire = packet.encode();
            int keep = packet.version() == 4 ? InnerPacket.IPV4_HEADER + 8 : MAX_V6;
            try {
                return parse(Arrays.copyOf(wire, Math.min(wire.length, keep)), 0);
            } catch (MalformedInnerPacketException e) {
                throw new IllegalStateException("quoting our own encoding of " + packet, e);
            }
        }

        public boolean hasPorts() {
            return sourcePort >= 0;
        }

        /**
         * Whether this quote is of {@code sent}: same version, addresses and protocol, and for UDP or TCP
         * the same ports when the quote has them.
         */
        public boolean isAbout(InnerPacket sent) {
            if (sent.version() != version || !sent.source().equals(source) || !sent.destination().equals(destination)
                    || sent.protocol() != protocol) {
                return false;
            }
            if (!hasPorts()) {
                return true;
            }
            if (sent.isFragment() && sent.fragmentOffset() != 0 || sent.payloadLength() < 4) {
                return false;
            }
            byte[] p = sent.payload();
            int s = Byte.toUnsignedInt(p[0]) << 8 | Byte.toUnsignedInt(p[1]);
            int d = Byte.toUnsignedInt(p[2]) << 8 | Byte.toUnsignedInt(p[3]);
            return s == sourcePort && d == destinationPort;
        }

        /** Reads a quote that begins at {@code base} bytes into the ICMP message (for the offsets in errors). */
        static Quoted parse(byte[] quoted, int base) throws MalformedInnerPacketException {
            InnerReader r = new InnerReader(quoted);
            if (quoted.length == 0) {
                throw new MalformedInnerPacketException(Reason.TRUNCATED, base,
                        "truncated ICMP error at offset " + base + ": it quotes no packet");
            }
            int first = Byte.toUnsignedInt(quoted[0]);
            int version = first >>> 4;
            int protocol;
            byte[] source;
            byte[] destination;
            int transport;
            if (version == 4) {
                requireQuoted(r, InnerPacket.IPV4_HEADER, base, "IPv4 header");
                r.skip(6, "quoted IPv4 header");
                int fragment = r.u16("quoted IPv4 fragment offset") & 0x1FFF;
                r.skip(1, "quoted IPv4 TTL");
                protocol = r.u8("quoted IPv4 protocol");
                r.skip(2, "quoted IPv4 checksum");
                source = r.bytes(4, "quoted IPv4 source");
                destination = r.bytes(4, "quoted IPv4 destination");
                int headerLength = (first & 0x0F) * 4;
                // a non-first fragment has no transport header to read ports from
                transport = fragment == 0 && headerLength >= InnerPacket.IPV4_HEADER ? headerLength : -1;
            } else if (version == 6) {
                requireQuoted(r, InnerPacket.IPV6_HEADER, base, "IPv6 header");
                r.skip(6, "quoted IPv6 header");
                protocol = r.u8("quoted IPv6 next header");
                r.skip(1, "quoted IPv6 hop limit");
                source = r.bytes(16, "quoted IPv6 source");
                destination = r.bytes(16, "quoted IPv6 destination");
                transport = InnerPacket.IPV6_HEADER;
                // chase hop-by-hop, routing and destination options as far as the quote goes
                while ((protocol == 0 || protocol == 43 || protocol == 60) && transport + 2 <= quoted.length) {
                    int next = Byte.toUnsignedInt(quoted[transport]);
                    transport += (Byte.toUnsignedInt(quoted[transport + 1]) + 1) * 8;
                    protocol = next;
                }
                if (protocol == 44 && transport + 8 <= quoted.length) {
                    int offset = (Byte.toUnsignedInt(quoted[transport + 2]) << 8 | Byte.toUnsignedInt(quoted[transport + 3])) & 0xFFF8;
                    protocol = Byte.toUnsignedInt(quoted[transport]);
                    transport = offset == 0 ? transport + 8 : -1;
                }
            } else {
                throw new MalformedInnerPacketException(Reason.BAD_VERSION, base,
                        "bad IP version of the quoted packet at offset " + base + ": " + version + ", expected 4 or 6");
            }
            int sourcePort = -1;
            int destinationPort = -1;
            if ((protocol == InnerPacket.UDP || protocol == InnerPacket.TCP) && transport >= 0 && transport + 4 <= quoted.length) {
                sourcePort = Byte.toUnsignedInt(quoted[transport]) << 8 | Byte.toUnsignedInt(quoted[transport + 1]);
                destinationPort = Byte.toUnsignedInt(quoted[transport + 2]) << 8 | Byte.toUnsignedInt(quoted[transport + 3]);
            }
            return new Quoted(version, address(source), address(destination), protocol, sourcePort, destinationPort, quoted);
        }

        private static void requireQuoted(InnerReader r, int n, int base, String what) throws MalformedInnerPacketException {
            if (r.remaining() < n) {
                throw new MalformedInnerPacketException(Reason.TRUNCATED, base, "truncated ICMP error at offset " + base + ": quotes "
                        + r.remaining() + " bytes, less than the " + n + "-byte " + what + " of the packet it is about");
            }
        }

        private static InetAddress address(byte[] raw) {
            try {
                return raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Quoted q && q.version == version && q.source.equals(source) && q.destination.equals(destination)
                    && q.protocol == protocol && q.sourcePort == sourcePort && q.destinationPort == destinationPort
                    && Arrays.equals(q.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, source, destination, protocol, sourcePort, destinationPort, Arrays.hashCode(bytes));
        }

        @Override
        public String toString() {
            String ports = hasPorts() ? ":" + sourcePort + " > " : " > ";
            return "Quoted[IPv" + version + " proto=" + protocol + " " + AddressText.of(source) + ports + AddressText.of(destination)
                    + (hasPorts() ? ":" + destinationPort : "") + "]";
        }
    }
}
