package dev.wificall.esp;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The internet checksum (RFC 1071) and the pseudo-headers of UDP, TCP and ICMPv6 (RFC 768, RFC 9293
 * §3.1, RFC 8200 §8.1). Sums are kept unfolded in a long and folded once at the end.
 */
final class Checksums {

    private Checksums() {
    }

    /** Adds {@code data[offset, offset+length)} as 16-bit big-endian words (an odd last byte padded with zero). */
    static long add(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += Byte.toUnsignedInt(data[i]) << 8 | Byte.toUnsignedInt(data[i + 1]);
        }
        if (i < end) {
            sum += Byte.toUnsignedInt(data[i]) << 8;
        }
        return sum;
    }

    /** The one's-complement of the folded sum: the value for a checksum field, or 0 when a received checksum is right. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** The checksum of a whole header, e.g. the IPv4 header with its checksum field zero (to fill) or as received (to verify). */
    static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }

    /** The pseudo-header's sum for a transport message of {@code length} bytes of {@code protocol} between two addresses. */
    static long pseudoHeader(InetAddress source, InetAddress destination, int protocol, int length) {
        byte[] s = source.getAddress();
        byte[] d = destination.getAddress();
        long sum = add(add(0, s, 0, s.length), d, 0, d.length);
        if (source instanceof Inet4Address) {
            // RFC 768: zero, protocol, 16-bit length
            return sum + protocol + length;
        }
        // RFC 8200 §8.1: 32-bit upper-layer length, three zero bytes, next header
        return sum + (length >>> 16) + (length & 0xFFFF) + protocol;
    }

    /** The checksum of a transport message (its checksum field zero to fill, as received to verify) with its pseudo-header. */
    static int transport(InetAddress source, InetAddress destination, int protocol, byte[] message, int offset, int length) {
        return finish(add(pseudoHeader(source, destination, protocol, length), message, offset, length));
    }
}
