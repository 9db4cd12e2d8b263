package dev.wificall.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsServerTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.77:15353, 127.0.0.77, 15353, 127.0.0.77:15353",
        "10.0.0.53,        10.0.0.53,  53,    10.0.0.53:53",
        "dns.corp.example, dns.corp.example, 53, dns.corp.example:53",
        "'[fd00::53]:5353', fd00::53, 5353, '[fd00::53]:5353'",
        "fd00::53,         fd00::53,   53,    '[fd00::53]:53'",
    })
    void parses(String text, String host, int port, String shown) {
        DnsServer server = DnsServer.parse(text);
        assertThat(server.host()).isEqualTo(host);
        assertThat(server.port()).isEqualTo(port);
        assertThat(server).hasToString(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a host:99999", "", "host:", "host:0", "[fd00::53]:70000", "a b"})
    void rejectsWithTheValueAndWhatIsExpected(String text) {
        assertThatThrownBy(() -> DnsServer.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected host[:port] with a port from 1 to 65535");
    }

    @Test
    void namesTheWholeValueAndThePort() {
        assertThatThrownBy(() -> DnsServer.parse("not a host:99999"))
                .hasMessageStartingWith("'not a host:99999' is not a DNS server");
        assertThatThrownBy(() -> DnsServer.parse("dns.corp:99999"))
                .hasMessageStartingWith("'dns.corp:99999' is not a DNS server: port 99999 is out of range");
    }

    @Test
    void ipv6IsShownInShortForm() throws Exception {
        assertThat(AddressText.of(InetAddress.getByName("fd77:0:0:0:0:0:0:2"))).isEqualTo("fd77::2");
        assertThat(AddressText.of(InetAddress.getByName("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(AddressText.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AddressText.of(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(AddressText.of(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(AddressText.of(InetAddress.getByName("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(AddressText.of(InetAddress.getByName("10.77.0.2"))).isEqualTo("10.77.0.2");
    }
}
