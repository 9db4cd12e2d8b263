package dev.wificall.ike;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** NAT_DETECTION_*_IP data (RFC 7296 §2.23): SHA-1(SPIi | SPIr | IP address | port). */
final class NatDetection {
    static final int HASH_LENGTH = 20;

    /** The last search: a caller that describes one answer several times pays for it once. */
    private record Search(List<byte[]> hashes, long initiatorSpi, long responderSpi, InetAddress address, OptionalInt port) {
        boolean same(List<byte[]> h, long spiI, long spiR, InetAddress a) {
            if (spiI != initiatorSpi || spiR != responderSpi || !a.equals(address) || h.size() != hashes.size()) {
                return false;
            }
            for (int i = 0; i < h.size(); i++) {
                if (!Arrays.equals(h.get(i), hashes.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static volatile Search last;

    private NatDetection() {
    }

    static byte[] hash(long initiatorSpi, long responderSpi, InetSocketAddress endpoint) {
        return sha1().digest(input(initiatorSpi, responderSpi, endpoint.getAddress(), endpoint.getPort()));
    }

    /**
     * The port that, with {@code address}, gives one of {@code hashes}: the port a NAT mapped us to
     * when it kept our address. One digest object and one input buffer serve all 65536 tries.
     */
    static OptionalInt portFor(List<byte[]> hashes, long initiatorSpi, long responderSpi, InetAddress address) {
        Search previous = last;
        if (previous != null && previous.same(hashes, initiatorSpi, responderSpi, address)) {
            return previous.port();
        }
        List<byte[]> copies = hashes.stream().map(byte[]::clone).toList();
        OptionalInt port = search(copies, initiatorSpi, responderSpi, address);
        last = new Search(copies, initiatorSpi, responderSpi, address, port);
        return port;
    }

    private static OptionalInt search(List<byte[]> hashes, long initiatorSpi, long responderSpi, InetAddress address) {
        MessageDigest sha1 = sha1();
        byte[] input = input(initiatorSpi, responderSpi, address, 0);
        byte[] out = new byte[HASH_LENGTH];
        int last = input.length - 2;
        try {
            for (int port = 0; port <= 0xFFFF; port++) {
                input[last] = (byte) (port >>> 8);
                input[last + 1] = (byte) port;
                sha1.update(input);
                sha1.digest(out, 0, HASH_LENGTH);
                for (byte[] h : hashes) {
                    if (MessageDigest.isEqual(out, h)) {
                        return OptionalInt.of(port);
                    }
                }
            }
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 digest into a 20-byte buffer failed", e);
        }
        return OptionalInt.empty();
    }

    private static byte[] input(long initiatorSpi, long responderSpi, InetAddress address, int port) {
        byte[] ip = address.getAddress();
        return ByteBuffer.allocate(16 + ip.length + 2)
                .putLong(initiatorSpi).putLong(responderSpi).put(ip).putShort((short) port).array();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
