package dev.wificall.report;

import static dev.wificall.report.Xml.all;
import static dev.wificall.report.Xml.one;
import static dev.wificall.report.Xml.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.LifetimeFinding;
import dev.wificall.verdict.OperatorVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The user plane in the log lines, the table, the failure message and the HTML page. */
class UserPlaneReportsTest {

    private static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void eachCheckHasAStableLowerCaseId() {
        assertThat(Arrays.stream(Check.values()).map(UserPlaneLines::id)).containsExactly("esp-echo", "inner-dns", "sip-udp",
                "sip-tcp", "mtu", "mapping-lifetime", "ike-on-4500");
    }

    @Test
    void theLineOfAWorkingTunnelNamesItsFactsAndTheStepsTheirIdStatusAndTime() {
        UserPlaneResult u = UserPlanes.passed();
        assertThat(UserPlaneLines.line(u)).isEqualTo("user plane 10.77.9.2:4500: PASSED, inner 10.45.0.2, ENCR_AES_GCM_16 256,"
                + " ESP 64 sent, 60 received, mapping kept 40 s to 45 s, largest inner packet 1400 bytes");
        assertThat(UserPlaneLines.step(u.steps().get(0))).isEqualTo("esp-echo PASSED (4 ms): " + u.steps().get(0).sentence());

        List<String> out = new ArrayList<>();
        List<String> detail = new ArrayList<>();
        CheckLines.userPlane(u, out::add, detail::add);
        assertThat(out).hasSize(1 + 7);
        assertThat(out.get(0)).isEqualTo("  " + UserPlaneLines.line(u));
        assertThat(out.subList(1, out.size())).allMatch(l -> l.startsWith("    ")).extracting(l -> l.strip().split(" ")[0])
                .containsExactly("esp-echo", "inner-dns", "sip-udp", "sip-tcp", "mtu", "mapping-lifetime", "ike-on-4500");
        // a passed tunnel's summary sentence and its transcript are detail
        assertThat(detail).containsExactly("    " + u.sentence(), "    " + u.transcript().get(0), "    " + u.transcript().get(1));
    }

    @Test
    void aDpiFirewallThatDropsEspIsNamedInTheLineAndItsAdviceInTheLog() {
        UserPlaneResult u = UserPlanes.dpiDropped();
        assertThat(UserPlaneLines.line(u)).isEqualTo("user plane 10.77.9.2:4500: FAILED, inner 10.45.0.2, ENCR_AES_GCM_16 256,"
                + " ESP 9 sent, 0 received; FAILED: no ESP came back, esp-echo, inner-dns, sip-udp, sip-tcp");
        List<String> out = new ArrayList<>();
        List<String> detail = new ArrayList<>();
        CheckLines.userPlane(u, out::add, detail::add);
        assertThat(out.get(1)).isEqualTo("    " + UserPlanes.DPI_SENTENCE).contains("ipsec-esp-udp");
        assertThat(out).contains("    mtu SKIPPED (0 ms): " + u.step(Check.MTU).orElseThrow().sentence(),
                "    ike-on-4500 PASSED (5 ms): " + u.step(Check.IKE_ON_4500).orElseThrow().sentence());
        // the transcript stays out of the build log, which says where it is
        assertThat(out.get(out.size() - 1)).isEqualTo("    transcript: 1 line in the JSON and HTML reports");
        assertThat(detail).containsExactly("    " + u.transcript().get(0));
    }

    @Test
    void theLifetimeSentenceComparesTheMappingWithAndroidsKeepAlive() {
        assertThat(UserPlaneLines.lifetime(UserPlanes.shortLifetime().lifetime().orElseThrow())).isEqualTo("the network keeps"
                + " the UDP/4500 mapping for between 6 s and 7 s of silence; Android sends keep-alives every 20 s, so the"
                + " mapping expires between them; with keep-alives every 5 s the mapping held");
        assertThat(UserPlaneLines.lifetime(UserPlanes.passed().lifetime().orElseThrow())).isEqualTo("the network keeps the"
                + " UDP/4500 mapping for between 40 s and 45 s of silence; Android sends keep-alives every 20 s, often enough"
                + " to keep it");
        assertThat(UserPlaneLines.lifetime(lifetime(Duration.ofSeconds(60), null, true, Duration.ofMillis(2500), false)))
                .isEqualTo("the network keeps the UDP/4500 mapping for at least 60 s of silence (the longest silence tried)"
                        + " (the measurement stopped at its time budget, so the interval is wider than asked); Android sends"
                        + " keep-alives every 20 s, often enough to keep it; even with keep-alives every 2.5 s the mapping"
                        + " was lost");
        assertThat(UserPlaneLines.lifetime(lifetime(null, Duration.ofSeconds(5), false, null, null))).isEqualTo("the network"
                + " keeps the UDP/4500 mapping for less than 5 s of silence (the shortest silence tried); Android sends"
                + " keep-alives every 20 s, so the mapping expires between them");
        assertThat(UserPlaneLines.lifetime(lifetime(null, null, true, null, null))).isEqualTo("the UDP/4500 mapping lifetime"
                + " could not be measured (the measurement stopped at its time budget, so the interval is wider than asked);"
                + " Android sends keep-alives every 20 s");
        // exactly Android's interval is too short: the verdict's rule (lost <= 20 s)
        assertThat(UserPlaneLines.lifetime(lifetime(Duration.ofSeconds(15), Duration.ofSeconds(20), false, null, null)))
                .contains("so the mapping expires between them");
        assertThat(UserPlaneLines.interval(lifetime(null, null, false, null, null))).isEqualTo("not measured");
        assertThat(UserPlaneLines.interval(lifetime(null, Duration.ofMillis(4500), false, null, null)))
                .isEqualTo("kept less than 4.5 s");
    }

    private static LifetimeFinding lifetime(Duration survived, Duration lost, boolean cutShort, Duration keepAlive,
                                            Boolean held) {
        return new LifetimeFinding(Optional.ofNullable(survived), Optional.ofNullable(lost), 4, cutShort,
                Optional.ofNullable(keepAlive), Optional.ofNullable(held));
    }

    @Test
    void theTableHasAUserPlaneColumnOnlyWhenAnOperatorHasAUserPlane() {
        List<String> with = CheckLines.table(List.of(UserPlanes.ready(), UserPlanes.shortMapping(), Attaches.attachedReady()),
                List.of("262-09"), true);
        assertThat(with.get(0)).matches("  result +operator +ePDG name +UDP/500 +UDP/4500 +IKE_AUTH +user plane +time");
        int column = with.get(0).indexOf("user plane");
        assertThat(with.get(1).substring(column)).startsWith("PASSED 10.77.9.2:4500 ");
        assertThat(with.get(2).substring(column)).startsWith("PASSED 10.77.9.2:4500, FAILED [fd77:9::2]:4500 ");
        assertThat(with.get(3).substring(column)).startsWith("- ");
        assertThat(with.get(4)).contains("not checked (failFast)");

        List<String> without = CheckLines.table(List.of(Attaches.attachedReady()), List.of(), true);
        assertThat(without.get(0)).doesNotContain("user plane").matches("  result +operator +ePDG name +UDP/500 +UDP/4500"
                + " +IKE_AUTH +time");
        assertThat(CheckLines.table(List.of(Attaches.attachedReady()), List.of(), false).get(0)).doesNotContain("IKE_AUTH");
    }

    @Test
    void theFailureMessageNamesTheFailedTunnelAndItsFailedChecksOnly() {
        String message = CheckLines.failure(List.of(UserPlanes.ready(), UserPlanes.shortMapping()), 2, null, List.of(),
                List.of(), Path.of("target/wificall"));
        UserPlaneResult bad = UserPlanes.shortLifetime();
        assertThat(message).startsWith("Wi-Fi Calling check failed for 1 of 2 operators:\n- User plane failed: ")
                .contains("\n    " + UserPlaneLines.line(bad) + "\n      mapping-lifetime FAILED (38500 ms): ")
                .endsWith("\nReports: target/wificall");
        assertThat(UserPlaneLines.line(bad)).endsWith("mapping kept 6 s to 7 s, largest inner packet 1392 bytes; FAILED:"
                + " mapping-lifetime");
        // the tunnel that passed, and the steps that did not fail, stay in the reports
        assertThat(message).doesNotContain("user plane 10.77.9.2:4500").doesNotContain("esp-echo").doesNotContain("mtu WARNING");
    }

    @Test
    void detailsPrintTheAttachesThenTheUserPlanes() {
        List<String> out = new ArrayList<>();
        CheckLines.details(UserPlanes.shortMapping(), out::add, line -> { });
        assertThat(out.get(0)).startsWith("  IKE_AUTH 10.77.9.2: ATTACHED");
        assertThat(out).filteredOn(l -> l.startsWith("  IKE_AUTH ")).hasSize(2);
        assertThat(out).filteredOn(l -> l.startsWith("  user plane ")).containsExactly(
                "  " + UserPlaneLines.line(UserPlanes.passed()), "  " + UserPlaneLines.line(UserPlanes.shortLifetime()));
    }

    @Test
    void theHtmlPageHasAUserPlaneSectionPerTunnelWithTheLifetimeTheStepsAndTheTranscript() throws Exception {
        OperatorVerdict ready = UserPlanes.ready();
        OperatorVerdict dpi = UserPlanes.dpi();
        OperatorVerdict mapping = UserPlanes.shortMapping();
        String html = HtmlReport.render(List.of(ready, dpi, mapping, Attaches.attachedReady()), AT);
        Document d = parse(html);

        assertThat(one(d, "//p[starts-with(@class, 'overall')]").getTextContent()).endsWith("; 2 of 4 user planes passed.");
        assertThat(all(d, "//thead//th")).extracting(Node::getTextContent).contains("IKE_AUTH", "User plane");
        Element cell = one(d, "//td[@data-operator='" + dpi.operator() + "' and contains(@class, 'userplane')]");
        assertThat(cell.getAttribute("class")).isEqualTo("cell userplane fail");
        assertThat(cell.getAttribute("data-address")).isEqualTo("10.77.9.2");
        assertThat(one(cell, "p/a").getAttribute("href")).isEqualTo("#userplane-2-10-77-9-2-4500");
        Element v6 = one(d, "//td[@data-operator='" + mapping.operator() + "' and @data-address='fd77:9::2'"
                + " and contains(@class, 'userplane')]");
        assertThat(v6.getAttribute("class")).isEqualTo("cell userplane fail");
        // the fourth operator (the same PLMN as the first) attached without a user plane
        assertThat(one(d, "//tbody[@id='row-4']//td[contains(@class, 'userplane')]").getTextContent()).isEqualTo("not checked");

        Element section = one(d, "//div[@id='userplane-1-10-77-9-2-4500']");
        assertThat(section.getAttribute("class")).isEqualTo("userplane pass");
        assertThat(one(section, "h4").getTextContent()).isEqualTo("User plane 10.77.9.2:4500");
        assertThat(one(section, "p[starts-with(@class, 'userplane-verdict')]").getTextContent())
                .isEqualTo("\u2713 PASSED: " + UserPlanes.passed().sentence());
        List<Element> steps = all(section, "table[@class='steps']/tbody/tr");
        assertThat(steps).extracting(e -> e.getAttribute("data-check")).containsExactly("esp-echo", "inner-dns", "sip-udp",
                "sip-tcp", "mtu", "mapping-lifetime", "ike-on-4500");
        assertThat(steps).extracting(e -> e.getAttribute("class")).containsOnly("step pass");
        // the server header's markup is text, not markup
        assertThat(one(section, "table/tbody/tr[@data-check='sip-udp']/td[@class='sentence']").getTextContent())
                .endsWith("200 OK (" + UserPlanes.SERVER + ")");
        assertThat(html).doesNotContain("<5.6.3>").contains("kamailio &lt;5.6.3&gt; &amp; &quot;lab&quot;");
        assertThat(one(section, "dl/dd[preceding-sibling::dt[1]='largest inner packet']").getTextContent())
                .isEqualTo("1400 bytes");
        assertThat(one(section, "dl/dd[preceding-sibling::dt[1]='ESP packets']").getTextContent())
                .isEqualTo("64 sent, 60 received");
        Element transcript = one(section, "details[@class='transcript']");
        assertThat(transcript.hasAttribute("open")).isFalse();
        assertThat(one(transcript, "summary").getTextContent()).isEqualTo("Transcript (2 lines)");
        assertThat(one(transcript, "pre").getTextContent()).isEqualTo(String.join("\n", UserPlanes.passed().transcript()));

        Element dropped = one(d, "//div[@id='userplane-2-10-77-9-2-4500']");
        assertThat(all(dropped, "p[starts-with(@class, 'lifetime')]")).isEmpty();
        assertThat(one(dropped, "p[starts-with(@class, 'userplane-verdict')]").getTextContent()).contains("ipsec-esp-udp");
        assertThat(one(dropped, "dl/dd[preceding-sibling::dt[1]='ESP packets']").getAttribute("class")).isEqualTo("fail");
        assertThat(one(dropped, "dl/dd[preceding-sibling::dt[1]='largest inner packet']").getTextContent())
                .isEqualTo("not measured");
        assertThat(one(dropped, "table/tbody/tr[@data-check='mtu']").getAttribute("class")).isEqualTo("step none");
        assertThat(one(dropped, "table/tbody/tr[@data-check='mtu']/td[@class='status']").getTextContent()).isEqualTo("SKIPPED");
        assertThat(one(dropped, "table/tbody/tr[@data-check='esp-echo']").getAttribute("class")).isEqualTo("step fail");

        Element short6 = one(d, "//div[@id='userplane-3--fd77-9--2--4500']");
        assertThat(short6.getAttribute("data-address")).isEqualTo("[fd77:9::2]:4500");
        Element lifetime = one(short6, "p[starts-with(@class, 'lifetime')]");
        assertThat(lifetime.getAttribute("class")).isEqualTo("lifetime fail");
        assertThat(lifetime.getTextContent()).isEqualTo("The network keeps the UDP/4500 mapping for between 6 s and 7 s of"
                + " silence; Android sends keep-alives every 20 s, so the mapping expires between them; with keep-alives"
                + " every 5 s the mapping held.");
        assertThat(one(short6, "table/tbody/tr[@data-check='mtu']").getAttribute("class")).isEqualTo("step warn");
        assertThat(one(short6, "table/tbody/tr[@data-check='inner-dns']").getAttribute("data-status")).isEqualTo("SKIPPED");
        assertThat(all(d, "//section[@id='op-3']/div[starts-with(@class, 'userplane')]")).hasSize(2);
        assertThat(all(d, "//section[@id='op-4']//div[starts-with(@class, 'userplane')]")).isEmpty();
    }

    @Test
    void noReportHoldsTheSubscribersKeysOrImsi() {
        List<OperatorVerdict> verdicts = List.of(UserPlanes.ready(), UserPlanes.dpi(), UserPlanes.shortMapping());
        for (String report : List.of(JsonReport.render(verdicts, AT), HtmlReport.render(verdicts, AT),
                CheckLines.failure(verdicts, 3, null, List.of(), List.of(), Path.of("r")))) {
            assertThat(report).doesNotContainIgnoringCase(Attaches.K).doesNotContainIgnoringCase(Attaches.OPC)
                    .doesNotContain(Attaches.IMSI).doesNotContain(Attaches.MSIN);
        }
    }
}
