package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Maven front end against the real lab: the sample project samples/office-network, and the small
 * projects of it/src/test/projects for configurations the sample's properties cannot express (the
 * long form of {@code <operator>}, {@code <dnsServers>}), run by the Maven that runs this build, once
 * per scenario, offline, with the plugin this build installed.
 */
@ExtendWith(LabExtension.class)
class MavenGoalIT {

    @Test
    void openPathPasses(Lab lab) throws Exception {
        Build build = mvn("open-path", "-Depdg.operator=262-01");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org")
                .contains("answered IKE_SA_INIT on UDP/500 and UDP/4500");
        assertThat(build.exit).isZero();
        Element suite = junitXml(build);
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(testcaseNames(suite)).contains("UDP/500 10.77.0.2", "UDP/4500 10.77.0.2", "UDP/500 fd77::2",
                "UDP/4500 fd77::2");
        assertThat(json(build)).contains("\"ready\": true").contains("\"outcome\": \"ANSWERED\"")
                .contains("\"answeredOffer\": \"CONFIGURED\"").contains("\"selectedProposal\": \"aes256gcm16-prfsha256-ecp256\"")
                .contains("\"response\": \"ACCEPTED\"").contains("\"source\": \"10.77.0.1:");
    }

    @Test
    void udp4500DroppedFailsTheBuild(Lab lab) throws Exception {
        Build build = mvn("udp4500-dropped", "-Depdg.operator=262-02");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("wificall: FAIL 262-02")
                .contains("Wi-Fi Calling to 262-02 Vodafone will fail: UDP/4500 to epdg.epc.mnc002.mcc262.pub.3gppnetwork.org")
                .contains("no answer to 3 IKE_SA_INIT requests")
                .contains("while UDP/500 answered")
                .contains("UDP/4500 to 10.77.0.3 (epdg.epc.mnc002.mcc262.pub.3gppnetwork.org): NO_ANSWER");
        Element suite = junitXml(build);
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(json(build)).contains("\"ready\": false").contains("\"outcome\": \"NO_ANSWER\"");
    }

    @Test
    void udp500DroppedFailsTheBuild(Lab lab) throws Exception {
        Build build = mvn("udp500-dropped", "-Depdg.operator=262-03");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("Wi-Fi Calling to 262-03 E-Plus will fail: UDP/500 to epdg.epc.mnc003.mcc262.pub.3gppnetwork.org")
                .contains("while UDP/4500 answered");
    }

    @Test
    void udp4500RejectedFailsSayingPortUnreachable(Lab lab) throws Exception {
        Build build = mvn("udp4500-rejected", "-Depdg.operator=262-04");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("Wi-Fi Calling to 262-04 Vodafone will fail: UDP/4500")
                .contains("was refused with ICMP port unreachable");
    }

    @Test
    void unknownOperatorFailsSayingNxdomain(Lab lab) throws Exception {
        Build build = mvn("unknown-operator", "-Depdg.operator=262-99");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("resolver 127.0.0.77:15353 answered NXDOMAIN for epdg.epc.mnc099.mcc262.pub.3gppnetwork.org");
        assertThat(junitXml(build).getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void skipPassesWithoutProbing(Lab lab) throws Exception {
        Build build = mvn("skip", "-Depdg.operator=262-02", "-Dwificall.skip=true");
        assertThat(build.exit).isZero();
        assertThat(build.log).contains("BUILD SUCCESS").contains("wificall: check skipped").doesNotContain("wificall: FAIL");
        assertThat(build.dir.resolve("target/wificall-reports")).doesNotExist();
    }

    @Test
    void badOperatorIsAConfigurationErrorWithoutStackTrace(Lab lab) throws Exception {
        Build build = mvn("bad-operator", "-Depdg.operator=26-1");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("<operator>26-1</operator>: '26-1' is not an operator; expected MCC-MNC")
                .doesNotContain("\tat dev.wificall").doesNotContain("Exception in thread");
    }

    @Test
    void badDnsServerIsAConfigurationErrorWithoutStackTrace(Lab lab) throws Exception {
        Build build = mvn("bad-dns-server", "-Depdg.dns=not a host:99999");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("<dnsServer>not a host:99999</dnsServer> (property wificall.dnsServer): "
                        + "'not a host:99999' is not a DNS server; expected host[:port] with a port from 1 to 65535")
                .doesNotContain("\tat dev.wificall").doesNotContain("Exception in thread");
    }

    @Test
    void longFormWithTacFallsBackToTheOperatorNameBesideNameAndShortForm(Lab lab) throws Exception {
        Build build = mvnProject("long-form", "long-form");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("wificall: checking 3 operators through 127.0.0.77:15353")
                .contains("wificall: PASS 001-21 (TAC 0x1A2B) epdg.epc.mnc021.mcc001.pub.3gppnetwork.org")
                .contains("Discovery: tracking area name tac-lb2b.tac-hb1a.tac.epdg.epc.mnc021.mcc001.pub.3gppnetwork.org"
                        + " gave NXDOMAIN from 127.0.0.77:15353; then epdg.epc.mnc021.mcc001.pub.3gppnetwork.org resolved")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org")
                .contains("wificall: PASS 001-12 epdg.epc.mnc012.mcc001.pub.3gppnetwork.org");
        assertThat(build.exit).isZero();
        assertThat(junitXml(build).getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void twoResolversThatDisagreePassWithTheDisagreementInTheLog(Lab lab) throws Exception {
        Build build = mvnProject("two-resolvers", "two-resolvers");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("through 127.0.0.77:15353 and 127.0.0.79:15355")
                .contains("wificall: PASS 001-19 epdg.epc.mnc019.mcc001.pub.3gppnetwork.org")
                .contains("10.77.0.2 answered IKE_SA_INIT on UDP/500 and UDP/4500")
                .contains("Resolvers disagree: resolvers 127.0.0.77:15353 and 127.0.0.79:15355 give different addresses")
                .contains("only 127.0.0.79:15355 gave 10.77.0.4");
        assertThat(build.exit).isZero();
    }

    @Test
    void operatorsAndResolversFromProperties(Lab lab) throws Exception {
        Build build = mvnProject("properties", "bare", "-Dwificall.operators=262-01,001-19",
                "-Dwificall.dnsServers=127.0.0.77:15353,127.0.0.79:15355");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("wificall: checking 2 operators through 127.0.0.77:15353 and 127.0.0.79:15355")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org")
                .contains("wificall: PASS 001-19 epdg.epc.mnc019.mcc001.pub.3gppnetwork.org");
        assertThat(build.exit).isZero();
    }

    @Test
    void addressPolicyAllFailsWhenOneAddressIsBlocked(Lab lab) throws Exception {
        lab.command("block", "4500", "drop", "fd77::2");
        try {
            Build any = mvn("policy-any", "-Depdg.operator=262-01");
            assertThat(any.log).contains("BUILD SUCCESS")
                    .contains("address policy any")
                    .contains("wificall: PASS 262-01 T-Mobile(Telekom)")
                    .contains("Not every address works: fd77::2 (UDP/4500 got no answer");
            assertThat(any.exit).isZero();

            Build all = mvn("policy-all", "-Depdg.operator=262-01", "-Dwificall.addressPolicy=all");
            assertThat(all.exit).isNotZero();
            assertThat(all.log).contains("BUILD FAILURE")
                    .contains("address policy all")
                    .contains("wificall: FAIL 262-01 T-Mobile(Telekom)")
                    .contains("Wi-Fi Calling to 262-01 T-Mobile(Telekom) fails address policy 'all'")
                    .contains("but fd77::2 (UDP/4500 got no answer");
            assertThat(json(all)).contains("\"ready\": false");
        } finally {
            lab.command("unblock");
        }
    }

    @Test
    void badTacIsAConfigurationErrorNamingTheElement(Lab lab) throws Exception {
        Build build = mvnProject("bad-tac", "bad-tac");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("<operator><plmn>001-21</plmn><tac>1a2b</tac></operator>: <tac>1a2b</tac>:"
                        + " TAC '1a2b' looks like hex without 0x; write 0x1a2b for hex (6699 in decimal)")
                .doesNotContain("\tat dev.wificall").doesNotContain("Exception in thread");
        assertThat(build.dir.resolve("target/wificall-reports")).doesNotExist();
    }

    @Test
    void badAddressPolicyIsAConfigurationError(Lab lab) throws Exception {
        Build build = mvn("bad-address-policy", "-Dwificall.addressPolicy=most");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("<addressPolicy>most</addressPolicy> (property wificall.addressPolicy): 'most'"
                        + " is not an address policy; expected any")
                .doesNotContain("\tat dev.wificall");
    }

    @Test
    void dnsServerAndDnsServersTogetherIsAConfigurationError(Lab lab) throws Exception {
        Build build = mvn("both-dns-settings", "-Dwificall.dnsServers=127.0.0.77:15353,127.0.0.79:15355");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("<dnsServer>127.0.0.77:15353</dnsServer> (property wificall.dnsServer) and"
                        + " <dnsServers>127.0.0.77:15353, 127.0.0.79:15355</dnsServers> (property wificall.dnsServers)"
                        + " are both set; set one")
                .doesNotContain("\tat dev.wificall");
    }

    record Build(Path dir, int exit, String log) {
    }

    /** Copies the sample project to its own folder and runs {@code mvn verify} on it. */
    private static Build mvn(String name, String... properties) throws IOException {
        return run(name, Path.of(System.getProperty("wificall.it.sample")).resolve("pom.xml"), properties);
    }

    /** Copies {@code it/src/test/projects/<project>/pom.xml} to its own folder and runs {@code mvn verify} on it. */
    private static Build mvnProject(String name, String project, String... properties) throws IOException {
        Path it = Path.of(System.getProperty("wificall.lab.script")).toAbsolutePath().getParent().getParent();
        return run(name, it.resolve("src/test/projects").resolve(project).resolve("pom.xml"), properties);
    }

    private static Build run(String name, Path pom, String... properties) throws IOException {
        Path dir = Path.of(System.getProperty("wificall.it.work")).resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve("pom.xml"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B", "-o", "-ntp", "verify",
                "-Dwificall.version=" + System.getProperty("wificall.version"),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local")));
        command.addAll(List.of(properties));
        Lab.Result r = Lab.Processes.run(command, dir, Duration.ofMinutes(3));
        Files.writeString(dir.resolve("build.log"), r.output(), StandardCharsets.UTF_8);
        return new Build(dir, r.exit(), r.output());
    }

    private static Element junitXml(Build build) throws Exception {
        Path xml = build.dir.resolve("target/wificall-reports/TEST-wificall.xml");
        assertThat(xml).isRegularFile();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        return doc.getDocumentElement();
    }

    private static List<String> testcaseNames(Element suite) {
        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static String json(Build build) throws IOException {
        Path json = build.dir.resolve("target/wificall-reports/wificall-report.json");
        assertThat(json).isRegularFile();
        return Files.readString(json, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
