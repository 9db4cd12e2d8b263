package dev.wificall.report;

import static dev.wificall.report.Xml.all;
import static dev.wificall.report.Xml.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.Exchanges;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.Transcript;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The ladder diagrams of the HTML report, for transcripts real probes on loopback recorded: the SVG is
 * parsed as XML and its arrows, labels and times counted, and the whole page must stay well-formed.
 */
class LadderTest {

    private static PortResult answered;
    private static PortResult silent;
    private static PortResult cookie;
    private static PortResult invalidKe;
    private static PortResult lostThenInvalidKe;
    private static PortResult refused;

    @BeforeAll
    static void probe() throws Exception {
        answered = Exchanges.answered(IkePort.UDP_500);
        silent = Exchanges.silent(IkePort.UDP_4500);
        cookie = Exchanges.cookie(IkePort.UDP_500);
        invalidKe = Exchanges.invalidKe(IkePort.UDP_4500, 14);
        lostThenInvalidKe = Exchanges.lostThenInvalidKe(IkePort.UDP_500, 14);
        refused = Exchanges.refused(IkePort.UDP_500);
    }

    /** Each drawn row as "kind|label|time", top to bottom. */
    private static List<String> rows(Document svg) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Element g : all(svg, "/svg/g")) {
            assertThat(g.getAttribute("class")).startsWith("msg ");
            String label = all(g, "text[@class='label']").get(0).getTextContent();
            String time = all(g, "text[@class='time']").get(0).getTextContent();
            rows.add(g.getAttribute("class").substring(4) + "|" + label + "|" + time);
        }
        return rows;
    }

    private static List<String> labels(Document svg) throws Exception {
        return rows(svg).stream().map(r -> r.split("\\|")[0] + "|" + r.split("\\|")[1]).toList();
    }

    private static Document svg(PortResult p) throws Exception {
        assertThat(Ladder.drawable(p)).isTrue();
        return parse(Ladder.svg(p));
    }

    /** The time column: each row's offset as the transcript has it, rising, the first request at +0. */
    private static void timesFollowTheTranscript(PortResult p, Document svg) throws Exception {
        List<Transcript.Entry> drawn = p.transcript().entries().stream().filter(e -> e.kind() != Transcript.Kind.NOTE
                || !e.label().isEmpty()).toList();
        List<Element> groups = all(svg, "/svg/g");
        assertThat(groups).hasSize(drawn.size());
        for (int i = 0; i < drawn.size(); i++) {
            Element g = groups.get(i);
            assertThat(g.getAttribute("data-ms")).isEqualTo(String.valueOf(drawn.get(i).at().toMillis()));
            assertThat(all(g, "text[@class='time']").get(0).getTextContent()).isEqualTo("+" + Ladder.ms(drawn.get(i).at()));
            assertThat(all(g, "title").get(0).getTextContent()).isEqualTo(drawn.get(i).line());
        }
        assertThat(groups.get(0).getAttribute("data-ms")).isEqualTo("0");
        assertThat(groups.stream().map(g -> Long.parseLong(g.getAttribute("data-ms"))).toList()).isSorted();
    }

    private static void lifelinesAreTheEndpoints(PortResult p, Document svg) throws Exception {
        assertThat(all(svg, "/svg/line[@class='life']")).hasSize(2);
        assertThat(all(svg, "/svg/text[@class='endpoint']")).extracting(Node::getTextContent)
                .containsExactly(AddressText.of(p.source().address()), AddressText.of(p.transcript().entries().get(0).to()));
        Element root = svg.getDocumentElement();
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-label")).isEqualTo(Ladder.summary(p))
                .isEqualTo(all(svg, "/svg/title").get(0).getTextContent());
    }

    /** Arrows to the right are requests, to the left what came back. */
    private static void arrowsPoint(Document svg) throws Exception {
        for (Element g : all(svg, "/svg/g[@class='msg sent' or @class='msg received' or @class='msg icmp']")) {
            Element line = all(g, "line").get(0);
            double x1 = Double.parseDouble(line.getAttribute("x1"));
            double x2 = Double.parseDouble(line.getAttribute("x2"));
            assertThat(x2 > x1).as(g.getAttribute("class")).isEqualTo(g.getAttribute("class").equals("msg sent"));
            assertThat(all(g, "polygon")).hasSize(1);
        }
    }

    @Test
    void aCleanAnswerIsOneRequestAndOneResponseWithTheChosenGroup() throws Exception {
        Document d = svg(answered);

        assertThat(labels(d)).containsExactly("sent|IKE_SA_INIT request, DH group 19",
                "received|IKE_SA_INIT response, DH group 19: aes256gcm16-prfsha256-ecp256");
        timesFollowTheTranscript(answered, d);
        lifelinesAreTheEndpoints(answered, d);
        arrowsPoint(d);
        assertThat(Ladder.summary(answered)).isEqualTo("UDP/500 from " + AddressText.of(answered.source().address()) + " to "
                + AddressText.of(answered.transcript().entries().get(0).to()) + ": 1 request sent, 1 datagram received;"
                + " ANSWERED after " + Ladder.ms(answered.elapsed())
                + " (IKE_SA_INIT response, DH group 19: aes256gcm16-prfsha256-ecp256).");
    }

    @Test
    void silenceIsTheRequestThreeRetransmissionsAndADashedDeadline() throws Exception {
        assertThat(silent.outcome()).isEqualTo(PortOutcome.NO_ANSWER);
        assertThat(silent.requests()).isEqualTo(4);
        Document d = svg(silent);

        assertThat(labels(d)).containsExactly("sent|IKE_SA_INIT request, DH group 19", "sent|retransmission #1",
                "sent|retransmission #2", "sent|retransmission #3", "timeout|no answer by 700 ms");
        timesFollowTheTranscript(silent, d);
        lifelinesAreTheEndpoints(silent, d);
        arrowsPoint(d);
        // the plan without jitter: 0, 60, 180, 420 ms, each at or after its time and before the next
        List<Long> ms = all(d, "/svg/g").stream().map(g -> Long.parseLong(g.getAttribute("data-ms"))).toList();
        assertThat(ms.get(1)).isBetween(60L, 179L);
        assertThat(ms.get(2)).isBetween(180L, 419L);
        assertThat(ms.get(3)).isBetween(420L, 699L);
        assertThat(ms.get(4)).isGreaterThanOrEqualTo(700L);
        Element deadline = all(d, "/svg/g[@class='msg timeout']/line").get(0);
        assertThat(deadline.getAttribute("stroke-dasharray")).isNotEmpty();
        assertThat(all(d, "/svg/g[@class='msg timeout']/polygon")).isEmpty();
        assertThat(Ladder.summary(silent)).contains(": 4 requests sent, nothing received; NO_ANSWER after ")
                .endsWith(" (no answer by 700 ms).");
    }

    @Test
    void aCookieRoundIsTheAnswerAskingAndTheRequestRepeatedWithIt() throws Exception {
        assertThat(cookie.cookieRounds()).isEqualTo(1);
        Document d = svg(cookie);

        assertThat(labels(d)).containsExactly("sent|IKE_SA_INIT request, DH group 19", "received|COOKIE requested",
                "sent|request repeated with the cookie",
                "received|IKE_SA_INIT response, DH group 19: aes256gcm16-prfsha256-ecp256");
        timesFollowTheTranscript(cookie, d);
        arrowsPoint(d);
    }

    @Test
    void anInvalidKeRoundIsTheGroupAskedForAndTheRetryWithIt() throws Exception {
        Document d = svg(invalidKe);

        assertThat(labels(d)).containsExactly("sent|IKE_SA_INIT request, DH group 19",
                "received|INVALID_KE_PAYLOAD: wants DH group 14", "sent|retry with DH group 14",
                "received|IKE_SA_INIT response, DH group 14: aes256gcm16-prfsha256-modp2048");
        timesFollowTheTranscript(invalidKe, d);
        lifelinesAreTheEndpoints(invalidKe, d);
        assertThat(all(d, "/svg").get(0).getAttribute("data-port")).isEqualTo("4500");
        assertThat(all(d, "/svg/text[@class='who']")).extracting(Node::getTextContent).containsExactly("this host", "ePDG UDP/4500");
    }

    @Test
    void aLostRequestShowsItsRetransmissionBeforeTheInvalidKeRound() throws Exception {
        Document d = svg(lostThenInvalidKe);

        assertThat(labels(d)).containsExactly("sent|IKE_SA_INIT request, DH group 19", "sent|retransmission #1",
                "received|INVALID_KE_PAYLOAD: wants DH group 14", "sent|retry with DH group 14",
                "received|IKE_SA_INIT response, DH group 14: aes256gcm16-prfsha256-modp2048");
        timesFollowTheTranscript(lostThenInvalidKe, d);
        assertThat(Long.parseLong(all(d, "/svg/g").get(1).getAttribute("data-ms"))).isGreaterThanOrEqualTo(60L);
    }

    @Test
    void portUnreachableIsADashedIcmpArrowBack() throws Exception {
        assertThat(refused.outcome()).isEqualTo(PortOutcome.PORT_UNREACHABLE);
        Document d = svg(refused);

        assertThat(labels(d)).containsExactly("sent|IKE_SA_INIT request, DH group 19", "icmp|ICMP port unreachable");
        timesFollowTheTranscript(refused, d);
        arrowsPoint(d);
        assertThat(all(d, "/svg/g[@class='msg icmp']/line").get(0).getAttribute("stroke-dasharray")).isNotEmpty();
        assertThat(Ladder.summary(refused)).contains(": 1 request sent, nothing received, an ICMP error; PORT_UNREACHABLE after ");
    }

    @Test
    void aProbeWithoutRequestsHasNoLadderAndLongLabelsAreCut() {
        PortResult none = new PortResult(answered.address(), IkePort.UDP_500, PortOutcome.NOT_SENT, 0, Duration.ZERO,
                "not sent: no route", 0);
        assertThat(Ladder.drawable(none)).isFalse();
        String longLabel = "x".repeat(Ladder.MAX_LABEL + 10);
        assertThat(Ladder.cut(longLabel)).hasSize(Ladder.MAX_LABEL).endsWith("\u2026");
        assertThat(Ladder.cut("short")).isEqualTo("short");
        assertThat(Ladder.ms(Duration.ofNanos(420_000))).isEqualTo("0.4 ms");
        assertThat(Ladder.ms(Duration.ofMillis(2401))).isEqualTo("2401 ms");
    }

    @Test
    void thePageDrawsALadderPerKeptProbeAndTheRestKeepTheirLine() throws Exception {
        InetAddress first = InetAddress.getByName("10.77.0.2");
        InetAddress v6 = InetAddress.getByName("fd77::2");
        List<PortResult> probes = new ArrayList<>();
        probes.add(Verdicts.at(lostThenInvalidKe, first));
        probes.add(Verdicts.at(silent, first));
        probes.add(Verdicts.at(refused, v6));
        // 31 more silent addresses: 32 NO_ANSWER transcripts are kept, the 33rd (on 10.77.1.99) keeps only its line
        for (int i = 1; i <= 31; i++) {
            probes.add(Verdicts.at(silent, InetAddress.getByName("10.77.1." + i)));
        }
        InetAddress last = InetAddress.getByName("10.77.1.99");
        probes.add(Verdicts.at(answered, last));
        probes.add(Verdicts.at(silent, last));
        Plmn plmn = Plmn.parse("262-01");
        String evil = "<svg onload=\"alert('x')\"> & ]]>";
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), "127.0.0.77:15353", DnsStatus.ADDRESSES, List.of(first, v6),
                List.of(evil), "A: " + evil, Duration.ofMillis(2));
        OperatorVerdict v = new OperatorVerdict(plmn, plmn.epdgFqdn() + evil, dns, probes, false, "sentence " + evil,
                Duration.ofMillis(900));

        String html = HtmlReport.render(List.of(v), Instant.parse("2026-12-07T00:00:00Z"));
        Document d = parse(html);

        assertThat(html).doesNotContain("<svg onload").contains("&lt;svg onload=&quot;alert(&#39;x&#39;)&quot;&gt;");
        assertThat(all(d, "//svg")).hasSize(35);
        assertThat(all(d, "//svg[not(@aria-label) or not(title)]")).isEmpty();
        assertThat(all(d, "//figure[@data-address='10.77.0.2']//svg")).extracting(e -> e.getAttribute("data-port"))
                .containsExactly("500", "4500");
        assertThat(all(d, "//figure[@data-address='fd77::2']//svg/g[@class='msg icmp']")).hasSize(1);
        // the 33rd NO_ANSWER: its line, not a ladder, beside the ladder of the answered port
        assertThat(all(d, "//figure[@data-address='10.77.1.99']//svg")).extracting(e -> e.getAttribute("data-port"))
                .containsExactly("500");
        Element line = all(d, "//figure[@data-address='10.77.1.99']//p[@class='line']").get(0);
        assertThat(line.getAttribute("data-port")).isEqualTo("4500");
        assertThat(line.getTextContent()).isEqualTo(v.probeLines().get(probes.size() - 1)).contains("NO_ANSWER");
        // every cell with a ladder links to it, and every link lands
        List<Element> links = all(d, "//td//a[starts-with(@href, '#ladder-')]");
        assertThat(links).hasSize(35);
        for (Element a : links) {
            assertThat(all(d, "//div[@id='" + a.getAttribute("href").substring(1) + "']/svg")).hasSize(1);
        }
        assertThat(all(d, "//td[@data-address='10.77.1.99' and @data-port='4500']//a")).isEmpty();
    }
}
