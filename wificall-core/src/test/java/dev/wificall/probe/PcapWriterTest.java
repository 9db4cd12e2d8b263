package dev.wificall.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture file, byte by byte; checksums are verified here independently of the writer. */
class PcapWriterTest {
    static final ProbeSettings FAST = new ProbeSettings(Duration.ofMillis(100), Duration.ofMillis(600));

    /** One pcap record as read back. */
    record Record(long seconds, int micros, byte[] packet) {
    }

    static List<Record> records(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        b.position(24);
        List<Record> out = new ArrayList<>();
        while (b.remaining() > 0) {
            long sec = Integer.toUnsignedLong(b.getInt());
            int usec = b.getInt();
            int incl = b.getInt();
            int orig = b.getInt();
            assertThat(orig).isEqualTo(incl);
            byte[] packet = new byte[incl];
            b.get(packet);
            out.add(new Record(sec, usec, packet));
        }
        return out;
    }

    /** Ones' complement sum of 16-bit words; a correct checksummed range sums to 0xffff. */
    static int onesSum(byte[]... parts) {
        long sum = 0;
        for (byte[] p : parts) {
            for (int i = 0; i < p.length; i += 2) {
                sum += (Byte.toUnsignedInt(p[i]) << 8) | (i + 1 < p.length ? Byte.toUnsignedInt(p[i + 1]) : 0);
            }
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) sum;
    }

    @Test
    void theFileHeaderSaysClassicPcapOfRawIp() {
        byte[] pcap = PcapWriter.toBytes(List.of());

        assertThat(HexFormat.of().formatHex(pcap)).isEqualTo("d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000"
                + "00000400" + "65000000");
    }

    @Test
    void ipv4HeaderChecksumMatchesAKnownExample() {
        // the classic example header 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7
        byte[] packet = PcapWriter.ipPacket(new InetSocketAddress(ip("192.168.0.1"), 500),
                new InetSocketAddress(ip("192.168.0.199"), 500), new byte[0x73 - 28], 0);

        assertThat(HexFormat.of().formatHex(packet, 0, 20)).isEqualTo("450000730000400040" + "11b861c0a80001c0a800c7");
    }

    @Test
    void everyDatagramOfEveryTranscriptIsAValidUdpPacketInTimeOrder() throws Exception {
        List<Transcript> transcripts = new ArrayList<>();
        try (EmbeddedResponder v4 = new EmbeddedResponder(false, null);
             EmbeddedResponder nat = new EmbeddedResponder(true, null);
             EmbeddedResponder v6 = new EmbeddedResponder(ip("::1"), false, null)) {
            v4.behaviour(v4.cookieFirst());
            nat.behaviour(nat.accepting());
            v6.behaviour(v6.accepting());
            IkeProbe probe = new IkeProbe(FAST);
            transcripts.add(probe.probe(v4.address(), IkePort.UDP_500).transcript());
            transcripts.add(probe.probe(nat.address(), IkePort.UDP_4500).transcript());
            transcripts.add(probe.probe(v6.address(), IkePort.UDP_500).transcript());
        }
        List<Transcript.Entry> datagrams = new ArrayList<>();
        transcripts.forEach(t -> t.entries().stream().filter(Transcript.Entry::isDatagram).forEach(datagrams::add));

        List<Record> records = records(PcapWriter.toBytes(transcripts));

        assertThat(records).hasSize(datagrams.size()).hasSize(8);
        for (int i = 0; i < records.size(); i++) {
            Transcript.Entry e = datagrams.get(i); // the probes ran one after another, so this is time order too
            byte[] p = records.get(i).packet();
            ByteBuffer b = ByteBuffer.wrap(p);
            int ipHeader;
            byte[] pseudo;
            if (e.from().getAddress() instanceof java.net.Inet4Address) {
                assertThat(p[0]).isEqualTo((byte) 0x45);
                assertThat(Short.toUnsignedInt(b.getShort(2))).isEqualTo(p.length);
                assertThat(p[9]).isEqualTo((byte) 17);
                assertThat(onesSum(Arrays.copyOf(p, 20))).isEqualTo(0xffff);
                assertThat(Arrays.copyOfRange(p, 12, 16)).isEqualTo(e.from().getAddress().getAddress());
                assertThat(Arrays.copyOfRange(p, 16, 20)).isEqualTo(e.to().getAddress().getAddress());
                ipHeader = 20;
                pseudo = ByteBuffer.allocate(12).put(p, 12, 8).put((byte) 0).put((byte) 17)
                        .putShort((short) (p.length - 20)).array();
            } else {
                assertThat(p[0] >> 4).isEqualTo(6);
                assertThat(Short.toUnsignedInt(b.getShort(4))).isEqualTo(p.length - 40);
                assertThat(p[6]).isEqualTo((byte) 17);
                assertThat(Arrays.copyOfRange(p, 8, 24)).isEqualTo(e.from().getAddress().getAddress());
                ipHeader = 40;
                pseudo = ByteBuffer.allocate(40).put(p, 8, 32).putInt(p.length - 40).putInt(17).array();
            }
            byte[] udp = Arrays.copyOfRange(p, ipHeader, p.length);
            ByteBuffer u = ByteBuffer.wrap(udp);
            assertThat(Short.toUnsignedInt(u.getShort(0))).isEqualTo(e.from().getPort());
            assertThat(Short.toUnsignedInt(u.getShort(2))).isEqualTo(e.to().getPort());
            assertThat(Short.toUnsignedInt(u.getShort(4))).isEqualTo(udp.length);
            assertThat(u.getShort(6)).isNotZero();
            assertThat(onesSum(pseudo, udp)).as("UDP checksum of record %d", i).isEqualTo(0xffff);
            assertThat(Arrays.copyOfRange(udp, 8, udp.length)).isEqualTo(e.datagram());
        }
        // the non-ESP marker travels inside the UDP payload on 4500
        byte[] natRequest = records.get(4).packet();
        assertThat(Arrays.copyOfRange(natRequest, 28, 32)).containsExactly(0, 0, 0, 0);
        // time stamps: wall clock of the transcript plus the entry offset, never going back
        long previous = 0;
        for (Record r : records) {
            long micros = r.seconds() * 1_000_000 + r.micros();
            assertThat(r.micros()).isBetween(0, 999_999);
            assertThat(micros).isGreaterThanOrEqualTo(previous);
            previous = micros;
        }
        Transcript first = transcripts.get(0);
        assertThat(records.get(0).seconds()).isEqualTo(first.started().plus(first.entries().get(0).at()).getEpochSecond());
    }

    @Test
    void writesAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("probe.pcap");
        try (EmbeddedResponder responder = new EmbeddedResponder(false, null)) {
            responder.behaviour(responder.accepting());
            PortResult result = new IkeProbe(FAST).probe(responder.address(), IkePort.UDP_500);

            PcapWriter.write(file, List.of(result.transcript()));
        }

        assertThat(records(Files.readAllBytes(file))).hasSize(2);
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
