package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.NatStatus.Local;
import dev.wificall.ike.NatStatus.Responder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NatStatusTest {
    private static final long SPI_R = 0x1122334455667788L;
    private final SaInitRequest request = IkeMessageTest.fixedRequest();

    /** SHA-1(SPIi | SPIr | IP | port), computed here byte by byte, independently of the codec. */
    private static byte[] hash(long spiI, long spiR, String ip, int port) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha1.update((byte) (spiI >>> shift));
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha1.update((byte) (spiR >>> shift));
        }
        sha1.update(InetAddress.getByName(ip).getAddress());
        sha1.update((byte) (port >> 8));
        sha1.update((byte) port);
        return sha1.digest();
    }

    private NatStatus status(SaInitRequest req, List<byte[]> sources, List<byte[]> destinations) {
        List<IkePayload> payloads = new ArrayList<>();
        sources.forEach(h -> payloads.add(Notify.of(Notify.NAT_DETECTION_SOURCE_IP, h)));
        destinations.forEach(h -> payloads.add(Notify.of(Notify.NAT_DETECTION_DESTINATION_IP, h)));
        IkeMessage m = new IkeMessage(req.spi(), SPI_R, 0x20, 34, IkeMessage.FLAG_RESPONSE, 0, payloads);
        return new SaInitResponse(m, 100).natStatus(req);
    }

    private byte[] responder() throws Exception {
        return hash(request.spi(), SPI_R, "198.51.100.7", 500);
    }

    @Test
    void bothHashesMatch() throws Exception {
        NatStatus s = status(request, List.of(responder()), List.of(hash(request.spi(), SPI_R, "192.0.2.1", 50000)));

        assertThat(s).isEqualTo(new NatStatus(Local.UNCHANGED, OptionalInt.empty(), Responder.MATCHES));
        assertThat(s.none()).isTrue();
        assertThat(s.localTranslated()).isFalse();
        assertThat(s.describe(request)).isEqualTo("no NAT");
    }

    @Test
    void aNatThatKeptOurAddressButRewroteThePort() throws Exception {
        NatStatus s = status(request, List.of(responder()), List.of(hash(request.spi(), SPI_R, "192.0.2.1", 4500)));

        assertThat(s.local()).isEqualTo(Local.PORT_REWRITTEN);
        assertThat(s.portSeen()).hasValue(4500);
        assertThat(s.localTranslated()).isTrue();
        assertThat(s.none()).isFalse();
        assertThat(s.describe(request)).isEqualTo("NAT on our side: the responder saw 192.0.2.1 with port 4500, not 50000");
    }

    @Test
    void portZeroAndTheLastPortAreFound() throws Exception {
        assertThat(status(request, List.of(), List.of(hash(request.spi(), SPI_R, "192.0.2.1", 0))).portSeen()).hasValue(0);
        assertThat(status(request, List.of(), List.of(hash(request.spi(), SPI_R, "192.0.2.1", 65535))).portSeen())
                .hasValue(65535);
    }

    @Test
    void aNatThatTranslatedOurAddress() throws Exception {
        long start = System.nanoTime();
        NatStatus s = status(request, List.of(responder()), List.of(hash(request.spi(), SPI_R, "203.0.113.9", 50000)));
        long micros = (System.nanoTime() - start) / 1000;

        assertThat(s).isEqualTo(new NatStatus(Local.ADDRESS_TRANSLATED, OptionalInt.empty(), Responder.MATCHES));
        assertThat(s.describe(request)).isEqualTo("NAT on our side: the responder saw another address than 192.0.2.1:50000");
        // all 65536 ports were tried; a few ms on a laptop, generous here for a loaded CI machine
        System.out.println("NAT port search over 65536 ports: " + micros + " us");
        assertThat(micros).isLessThan(2_000_000);
    }

    @Test
    void ipv6PortRewriteIsFoundToo() throws Exception {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 40000);
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName("2001:db8:ffff::2"), 500);
        SaInitRequest v6 = new SaInitRequest(7, request.proposals(), DhGroup.ECP_256, new byte[64], new byte[32],
                new byte[0], local, remote);

        NatStatus s = status(v6, List.of(hash(7, SPI_R, "2001:db8:ffff::2", 500)), List.of(hash(7, SPI_R, "2001:db8::1", 1025)));

        assertThat(s).isEqualTo(new NatStatus(Local.PORT_REWRITTEN, OptionalInt.of(1025), Responder.MATCHES));
        assertThat(s.describe(v6)).isEqualTo("NAT on our side: the responder saw 2001:db8::1 with port 1025, not 40000");
    }

    @Test
    void aResponderWhoseOwnHashDoesNotMatch() throws Exception {
        NatStatus s = status(request, List.of(new byte[20]), List.of(hash(request.spi(), SPI_R, "192.0.2.1", 50000)));

        assertThat(s).isEqualTo(new NatStatus(Local.UNCHANGED, OptionalInt.empty(), Responder.MISMATCH));
        assertThat(s.responderMismatch()).isTrue();
        assertThat(s.describe(request)).isEqualTo("responder's NAT_DETECTION_SOURCE_IP is not the hash of 198.51.100.7:500:"
                + " it sits behind a NAT or forces UDP encapsulation");
    }

    @Test
    void oneOfSeveralResponderHashesMayMatch() throws Exception {
        NatStatus s = status(request, List.of(hash(request.spi(), SPI_R, "198.51.100.8", 500), responder()),
                List.of(hash(request.spi(), SPI_R, "192.0.2.1", 50000)));

        assertThat(s.none()).isTrue();
    }

    @Test
    void bothSidesAtOnce() throws Exception {
        NatStatus s = status(request, List.of(new byte[20]), List.of(hash(request.spi(), SPI_R, "192.0.2.1", 1024)));

        assertThat(s).isEqualTo(new NatStatus(Local.PORT_REWRITTEN, OptionalInt.of(1024), Responder.MISMATCH));
        assertThat(s.describe(request)).isEqualTo("NAT on our side: the responder saw 192.0.2.1 with port 1024, not 50000; "
                + "responder's NAT_DETECTION_SOURCE_IP is not the hash of 198.51.100.7:500: it sits behind a NAT or forces"
                + " UDP encapsulation");
    }

    @Test
    void hashesWithAnotherSpiDoNotCount() throws Exception {
        // hashed with SPIr 0 as in the request: a responder that copied ours, not one that computed its own
        NatStatus s = status(request, List.of(hash(request.spi(), 0, "198.51.100.7", 500)),
                List.of(hash(request.spi(), 0, "192.0.2.1", 50000)));

        assertThat(s.local()).isEqualTo(Local.ADDRESS_TRANSLATED);
        assertThat(s.responder()).isEqualTo(Responder.MISMATCH);
    }

    @Test
    void withoutNatDetectionNothingIsSupported() throws Exception {
        assertThat(status(request, List.of(), List.of()).notSupported()).isTrue();
        assertThat(status(request, List.of(), List.of()).describe(request)).isEqualTo("no NAT detection in the answer");
        NatStatus half = status(request, List.of(responder()), List.of());
        assertThat(half).isEqualTo(new NatStatus(Local.NOT_SUPPORTED, OptionalInt.empty(), Responder.MATCHES));
        assertThat(half.describe(request)).isEqualTo("no NAT_DETECTION_DESTINATION_IP in the answer");
        assertThat(status(request, List.of(), List.of(hash(request.spi(), SPI_R, "192.0.2.1", 50000))).describe(request))
                .isEqualTo("no NAT_DETECTION_SOURCE_IP in the answer");
    }

    @Test
    void aPortBelongsToAPortRewriteOnly() {
        assertThatThrownBy(() -> new NatStatus(Local.UNCHANGED, OptionalInt.of(1), Responder.MATCHES))
                .hasMessage("a port seen belongs to PORT_REWRITTEN and only to it, not to UNCHANGED");
        assertThatThrownBy(() -> new NatStatus(Local.PORT_REWRITTEN, OptionalInt.empty(), Responder.MATCHES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
