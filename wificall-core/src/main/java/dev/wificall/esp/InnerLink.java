package dev.wificall.esp;

import java.io.IOException;
import java.util.Optional;

/**
 * Inner IP packets (IPv4 or IPv6, whole, with their headers) to and from the far side of a tunnel:
 * the ESP tunnel to an ePDG, or a test's embedded peer. Blocking; one caller at a time.
 */
public interface InnerLink {

    /** Sends one inner IP packet. */
    void send(byte[] ipPacket) throws IOException;

    /**
     * The next inner IP packet that arrives before {@code deadlineNanos} (a {@link System#nanoTime()}
     * value), or empty when none did by then.
     */
    Optional<byte[]> receive(long deadlineNanos) throws IOException;
}
