package dev.wificall.esp;

import static dev.wificall.esp.InnerPacketTest.HEX;
import static dev.wificall.esp.InnerPacketTest.UDP4;
import static dev.wificall.esp.InnerPacketTest.UDP6;
import static dev.wificall.esp.InnerPacketTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.esp.MalformedInnerPacketException.Reason;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InnerUdpTest {

    static void rejects(InnerPacket packet, Reason reason, int offset, String message) {
        assertThatThrownBy(() -> InnerUdp.parse(packet))
                .isInstanceOf(MalformedInnerPacketException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MalformedInnerPacketException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(((MalformedInnerPacketException) e).offset()).isEqualTo(offset));
    }

    @Test
    void encodesTheKnownGoodChecksumsForBothVersions() throws Exception {
        InnerUdp udp = new InnerUdp(5060, 5060, "wificall\r\n".getBytes());
        assertThat(HEX.formatHex(udp.encode(ip("10.46.0.2"), ip("10.46.0.10")))).isEqualTo(UDP4.substring(40));
        assertThat(HEX.formatHex(udp.encode(ip("fd00:46::2"), ip("fd00:46::10")))).isEqualTo(UDP6.substring(80));
        InnerPacket p = InnerUdp.packet(new InetSocketAddress("fd00:46::2", 5060), new InetSocketAddress("fd00:46::10", 5060),
                "wificall\r\n".getBytes());
        assertThat(HEX.formatHex(p.encode())).isEqualTo(UDP6);
    }

    @Test
    void parsesAndRoundTrips() throws Exception {
        InnerUdp udp = InnerUdp.parse(InnerPacket.parse(HEX.parseHex(UDP4)));
        assertThat(udp).isEqualTo(new InnerUdp(5060, 5060, "wificall\r\n".getBytes()));
        InnerPacket v6 = InnerUdp.packet(new InetSocketAddress("2001:db8::1", 40000), new InetSocketAddress("2001:db8::2", 53), new byte[300]);
        assertThat(InnerUdp.parse(InnerPacket.parse(v6.encode()))).isEqualTo(new InnerUdp(40000, 53, new byte[300]));
    }

    @Test
    void aComputedZeroIsSentAsAllOnes() throws Exception {
        // payload chosen so that the sum comes out 0xffff, whose complement 0 must go out as 0xffff
        InnerUdp probe = new InnerUdp(1, 1, new byte[2]);
        byte[] b = probe.encode(ip("10.0.0.1"), ip("10.0.0.2"));
        int sum = (Byte.toUnsignedInt(b[6]) << 8 | Byte.toUnsignedInt(b[7]));
        // put the checksum's complement into the payload so the total becomes 0xffff: checksum 0 > sent as 0xffff
        int fix = (~sum) & 0xFFFF;
        int comp = (~fix) & 0xFFFF;
        InnerUdp zero = new InnerUdp(1, 1, new byte[] {(byte) (comp >> 8), (byte) comp});
        byte[] z = zero.encode(ip("10.0.0.1"), ip("10.0.0.2"));
        assertThat(HEX.formatHex(z, 6, 8)).isEqualTo("ffff");
        assertThat(InnerUdp.parse(InnerPacket.of(ip("10.0.0.1"), ip("10.0.0.2"), 17, z))).isEqualTo(zero);
    }

    @Test
    void checksumZeroIsNoneOverIpv4AndAnErrorOverIpv6() throws Exception {
        byte[] v4 = HEX.parseHex(UDP4.substring(40));
        v4[6] = 0;
        v4[7] = 0;
        assertThat(InnerUdp.parse(InnerPacket.of(ip("10.46.0.2"), ip("10.46.0.10"), 17, v4)).payload()).isEqualTo("wificall\r\n".getBytes());
        byte[] v6 = HEX.parseHex(UDP6.substring(80));
        v6[6] = 0;
        v6[7] = 0;
        rejects(InnerPacket.of(ip("fd00:46::2"), ip("fd00:46::10"), 17, v6), Reason.BAD_CHECKSUM, 6,
                "bad UDP checksum at offset 6: 0 over IPv6, where the checksum is mandatory");
    }

    @Test
    void malformedDatagrams() throws Exception {
        byte[] good = HEX.parseHex(UDP4.substring(40));
        byte[] badSum = good.clone();
        badSum[7] ^= 0x10;
        rejects(InnerPacket.of(ip("10.46.0.2"), ip("10.46.0.10"), 17, badSum), Reason.BAD_CHECKSUM, 6,
                "bad UDP checksum at offset 6: 0x0920, expected 0x0930");
        // the same bytes from another source: the pseudo-header no longer adds up
        assertThatThrownBy(() -> InnerUdp.parse(InnerPacket.of(ip("10.46.0.3"), ip("10.46.0.10"), 17, good)))
                .hasMessageStartingWith("bad UDP checksum at offset 6: 0x0930, expected ");
        rejects(InnerPacket.of(ip("10.46.0.2"), ip("10.46.0.10"), 17, Arrays.copyOf(good, 7)), Reason.TRUNCATED, 0,
                "truncated UDP header at offset 0: needs 8 bytes but 7 remain");
        byte[] longer = good.clone();
        longer[5] = 40;
        rejects(InnerPacket.of(ip("10.46.0.2"), ip("10.46.0.10"), 17, longer), Reason.TRUNCATED, 0,
                "truncated UDP datagram at offset 0: length 40 but 18 bytes remain");
        byte[] shorter = good.clone();
        shorter[5] = 7;
        rejects(InnerPacket.of(ip("10.46.0.2"), ip("10.46.0.10"), 17, shorter), Reason.BAD_LENGTH, 4,
                "bad UDP length at offset 4: 7 is less than its 8-byte header");
        rejects(InnerPacket.of(ip("10.46.0.2"), ip("10.46.0.10"), 6, good), Reason.BAD_VERSION, 0, "not UDP: protocol 6, expected 17");
        rejects(new InnerPacket(4, ip("10.46.0.2"), ip("10.46.0.10"), 17, 64, false, 7, 0, true, good), Reason.UNSUPPORTED, 0,
                "unsupported UDP fragment at offset 0: reassemble the packet first");
    }
}
