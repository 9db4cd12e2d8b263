package dev.wificall.esp;

import dev.wificall.esp.MalformedInnerPacketException.Reason;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One TCP segment (RFC 9293 §3.1) as {@link InnerTcp} sends and reads it. Of the options only MSS is
 * written and read; others (window scale, SACK, timestamps) are skipped, and since InnerTcp never
 * offers them a peer does not use them. Sequence numbers are ints with the same bits.
 *
 * @param mss the MSS option's value, 0 when the segment has none
 */
record TcpSegment(int sourcePort, int destinationPort, int sequence, int acknowledgment, int flags, int window, int mss,
                  byte[] payload) {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int HEADER = 20;

    TcpSegment {
        if (sourcePort < 0 || sourcePort > 0xFFFF || destinationPort < 0 || destinationPort > 0xFFFF) {
            throw new IllegalArgumentException("TCP ports " + sourcePort + " and " + destinationPort + " must be 0..65535");
        }
        if (flags < 0 || flags > 0xFF || window < 0 || window > 0xFFFF || mss < 0 || mss > 0xFFFF) {
            throw new IllegalArgumentException("TCP flags " + flags + ", window " + window + " or MSS " + mss + " out of range");
        }
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Sequence space the segment occupies: its data, plus one each for SYN and FIN. */
    int length() {
        return payload.length + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    int payloadLength() {
        return payload.length;
    }

    byte[] encode(InetAddress source, InetAddress destination) {
        int header = HEADER + (mss != 0 ? 4 : 0);
        byte[] b = new byte[header + payload.length];
        InnerPacket.put16(b, 0, sourcePort);
        InnerPacket.put16(b, 2, destinationPort);
        InnerPacket.put16(b, 4, sequence >>> 16);
        InnerPacket.put16(b, 6, sequence & 0xFFFF);
        InnerPacket.put16(b, 8, acknowledgment >>> 16);
        InnerPacket.put16(b, 10, acknowledgment & 0xFFFF);
        b[12] = (byte) (header / 4 << 4);
        b[13] = (byte) flags;
        InnerPacket.put16(b, 14, window);
        if (mss != 0) {
            b[20] = 2;
            b[21] = 4;
            InnerPacket.put16(b, 22, mss);
        }
        System.arraycopy(payload, 0, b, header, payload.length);
        InnerPacket.put16(b, 16, Checksums.transport(source, destination, InnerPacket.TCP, b, 0, b.length));
        return b;
    }

    /** The segment in an inner packet, its checksum verified; offsets in errors count from the TCP header. */
    static TcpSegment parse(InnerPacket packet) throws MalformedInnerPacketException {
        if (packet.protocol() != InnerPacket.TCP) {
            throw new MalformedInnerPacketException(Reason.BAD_VERSION, 0, "not TCP: protocol " + packet.protocol() + ", expected 6");
        }
        if (packet.isFragment()) {
            throw new MalformedInnerPacketException(Reason.UNSUPPORTED, 0,
                    "unsupported TCP fragment at offset " + packet.fragmentOffset() + ": reassemble the packet first");
        }
        byte[] b = packet.payload();
        InnerReader r = new InnerReader(b);
        r.require(HEADER, "TCP header");
        int sourcePort = r.u16("TCP source port");
        int destinationPort = r.u16("TCP destination port");
        int sequence = r.u32("TCP sequence number");
        int acknowledgment = r.u32("TCP acknowledgment number");
        int dataOffset = (r.u8("TCP data offset") >>> 4) * 4;
        int flags = r.u8("TCP flags");
        int window = r.u16("TCP window");
        int checksum = r.u16("TCP checksum");
        r.skip(2, "TCP urgent pointer");
        if (dataOffset < HEADER) {
            throw new MalformedInnerPacketException(Reason.BAD_LENGTH, 12,
                    "bad TCP data offset at offset 12: " + dataOffset + " bytes is less than the 20-byte header");
        }
        if (Checksums.transport(packet.source(), packet.destination(), InnerPacket.TCP, b, 0, b.length) != 0) {
            byte[] copy = b.clone();
            InnerPacket.put16(copy, 16, 0);
            throw new MalformedInnerPacketException(Reason.BAD_CHECKSUM, 16, String.format("bad TCP checksum at offset 16: 0x%04x, expected 0x%04x",
                    checksum, Checksums.transport(packet.source(), packet.destination(), InnerPacket.TCP, copy, 0, copy.length)));
        }
        InnerReader options = r.fence(0, dataOffset, "TCP header with options");
        int mss = 0;
        while (options.remaining() > 0) {
            int start = options.offset();
            int kind = options.u8("TCP option kind");
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                continue;
            }
            int length = options.u8("TCP option length");
            InnerReader value = options.fence(start, length, "TCP option " + kind);
            if (kind == 2) {
                if (length != 4) {
                    throw new MalformedInnerPacketException(Reason.BAD_LENGTH, start + 1,
                            "bad TCP MSS option length at offset " + (start + 1) + ": " + length + ", expected 4");
                }
                mss = value.u16("TCP MSS");
            }
        }
        return new TcpSegment(sourcePort, destinationPort, sequence, acknowledgment, flags, window, mss, r.rest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpSegment s && s.sourcePort == sourcePort && s.destinationPort == destinationPort && s.sequence == sequence
                && s.acknowledgment == acknowledgment && s.flags == flags && s.window == window && s.mss == mss
                && Arrays.equals(s.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourcePort, destinationPort, sequence, acknowledgment, flags, window, mss, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        StringBuilder f = new StringBuilder();
        String[] names = {"F", "S", "R", "P", "."};
        for (int i = 0; i < names.length; i++) {
            if ((flags & 1 << i) != 0) {
                f.append(names[i]);
            }
        }
        return "TcpSegment[" + sourcePort + " > " + destinationPort + " [" + f + "] seq=" + Integer.toUnsignedString(sequence)
                + " ack=" + Integer.toUnsignedString(acknowledgment) + " win=" + window + (mss != 0 ? " mss=" + mss : "")
                + " " + payload.length + " bytes]";
    }
}
