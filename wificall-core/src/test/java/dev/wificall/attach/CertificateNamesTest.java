package dev.wificall.attach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dNSName matching of RFC 6125 §6.4: exact or one whole left-most wildcard label. */
class CertificateNamesTest {

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
        "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org, epdg.epc.mnc001.mcc262.pub.3gppnetwork.org, true",
        "EPDG.epc.mnc001.mcc262.pub.3gppnetwork.org, epdg.EPC.mnc001.mcc262.pub.3gppnetwork.org., true",
        "epdg.example.net., epdg.example.net, true",
        "*.epc.mnc001.mcc262.pub.3gppnetwork.org, epdg.epc.mnc001.mcc262.pub.3gppnetwork.org, true",
        "*.example.net, EPDG.Example.NET, true",
        "*.example.net, a.b.example.net, false",
        "*.example.net, example.net, false",
        "*.example.net, .example.net, false",
        "*.net, example.net, false",
        "e*.example.net, epdg.example.net, false",
        "epdg.*.net, epdg.example.net, false",
        "*.*.example.net, a.b.example.net, false",
        "epdg.example.net, epdg2.example.net, false",
        "'', epdg.example.net, false",
    })
    void matches(String presented, String host, boolean expected) {
        assertThat(CertificateNames.matches(presented, host)).isEqualTo(expected);
    }
}
