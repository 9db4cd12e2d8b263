package dev.wificall.testkit;

import java.time.Duration;
import java.util.List;

/**
 * A datagram to send back to the request's sender, now or after {@code delay}; {@code before} goes
 * out first, at the same moment (a flooding responder's noise).
 */
record Reply(byte[] datagram, Duration delay, List<byte[]> before) {

    static Reply now(byte[] datagram) {
        return new Reply(datagram, Duration.ZERO, List.of());
    }

    Reply later(Duration more) {
        return new Reply(datagram, delay.plus(more), before);
    }

    Reply after(List<byte[]> noise) {
        return new Reply(datagram, delay, noise);
    }
}
