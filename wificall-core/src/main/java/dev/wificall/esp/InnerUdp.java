package dev.wificall.esp;

import dev.wificall.esp.MalformedInnerPacketException.Reason;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One UDP datagram (RFC 768) inside an inner packet. The checksum covers the IPv4 or IPv6 pseudo-header;
 * over IPv6 it is mandatory (RFC 8200 §8.1), over IPv4 a received 0 means "none" and is accepted.
 * Byte arrays are copied in and out.
 */
public record InnerUdp(int sourcePort, int destinationPort, byte[] payload) {
    static final int HEADER = 8;

    public InnerUdp {
        port(sourcePort, "source");
        port(destinationPort, "destination");
        Objects.requireNonNull(payload, "payload");
        if (HEADER + payload.length > 0xFFFF) {
            throw new IllegalArgumentException("UDP payload of " + payload.length + " bytes exceeds the 65527 a 16-bit length allows");
        }
        payload = payload.clone();
    }

    private static void port(int port, String which) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("UDP " + which + " port " + port + " is not 0..65535");
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The datagram (header and payload) with its checksum for the pseudo-header of these addresses. */
    public byte[] encode(InetAddress source, InetAddress destination) {
        if (source.getClass() != destination.getClass()) {
            throw new IllegalArgumentException("UDP between an IPv4 and an IPv6 address");
        }
        byte[] b = new byte[HEADER + payload.length];
        InnerPacket.put16(b, 0, sourcePort);
        InnerPacket.put16(b, 2, destinationPort);
        InnerPacket.put16(b, 4, b.length);
        System.arraycopy(payload, 0, b, HEADER, payload.length);
        int sum = Checksums.transport(source, destination, InnerPacket.UDP, b, 0, b.length);
        // a computed 0 is sent as all ones: 0 on the wire means "no checksum" (RFC 768)
        InnerPacket.put16(b, 6, sum == 0 ? 0xFFFF : sum);
        return b;
    }

    /** A whole inner packet from {@code source} to {@code destination} carrying this datagram. */
    public static InnerPacket packet(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
        InnerUdp udp = new InnerUdp(source.getPort(), destination.getPort(), payload);
        return InnerPacket.of(source.getAddress(), destination.getAddress(), InnerPacket.UDP,
                udp.encode(source.getAddress(), destination.getAddress()));
    }

    /**
     * The datagram in an inner packet. Offsets in errors count from the first byte of the UDP header;
     * bytes after the UDP length are ignored as padding.
     */
    public static InnerUdp parse(InnerPacket packet) throws MalformedInnerPacketException {
        if (packet.protocol() != InnerPacket.UDP) {
            throw new MalformedInnerPacketException(Reason.BAD_VERSION, 0,
                    "not UDP: protocol " + packet.protocol() + ", expected 17");
        }
        if (packet.isFragment()) {
            throw new MalformedInnerPacketException(Reason.UNSUPPORTED, 0,
                    "unsupported UDP fragment at offset " + packet.fragmentOffset() + ": reassemble the packet first");
        }
        byte[] b = packet.payload();
        InnerReader r = new InnerReader(b);
        r.require(HEADER, "UDP header");
        int sourcePort = r.u16("UDP source port");
        int destinationPort = r.u16("UDP destination port");
        int length = r.u16("UDP length");
        int checksum = r.u16("UDP checksum");
        if (length < HEADER) {
            throw new MalformedInnerPacketException(Reason.BAD_LENGTH, 4,
                    "bad UDP length at offset 4: " + length + " is less than its 8-byte header");
        }
        InnerReader body = r.fence(0, length, "UDP datagram");
        if (checksum == 0) {
            if (packet.source() instanceof Inet6Address) {
                throw new MalformedInnerPacketException(Reason.BAD_CHECKSUM, 6,
                        "bad UDP checksum at offset 6: 0 over IPv6, where the checksum is mandatory");
            }
        } else if (Checksums.transport(packet.source(), packet.destination(), InnerPacket.UDP, b, 0, length) != 0) {
            byte[] copy = Arrays.copyOf(b, length);
            InnerPacket.put16(copy, 6, 0);
            int expected = Checksums.transport(packet.source(), packet.destination(), InnerPacket.UDP, copy, 0, length);
            throw new MalformedInnerPacketException(Reason.BAD_CHECKSUM, 6, String.format(
                    "bad UDP checksum at offset 6: 0x%04x, expected 0x%04x", checksum, expected == 0 ? 0xFFFF : expected));
        }
        return new InnerUdp(sourcePort, destinationPort, body.rest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InnerUdp u && u.sourcePort == sourcePort && u.destinationPort == destinationPort
                && Arrays.equals(u.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourcePort, destinationPort, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "InnerUdp[" + sourcePort + " > " + destinationPort + " " + payload.length + " bytes]";
    }
}
