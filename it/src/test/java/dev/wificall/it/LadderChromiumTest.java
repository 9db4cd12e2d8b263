package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsServer;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.report.HtmlReport;
import dev.wificall.testkit.Behaviour;
import dev.wificall.testkit.DnsStub;
import dev.wificall.testkit.EpdgSimulator;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The HTML report's ladder diagrams as headless Chromium lays them out, for a check of the embedded
 * simulator on loopback (no lab, no root namespace): 127.0.0.1 answers UDP/500 late with
 * INVALID_KE_PAYLOAD (so the first request is retransmitted before the round) and asks UDP/4500 for a
 * cookie, 127.0.0.2 refuses UDP/500 with NO_PROPOSAL_CHOSEN and drops UDP/4500, and nothing listens on
 * 127.0.0.3. A copy of the page with a script that measures every SVG text (the report itself has none
 * and forbids them) must show each ladder with a size, every text inside its diagram and no two texts
 * overlapping; the report itself is then screenshot into {@code target/ladder-report.png} for a person.
 */
class LadderChromiumTest {

    private static final String FQDN = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";

    /** Writes, per SVG, "svg port width height" and per text "text port class x y w h label" lines, and overlaps. */
    private static final String MEASURE = """
            <script>
            window.addEventListener('load', () => {
              const out = [];
              document.querySelectorAll('svg.ladder').forEach((svg, n) => {
                const r = svg.getBoundingClientRect();
                const vb = svg.viewBox.baseVal;
                out.push(['svg', n, Math.round(r.width), Math.round(r.height)].join('\\t'));
                const boxes = [];
                svg.querySelectorAll('text').forEach(t => {
                  const b = t.getBBox();
                  if (b.x < 0 || b.y < 0 || b.x + b.width > vb.width || b.y + b.height > vb.height) {
                    out.push(['outside', n, t.getAttribute('class'), t.textContent].join('\\t'));
                  }
                  boxes.push([b, t]);
                });
                for (let i = 0; i < boxes.length; i++) {
                  for (let j = i + 1; j < boxes.length; j++) {
                    const [a, s] = boxes[i];
                    const [c, u] = boxes[j];
                    // half a unit of slack: glyph boxes of neighbouring rows may touch
                    if (a.x + a.width - 0.5 > c.x && c.x + c.width - 0.5 > a.x && a.y + a.height - 0.5 > c.y && c.y + c.height - 0.5 > a.y) {
                      out.push(['overlap', n, s.textContent, u.textContent].join('\\t'));
                    }
                  }
                }
                out.push(['texts', n, boxes.length].join('\\t'));
              });
              const pre = document.createElement('pre');
              pre.id = 'layout';
              pre.textContent = out.join('\\n');
              document.body.appendChild(pre);
            });
            </script>
            """;

    @Test
    @Timeout(180)
    void laddersRenderWithEveryTextInsideAndNoneOverlapping() throws Exception {
        OperatorVerdict v;
        try (EpdgSimulator one = EpdgSimulator.builder().address(java.net.InetAddress.getByName("127.0.0.1"))
                .behaviour(IkePort.UDP_500, Behaviour.delay(Duration.ofMillis(300), Behaviour.invalidKe(14)))
                .behaviour(IkePort.UDP_4500, Behaviour.cookieFirst()).start();
             EpdgSimulator two = EpdgSimulator.builder().address(java.net.InetAddress.getByName("127.0.0.2"))
                     .portOffset(one.portOffset())
                     .behaviour(IkePort.UDP_500, Behaviour.noProposalChosen())
                     .behaviour(IkePort.UDP_4500, Behaviour.silence()).start();
             DnsStub dns = DnsStub.builder().a(FQDN, "127.0.0.1", "127.0.0.2", "127.0.0.3").start()) {
            CheckSettings s = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(dns.server()))
                    .withPortOffset(one.portOffset());
            v = new ReadinessCheck(s).check(SelectionInput.of(Plmn.of(262, 1)));
        }
        Map<String, PortResult> probes = v.probes().stream().collect(Collectors.toMap(
                p -> p.address().getHostAddress() + " " + p.port().number(), Function.identity()));
        assertThat(probes.get("127.0.0.1 500").groupRetries()).as(v.sentence()).isNotEmpty();
        assertThat(probes.get("127.0.0.1 500").requests()).isGreaterThanOrEqualTo(3);
        assertThat(probes.get("127.0.0.1 4500").cookieRounds()).isEqualTo(1);
        assertThat(probes.get("127.0.0.2 4500").outcome()).isEqualTo(PortOutcome.NO_ANSWER);
        assertThat(probes.get("127.0.0.3 500").outcome()).isEqualTo(PortOutcome.PORT_UNREACHABLE);

        Path dir = Path.of(System.getProperty("wificall.it.work", "target/it-projects")).resolve("ladder-chromium");
        Files.createDirectories(dir);
        Path report = dir.resolve("wificall-report.html");
        HtmlReport.write(List.of(v), report);
        String html = Files.readString(report, StandardCharsets.UTF_8);
        // the report parses as XML, holds six ladders and no script
        NodeList svgs = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))).getElementsByTagName("svg");
        assertThat(svgs.getLength()).isEqualTo(6);
        assertThat(((Element) svgs.item(0)).getAttribute("aria-label")).startsWith("UDP/500 from 127.0.0.1:");
        assertThat(html).doesNotContain("<script");

        // a copy that may run the measuring script: the report's CSP forbids scripts, as it should
        Path measured = dir.resolve("wificall-report-measured.html");
        Files.writeString(measured, html.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", MEASURE + "</body>"), StandardCharsets.UTF_8);
        Chromium chromium = new Chromium();
        String dom = chromium.dumpDom(measured);
        Matcher m = Pattern.compile("<pre id=\"layout\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("the measuring script ran").isTrue();
        List<String> layout = m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").lines().toList();
        assertThat(layout.stream().filter(l -> l.startsWith("svg\t"))).hasSize(6).allSatisfy(l -> {
            String[] f = l.split("\t");
            assertThat(Integer.parseInt(f[2])).as("width of ladder " + f[1]).isGreaterThan(300);
            assertThat(Integer.parseInt(f[3])).as("height of ladder " + f[1]).isGreaterThan(80);
        });
        assertThat(layout.stream().filter(l -> l.startsWith("texts\t")))
                .allSatisfy(l -> assertThat(Integer.parseInt(l.split("\t")[2])).isGreaterThanOrEqualTo(8));
        assertThat(layout.stream().filter(l -> l.startsWith("outside\t") || l.startsWith("overlap\t")))
                .as("texts cut off or overlapping").isEmpty();

        Path png = Path.of("target/ladder-report.png").toAbsolutePath();
        chromium.screenshot(report, png, 1280, 2600);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        int blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                // the request arrows' #1f4e8c
                blue += b > 110 && b > r + 60 && b > g + 30 ? 1 : 0;
            }
        }
        assertThat(blue).as("pixels of request arrows in " + png).isGreaterThan(1500);
        System.out.println("LadderChromiumTest screenshot: " + png);
    }
}
