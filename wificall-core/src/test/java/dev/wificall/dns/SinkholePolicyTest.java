package dev.wificall.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SinkholePolicyTest {

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, UNSPECIFIED", "::, UNSPECIFIED",
        "127.0.0.1, LOOPBACK", "127.53.0.9, LOOPBACK", "::1, LOOPBACK",
        "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
        "10.77.0.2, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
        "fd77::2, PRIVATE", "fc00::1, PRIVATE", "fec0::1, PRIVATE",
        "100.64.0.1, SHARED", "100.127.255.255, SHARED",
        "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST",
        "0.1.2.3, RESERVED", "240.0.0.1, RESERVED", "255.255.255.255, RESERVED", "100::1, RESERVED",
        "172.15.255.255, PUBLIC", "172.32.0.0, PUBLIC", "100.63.255.255, PUBLIC", "100.128.0.0, PUBLIC",
        "169.253.0.1, PUBLIC", "193.0.0.1, PUBLIC", "203.0.113.7, PUBLIC", "2001:db8::1, PUBLIC",
        "2a00:1450::1, PUBLIC", "fe00::1, PUBLIC", "100:0:0:1::1, PUBLIC",
    })
    void classifiesAddresses(String address, AddressClass expected) throws Exception {
        assertThat(AddressClass.of(ip(address))).isEqualTo(expected);
    }

    @Test
    void classifiesIpv4MappedIpv6ByItsIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        assertThat(AddressClass.of(java.net.Inet6Address.getByAddress(null, mapped, null))).isEqualTo(AddressClass.LOOPBACK);
    }

    @Test
    void theDefaultFlagsEverythingButPublicSpace() throws Exception {
        SinkholePolicy p = SinkholePolicy.DEFAULT;
        assertThat(p.flags(ip("10.77.0.2"))).contains(AddressClass.PRIVATE);
        assertThat(p.flags(ip("100.64.0.1"))).contains(AddressClass.SHARED);
        assertThat(p.flags(ip("0.0.0.0"))).contains(AddressClass.UNSPECIFIED);
        assertThat(p.flags(ip("::1"))).contains(AddressClass.LOOPBACK);
        assertThat(p.flags(ip("fe80::1"))).contains(AddressClass.LINK_LOCAL);
        assertThat(p.flags(ip("193.0.0.1"))).isEmpty();
        assertThat(p.offending(List.of(ip("193.0.0.1"), ip("0.0.0.0"), ip("10.0.0.1"))))
                .containsExactly(ip("0.0.0.0"), ip("10.0.0.1"));
        assertThat(p).hasToString("flags non-public addresses");
    }

    @Test
    void anAllowListLetsThosePrivatePrefixesThroughAndNothingElse() throws Exception {
        SinkholePolicy lab = SinkholePolicy.parse("10.77.0.0/16, fd77::/16");
        assertThat(lab.isSinkhole(ip("10.77.0.2"))).isFalse();
        assertThat(lab.isSinkhole(ip("10.77.255.1"))).isFalse();
        assertThat(lab.isSinkhole(ip("fd77::2"))).isFalse();
        assertThat(lab.isSinkhole(ip("fd77:1::2"))).isFalse();
        assertThat(lab.isSinkhole(ip("10.78.0.1"))).isTrue();
        assertThat(lab.isSinkhole(ip("fd78::1"))).isTrue();
        assertThat(lab.isSinkhole(ip("127.0.0.1"))).isTrue();
        assertThat(lab.allowed()).extracting(AddressPrefix::toString).containsExactly("10.77.0.0/16", "fd77::/16");
        assertThat(lab).hasToString("flags non-public addresses except 10.77.0.0/16, fd77::/16");
        assertThat(lab).isEqualTo(SinkholePolicy.allowing(AddressPrefix.parse("10.77.0.0/16"), AddressPrefix.parse("fd77::/16")));
        assertThat(SinkholePolicy.parse(" ")).isSameAs(SinkholePolicy.DEFAULT);
    }

    @Test
    void allowPrivateFlagsOnlyWhatNoServerCanHave() throws Exception {
        SinkholePolicy p = SinkholePolicy.ALLOW_PRIVATE;
        assertThat(p.isSinkhole(ip("10.1.2.3"))).isFalse();
        assertThat(p.isSinkhole(ip("fd00::1"))).isFalse();
        assertThat(p.isSinkhole(ip("0.0.0.0"))).isTrue();
        assertThat(p.isSinkhole(ip("127.0.0.1"))).isTrue();
        assertThat(p.isSinkhole(ip("169.254.0.1"))).isTrue();
        assertThat(p.isSinkhole(ip("224.0.0.1"))).isTrue();
    }

    @Test
    void onlyPrivateOrSharedSpaceCanBeAllowed() {
        assertThatThrownBy(() -> SinkholePolicy.parse("127.0.0.0/8"))
                .hasMessageStartingWith("cannot allow 127.0.0.0/8: it is loopback space")
                .hasMessageContaining("e.g. 10.77.0.0/16 or fd77::/16");
        assertThatThrownBy(() -> SinkholePolicy.parse("193.0.0.0/8")).hasMessageContaining("it is public space");
    }

    @Test
    void prefixesParseAndContain() throws Exception {
        AddressPrefix v4 = AddressPrefix.parse("10.77.0.0/16");
        assertThat(v4.contains(ip("10.77.1.2"))).isTrue();
        assertThat(v4.contains(ip("10.78.0.0"))).isFalse();
        assertThat(v4.contains(ip("fd77::1"))).isFalse();
        AddressPrefix v6 = AddressPrefix.parse("fd77::/16");
        assertThat(v6.contains(ip("fd77:1::2"))).isTrue();
        assertThat(v6.contains(ip("fd78::2"))).isFalse();
        assertThat(AddressPrefix.parse("10.0.0.0/7").contains(ip("11.255.0.1"))).isTrue();
        assertThat(AddressPrefix.parse("10.1.2.3")).hasToString("10.1.2.3/32");
        assertThat(AddressPrefix.parse("fd77:0:0::/48")).hasToString("fd77::/48");
        assertThat(AddressPrefix.parse("0.0.0.0/0").contains(ip("193.0.0.1"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.77.0.0/", "10.77.0.0/x", "dns.corp/16", "dead.beef/16", "10.77.0.0/16/1", "/16"})
    void badPrefixesSayWhatIsExpected(String text) {
        assertThatThrownBy(() -> AddressPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected address/length, e.g. 10.77.0.0/16 or fd77::/16");
    }

    @Test
    void badPrefixesNameTheValue() {
        assertThatThrownBy(() -> AddressPrefix.parse("10.77.0.0/33"))
                .hasMessageStartingWith("'10.77.0.0/33' is not an address prefix: length 33 is over 32");
        assertThatThrownBy(() -> AddressPrefix.parse("10.77.1.0/16"))
                .hasMessage("'10.77.1.0/16' has bits set past the prefix length; did you mean 10.77.0.0/16?");
        assertThatThrownBy(() -> AddressPrefix.parse("fd77::1/16"))
                .hasMessage("'fd77::1/16' has bits set past the prefix length; did you mean fd77::/16?");
    }

    @Test
    void loopbackOnlyWhereASimulatorIsMeant() throws Exception {
        java.net.InetAddress lo = java.net.InetAddress.getByName("127.0.0.1");
        org.assertj.core.api.Assertions.assertThat(SinkholePolicy.ALLOW_PRIVATE.isSinkhole(lo)).isTrue();
        SinkholePolicy sim = SinkholePolicy.ALLOW_PRIVATE.allowLoopback();
        org.assertj.core.api.Assertions.assertThat(sim.isSinkhole(lo)).isFalse();
        org.assertj.core.api.Assertions.assertThat(sim.isSinkhole(java.net.InetAddress.getByName("::1"))).isFalse();
        org.assertj.core.api.Assertions.assertThat(sim.isSinkhole(java.net.InetAddress.getByName("0.0.0.0"))).isTrue();
        org.assertj.core.api.Assertions.assertThat(sim).isNotEqualTo(SinkholePolicy.ALLOW_PRIVATE)
                .hasToString("flags unspecified, link-local, multicast and reserved addresses; private space allowed;"
                        + " loopback allowed (a simulator on this host)");
    }
}
