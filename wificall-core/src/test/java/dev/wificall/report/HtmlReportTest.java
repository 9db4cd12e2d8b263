package dev.wificall.report;

import static dev.wificall.report.Xml.all;
import static dev.wificall.report.Xml.one;
import static dev.wificall.report.Xml.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class HtmlReportTest {

    private static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");
    private static Verdicts probed;

    @BeforeAll
    static void probe() throws Exception {
        probed = Verdicts.probed();
    }

    private static String cell(OperatorVerdict v, String address, int port) {
        return "//td[@data-operator='" + v.operator() + "' and @data-address='" + address + "' and @data-port='" + port + "']";
    }

    @Test
    void eachAddressAndPortHasAPassOrFailCellWithItsOutcomeLineAndTranscript() throws Exception {
        OperatorVerdict ready = probed.ready();
        OperatorVerdict blocked = probed.blocked();
        Document d = parse(HtmlReport.render(List.of(ready, blocked), AT));

        assertThat(one(d, "/html/head/title").getTextContent()).isEqualTo("wificall report");
        assertThat(all(d, "//thead//th")).extracting(Node::getTextContent)
                .containsExactly("Operator", "ePDG name", "Verdict", "Address", "UDP/500", "UDP/4500");
        assertThat(all(d, "//td[contains(concat(' ', @class, ' '), ' cell ')]")).hasSize(8);

        Element pass = one(d, cell(ready, "fd77::2", 500));
        assertThat(pass.getAttribute("class")).isEqualTo("cell pass");
        assertThat(pass.getAttribute("data-fqdn")).isEqualTo(ready.fqdn());
        assertThat(one(d, cell(ready, "fd77::2", 500) + "/span[@class='outcome']").getTextContent()).isEqualTo("ANSWERED");
        assertThat(one(d, cell(ready, "fd77::2", 500) + "/details/summary").getTextContent()).matches("\\d+ requests?, \\d+ ms");
        assertThat(one(d, cell(ready, "fd77::2", 500) + "/details/pre").getTextContent())
                .isEqualTo(probed.answered500.transcript().text()).contains("IKE_SA_INIT response");

        Element silent = one(d, cell(blocked, "10.77.0.3", 4500));
        assertThat(silent.getAttribute("class")).isEqualTo("cell fail");
        assertThat(silent.getAttribute("data-outcome")).isEqualTo("NO_ANSWER");
        assertThat(silent.getTextContent()).contains("NO_ANSWER");
        assertThat(one(d, cell(blocked, "10.77.0.3", 4500) + "/details/p[1]").getTextContent())
                .isEqualTo(blocked.probeLines().get(1)).startsWith("UDP/4500 to 10.77.0.3 (" + blocked.fqdn() + "): NO_ANSWER");
        assertThat(one(d, cell(blocked, "10.77.0.3", 4500) + "/details/pre").getTextContent())
                .contains("retransmission 1", "timeout: deadline");
        Element refused = one(d, cell(blocked, "fd77::3", 4500));
        assertThat(refused.getAttribute("class")).isEqualTo("cell fail");
        assertThat(refused.getTextContent()).contains("PORT_UNREACHABLE");
        assertThat(refused.getAttribute("id")).isEqualTo("cell-2-fd77--3-4500");

        assertThat(one(d, "//tbody[@id='row-1']//td[contains(@class, 'verdict')]").getTextContent()).isEqualTo("READY");
        assertThat(one(d, "//tbody[@id='row-2']//td[contains(@class, 'verdict')]").getTextContent()).isEqualTo("NOT READY");
        assertThat(one(d, "//p[contains(@class, 'overall')]").getTextContent())
                .isEqualTo("NOT READY: 1 of 2 operators ready; 6 of 8 probes answered.");
        Set<String> ids = new HashSet<>();
        all(d, "//*[@id]").forEach(e -> assertThat(ids.add(e.getAttribute("id"))).as("unique id " + e.getAttribute("id")).isTrue());
    }

    @Test
    void addressesAreRowsIpv4FirstAndAMissingPortSaysSo() throws Exception {
        OperatorVerdict ready = probed.ready();
        InetAddress v4 = InetAddress.getByName("10.77.0.2");
        InetAddress v6 = InetAddress.getByName("fd77::2");
        // IPv6 first in the probes, and no UDP/4500 probe of the IPv6 address
        List<PortResult> probes = List.of(Verdicts.at(probed.answered500, v6), Verdicts.at(probed.answered500, v4),
                Verdicts.at(probed.silent, v4));
        OperatorVerdict mixed = new OperatorVerdict(ready.plmn(), ready.fqdn(), ready.dns(), probes, false, "mixed",
                ready.elapsed());
        Document d = parse(HtmlReport.render(List.of(mixed), AT));

        assertThat(all(d, "//tbody/tr/td[@class='addr']")).extracting(Node::getTextContent).containsExactly("10.77.0.2", "fd77::2");
        Element missing = one(d, cell(mixed, "fd77::2", IkePort.UDP_4500.number()));
        assertThat(missing.getAttribute("class")).isEqualTo("cell none");
        assertThat(missing.getTextContent()).isEqualTo("not probed");
        assertThat(one(d, "//tbody[@id='row-1']/tr[1]/th").getAttribute("rowspan")).isEqualTo("2");
    }

    @Test
    void anOperatorWhoseNameDidNotResolveHasOneRedRowWithTheDnsStatusAndSentence() throws Exception {
        OperatorVerdict nx = Verdicts.nxdomain();
        Document d = parse(HtmlReport.render(List.of(probed.ready(), nx), AT));

        Element dns = one(d, "//td[@data-operator='" + nx.operator() + "']");
        assertThat(dns.getAttribute("class")).isEqualTo("cell fail dns");
        assertThat(dns.getAttribute("data-dns")).isEqualTo("NXDOMAIN");
        assertThat(dns.getAttribute("colspan")).isEqualTo("2");
        assertThat(dns.getTextContent()).contains("DNS NXDOMAIN", nx.sentence());
        assertThat(all(d, "//tbody[@id='row-2']/tr")).hasSize(1);

        Element section = one(d, "//section[@id='op-2']");
        assertThat(section.getAttribute("class")).isEqualTo("operator fail");
        assertThat(one(d, "//section[@id='op-2']/p[@class='sentence']").getTextContent()).isEqualTo(nx.sentence());
        assertThat(all(d, "//section[@id='op-2']/details[@class='discovery']/ul/li")).extracting(Node::getTextContent)
                .containsExactlyElementsOf(nx.discovery().lines());
        assertThat(one(d, "//section[@id='op-2']//p[@class='hint']").getTextContent())
                .isEqualTo("Hint: the 2-digit-MNC name does resolve");
        assertThat(all(d, "//section[@id='op-1']/details[@class='discovery']")).hasSize(1);
    }

    @Test
    void escapesEveryHostileStringSoItStaysText() throws Exception {
        OperatorVerdict hostile = Verdicts.hostile();
        String html = HtmlReport.render(List.of(hostile), AT);

        assertThat(html).doesNotContain("<script", "<img", "alert('x')").contains("&lt;script&gt;alert(&#39;x&#39;)");
        Document d = parse(html);
        String shown = hostile.sentence().replace('\u0001', '\uFFFD').replace('\u0000', '\uFFFD').replace('\ud800', '\uFFFD');
        assertThat(one(d, "//section[@id='op-1']/p[@class='sentence']").getTextContent()).isEqualTo(shown);
        assertThat(one(d, "//td[@data-port='500']").getAttribute("data-operator")).isEqualTo(hostile.operator());
        assertThat(all(d, "//script | //img")).isEmpty();
        assertThat(HtmlReport.esc("<a href=\"x\">&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assertThat(HtmlReport.esc("a\r\nb\rc\u0007\ud83d\udcf6")).isEqualTo("a\nb\nc\uFFFD\ud83d\udcf6");
    }

    @Test
    void loadsNothingFromOutsideThePage() throws Exception {
        String html = HtmlReport.render(List.of(probed.ready(), probed.blocked(), Verdicts.nxdomain()), AT);

        assertThat(html).doesNotContain("http://", "https://", "url(", "@import", "//fonts");
        Document d = parse(html);
        assertThat(all(d, "//script | //link | //img | //iframe | //object | //embed | //base")).isEmpty();
        for (Element e : all(d, "//*[@src or @href]")) {
            assertThat(e.getAttribute("src")).isEmpty();
            assertThat(e.getAttribute("href")).startsWith("#");
        }
        assertThat(one(d, "//meta[@http-equiv='Content-Security-Policy']").getAttribute("content")).startsWith("default-src 'none'");
        assertThat(all(d, "//style")).hasSize(1);
    }

    @Test
    void anEmptyReportIsAPageToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site/wificall.html");
        HtmlReport.write(List.of(), file);

        Document d = parse(Files.readString(file));
        assertThat(one(d, "//p[contains(@class, 'overall')]").getTextContent()).startsWith("NOTHING CHECKED");
        assertThat(all(d, "//table")).isEmpty();
    }
}
