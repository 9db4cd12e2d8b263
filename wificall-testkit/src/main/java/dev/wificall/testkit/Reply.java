package dev.wificall.testkit;

import java.time.Duration;

/** A datagram to send back to the request's sender, now or after {@code delay}. */
record Reply(byte[] datagram, Duration delay) {

    static Reply now(byte[] datagram) {
        return new Reply(datagram, Duration.ZERO);
    }

    Reply later(Duration more) {
        return new Reply(datagram, delay.plus(more));
    }
}
