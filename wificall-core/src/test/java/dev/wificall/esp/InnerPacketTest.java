package dev.wificall.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.esp.MalformedInnerPacketException.Reason;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InnerPacketTest {
    static final HexFormat HEX = HexFormat.of();
    /** 10.46.0.2:5060 > 10.46.0.10:5060 UDP "wificall\r\n", id 0x1c46, DF; tshark 3.x/4.x reports both checksums good. */
    static final String UDP4 = "450000261c46400040110a1a0a2e00020a2e000a13c413c4001209307769666963616c6c0d0a";
    /** The same datagram over IPv6 fd00:46::2 > fd00:46::10, checked by tshark likewise. */
    static final String UDP6 = "6000000000121140fd000046000000000000000000000002fd00004600000000000000000000001013c413c4001222f87769666963616c6c0d0a";

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static void rejects(byte[] packet, Reason reason, int offset, String message) {
        assertThatThrownBy(() -> InnerPacket.parse(packet))
                .isInstanceOf(MalformedInnerPacketException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MalformedInnerPacketException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(((MalformedInnerPacketException) e).offset()).isEqualTo(offset));
    }

    @Test
    void knownGoodIpv4PacketParsesAndEncodesToTheSameBytes() throws Exception {
        InnerPacket p = InnerPacket.parse(HEX.parseHex(UDP4));
        assertThat(p.version()).isEqualTo(4);
        assertThat(p.source()).isEqualTo(ip("10.46.0.2"));
        assertThat(p.destination()).isEqualTo(ip("10.46.0.10"));
        assertThat(p.protocol()).isEqualTo(InnerPacket.UDP);
        assertThat(p.hopLimit()).isEqualTo(64);
        assertThat(p.dontFragment()).isTrue();
        assertThat(p.identification()).isEqualTo(0x1c46);
        assertThat(p.isFragment()).isFalse();
        assertThat(p.payloadLength()).isEqualTo(18);
        assertThat(HEX.formatHex(p.encode())).isEqualTo(UDP4);
    }

    @Test
    void knownGoodIpv6PacketParsesAndEncodesToTheSameBytes() throws Exception {
        InnerPacket p = InnerPacket.parse(HEX.parseHex(UDP6));
        assertThat(p.version()).isEqualTo(6);
        assertThat(p.source()).isEqualTo(ip("fd00:46::2"));
        assertThat(p.destination()).isEqualTo(ip("fd00:46::10"));
        assertThat(p.protocol()).isEqualTo(17);
        assertThat(p.hopLimit()).isEqualTo(64);
        assertThat(p.dontFragment()).isFalse();
        assertThat(HEX.formatHex(p.encode())).isEqualTo(UDP6);
    }

    @Test
    void wikipediaHeaderChecksumExample() throws Exception {
        // the IPv4 header of the internet checksum's textbook example, checksum 0xb861
        InnerPacket p = new InnerPacket(4, ip("192.168.0.1"), ip("192.168.0.199"), 17, 64, true, 0, 0, false, new byte[95]);
        assertThat(HEX.formatHex(Arrays.copyOf(p.encode(), 20))).isEqualTo("450000730000400040110000c0a80001c0a800c7".substring(0, 20)
                + "b861" + "c0a80001c0a800c7");
        assertThat(InnerPacket.parse(p.encode())).isEqualTo(p);
    }

    @Test
    void roundTripsBothVersionsAndFragments() throws Exception {
        InnerPacket[] packets = {
                InnerPacket.of(ip("10.0.0.1"), ip("10.0.0.2"), 6, new byte[] {1, 2, 3}),
                new InnerPacket(4, ip("10.0.0.1"), ip("10.0.0.2"), 17, 3, false, 4321, 1480, true, new byte[] {9}),
                new InnerPacket(4, ip("10.0.0.1"), ip("10.0.0.2"), 17, 255, false, 65535, 2960, false, new byte[0]),
                InnerPacket.of(ip("2001:db8::1"), ip("2001:db8::2"), 58, new byte[] {7, 7}),
                new InnerPacket(6, ip("2001:db8::1"), ip("2001:db8::2"), 17, 1, false, 0xdeadbeef, 1232, true, new byte[] {5, 6}),
        };
        for (InnerPacket p : packets) {
            assertThat(InnerPacket.parse(p.encode())).isEqualTo(p);
        }
        assertThat(packets[0].identification()).isZero();
        assertThat(packets[1].isFragment()).isTrue();
        assertThat(packets[2].isFragment()).isTrue();
        assertThat(packets[4].isFragment()).isTrue();
        assertThat(HEX.formatHex(packets[4].encode()).substring(12, 14)).as("next header: fragment").isEqualTo("2c");
    }

    @Test
    void ipv4OptionsAndPaddingAreSkipped() throws Exception {
        byte[] plain = HEX.parseHex(UDP4);
        // IHL 6 with one 4-byte option (NOP NOP NOP EOL), total length 42, and 3 bytes of link padding
        byte[] b = new byte[plain.length + 4 + 3];
        System.arraycopy(plain, 0, b, 0, 20);
        b[0] = 0x46;
        b[2] = 0;
        b[3] = (byte) (plain.length + 4);
        b[20] = 1;
        b[21] = 1;
        b[22] = 1;
        b[23] = 0;
        System.arraycopy(plain, 20, b, 24, plain.length - 20);
        b[10] = 0;
        b[11] = 0;
        int sum = Checksums.of(b, 0, 24);
        b[10] = (byte) (sum >> 8);
        b[11] = (byte) sum;
        InnerPacket p = InnerPacket.parse(b);
        assertThat(p.payload()).isEqualTo(Arrays.copyOfRange(plain, 20, plain.length));
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() throws Exception {
        byte[] plain = HEX.parseHex(UDP6);
        byte[] udp = Arrays.copyOfRange(plain, 40, plain.length);
        // hop-by-hop (8 bytes, PadN) > destination options (16 bytes) > UDP
        byte[] ext = HEX.parseHex("3c00010400000000" + "1101010c000000000000000000000000");
        byte[] b = new byte[40 + ext.length + udp.length];
        System.arraycopy(plain, 0, b, 0, 40);
        b[5] = (byte) (ext.length + udp.length);
        b[6] = 0;
        System.arraycopy(ext, 0, b, 40, ext.length);
        System.arraycopy(udp, 0, b, 40 + ext.length, udp.length);
        InnerPacket p = InnerPacket.parse(b);
        assertThat(p.protocol()).isEqualTo(17);
        assertThat(p.payload()).isEqualTo(udp);
        assertThat(p.isFragment()).isFalse();
        assertThat(InnerUdp.parse(p).payload()).isEqualTo("wificall\r\n".getBytes());
    }

    @Test
    void anAtomicIpv6FragmentIsAWholePacket() throws Exception {
        byte[] plain = HEX.parseHex(UDP6);
        byte[] b = new byte[plain.length + 8];
        System.arraycopy(plain, 0, b, 0, 40);
        b[5] = (byte) (plain.length - 40 + 8);
        b[6] = 44;
        System.arraycopy(HEX.parseHex("1100000012345678"), 0, b, 40, 8);
        System.arraycopy(plain, 40, b, 48, plain.length - 40);
        InnerPacket p = InnerPacket.parse(b);
        assertThat(p.isFragment()).isFalse();
        assertThat(p.identification()).isZero();
        assertThat(p.protocol()).isEqualTo(17);
    }

    @Test
    void malformedPacketsNameWhatAndWhere() {
        byte[] good = HEX.parseHex(UDP4);
        rejects(new byte[0], Reason.TRUNCATED, 0, "truncated IP header at offset 0: needs 1 bytes but 0 remain");
        rejects(Arrays.copyOf(good, 19), Reason.TRUNCATED, 0, "truncated IPv4 header at offset 0: needs 20 bytes but 19 remain");
        rejects(Arrays.copyOf(good, 30), Reason.TRUNCATED, 0, "truncated IPv4 packet at offset 0: length 38 but 30 bytes remain");
        byte[] wrongVersion = good.clone();
        wrongVersion[0] = 0x55;
        rejects(wrongVersion, Reason.BAD_VERSION, 0, "bad IP version at offset 0: 5, expected 4 or 6");
        byte[] badSum = good.clone();
        badSum[11] ^= 1;
        rejects(badSum, Reason.BAD_CHECKSUM, 10, "bad IPv4 header checksum at offset 10: 0x0a1b, expected 0x0a1a");
        byte[] shortIhl = good.clone();
        shortIhl[0] = 0x44;
        rejects(shortIhl, Reason.BAD_LENGTH, 0, "bad IPv4 header length at offset 0: IHL 4 is below the minimum 5 (20 bytes)");
        byte[] shortTotal = good.clone();
        shortTotal[3] = 19;
        rejects(shortTotal, Reason.BAD_LENGTH, 2, "bad IPv4 total length at offset 2: 19 is less than its 20-byte header");
        byte[] v6 = HEX.parseHex(UDP6);
        rejects(Arrays.copyOf(v6, 39), Reason.TRUNCATED, 0, "truncated IPv6 header at offset 0: needs 40 bytes but 39 remain");
        rejects(Arrays.copyOf(v6, 50), Reason.TRUNCATED, 0, "truncated IPv6 packet at offset 0: length 58 but 50 bytes remain");
        byte[] badExtension = v6.clone();
        badExtension[6] = 60;
        badExtension[41] = 5;
        rejects(badExtension, Reason.TRUNCATED, 42, "truncated IPv6 extension header 60 at offset 42: needs 46 bytes but 16 remain");
        byte[] jumbo = v6.clone();
        jumbo[4] = 0;
        jumbo[5] = 0;
        jumbo[6] = 0;
        rejects(jumbo, Reason.UNSUPPORTED, 4, "unsupported IPv6 payload length at offset 4: 0 with a hop-by-hop header is a jumbogram (RFC 2675)");
    }

    @Test
    void constructorRejectsWhatCannotBeSent() throws Exception {
        InetAddress v4 = ip("10.0.0.1");
        InetAddress v6 = ip("2001:db8::1");
        assertThatThrownBy(() -> new InnerPacket(4, v4, v6, 17, 64, true, 0, 0, false, new byte[0]))
                .hasMessage("an IPv4 packet needs IPv4 addresses, not 10.0.0.1 to 2001:db8::1");
        assertThatThrownBy(() -> new InnerPacket(6, v6, v6, 17, 64, true, 0, 0, false, new byte[0]))
                .hasMessage("IPv6 has no Don't Fragment flag");
        assertThatThrownBy(() -> new InnerPacket(5, v4, v4, 17, 64, true, 0, 0, false, new byte[0]))
                .hasMessage("IP version 5 is neither 4 nor 6");
        assertThatThrownBy(() -> new InnerPacket(4, v4, v4, 256, 64, true, 0, 0, false, new byte[0]))
                .hasMessage("protocol 256 is not 0..255");
        assertThatThrownBy(() -> new InnerPacket(4, v4, v4, 17, 64, true, 0, 8, false, new byte[0]))
                .hasMessage("an IPv4 fragment cannot have Don't Fragment set");
        assertThatThrownBy(() -> new InnerPacket(4, v4, v4, 17, 64, false, 0, 12, false, new byte[0]))
                .hasMessage("fragment offset 12 is not a multiple of 8 in 0..65528");
        assertThatThrownBy(() -> new InnerPacket(4, v4, v4, 17, 64, false, 70000, 0, false, new byte[0]))
                .hasMessage("IPv4 identification 70000 is not 0..65535");
        assertThatThrownBy(() -> new InnerPacket(4, v4, v4, 17, 64, false, 0, 0, false, new byte[65516]))
                .hasMessage("IPv4 payload of 65516 bytes exceeds the 65515 a 16-bit total length allows");
    }

    @Test
    void payloadIsCopied() throws Exception {
        byte[] data = {1, 2, 3};
        InnerPacket p = InnerPacket.of(ip("10.0.0.1"), ip("10.0.0.2"), 17, data);
        data[0] = 9;
        p.payload()[1] = 9;
        assertThat(p.payload()).containsExactly(1, 2, 3);
        assertThat(p.toString()).isEqualTo("InnerPacket[IPv4 10.0.0.1 > 10.0.0.2 proto=17 hop=64 DF 3 bytes]");
    }
}
