package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wificall.report.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Maven goal with {@code wificall.ikeAuth} against the attach lab (it/lab/attach.sh: charon with
 * eap-aka-3gpp, one ePDG address per certificate scenario, resolver 127.0.0.81:15381): the probe
 * without a SIM passes on a good ePDG and fails on an expired or wrongly named certificate, an
 * EAP-AKA attach with the test subscriber from the child build's environment passes with the inner
 * address, DNS and P-CSCF and fails with a wrong K, and missing credentials or a missing trust store
 * are configuration errors; with {@code wificall.userPlane=true} the user plane through the tunnel passes, and
 * fails the build behind a firewall that drops ESP in UDP. Each case checks the build result, the log and all three reports; the
 * attach runs also check that neither K, OPc nor the IMSI's digits appear in the log or a report.
 *
 * <p>Child builds run {@code verify} on it/src/test/projects/bare, offline, with the plugin from the
 * local repository this build uses ({@code maven.repo.local}); when this build was given
 * {@code -Dmaven.repo.local.tail=...} (Maven 3.9: a read-only second local repository), the child
 * builds get it too, so a private local repository with just this worktree's wificall artifacts can
 * sit in front of a shared one that other builds install into.
 */
@ExtendWith(AttachLab.class)
class MavenAttachIT {

    private static final String FQDN_01 = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    private static final String WRONG_K = "00112233445566778899aabbccddeeff";
    private static final String MSIN = AttachLab.IMSI.substring(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Build(Path dir, int exit, String log) {
        Path reports() {
            return dir.resolve("target/wificall-reports");
        }
    }

    @Test
    void probeWithoutSimPassesOnAGoodEpdgWithItsTrustedCertificateAndEapAka() throws Exception {
        Build build = mvn("probe-good", Map.of(), "-Dwificall.operators=262-01", "-Dwificall.ikeAuth=probe",
                "-Dwificall.trustStore=trust/ca.pem");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("address policy any, then IKE_AUTH without a SIM (ikeAuth=probe, APN ims, certificates checked"
                        + " against 2 CA certificates from " + build.dir.resolve("trust/ca.pem") + ")")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) " + FQDN_01)
                .contains("IKE_AUTH: the ePDG " + FQDN_01 + " at 10.77.9.2:4500 answered IKE_AUTH in one message of ")
                .contains("asks for EAP-AKA (23) AKA-Challenge").contains("chain trusted")
                .containsPattern("\\[INFO\\]   IKE_AUTH 10\\.77\\.9\\.2: ANSWERED in one message of \\d+ bytes, certificate trusted,"
                        + " expires in \\d+ days, EAP-AKA requested\n")
                .containsPattern("PASS +262-01 T-Mobile\\(Telekom\\) +" + FQDN_01.replace(".", "\\.")
                        + " +2/2 answered +2/2 answered +ANSWERED 10\\.77\\.9\\.2 ");
        assertThat(build.exit).isZero();
        reportsValid(build);

        JsonNode attach = attaches(build, 0).get(0);
        assertThat(attach.path("outcome").asText()).isEqualTo("ANSWERED");
        assertThat(attach.path("passed").asBoolean()).isTrue();
        assertThat(attach.path("address").asText()).isEqualTo(AttachLab.GOOD);
        assertThat(attach.path("delivery").asText()).isEqualTo("WHOLE");
        assertThat(attach.path("eapMethod").asText()).isEqualTo("EAP-AKA (23) AKA-Challenge");
        assertThat(attach.path("certificate").path("trust").asText()).isEqualTo("TRUSTED");
        assertThat(attach.path("certificate").path("nameMatches").asBoolean()).isTrue();
        assertThat(attach.path("certificate").path("subject").asText()).startsWith("CN=" + FQDN_01);
        assertThat(attach.path("signature").path("valid").asBoolean()).isTrue();
        assertThat(attach.path("subscriber").asText()).startsWith("026201*").doesNotContain("0000000000");

        Document xml = junitXml(build);
        Element testcase = one(xml, "//testcase[@name='IKE_AUTH 10.77.9.2']");
        assertThat(testcase.getElementsByTagName("failure").getLength()).isZero();
        assertThat(testcase.getElementsByTagName("system-out").item(0).getTextContent())
                .startsWith("IKE_AUTH 10.77.9.2: ANSWERED").contains("← IKE_AUTH response 1 [IDr CERT AUTH EAP]");
        Document html = html(build);
        Element cell = one(html, "//td[contains(@class, 'ikeauth') and @data-address='10.77.9.2']");
        assertThat(cell.getAttribute("class")).isEqualTo("cell ikeauth pass");
        assertThat(cell.getTextContent()).startsWith("\u2713 ANSWERED");
        assertThat(one(html, "//tr[@class='attach pass' and @data-address='10.77.9.2']").getTextContent())
                .contains("certificate trusted").contains("CN=" + FQDN_01).contains("EAP-AKA (23) AKA-Challenge")
                .contains("Transcript (");
    }

    @Test
    void probeFailsOnAnExpiredAndOnAWronglyNamedCertificateWithTheFindingInLogAndReports() throws Exception {
        Build build = mvn("probe-bad-certificates", Map.of(), "-Dwificall.operators=262-07,262-08", "-Dwificall.ikeAuth=probe",
                "-Dwificall.trustStore=trust/ca.pem");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("wificall: FAIL 262-07 O2 epdg.epc.mnc007.mcc262.pub.3gppnetwork.org")
                .contains("IKE_AUTH failed: the ePDG epdg.epc.mnc007.mcc262.pub.3gppnetwork.org at 10.77.9.5:4500 answered")
                .containsPattern("  IKE_AUTH 10\\.77\\.9\\.5: ANSWERED in one message of \\d+ bytes, certificate untrusted,"
                        + " expired \\d+ days ago, EAP-AKA requested; FAILED: EXPIRED")
                .contains("    certificate ERROR EXPIRED: the ePDG certificate CN=epdg.epc.mnc007.mcc262.pub.3gppnetwork.org")
                .contains("wificall: FAIL 262-08 O2 epdg.epc.mnc008.mcc262.pub.3gppnetwork.org")
                .contains("name does not match epdg.epc.mnc008.mcc262.pub.3gppnetwork.org, EAP-AKA requested; FAILED:"
                        + " NAME_MISMATCH")
                .contains("    certificate ERROR NAME_MISMATCH: the ePDG certificate CN=epdg.example.net")
                // a failed probe shows its transcript in the normal log
                .contains("← IKE_AUTH response 1 [IDr CERT AUTH EAP]")
                .contains("Wi-Fi Calling check failed for 2 of 2 operators:")
                .doesNotContain("\tat dev.wificall");
        reportsValid(build);

        JsonNode expired = attaches(build, 0).get(0);
        assertThat(expired.path("passed").asBoolean()).isFalse();
        assertThat(expired.path("certificate").path("daysToExpiry").asLong()).isNegative();
        assertThat(kinds(expired)).contains("EXPIRED");
        JsonNode misnamed = attaches(build, 1).get(0);
        assertThat(misnamed.path("certificate").path("nameMatches").asBoolean()).isFalse();
        assertThat(kinds(misnamed)).contains("NAME_MISMATCH");
        assertThat(misnamed.path("certificate").path("sans").toString()).contains("DNS:epdg.example.net");

        Document xml = junitXml(build);
        Element failure = one(xml, "//testcase[@name='IKE_AUTH 10.77.9.5']/failure");
        assertThat(failure.getAttribute("type")).isEqualTo("ANSWERED");
        assertThat(failure.getAttribute("message")).containsIgnoringCase("expired");
        assertThat(one(xml, "//testcase[@name='IKE_AUTH 10.77.9.6']/failure").getAttribute("message"))
                .contains("epdg.example.net");
        Document html = html(build);
        assertThat(one(html, "//tr[@data-address='10.77.9.5']").getAttribute("class")).isEqualTo("attach fail");
        assertThat(texts(html, "//tr[@data-address='10.77.9.5']//ul[@class='findings']/li[@class='error']"))
                .anyMatch(t -> t.startsWith("ERROR EXPIRED: "));
        assertThat(texts(html, "//tr[@data-address='10.77.9.6']//ul[@class='findings']/li[@class='error']"))
                .anyMatch(t -> t.startsWith("ERROR NAME_MISMATCH: "));
        assertThat(one(html, "//td[contains(@class, 'ikeauth') and @data-address='10.77.9.6']").getTextContent())
                .startsWith("\u2717 ANSWERED");
    }

    @Test
    void attachWithTheSubscriberFromTheEnvironmentPassesWithInnerAddressDnsAndPcscf() throws Exception {
        Build build = mvn("attach-good", subscriber(AttachLab.K), "-X", "-Dwificall.operators=262-01",
                "-Dwificall.ikeAuth=attach", "-Dwificall.trustStore=trust/ca.pem");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("then an EAP-AKA attach as 26201********** (ikeAuth=attach, credentials from the environment, APN ims,")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) " + FQDN_01)
                .contains("Attach: attached to the ePDG " + FQDN_01 + " at 10.77.9.2:4500 as 026201**********@nai.epc.mnc001"
                        + ".mcc262.3gppnetwork.org with EAP-AKA (software USIM): inner address 10.45.0.")
                .containsPattern("  IKE_AUTH 10\\.77\\.9\\.2: ATTACHED in one message of \\d+ bytes, certificate trusted, expires"
                        + " in \\d+ days, attached as 026201\\*{10}@nai\\.epc\\.mnc001\\.mcc262\\.3gppnetwork\\.org, inner 10\\.45\\.0\\.")
                .contains("DNS 10.46.0.53").contains("P-CSCF 10.46.0.10")
                // with -X the transcript of a passing attach is there at debug level
                .containsPattern("\\[DEBUG\\] +\\d+ ms  EAP: AKA-Challenge: AUTN and AT_MAC verified")
                .containsPattern("\\[DEBUG\\] +\\d+ ms  AUTH of the ePDG verified with the EAP MSK")
                .containsPattern("ATTACHED 10\\.77\\.9\\.2 ");
        assertThat(build.exit).isZero();
        reportsValid(build);
        JsonNode attach = attaches(build, 0).get(0);
        assertThat(attach.path("outcome").asText()).isEqualTo("ATTACHED");
        assertThat(strings(attach.path("innerAddresses"))).anyMatch(a -> a.startsWith("10.45.0."));
        assertThat(strings(attach.path("dnsServers"))).contains("10.46.0.53");
        assertThat(strings(attach.path("pcscfServers"))).contains("10.46.0.10");
        assertThat(attach.path("childProposal").asText()).isNotEmpty();
        assertThat(attach.path("subscriber").asText()).isEqualTo("026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org");
        Element row = one(html(build), "//tr[@class='attach pass' and @data-address='10.77.9.2']/td[@class='assigned']");
        assertThat(row.getTextContent()).contains("inner address10.45.0.").contains("10.46.0.53").contains("10.46.0.10");
        assertThat(one(junitXml(build), "//testcase[@name='IKE_AUTH 10.77.9.2']").getElementsByTagName("failure").getLength())
                .isZero();
        assertNoSecret(build);
    }

    @Test
    void attachWithAWrongKFailsSayingAutnDidNotVerify() throws Exception {
        Build build = mvn("attach-wrong-k", subscriber(WRONG_K), "-Dwificall.operators=262-01", "-Dwificall.ikeAuth=attach",
                "-Dwificall.trustStore=trust/ca.pem");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("wificall: FAIL 262-01 T-Mobile(Telekom)")
                .contains("Attach failed: EAP-AKA for 026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org at 10.77.9.2:4500")
                .contains("AUTN did not verify")
                .contains("; FAILED: EAP-AKA failed")
                .containsPattern("\\d+ ms  EAP: AKA-Challenge: AUTN did not verify; answered with AKA-Authentication-Reject");
        reportsValid(build);
        JsonNode attach = attaches(build, 0).get(0);
        assertThat(attach.path("outcome").asText()).isEqualTo("EAP_FAILED");
        assertThat(attach.path("eapFailure").asText()).contains("AUTN did not verify");
        assertThat(one(junitXml(build), "//testcase[@name='IKE_AUTH 10.77.9.2']/failure").getAttribute("type"))
                .isEqualTo("EAP_FAILED");
        assertThat(one(html(build), "//tr[@data-address='10.77.9.2']").getTextContent()).contains("AUTN did not verify");
        assertNoSecret(build);
        assertThat(everything(build)).doesNotContainIgnoringCase(WRONG_K);
    }

    @Test
    void attachWithKeysFromPropertiesPassesAndWarnsToPreferTheEnvironment() throws Exception {
        Build build = mvn("attach-properties", Map.of(), "-Dwificall.operators=262-01", "-Dwificall.ikeAuth=attach",
                "-Dwificall.imsi=" + AttachLab.IMSI, "-Dwificall.k=" + AttachLab.K, "-Dwificall.opc=" + AttachLab.OPC.toUpperCase());
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("credentials from wificall.imsi/k/opc/op")
                .contains("[WARNING] wificall: the subscriber's keys come from wificall.k/wificall.opc/wificall.op; prefer the"
                        + " environment variables WIFICALL_K and WIFICALL_OPC")
                .contains("  IKE_AUTH 10.77.9.2: ATTACHED");
        assertThat(build.exit).isZero();
        assertNoSecret(build);
    }

    @Test
    void attachWithoutCredentialsIsAConfigurationErrorNamingWificallImsi() throws Exception {
        Build build = mvn("attach-no-credentials", Map.of(), "-Dwificall.operators=262-01", "-Dwificall.ikeAuth=attach");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("<ikeAuth>attach</ikeAuth> (property wificall.ikeAuth): needs the subscriber's credentials:"
                        + " WIFICALL_IMSI is not set; give the subscriber's IMSI, 6 to 15 digits (set WIFICALL_IMSI,"
                        + " WIFICALL_K and WIFICALL_OPC or WIFICALL_OP in the environment, or wificall.imsi/k/opc)")
                .doesNotContain("\tat dev.wificall").doesNotContain("Exception in thread");
        // nothing was checked, so no report claims anything
        assertThat(build.reports()).doesNotExist();
    }

    @Test
    void aTrustStoreThatIsNotThereIsAConfigurationErrorNamingThePath() throws Exception {
        Build build = mvn("trust-store-missing", Map.of(), "-Dwificall.operators=262-01", "-Dwificall.ikeAuth=probe",
                "-Dwificall.trustStore=trust/operator-ca.pem");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("<trustStore>trust/operator-ca.pem</trustStore> (property wificall.trustStore): trust anchors "
                        + build.dir.resolve("trust/operator-ca.pem") + " do not exist; expected PEM or DER certificates,"
                        + " a directory of them, or a PKCS#12 key store")
                .doesNotContain("\tat dev.wificall").doesNotContain("Exception in thread");
        assertThat(build.reports()).doesNotExist();
    }

    /** The test subscriber, K as given, in the child build's environment. */
    @Test
    void userPlaneThroughTheTunnelPassesWithALinePerCheckInTheLog() throws Exception {
        Build build = mvn("user-plane", subscriber(AttachLab.K), "-Dwificall.operators=262-01", "-Dwificall.ikeAuth=attach",
                "-Dwificall.trustStore=trust/ca.pem", "-Dwificall.userPlane=true",
                "-Dwificall.userPlane.dnsNames=ims.mnc001.mcc262.3gppnetwork.org");
        assertThat(build.log).as(build.log).contains("BUILD SUCCESS")
                .contains(", then the user plane through each tunnel (inner echo, inner DNS ims.mnc001.mcc262.3gppnetwork.org,"
                        + " SIP OPTIONS to the P-CSCFs over UDP and TCP, largest inner packet, answers within 3 s)")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) " + FQDN_01)
                .contains(" User plane: the user plane through 10.77.9.2:4500 works")
                .contains("[INFO]   user plane 10.77.9.2:4500: PASSED, the user plane through 10.77.9.2:4500 works")
                .containsPattern("\\[INFO\\]     PASSED ESP both ways \\(inner echo\\): .*from 10\\.45\\.0\\.")
                .contains("[INFO]     PASSED inner DNS: ")
                .contains("[INFO]     PASSED SIP OPTIONS over UDP: ")
                .contains("[INFO]     PASSED SIP OPTIONS over TCP: ")
                .contains("[INFO]     PASSED IKE on UDP/4500 beside ESP: ")
                .containsPattern("\\[INFO\\]     (PASSED|WARNING) largest inner packet: ");
        assertThat(build.exit).isZero();
        assertNoSecret(build);
    }

    @Test
    void userPlaneBehindADpiFirewallFailsTheBuildWithItsSentence(AttachLab.Handle lab) throws Exception {
        lab.lab().command("dpi", "on");
        try {
            Build build = mvn("user-plane-dpi", subscriber(AttachLab.K), "-Dwificall.operators=262-01",
                    "-Dwificall.ikeAuth=attach", "-Dwificall.trustStore=trust/ca.pem", "-Dwificall.userPlane=true",
                    "-Dwificall.userPlane.timeout=1s");
            assertThat(build.exit).isNotZero();
            assertThat(build.log).as(build.log).contains("BUILD FAILURE")
                    .contains("wificall: FAIL 262-01 T-Mobile(Telekom) " + FQDN_01)
                    .contains("User plane failed: ").contains("drops ESP in UDP")
                    .contains("  user plane 10.77.9.2:4500: FAILED, ")
                    .contains("    PASSED IKE on UDP/4500 beside ESP: ")
                    .doesNotContain("\tat dev.wificall");
            assertNoSecret(build);
        } finally {
            lab.lab().command("dpi", "off");
        }
    }

    private static Map<String, String> subscriber(String k) {
        return Map.of("WIFICALL_IMSI", AttachLab.IMSI, "WIFICALL_K", k, "WIFICALL_OPC", AttachLab.OPC);
    }

    /** Neither K nor OPc (in any case) nor the IMSI or its MSIN in the build log or any report. */
    private static void assertNoSecret(Build build) throws IOException {
        String all = everything(build);
        assertThat(all).as("build log and reports of " + build.dir).contains("26201**********")
                .doesNotContainIgnoringCase(AttachLab.K).doesNotContainIgnoringCase(AttachLab.OPC)
                .doesNotContain(AttachLab.IMSI).doesNotContain(MSIN);
    }

    /** The build log and every file under the report directory, one string. */
    private static String everything(Build build) throws IOException {
        StringBuilder b = new StringBuilder(build.log);
        try (Stream<Path> files = Files.walk(build.reports())) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            assertThat(all).extracting(p -> p.getFileName().toString())
                    .contains("wificall-report.json", "TEST-wificall.xml", "wificall-report.html");
            for (Path f : all) {
                b.append('\n').append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    private static JsonNode attaches(Build build, int operator) throws IOException {
        JsonNode attaches = JSON.readTree(build.reports().resolve("wificall-report.json").toFile())
                .path("operators").get(operator).path("attaches");
        assertThat(attaches.isArray()).as("attaches of operator " + operator).isTrue();
        assertThat(attaches.size()).isPositive();
        return attaches;
    }

    private static List<String> kinds(JsonNode attach) {
        List<String> kinds = new ArrayList<>();
        attach.path("certificate").path("findings").forEach(f -> kinds.add(f.path("kind").asText()));
        return kinds;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Every report there and valid: JUnit XML parsed with as many testcases as it says, JSON against its schema, HTML closed. */
    private static void reportsValid(Build build) throws Exception {
        Element suite = junitXml(build).getDocumentElement();
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(suite.getElementsByTagName("testcase").getLength());
        JsonSchemaCheck.assertValid(build.reports().resolve("wificall-report.json"), schema());
        String html = Files.readString(build.reports().resolve("wificall-report.html"), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n").doesNotContain("http://").doesNotContain("https://")
                .contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
        for (String file : List.of("wificall-report.json", "TEST-wificall.xml", "wificall-report.html")) {
            assertThat(build.log).contains("wificall: report " + build.reports().resolve(file));
        }
    }

    /** The schema as the engine ships it, from wificall-core's jar on this module's class path. */
    private static Path schema() throws IOException {
        Path file = Path.of(System.getProperty("wificall.it.work")).resolve("wificall-report.schema.json");
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema resource " + JsonReport.SCHEMA_RESOURCE).isNotNull();
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static Document junitXml(Build build) throws Exception {
        return parse(build.reports().resolve("TEST-wificall.xml"));
    }

    /** The HTML report is well-formed XML as well (HtmlReport promises it), so the same parser reads it. */
    private static Document html(Build build) throws Exception {
        return parse(build.reports().resolve("wificall-report.html"));
    }

    private static Document parse(Path file) throws Exception {
        assertThat(file).isRegularFile();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Element one(Document d, String xpath) throws Exception {
        NodeList found = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
        assertThat(found.getLength()).as(xpath).isEqualTo(1);
        return (Element) found.item(0);
    }

    private static List<String> texts(Document d, String xpath) throws Exception {
        NodeList found = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            out.add(found.item(i).getTextContent());
        }
        return out;
    }

    /**
     * Copies it/src/test/projects/bare and the lab's CA certificate (as trust/ca.pem) to a folder of
     * its own and runs {@code verify} there with the lab's resolver, the properties given and
     * {@code env} as the only WIFICALL_* variables of its environment.
     */
    private static Build mvn(String name, Map<String, String> env, String... properties) throws IOException {
        Path it = Path.of(System.getProperty("wificall.lab.script")).toAbsolutePath().getParent().getParent();
        Path dir = Path.of(System.getProperty("wificall.it.work")).resolve("attach-" + name);
        deleteTree(dir);
        Files.createDirectories(dir.resolve(".mvn")); // Maven 4 looks for the project root by it
        Files.createDirectories(dir.resolve("trust"));
        Files.copy(it.resolve("src/test/projects/bare/pom.xml"), dir.resolve("pom.xml"));
        Files.copy(AttachLab.TRUST, dir.resolve("trust/ca.pem"));
        List<String> command = new ArrayList<>(List.of(MavenDistributions.mvn(MavenDistributions.WRAPPER).toString(),
                "-B", "-o", "-ntp", "verify",
                "-Dwificall.version=" + System.getProperty("wificall.version"),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                "-Dwificall.dnsServer=" + AttachLab.DNS));
        String tail = System.getProperty("maven.repo.local.tail");
        if (tail != null && !tail.isBlank()) {
            command.add("-Dmaven.repo.local.tail=" + tail);
        }
        command.addAll(List.of(properties));
        Build build = run(dir, command, env, Duration.ofMinutes(3));
        Files.writeString(dir.resolve("build.log"), build.log, StandardCharsets.UTF_8);
        return build;
    }

    /** Runs the child Maven with a deadline, its output merged; WIFICALL_* of this JVM's environment are replaced by {@code env}. */
    private static Build run(Path dir, List<String> command, Map<String, String> env, Duration deadline) throws IOException {
        Path log = Files.createTempFile("wificall-attach-it-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(k -> k.startsWith("WIFICALL_") && !k.equals("WIFICALL_MAVEN_CACHE"));
            pb.environment().putAll(new LinkedHashMap<>(env));
            Process p = pb.start();
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Build(dir, -1, Files.readString(log, StandardCharsets.UTF_8) + "\n[killed after "
                        + deadline.toSeconds() + " s: " + String.join(" ", command) + "]");
            }
            return new Build(dir, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Build(dir, -1, "interrupted: " + String.join(" ", command));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
