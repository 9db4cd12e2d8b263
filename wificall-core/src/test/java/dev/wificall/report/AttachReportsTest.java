package dev.wificall.report;

import static dev.wificall.report.Xml.all;
import static dev.wificall.report.Xml.one;
import static dev.wificall.report.Xml.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachResult.Delivery;
import dev.wificall.attach.AttachResult.Outcome;
import dev.wificall.verdict.OperatorVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** IKE_AUTH results in the JUnit XML and HTML reports, the short line the logs use, and no secret anywhere. */
class AttachReportsTest {

    private static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");
    @Test
    void theShortLineSaysHowTheAnswerCameTheCertificateAndTheEapMethod() {
        assertThat(AttachLines.line(Attaches.probeAnswered())).isEqualTo("IKE_AUTH 10.77.9.2: ANSWERED in 5 IKE fragments"
                + " (6120 bytes), certificate trusted, expires in 35 days, EAP-AKA requested");
        assertThat(AttachLines.line(Attaches.probeExpired())).isEqualTo("IKE_AUTH 10.77.9.5: ANSWERED in one message of 1180"
                + " bytes, certificate untrusted, expired 3 days ago, EAP-AKA requested; FAILED: EXPIRED");
        assertThat(AttachLines.line(Attaches.attached())).isEqualTo("IKE_AUTH 10.77.9.2: ATTACHED in one message of 1420"
                + " bytes, certificate trusted, expires in 35 days, attached as 026201**********@nai.epc.mnc001.mcc262"
                + ".3gppnetwork.org, inner 10.45.0.2, DNS 10.46.0.53, P-CSCF 10.46.0.10, 10.46.0.11");
        assertThat(AttachLines.line(Attaches.wrongK())).startsWith("IKE_AUTH fd77:9::2: EAP_FAILED in one message")
                .endsWith("EAP-AKA requested, notify AUTHENTICATION_FAILED; FAILED: EAP-AKA failed");
        AttachResult silent = new AttachResult(Attaches.FQDN_01, "10.77.9.4", Outcome.NO_AUTH_ANSWER, false, "nothing came back",
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.NONE, 0, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(),
                Attaches.subscriber(), List.of(), Duration.ofSeconds(5));
        assertThat(AttachLines.line(silent)).isEqualTo("IKE_AUTH 10.77.9.4: NO_AUTH_ANSWER; FAILED");
        AttachResult simGone = new AttachResult(Attaches.FQDN_01, "10.77.9.4", Outcome.SIM_ERROR, false, "the SIM was removed",
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.WHOLE, 0, 1420, Optional.empty(), Optional.empty(),
                Optional.of("EAP-AKA (23) AKA-Challenge"), List.of(), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.empty(), Attaches.subscriber(), List.of(), Duration.ofSeconds(1));
        assertThat(AttachLines.line(simGone)).isEqualTo("IKE_AUTH 10.77.9.4: SIM_ERROR in one message of 1420 bytes, "
                + "EAP-AKA requested; FAILED: the SIM could not answer");
        assertThat(AttachLines.expiry(1)).isEqualTo("expires in 1 day");
        assertThat(AttachLines.expiry(0)).isEqualTo("expires today");
        assertThat(AttachLines.expiry(-1)).isEqualTo("expired 1 day ago");
    }

    @Test
    void junitXmlHasATestcasePerIkeAuthProbeFailingWithItsSentence(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("TEST-wificall.xml");
        JUnitXmlReport.write(List.of(Attaches.probedReady(), Attaches.probedExpired(), Attaches.attachedAndWrongK()), file);
        Document d = parse(Files.readString(file));
        Element suite = d.getDocumentElement();
        // 3 operators: DNS + 2 ports per address + 1 per IKE_AUTH (1 + 2 + 1, 1 + 2 + 1, 1 + 4 + 2)
        assertThat(suite.getAttribute("tests")).isEqualTo("15");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(all(d, "//testcase").size());

        List<Element> named = all(d, "//testcase[@classname='wificall.262-01 " + Attaches.FQDN_01 + "' and @name='IKE_AUTH"
                + " 10.77.9.2' and not(failure)]");
        assertThat(named).hasSize(2); // the probe of the first operator, the attach of the third
        Element passed = named.get(0);
        assertThat(passed.getAttribute("time")).isEqualTo("0.412");
        assertThat(passed.getElementsByTagName("system-out").item(0).getTextContent())
                .startsWith(AttachLines.line(Attaches.probeAnswered()) + "\n" + Attaches.probeAnswered().sentence() + "\n")
                .contains("← IKE_AUTH response in 5 IKE fragments, 6120 bytes");

        Element expired = one(d, "//testcase[@name='IKE_AUTH 10.77.9.5']/failure");
        assertThat(expired.getAttribute("type")).isEqualTo("ANSWERED");
        assertThat(expired.getAttribute("message")).isEqualTo(Attaches.probeExpired().sentence());

        Element wrongK = one(d, "//testcase[@name='IKE_AUTH fd77:9::2']/failure");
        assertThat(wrongK.getAttribute("type")).isEqualTo("EAP_FAILED");
        assertThat(wrongK.getAttribute("message")).contains("AUTN did not verify");
        assertThat(one(d, "//testcase[@name='IKE_AUTH fd77:9::2']/system-out").getTextContent())
                .contains("AKA-Challenge: AUTN did not verify").contains("→ EAP-Response AKA-Authentication-Reject");
        // the address that attached is not a failure, though the operator failed policy all on the other one
        assertThat(all(d, "//testcase[@classname='wificall.262-01 " + Attaches.FQDN_01 + "' and @name='IKE_AUTH 10.77.9.2']"
                + "/failure")).isEmpty();
    }

    @Test
    void htmlShowsAnIkeAuthColumnAndARowPerProbeWithCertificateDeliveryEapAndTranscript() throws Exception {
        List<OperatorVerdict> verdicts = List.of(Attaches.probedReady(), Attaches.probedExpired(), Attaches.attachedAndWrongK(),
                Verdicts.nxdomain());
        String html = HtmlReport.render(verdicts, AT);
        Document d = parse(html);

        assertThat(one(d, "//p[contains(@class, 'overall')]").getTextContent()).endsWith("; 2 of 4 IKE_AUTH probes passed.");
        assertThat(all(d, "//div[@class='matrix']//thead/tr/th")).extracting(Element::getTextContent)
                .containsExactly("Operator", "ePDG name", "Verdict", "Address", "UDP/500", "UDP/4500", "IKE_AUTH");
        Element cell = one(d, "//td[contains(@class, 'ikeauth') and @data-operator='262-07 O2' and @data-address='10.77.9.5']");
        assertThat(cell.getAttribute("class")).isEqualTo("cell ikeauth fail");
        assertThat(cell.getTextContent()).startsWith("\u2717 ANSWERED").contains("FAILED: EXPIRED");
        // the unresolved operator's DNS cell spans both ports and the IKE_AUTH column
        assertThat(one(d, "//td[@data-dns='NXDOMAIN']").getAttribute("colspan")).isEqualTo("3");

        Element probe = one(d, "//section[@id='op-1']//tr[@data-address='10.77.9.2']");
        assertThat(probe.getAttribute("class")).isEqualTo("attach pass");
        assertThat(probe.getAttribute("data-outcome")).isEqualTo("ANSWERED");
        String row = probe.getTextContent();
        assertThat(row).contains("\u2713 ANSWERED passed in 412 ms").contains(Attaches.probeAnswered().sentence())
                .contains("IKE fragments: 5 fragments, 6120 bytes")
                .contains("certificate trusted, expires in 35 days")
                .contains("CN=" + Attaches.FQDN_01 + ",O=wificall lab").contains("CN=wificall lab intermediate,O=wificall lab")
                .contains("2027-01-01T00:00:00Z").contains("TRUSTED").contains("EAP-AKA (23) AKA-Challenge")
                .contains("Chain: 2 certificates").contains("RSA 4096, SHA256withRSA, 1490 bytes DER");
        assertThat(one(d, "//section[@id='op-1']//tr[@data-address='10.77.9.2']//details/pre").getTextContent())
                .isEqualTo(String.join("\n", Attaches.probeAnswered().transcript()));

        Element expired = one(d, "//section[@id='op-2']//tr[@data-address='10.77.9.5']");
        assertThat(expired.getAttribute("class")).isEqualTo("attach fail");
        assertThat(expired.getTextContent()).contains("\u2717 ANSWERED failed").contains("whole: one message of 1180 bytes")
                .contains("ERROR EXPIRED: the ePDG certificate");
        assertThat(one(d, "//section[@id='op-2']//ul[@class='findings']/li").getAttribute("class")).isEqualTo("error");

        Element attached = one(d, "//section[@id='op-3']//tr[@data-address='10.77.9.2']");
        assertThat(one(d, "//section[@id='op-3']//tr[@data-address='10.77.9.2']/td[@class='assigned']").getTextContent())
                .isEqualTo("inner address10.45.0.2DNS10.46.0.53P-CSCF10.46.0.10, 10.46.0.11child SAaes256gcm16-esn");
        assertThat(attached.getTextContent()).contains("\u2713 ATTACHED passed");
        assertThat(one(d, "//section[@id='op-3']//tr[@data-address='fd77:9::2']").getTextContent())
                .contains("\u2717 EAP_FAILED failed").contains("notify AUTHENTICATION_FAILED");
        // no IKE_AUTH section for an operator that never got there
        assertThat(all(d, "//section[@id='op-4']//div[@class='ikeauth']")).isEmpty();

        // still one self-contained page
        assertThat(html).doesNotContain("http://", "https://", "url(", "@import");
        assertThat(all(d, "//script | //link | //img | //iframe | //object | //embed | //base")).isEmpty();
        assertThat(one(d, "//meta[@http-equiv='Content-Security-Policy']").getAttribute("content"))
                .isEqualTo("default-src 'none'; style-src 'unsafe-inline'");
    }

    @Test
    void withoutIkeAuthThePagesHaveNoIkeAuthColumn() throws Exception {
        Document d = parse(HtmlReport.render(List.of(Verdicts.nxdomain()), AT));
        assertThat(all(d, "//th[.='IKE_AUTH'] | //div[@class='ikeauth']")).isEmpty();
        assertThat(one(d, "//td[@data-dns='NXDOMAIN']").getAttribute("colspan")).isEqualTo("1");
    }

    @Test
    void certificateStringsFromThePeerStayText() throws Exception {
        String evil = "<script>alert('x')</script> & \"q\" \u0001";
        AttachResult r = Attaches.probeAnswered();
        AttachResult hostile = new AttachResult(r.fqdn(), r.address(), r.outcome(), r.passed(), "sentence " + evil,
                r.ikeProposal(), r.delivery(), r.answerFragments(), r.answerBytes(),
                r.certificate().map(c -> new dev.wificall.attach.CertificateReport(c.fqdn(), List.of(
                        new dev.wificall.attach.CertificateSummary("CN=" + evil, evil, List.of("DNS:" + evil), "1",
                                Instant.EPOCH, Attaches.NOT_AFTER, "EC P-256", "SHA256withECDSA", Attaches.fingerprint(0), 300)),
                        "ID_FQDN " + evil, false, false, c.trust(), c.daysToExpiry(), c.chainDaysToExpiry(), c.findings(),
                        c.sentence())),
                r.signature(), Optional.of(evil), List.of(evil), Optional.of(evil), List.of(), List.of(), List.of(),
                Optional.empty(), r.subscriber(), List.of(evil), r.elapsed());
        OperatorVerdict v = Attaches.verdict("262-01", false, "IKE_AUTH failed", hostile);

        String html = HtmlReport.render(List.of(v), AT);
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)");
        Document d = parse(html);
        assertThat(all(d, "//script")).isEmpty();
        assertThat(one(d, "//tr[@data-address='10.77.9.2']//td[@class='eap']").getTextContent()).startsWith(
                evil.replace('\u0001', '\uFFFD'));
        String json = JsonReport.render(List.of(v), AT);
        assertThat(json).contains("\"eapMethod\": \"<script>alert('x')</script> & \\\"q\\\" \\u0001\"");
    }

    /**
     * The reports of results the engine built with a masked subscriber hold neither K, OPc (in either
     * case) nor the IMSI's digits or its MSIN, whatever the format.
     */
    @Test
    void noReportHoldsKOpcOrTheImsi(@TempDir Path dir) throws Exception {
        List<OperatorVerdict> verdicts = List.of(Attaches.attachedReady(), Attaches.attachedAndWrongK(), Attaches.probedReady());
        JsonReport.write(verdicts, dir.resolve("wificall-report.json"));
        JUnitXmlReport.write(verdicts, dir.resolve("TEST-wificall.xml"));
        HtmlReport.write(verdicts, dir.resolve("wificall-report.html"));
        List<String> lines = new ArrayList<>();
        verdicts.forEach(v -> v.attaches().forEach(a -> lines.add(AttachLines.line(a))));
        List<String> texts = new ArrayList<>(List.of(String.join("\n", lines)));
        for (String name : List.of("wificall-report.json", "TEST-wificall.xml", "wificall-report.html")) {
            texts.add(Files.readString(dir.resolve(name)));
        }
        for (String text : texts) {
            assertThat(text).contains("026201**********")
                    .doesNotContainIgnoringCase(Attaches.K).doesNotContainIgnoringCase(Attaches.OPC)
                    .doesNotContain(Attaches.IMSI).doesNotContain(Attaches.MSIN);
        }
    }
}
