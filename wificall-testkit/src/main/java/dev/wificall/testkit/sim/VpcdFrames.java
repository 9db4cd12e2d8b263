package dev.wificall.testkit.sim;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * vpcd's framing: a 2-byte big-endian length, then that many bytes. The length is at most 65535,
 * so a message never needs more than that much memory, and every read has a deadline.
 */
final class VpcdFrames {

    static final int MAX_LENGTH = 0xFFFF;

    private VpcdFrames() {
    }

    /**
     * Reads one message: the first byte may take up to {@code idle} (vpcd speaks when it wants), the
     * rest of the message must follow within {@code timeout}.
     *
     * @throws EOFException when vpcd closes the connection, also in the middle of a message
     * @throws SocketTimeoutException when a deadline passes
     */
    static byte[] read(Socket socket, InputStream in, Duration idle, Duration timeout) throws IOException {
        quickAck(socket);
        socket.setSoTimeout(millis(idle.toNanos()));
        int high = in.read();
        if (high < 0) {
            throw new EOFException("vpcd closed the connection");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int low = readFully(socket, in, 1, deadline, "the length")[0] & 0xff;
        return readFully(socket, in, high << 8 | low, deadline, "a " + (high << 8 | low) + "-byte message");
    }

    /** Writes one message, length and payload in one write. */
    static void write(OutputStream out, byte[] payload) throws IOException {
        if (payload.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a vpcd message holds at most 65535 bytes; got " + payload.length);
        }
        byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte) (payload.length >> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame);
        out.flush();
    }

    private static byte[] readFully(Socket socket, InputStream in, int n, long deadline, String what) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("vpcd sent " + off + " of " + n + " bytes of " + what + " in time");
            }
            socket.setSoTimeout(millis(left));
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException("vpcd closed the connection after " + off + " of " + n + " bytes of " + what);
            }
            off += r;
        }
        return b;
    }

    /**
     * vpcd 3.3 sends the length and the payload in two writes: with Nagle's algorithm on its side the
     * payload waits for our ACK of the length, which Linux delays by up to 40 ms per message. An
     * immediate ACK (TCP_QUICKACK, which Linux clears again after a while, hence before every read)
     * takes a SELECT from ~45 ms to under one.
     */
    private static void quickAck(Socket socket) throws IOException {
        if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
            socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        }
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
    }
}
