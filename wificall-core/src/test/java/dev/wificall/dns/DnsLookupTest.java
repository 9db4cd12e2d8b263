package dev.wificall.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** DnsLookup against a small resolver on loopback whose answer depends on the first label. */
class DnsLookupTest {

    private DatagramChannel server;
    private Thread serving;

    @BeforeEach
    void start() throws IOException {
        server = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serving = new Thread(this::serve, "stub-dns");
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.join(2000);
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(512);
        while (server.isOpen()) {
            try {
                in.clear();
                SocketAddress from = server.receive(in);
                in.flip();
                byte[] bytes = new byte[in.remaining()];
                in.get(bytes);
                Message answer = answer(new Message(bytes));
                if (answer != null) {
                    server.send(ByteBuffer.wrap(answer.toWire()), from);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static Message answer(Message query) throws IOException {
        Name name = query.getQuestion().getName();
        int type = query.getQuestion().getType();
        String label = name.getLabelString(0);
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.addRecord(query.getQuestion(), Section.QUESTION);
        switch (label) {
            case "both" -> {
                if (type == Type.A) {
                    m.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName("10.77.0.2")), Section.ANSWER);
                } else {
                    m.addRecord(new AAAARecord(name, DClass.IN, 60, InetAddress.getByName("fd77::2")), Section.ANSWER);
                }
            }
            case "v4only" -> {
                if (type == Type.A) {
                    m.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName("10.77.0.3")), Section.ANSWER);
                }
            }
            case "alias" -> {
                Name target = Name.fromString("both.example.");
                m.addRecord(new CNAMERecord(name, DClass.IN, 60, target), Section.ANSWER);
                if (type == Type.A) {
                    m.addRecord(new ARecord(target, DClass.IN, 60, InetAddress.getByName("10.77.0.2")), Section.ANSWER);
                }
            }
            case "textonly" -> m.addRecord(new TXTRecord(name, DClass.IN, 60, "x"), Section.AUTHORITY);
            case "missing" -> m.getHeader().setRcode(Rcode.NXDOMAIN);
            case "broken" -> m.getHeader().setRcode(Rcode.SERVFAIL);
            case "forbidden" -> m.getHeader().setRcode(Rcode.REFUSED);
            case "silent" -> {
                return null;
            }
            default -> m.getHeader().setRcode(Rcode.NOTIMP);
        }
        return m;
    }

    private DnsOutcome resolve(String fqdn) throws IOException {
        InetSocketAddress at = (InetSocketAddress) server.getLocalAddress();
        DnsServer dns = new DnsServer(at.getAddress().getHostAddress(), at.getPort());
        return DnsLookup.using(dns, Duration.ofMillis(500)).resolve(fqdn);
    }

    @Test
    void addressesOfBothFamilies() throws Exception {
        DnsOutcome o = resolve("both.example");
        assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(o.addresses()).containsExactly(InetAddress.getByName("10.77.0.2"), InetAddress.getByName("fd77::2"));
        assertThat(o.detail()).isEqualTo("A: 10.77.0.2; AAAA: fd77::2");
        assertThat(o.resolver()).startsWith("127.0.0.1:");
    }

    @Test
    void oneFamilyIsEnough() throws Exception {
        DnsOutcome o = resolve("v4only.example");
        assertThat(o.status()).isEqualTo(DnsStatus.ADDRESSES);
        assertThat(o.detail()).isEqualTo("A: 10.77.0.3; AAAA: NODATA");
    }

    @Test
    void followsCnames() throws Exception {
        DnsOutcome o = resolve("alias.example");
        assertThat(o.addresses()).containsExactly(InetAddress.getByName("10.77.0.2"));
        assertThat(o.cnames()).containsExactly("both.example");
    }

    @Test
    void failuresAreKeptApart() throws Exception {
        assertThat(resolve("missing.example").status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(resolve("textonly.example").status()).isEqualTo(DnsStatus.NODATA);
        assertThat(resolve("broken.example").status()).isEqualTo(DnsStatus.SERVFAIL);
        assertThat(resolve("forbidden.example").status()).isEqualTo(DnsStatus.REFUSED);
        DnsOutcome other = resolve("other.example");
        assertThat(other.status()).isEqualTo(DnsStatus.ERROR);
        assertThat(other.detail()).contains("RCODE NOTIMP");
    }

    @Test
    void silenceIsATimeoutWithinTheDeadline() throws Exception {
        DnsOutcome o = resolve("silent.example");
        assertThat(o.status()).isEqualTo(DnsStatus.TIMEOUT);
        assertThat(o.detail()).startsWith("A: no answer");
    }
}
