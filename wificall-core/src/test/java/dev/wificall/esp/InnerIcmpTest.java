package dev.wificall.esp;

import static dev.wificall.esp.InnerPacketTest.HEX;
import static dev.wificall.esp.InnerPacketTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.esp.InnerIcmp.Echo;
import dev.wificall.esp.InnerIcmp.ErrorReport;
import dev.wificall.esp.InnerIcmp.Kind;
import dev.wificall.esp.MalformedInnerPacketException.Reason;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InnerIcmpTest {
    /** Echo request id 0x1234 seq 7 "ping", 10.46.0.2 > 10.46.0.10; tshark reports both checksums good. */
    static final String ECHO4 = "450000201c47400040010a2f0a2e00020a2e000a080006f41234000770696e67";
    /** The same over ICMPv6, fd00:46::2 > fd00:46::10, checksum with the pseudo-header checked by tshark. */
    static final String ECHO6 = "60000000000c3a40fd000046000000000000000000000002fd0000460000000000000000000000108000940d1234000770696e67";

    @Test
    void echoRequestsMatchKnownGoodBytes() throws Exception {
        Echo ping = InnerIcmp.echoRequest(0x1234, 7, "ping".getBytes());
        assertThat(HEX.formatHex(ping.encode(ip("10.46.0.2"), ip("10.46.0.10")))).isEqualTo(ECHO4.substring(40));
        assertThat(HEX.formatHex(ping.packet(ip("fd00:46::2"), ip("fd00:46::10")).encode())).isEqualTo(ECHO6);
        assertThat(InnerIcmp.parse(InnerPacket.parse(HEX.parseHex(ECHO4)))).isEqualTo(ping);
        assertThat(InnerIcmp.parse(InnerPacket.parse(HEX.parseHex(ECHO6)))).isEqualTo(ping);
    }

    @Test
    void repliesRoundTripWithTheirVersionsTypes() throws Exception {
        Echo reply = InnerIcmp.echoRequest(1, 2, new byte[] {3}).toReply();
        byte[] v4 = reply.encode(ip("10.0.0.2"), ip("10.0.0.1"));
        byte[] v6 = reply.encode(ip("2001:db8::2"), ip("2001:db8::1"));
        assertThat(v4[0]).isEqualTo((byte) 0);
        assertThat(Byte.toUnsignedInt(v6[0])).isEqualTo(129);
        assertThat(InnerIcmp.parse(reply.packet(ip("2001:db8::2"), ip("2001:db8::1")))).isEqualTo(reply);
        assertThat(InnerIcmp.parse(reply.packet(ip("10.0.0.2"), ip("10.0.0.1")))).isEqualTo(reply);
    }

    @Test
    void fragmentationNeededKeepsTheMtuAndTheQuotedHeader() throws Exception {
        InnerPacket sent = InnerUdp.packet(new InetSocketAddress("10.46.0.2", 40000), new InetSocketAddress("10.46.0.10", 5060), new byte[1400]);
        InnerPacket error = ErrorReport.tooBig(sent, 1300).packet(ip("192.0.2.1"), ip("10.46.0.2"));
        byte[] wire = error.encode();
        // ICMPv4 3/4: unused(2) then next-hop MTU 1300 = 0x0514, then the IP header and 8 bytes of the datagram
        assertThat(HEX.formatHex(wire, 20, 28)).startsWith("0304").endsWith("00000514");
        assertThat(wire.length).isEqualTo(20 + 8 + 28);
        ErrorReport e = (ErrorReport) InnerIcmp.parse(InnerPacket.parse(wire));
        assertThat(e.kind()).isEqualTo(Kind.FRAGMENTATION_NEEDED);
        assertThat(e.mtu()).isEqualTo(1300);
        assertThat(e.original().source()).isEqualTo(ip("10.46.0.2"));
        assertThat(e.original().destination()).isEqualTo(ip("10.46.0.10"));
        assertThat(e.original().protocol()).isEqualTo(17);
        assertThat(e.original().sourcePort()).isEqualTo(40000);
        assertThat(e.original().destinationPort()).isEqualTo(5060);
        assertThat(e.original().bytes()).isEqualTo(Arrays.copyOf(sent.encode(), 28));
        assertThat(e.original().isAbout(sent)).isTrue();
        InnerPacket other = InnerUdp.packet(new InetSocketAddress("10.46.0.2", 40001), new InetSocketAddress("10.46.0.10", 5060), new byte[1]);
        assertThat(e.original().isAbout(other)).isFalse();
        assertThat(e.toString()).isEqualTo("ErrorReport[FRAGMENTATION_NEEDED type=3 code=4 mtu=1300 about Quoted[IPv4 proto=17 10.46.0.2:40000 > 10.46.0.10:5060]]");
    }

    @Test
    void packetTooBigAndPortUnreachableOverIpv6() throws Exception {
        InnerPacket sent = InnerUdp.packet(new InetSocketAddress("fd00::2", 5060), new InetSocketAddress("fd00::10", 5060), new byte[1400]);
        ErrorReport tooBig = (ErrorReport) InnerIcmp.parse(InnerPacket.parse(
                ErrorReport.tooBig(sent, 1280).packet(ip("fd00::1"), ip("fd00::2")).encode()));
        assertThat(tooBig.kind()).isEqualTo(Kind.PACKET_TOO_BIG);
        assertThat(tooBig.mtu()).isEqualTo(1280);
        assertThat(tooBig.original().bytes()).hasSize(1232);
        assertThat(tooBig.original().isAbout(sent)).isTrue();
        InnerPacket error = ErrorReport.portUnreachable(sent).packet(ip("fd00::10"), ip("fd00::2"));
        assertThat(error.payloadLength()).as("fits the 1280-byte minimum MTU").isEqualTo(1280 - 40);
        ErrorReport unreachable = (ErrorReport) InnerIcmp.parse(InnerPacket.parse(error.encode()));
        assertThat(unreachable.kind()).isEqualTo(Kind.PORT_UNREACHABLE);
        assertThat(unreachable.mtu()).isZero();
        assertThat(unreachable.type(6)).isEqualTo(1);
        assertThat(unreachable.code()).isEqualTo(4);
        assertThat(unreachable.original().destinationPort()).isEqualTo(5060);
    }

    @Test
    void portUnreachableOverIpv4AndOtherMessages() throws Exception {
        InnerPacket sent = InnerUdp.packet(new InetSocketAddress("10.0.0.2", 5060), new InetSocketAddress("10.0.0.9", 5060), new byte[4]);
        ErrorReport e = (ErrorReport) InnerIcmp.parse(ErrorReport.portUnreachable(sent).packet(ip("10.0.0.9"), ip("10.0.0.2")));
        assertThat(e.kind()).isEqualTo(Kind.PORT_UNREACHABLE);
        assertThat(e.original().isAbout(sent)).isTrue();
        InnerIcmp.Other timeExceeded = new InnerIcmp.Other(11, 0, new byte[12]);
        assertThat(InnerIcmp.parse(timeExceeded.packet(ip("10.0.0.1"), ip("10.0.0.2")))).isEqualTo(timeExceeded);
        assertThat(new ErrorReport(4, 3, 13, 0, e.original()).kind()).isEqualTo(Kind.UNREACHABLE);
    }

    @Test
    void malformedMessages() throws Exception {
        byte[] echo = HEX.parseHex(ECHO6.substring(80));
        byte[] bad = echo.clone();
        bad[3] ^= 1;
        assertThatThrownBy(() -> InnerIcmp.parse(InnerPacket.of(ip("fd00:46::2"), ip("fd00:46::10"), 58, bad)))
                .isInstanceOf(MalformedInnerPacketException.class)
                .hasMessage("bad ICMP checksum at offset 2: 0x940c, expected 0x940d");
        // the ICMPv6 checksum covers the addresses: the same bytes from elsewhere are wrong
        assertThatThrownBy(() -> InnerIcmp.parse(InnerPacket.of(ip("fd00:46::3"), ip("fd00:46::10"), 58, echo)))
                .hasMessageStartingWith("bad ICMP checksum at offset 2: 0x940d, expected ");
        assertThatThrownBy(() -> InnerIcmp.parse(InnerPacket.of(ip("fd00:46::2"), ip("fd00:46::10"), 1, echo)))
                .hasMessage("not ICMPv6: protocol 1 in IPv6, expected 58");
        assertThatThrownBy(() -> InnerIcmp.parse(InnerPacket.of(ip("10.0.0.1"), ip("10.0.0.2"), 1, new byte[7])))
                .satisfies(x -> assertThat(((MalformedInnerPacketException) x).reason()).isEqualTo(Reason.TRUNCATED))
                .hasMessage("truncated ICMP header at offset 0: needs 8 bytes but 7 remain");
        // a fragmentation-needed that quotes only 10 bytes of the packet
        byte[] shortQuote = new byte[8 + 10];
        shortQuote[0] = 3;
        shortQuote[1] = 4;
        shortQuote[8] = 0x45;
        int sum = Checksums.of(shortQuote, 0, shortQuote.length);
        shortQuote[2] = (byte) (sum >> 8);
        shortQuote[3] = (byte) sum;
        assertThatThrownBy(() -> InnerIcmp.parse(InnerPacket.of(ip("10.0.0.1"), ip("10.0.0.2"), 1, shortQuote)))
                .hasMessage("truncated ICMP error at offset 8: quotes 10 bytes, less than the 20-byte IPv4 header of the packet it is about");
    }
}
