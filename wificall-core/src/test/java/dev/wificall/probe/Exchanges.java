package dev.wificall.probe;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Real probes on loopback against {@link EmbeddedResponder}, for tests outside this package that need
 * transcripts as the probe records them (the HTML report's ladder diagrams). No jitter and no broad
 * re-check, so a silent port gets exactly 4 requests: at 0, 60, 180 and 420 ms, then the deadline at 700.
 */
public final class Exchanges {
    public static final Duration WAIT = Duration.ofMillis(60);
    public static final Duration DEADLINE = Duration.ofMillis(700);
    private static final ProbeSettings SETTINGS = new ProbeSettings(WAIT, DEADLINE).withJitter(0).withBroadRecheck(false);

    private Exchanges() {
    }

    private interface Choice {
        EmbeddedResponder.Behaviour of(EmbeddedResponder r) throws IOException;
    }

    private static PortResult probe(IkePort port, Choice behaviour) throws IOException {
        try (EmbeddedResponder r = new EmbeddedResponder(port.nonEspMarker(), null)) {
            r.behaviour(behaviour.of(r));
            return new IkeProbe(SETTINGS).probe(r.address(), port);
        }
    }

    /** Accepted at once. */
    public static PortResult answered(IkePort port) throws IOException {
        return probe(port, EmbeddedResponder::accepting);
    }

    /** Every request dropped: the first and 3 retransmissions, then the deadline. */
    public static PortResult silent(IkePort port) throws IOException {
        return probe(port, r -> EmbeddedResponder.SILENT);
    }

    /** COOKIE, then accepted when the request carries it. */
    public static PortResult cookie(IkePort port) throws IOException {
        return probe(port, EmbeddedResponder::cookieFirst);
    }

    /** INVALID_KE_PAYLOAD asking for {@code group}, then accepted with a KE for it. */
    public static PortResult invalidKe(IkePort port, int group) throws IOException {
        return probe(port, r -> r.wantsGroup(group));
    }

    /** The first request lost, its retransmission answered with INVALID_KE_PAYLOAD for {@code group}, then accepted. */
    public static PortResult lostThenInvalidKe(IkePort port, int group) throws IOException {
        return probe(port, r -> r.fromNth(2, r.wantsGroup(group)));
    }

    /** NO_PROPOSAL_CHOSEN. */
    public static PortResult noProposalChosen(IkePort port) throws IOException {
        return probe(port, EmbeddedResponder::noProposalChosen);
    }

    /** A loopback port nobody listens on: ICMP port unreachable. */
    public static PortResult refused(IkePort port) throws IOException {
        int closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closed = s.getLocalPort();
        }
        return new IkeProbe(SETTINGS).probe(new InetSocketAddress(InetAddress.getLoopbackAddress(), closed), port);
    }
}
