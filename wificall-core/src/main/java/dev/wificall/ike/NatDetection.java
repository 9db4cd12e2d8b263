package dev.wificall.ike;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** NAT_DETECTION_*_IP data (RFC 7296 §2.23): SHA-1(SPIi | SPIr | IP address | port). */
final class NatDetection {
    private NatDetection() {
    }

    static byte[] hash(long initiatorSpi, long responderSpi, InetSocketAddress endpoint) {
        byte[] ip = endpoint.getAddress().getAddress();
        ByteBuffer input = ByteBuffer.allocate(16 + ip.length + 2)
                .putLong(initiatorSpi).putLong(responderSpi).put(ip).putShort((short) endpoint.getPort());
        try {
            return MessageDigest.getInstance("SHA-1").digest(input.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
