package dev.wificall.testkit;

import java.time.Duration;
import java.util.List;

/**
 * A datagram to send back to the request's sender, now or after {@code delay}; {@code before} goes
 * out first, at the same moment (a flooding responder's noise, or the first fragments of an answer).
 * {@code otherPort}: sent from the simulator's other socket, so its source port is not the one the
 * request went to.
 */
record Reply(byte[] datagram, Duration delay, List<byte[]> before, boolean otherPort) {

    static Reply now(byte[] datagram) {
        return new Reply(datagram, Duration.ZERO, List.of(), false);
    }

    /** {@code datagrams} in order, the last one as the datagram. */
    static Reply all(List<byte[]> datagrams) {
        return new Reply(datagrams.get(datagrams.size() - 1), Duration.ZERO, List.copyOf(datagrams.subList(0, datagrams.size() - 1)),
                false);
    }

    Reply later(Duration more) {
        return new Reply(datagram, delay.plus(more), before, otherPort);
    }

    Reply after(List<byte[]> noise) {
        List<byte[]> first = new java.util.ArrayList<>(noise);
        first.addAll(before);
        return new Reply(datagram, delay, first, otherPort);
    }

    Reply fromOtherPort() {
        return new Reply(datagram, delay, before, true);
    }
}
