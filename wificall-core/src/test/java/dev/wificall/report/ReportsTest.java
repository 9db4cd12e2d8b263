package dev.wificall.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class ReportsTest {

    private static OperatorVerdict blocked() throws Exception {
        Plmn plmn = Plmn.parse("262-02");
        InetAddress a = InetAddress.getByName("10.77.0.3");
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), "127.0.0.77:15353", DnsStatus.ADDRESSES, List.of(a), List.of(),
                "A: 10.77.0.3; AAAA: NODATA", Duration.ofMillis(2));
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns, List.of(
                new PortResult(a, IkePort.UDP_500, PortOutcome.ANSWERED, 1, Duration.ofMillis(4), "IKE_SA_INIT response", 250),
                new PortResult(a, IkePort.UDP_4500, PortOutcome.NO_ANSWER, 3, Duration.ofMillis(2400), "no \"answer\"\n", 0)),
                false, "Wi-Fi Calling to 262-02 will fail: <UDP/4500> & \"quotes\"", Duration.ofMillis(2410));
    }

    @Test
    void jsonEscapesAndCarriesEveryField() throws Exception {
        String json = JsonReport.render(List.of(blocked()), Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(json).contains("\"schema\": 1", "\"generated\": \"2026-11-27T00:00:00Z\"", "\"ready\": false",
                "\"plmn\": \"262-02\"", "\"status\": \"ADDRESSES\"", "\"addresses\": [\"10.77.0.3\"]",
                "\"port\": 4500", "\"outcome\": \"NO_ANSWER\"", "\"requests\": 3", "\"answeredOffer\": \"NONE\"", "\"detail\": \"no \\\"answer\\\"\\n\"",
                "\"verdict\": \"Wi-Fi Calling to 262-02 will fail: <UDP/4500> & \\\"quotes\\\"\"");
        assertThat(JsonReport.str("a\u0001b")).isEqualTo("\"a\\u0001b\"");
        // a lone surrogate cannot be written as UTF-8; a pair (here U+1F4F6) stays as it is
        assertThat(JsonReport.str("\ud800x\udc00 \ud83d\udcf6")).isEqualTo("\"\\ud800x\\udc00 \ud83d\udcf6\"");
    }

    @Test
    void junitXmlHasOneTestcasePerDnsAndProbeAndParses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r/TEST-wificall.xml");
        JUnitXmlReport.write(List.of(blocked()), file);
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("NO_ANSWER");
        // the message says what this address and port saw; the operator's sentence is the first failure's text
        assertThat(failure.getAttribute("message")).startsWith("UDP/4500 to 10.77.0.3 (epdg.epc.mnc002.mcc262.pub"
                + ".3gppnetwork.org): NO_ANSWER, no \"answer\"");
        assertThat(failure.getTextContent()).isEqualTo("Wi-Fi Calling to 262-02 will fail: <UDP/4500> & \"quotes\"");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("UDP/4500 10.77.0.3");
    }
}
