package dev.wificall.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {
    static final ProbeSettings FAST = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600));

    @Test
    void aCookieExchangeReadsInTheOrderItHappened() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.cookieFirst());

            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            Transcript t = result.transcript();
            String us = dev.wificall.dns.AddressText.of(result.source().address());
            String them = dev.wificall.dns.AddressText.of(responder.address());
            assertThat(t.header()).isEqualTo("UDP/500 probe of " + them + " from " + us + " (ephemeral port)");
            List<String> lines = t.text().lines().toList();
            assertThat(lines.get(0)).isEqualTo(t.header());
            String spi = String.format("0x%016x", result.request().spi());
            assertThat(lines.get(1)).matches("  \\+0\\.00\\d s  " + us + " > " + them + "  \\d+ bytes  IKE_SA_INIT request,"
                    + " phone proposal, SPIi " + spi + ", KE DH group \\d+");
            assertThat(lines.get(2)).contains(them + " > " + us + "  52 bytes  response to the phone request: COOKIE requested"
                    + " (16-byte cookie)");
            assertThat(lines.get(3)).contains("note: resending with the 16-byte cookie as first payload (cookie round 1 of at"
                    + " most 2)");
            assertThat(lines.get(4)).contains("IKE_SA_INIT request, phone proposal, SPIi " + spi).endsWith(", 16-byte cookie first");
            assertThat(lines.get(5)).contains("response to the phone request: IKE_SA_INIT response (");
            assertThat(lines).hasSize(6);

            List<byte[]> datagrams = t.datagrams();
            assertThat(datagrams).hasSize(4);
            assertThat(datagrams.get(0)).isEqualTo(responder.received.get(0).bytes());
            assertThat(datagrams.get(2)).isEqualTo(responder.received.get(1).bytes());
            assertThat(t.entries()).extracting(Transcript.Entry::kind).containsExactly(Transcript.Kind.SENT,
                    Transcript.Kind.RECEIVED, Transcript.Kind.NOTE, Transcript.Kind.SENT, Transcript.Kind.RECEIVED);
            assertThat(t.entries()).extracting(Transcript.Entry::at).isSorted();
        }
    }

    @Test
    void silenceEndsWithTheTimeout() throws Exception {
        try (EmbeddedResponder responder = new EmbeddedResponder(false, EmbeddedResponder.SILENT)) {

            PortResult result = new IkeProbe(FAST.withBroadRecheck(false)).probe(responder.address(), IkePort.UDP_500);

            List<Transcript.Entry> entries = result.transcript().entries();
            assertThat(entries).extracting(Transcript.Entry::kind).containsExactly(Transcript.Kind.SENT,
                    Transcript.Kind.SENT, Transcript.Kind.SENT, Transcript.Kind.TIMEOUT);
            assertThat(entries.get(2).summary()).endsWith(", retransmission 2");
            assertThat(entries.get(3).line()).matches("\\+0\\.6\\d\\d s  timeout: deadline");
        }
    }

    @Test
    void entriesCannotBeChangedFromOutside() {
        byte[] bytes = {1, 2, 3};
        Transcript.Entry e = new Transcript.Entry(Duration.ZERO, Transcript.Kind.SENT, null, null, 3, "x", bytes);
        bytes[0] = 9;
        e.datagram()[1] = 9;

        assertThat(e.datagram()).containsExactly(1, 2, 3);
    }
}
