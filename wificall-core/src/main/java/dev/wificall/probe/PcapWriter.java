package dev.wificall.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the datagrams of probe transcripts as a classic pcap file that Wireshark and tshark read:
 * LINKTYPE_RAW (101), each datagram inside a synthesized IPv4 or IPv6 header and UDP header with
 * correct lengths and checksums, the IKE bytes exactly as sent or received (the non-ESP marker on
 * UDP/4500 included), in time order. ICMP errors, timeouts and decisions stay in the transcript
 * text: the kernel reported them, no packet of ours carried them.
 */
public final class PcapWriter {
    static final int MAGIC = 0xa1b2c3d4;
    static final int LINKTYPE_RAW = 101;
    static final int SNAPLEN = 262_144;
    private static final int TTL = 64;
    private static final int UDP = 17;

    private PcapWriter() {
    }

    public static void write(Path file, List<Transcript> transcripts) throws IOException {
        Files.write(file, toBytes(transcripts));
    }

    public static void write(OutputStream out, List<Transcript> transcripts) throws IOException {
        out.write(toBytes(transcripts));
    }

    public static byte[] toBytes(List<Transcript> transcripts) {
        record Packet(Instant at, Transcript.Entry entry) {
        }
        List<Packet> packets = new ArrayList<>();
        for (Transcript t : transcripts) {
            for (Transcript.Entry e : t.entries()) {
                if (e.isDatagram()) {
                    packets.add(new Packet(t.started().plus(e.at()), e));
                }
            }
        }
        packets.sort(Comparator.comparing(Packet::at));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fileHeader());
        int id = 1;
        for (Packet p : packets) {
            byte[] ip = ipPacket(p.entry().from(), p.entry().to(), p.entry().datagram(), id++);
            out.writeBytes(recordHeader(p.at(), ip.length));
            out.writeBytes(ip);
        }
        return out.toByteArray();
    }

    // pcap headers are in the writer's byte order, announced by the magic number; little-endian here
    private static byte[] fileHeader() {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_RAW).array();
    }

    private static byte[] recordHeader(Instant at, int length) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt((int) at.getEpochSecond())
                .putInt(at.getNano() / 1000).putInt(length).putInt(length).array();
    }

    /** An IPv4 or IPv6 packet carrying {@code payload} in UDP from {@code from} to {@code to}; network byte order. */
    static byte[] ipPacket(InetSocketAddress from, InetSocketAddress to, byte[] payload, int id) {
        byte[] src = from.getAddress().getAddress();
        byte[] dst = to.getAddress().getAddress();
        if (src.length != dst.length) {
            throw new IllegalArgumentException("datagram from " + from + " to " + to + " mixes IPv4 and IPv6");
        }
        int udpLength = 8 + payload.length;
        ByteBuffer udp = ByteBuffer.allocate(udpLength).putShort((short) from.getPort()).putShort((short) to.getPort())
                .putShort((short) udpLength).putShort((short) 0).put(payload);
        udp.putShort(6, (short) udpChecksum(src, dst, udp.array()));
        if (from.getAddress() instanceof Inet4Address) {
            ByteBuffer ip = ByteBuffer.allocate(20 + udpLength);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)).putShort((short) id)
                    .putShort((short) 0x4000) // don't fragment, as the kernel sends small datagrams
                    .put((byte) TTL).put((byte) UDP).putShort((short) 0).put(src).put(dst);
            ip.putShort(10, (short) checksum(ip.array(), 0, 20, 0));
            return ip.put(udp.array()).array();
        }
        ByteBuffer ip = ByteBuffer.allocate(40 + udpLength);
        ip.putInt(0x6000_0000).putShort((short) udpLength).put((byte) UDP).put((byte) TTL).put(src).put(dst).put(udp.array());
        return ip.array();
    }

    /** UDP checksum over the pseudo-header (RFC 768, RFC 8200 §8.1); 0 is sent as 0xffff. */
    static int udpChecksum(byte[] src, byte[] dst, byte[] udp) {
        long sum = sum(src, 0, src.length) + sum(dst, 0, dst.length) + UDP + udp.length;
        int c = checksum(udp, 0, udp.length, sum);
        return c == 0 ? 0xffff : c;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes plus {@code initial}. */
    static int checksum(byte[] b, int offset, int length, long initial) {
        long sum = initial + sum(b, offset, length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long sum(byte[] b, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = Byte.toUnsignedInt(b[offset + i]) << 8;
            sum += i + 1 < length ? hi | Byte.toUnsignedInt(b[offset + i + 1]) : hi;
        }
        return sum;
    }
}
