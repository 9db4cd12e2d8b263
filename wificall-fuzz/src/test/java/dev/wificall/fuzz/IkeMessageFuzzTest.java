package dev.wificall.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.MalformedIkeException;
import java.util.Arrays;

/**
 * The IKE message decoder over arbitrary datagrams: {@link MalformedIkeException} is the only way it
 * may refuse one. A message it accepts must describe itself and survive its own encoding.
 */
class IkeMessageFuzzTest {

    /** {@link IkeMessage#decode(byte[])}: a UDP/500 datagram. Seeds: the lab's captures and our requests. */
    @FuzzTest
    void decode(byte[] datagram) {
        IkeMessage m;
        try {
            m = IkeMessage.decode(datagram);
        } catch (MalformedIkeException e) {
            Fuzzing.checkMalformed(e, datagram.length);
            return;
        }
        Fuzzing.checkDecoded(m);
    }

    /**
     * {@link IkeMessage#decode(byte[], int, boolean)} as the engine calls it: the datagram at the start of
     * a larger receive buffer, with the non-ESP marker (UDP/4500) or without. Bytes after {@code length}
     * must not change the outcome.
     */
    @FuzzTest
    void decodeDatagram(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean marker = (input[0] & 1) != 0;
        byte[] datagram = Arrays.copyOfRange(input, 1, input.length);
        byte[] buffer = Arrays.copyOf(datagram, datagram.length + 64);
        Arrays.fill(buffer, datagram.length, buffer.length, (byte) 0xA5);
        String exact = outcome(datagram, datagram.length, marker);
        String buffered = outcome(buffer, datagram.length, marker);
        assertThat(buffered).as("the bytes after the datagram in its buffer changed the outcome").isEqualTo(exact);
    }

    private static String outcome(byte[] buffer, int length, boolean marker) {
        try {
            IkeMessage m = IkeMessage.decode(buffer, length, marker);
            Fuzzing.checkDecoded(m);
            return m.describe() + " " + Fuzzing.hex(m.encode());
        } catch (MalformedIkeException e) {
            Fuzzing.checkMalformed(e, length);
            return e.reason() + "@" + e.offset() + ": " + e.getMessage();
        }
    }
}
