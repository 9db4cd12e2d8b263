package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.report.JsonReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
        reportsValid(build);
    }

    @Test
    void udp4500DroppedFailsTheBuild(Lab lab) throws Exception {
        Build build = mvn("udp4500-dropped", "-Depdg.operator=262-02");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains("wificall: FAIL 262-02")
                .contains("Wi-Fi Calling to 262-02 Vodafone will fail: UDP/4500 to epdg.epc.mnc002.mcc262.pub.3gppnetwork.org")
                .contains("no answer to 4 IKE_SA_INIT requests")
                .contains("while UDP/500 answered")
                .contains("UDP/4500 to 10.77.0.3 (epdg.epc.mnc002.mcc262.pub.3gppnetwork.org): NO_ANSWER");
        Element suite = junitXml(build);
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(json(build)).contains("\"ready\": false").contains("\"outcome\": \"NO_ANSWER\"");
        reportsValid(build);
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
        reportsValid(build);
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
        // nothing was checked, so no report claims anything
        assertThat(build.dir.resolve("target/wificall-reports")).doesNotExist();
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

    @Test
    void failOnViolationFalsePassesTheBuildAndTheReportsSayWhatFailed(Lab lab) throws Exception {
        Build build = mvn("fail-on-violation-false", "-Depdg.operator=262-02", "-Dwificall.failOnViolation=false");
        assertThat(build.exit).isZero();
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("[WARNING] wificall: FAIL 262-02 Vodafone epdg.epc.mnc002.mcc262.pub.3gppnetwork.org")
                .contains("[WARNING] Wi-Fi Calling check failed for 1 of 1 operator:")
                .contains("the build goes on because failOnViolation is false");
        assertThat(junitXml(build).getAttribute("failures")).isEqualTo("2");
        assertThat(json(build)).contains("\"ready\": false").contains("\"outcome\": \"NO_ANSWER\"");
        reportsValid(build);
    }

    @Test
    void operatorsFromAFileBesideThePom(Lab lab) throws Exception {
        Build build = run("operators-file", sample(), MavenDistributions.WRAPPER, Map.of("epdg-operators.txt", """
                # the ePDGs this office must reach
                262-07            # restricted ePDG, one proposal only

                epdg.epc.mnc001.mcc262.pub.3gppnetwork.org
                """), "-Depdg.operator=262-01", "-Dwificall.operatorsFile=epdg-operators.txt");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("wificall: checking 3 operators")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org")
                .contains("wificall: PASS 262-07 O2 epdg.epc.mnc007.mcc262.pub.3gppnetwork.org")
                .contains("wificall: summary: 3 of 3 operators ready");
        assertThat(build.exit).isZero();
        assertThat(testcaseNames(junitXml(build))).hasSize(15);
        reportsValid(build);
    }

    @Test
    void aBadLineInTheOperatorsFileIsAConfigurationErrorNamingFileAndLine(Lab lab) throws Exception {
        Build build = run("operators-file-bad", sample(), MavenDistributions.WRAPPER,
                Map.of("ops.txt", "262-01\n262-1x\n"), "-Depdg.operator=262-01", "-Dwificall.operatorsFile=ops.txt");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE")
                .contains(build.dir.resolve("ops.txt") + " line 2: <operator>262-1x</operator>: '262-1x' is not an operator")
                .doesNotContain("\tat dev.wificall");
        assertThat(build.dir.resolve("target/wificall-reports")).doesNotExist();
    }

    @Test
    void failFastStopsAtTheFirstFailure(Lab lab) throws Exception {
        Build build = run("fail-fast", sample(), MavenDistributions.WRAPPER, Map.of("ops.txt", "262-01\n"),
                "-Depdg.operator=262-04", "-Dwificall.operatorsFile=ops.txt", "-Dwificall.failFast=true");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("one at a time until the first failure (failFast)")
                .contains("wificall: FAIL 262-04 Vodafone")
                .doesNotContain("wificall: PASS 262-01")
                .contains("failFast stopped after the first failure; not checked: 262-01 T-Mobile(Telekom)")
                .contains("Not checked (failFast): 262-01 T-Mobile(Telekom)");
        reportsValid(build);
        assertThat(json(build)).doesNotContain("262-01");
    }

    @Test
    void portsAndPolicyPerOperatorAndAConfiguredName(Lab lab) throws Exception {
        Build build = mvnProject("per-operator", "per-operator");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("wificall: PASS 262-02 Vodafone epdg.epc.mnc002.mcc262.pub.3gppnetwork.org")
                .contains("answered IKE_SA_INIT on UDP/500.")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom)")
                .contains("wificall: PASS 262-07 O2 epdg.epc.mnc007.mcc262.pub.3gppnetwork.org");
        assertThat(build.exit).isZero();
        // 262-02: DNS + 2 addresses x UDP/500; the others: DNS + 2 addresses x 2 ports
        assertThat(junitXml(build).getAttribute("tests")).isEqualTo("13");
        assertThat(json(build)).contains("\"form\": \"CONFIGURED\"");
        reportsValid(build);
    }

    @Test
    void timeoutRateAndFormatsFromProperties(Lab lab) throws Exception {
        Build build = mvn("settings", "-Depdg.operator=262-02", "-Dwificall.probeTimeout=1s", "-Dwificall.rate=0",
                "-Dwificall.dnsTimeout=1500ms", "-Dwificall.formats=junit");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("wificall: FAIL 262-02 Vodafone").contains("in 1.0 s");
        Path reports = build.dir.resolve("target/wificall-reports");
        assertThat(reports.resolve("TEST-wificall.xml")).isRegularFile();
        assertThat(reports.resolve("wificall-report.json")).doesNotExist();
        assertThat(reports.resolve("wificall-report.html")).doesNotExist();
    }

    @Test
    void firewallGoalWritesRulesForTheResolvedAddresses(Lab lab) throws Exception {
        Build build = mvn("firewall", "-Depdg.operator=262-01", "-Dwificall.skip=true",
                "dev.wificall:wificall-maven-plugin:" + System.getProperty("wificall.version") + ":firewall");
        assertThat(build.log).contains("BUILD SUCCESS")
                .contains("wificall: 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org -> [10.77.0.2,"
                        + " fd77::2] (resolver 127.0.0.77:15353)");
        Path dir = build.dir.resolve("target/wificall-firewall");
        for (String file : List.of("srx.set", "srx.conf", "wificall.nft", "iptables.rules", "ip6tables.rules", "asa.txt")) {
            assertThat(build.log).contains("rules " + dir.resolve(file));
            assertThat(Files.readString(dir.resolve(file))).as(file).contains("10.77.0.2").doesNotContain("10.77.0.3");
        }
        assertThat(Files.readString(dir.resolve("srx.set")))
                .contains("address-set epdg-addresses address epdg-262-01-10.77.0.2")
                .contains("udp/500").doesNotContain("match destination-address any");
        assertThat(Files.readString(dir.resolve("ip6tables.rules"))).contains("fd77::2/128");
    }

    @Test
    void rulesThatMatchDnsPassAndDriftFailsNamingTheAddress(Lab lab) throws Exception {
        String version = System.getProperty("wificall.version");
        Build rules = mvn("drift-rules", "-Depdg.operator=262-01", "-Dwificall.skip=true",
                "dev.wificall:wificall-maven-plugin:" + version + ":firewall");
        String srx = Files.readString(rules.dir.resolve("target/wificall-firewall/srx.set"));

        Build same = run("drift-none", sample(), MavenDistributions.WRAPPER, Map.of("srx.set", srx),
                "-Depdg.operator=262-01", "-Dwificall.rulesFiles=srx.set");
        assertThat(same.log).contains("BUILD SUCCESS").contains("wificall: firewall rules: ");
        assertThat(same.exit).isZero();

        // the operator added fd77::2 in DNS after the rules were written
        String withoutV6 = srx.lines().filter(l -> !l.contains("fd77")).collect(java.util.stream.Collectors.joining("\n"));
        Build added = run("drift-added", sample(), MavenDistributions.WRAPPER, Map.of("srx.set", withoutV6),
                "-Depdg.operator=262-01", "-Dwificall.rulesFiles=srx.set");
        assertThat(added.exit).isNotZero();
        assertThat(added.log).contains("BUILD FAILURE").contains("and the firewall rules drifted")
                .contains("fd77::2 (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org, 262-01 T-Mobile(Telekom)) is not allowed on"
                        + " udp/500 and udp/4500 by srx.set");

        // an address that no longer resolves, and a rule to any destination: warnings, then failures when asked
        String extra = srx + "\nset security address-book global address old-epdg 10.77.0.7/32\n"
                + "set security address-book global address-set epdg-addresses address old-epdg\n"
                + "set security policies from-zone trust to-zone untrust policy vpn-out match source-address any\n"
                + "set security policies from-zone trust to-zone untrust policy vpn-out match destination-address any\n"
                + "set security policies from-zone trust to-zone untrust policy vpn-out match application junos-ike\n"
                + "set security policies from-zone trust to-zone untrust policy vpn-out then permit\n";
        Build warned = run("drift-warned", sample(), MavenDistributions.WRAPPER, Map.of("srx.set", extra),
                "-Depdg.operator=262-01", "-Dwificall.rulesFiles=srx.set");
        assertThat(warned.log).contains("BUILD SUCCESS").contains("[WARNING] wificall: ")
                .contains("10.77.0.7").contains("allows udp/500");
        assertThat(warned.exit).isZero();
        Build strict = run("drift-strict", sample(), MavenDistributions.WRAPPER, Map.of("srx.set", extra),
                "-Depdg.operator=262-01", "-Dwificall.rulesFiles=srx.set", "-Dwificall.broadRulesFail=true",
                "-Dwificall.staleRulesFail=true");
        assertThat(strict.exit).isNotZero();
        assertThat(strict.log).contains("BUILD FAILURE").contains("to any destination").contains("10.77.0.7");
    }

    @Test
    void aRulesFileThatDoesNotParseIsAConfigurationErrorWithTheLine(Lab lab) throws Exception {
        Build build = run("drift-parse-error", sample(), MavenDistributions.WRAPPER, Map.of("fw.nft",
                "table inet office {\n  chain output {\n    ip daddr 10.77.0.300 udp dport 500 accept\n  }\n}\n"),
                "-Depdg.operator=262-01", "-Dwificall.rulesFiles=fw.nft");
        assertThat(build.exit).isNotZero();
        assertThat(build.log).contains("BUILD FAILURE").contains("<rulesFiles>: ").contains("line 3")
                .contains("10.77.0.300").doesNotContain("\tat dev.wificall");
        assertThat(build.dir.resolve("target/wificall-reports")).doesNotExist();
    }

    /** The goal on each Maven the plugin promises: the machine's (3.8.7 on Debian 12), 3.6.3 and 4.0.0-rc-5. */
    @ParameterizedTest(name = "Maven {0}")
    @ValueSource(strings = {MavenDistributions.MACHINE, MavenDistributions.MAVEN_3_6_3, MavenDistributions.MAVEN_4_0_0_RC_5})
    void passesAndFailsOnEveryMavenVersion(String maven, Lab lab) throws Exception {
        String version = MavenDistributions.versionNumber(MavenDistributions.home(maven));
        Build pass = run("maven-" + maven + "-pass", sample(), maven, Map.of(), "-V", "-Depdg.operator=262-01");
        assertThat(pass.log).contains("Apache Maven " + version).contains("BUILD SUCCESS")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
        assertThat(pass.exit).isZero();
        reportsValid(pass);
        Build fail = run("maven-" + maven + "-fail", sample(), maven, Map.of(), "-V", "-Depdg.operator=262-02");
        assertThat(fail.log).contains("Apache Maven " + version).contains("BUILD FAILURE")
                .contains("Wi-Fi Calling to 262-02 Vodafone will fail: UDP/4500");
        assertThat(fail.exit).isNotZero();
        reportsValid(fail);
    }

    /**
     * The HTML report of a failing run, rendered by headless Chromium: the DOM holds the right text
     * in each cell, and the screenshot shows both the green and the red cells.
     */
    @Test
    void htmlReportOfAFailingRunRendersInChromium(Lab lab) throws Exception {
        Build build = run("html-chromium", sample(), MavenDistributions.WRAPPER, Map.of("ops.txt", "262-01\n262-99\n"),
                "-Depdg.operator=262-02", "-Dwificall.operatorsFile=ops.txt");
        assertThat(build.exit).isNotZero();
        Path html = build.dir.resolve("target/wificall-reports/wificall-report.html");
        Chromium chromium = new Chromium();
        String dom = chromium.dumpDom(html);
        assertThat(cellText(dom, "262-02 Vodafone", "10.77.0.3", "4500")).startsWith("✗ NO_ANSWER")
                .contains("7 requests").contains("UDP/4500 to 10.77.0.3 (epdg.epc.mnc002.mcc262.pub.3gppnetwork.org): NO_ANSWER");
        assertThat(cellText(dom, "262-02 Vodafone", "fd77::3", "500")).startsWith("✓ ANSWERED")
                .contains("IKE_SA_INIT response");
        assertThat(cellText(dom, "262-01 T-Mobile(Telekom)", "10.77.0.2", "4500")).startsWith("✓ ANSWERED");
        assertThat(dom).contains("data-dns=\"NXDOMAIN\"").contains("NOT READY").contains("1 of 3 operators ready");
        Path png = build.dir.resolve("target/wificall-reports/wificall-report.png");
        chromium.screenshot(html, png, 1280, 1000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(1000);
        int green = 0;
        int red = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                green += g > r + 12 && g > b + 8 ? 1 : 0;
                red += r > g + 12 && r > b + 12 ? 1 : 0;
            }
        }
        assertThat(green).as("green pixels (answered cells)").isGreaterThan(2000);
        assertThat(red).as("red pixels (failed cells)").isGreaterThan(2000);
    }

    /** The text of the matrix cell for operator, address and port in Chromium's DOM, tags stripped. */
    private static String cellText(String dom, String operator, String address, String port) {
        Matcher m = Pattern.compile("<td[^>]*data-operator=\"" + Pattern.quote(operator) + "\"[^>]*data-address=\""
                + Pattern.quote(address) + "\"[^>]*data-port=\"" + port + "\"[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("cell " + operator + " " + address + " " + port + " in the rendered page").isTrue();
        return m.group(1).replaceAll("<[^>]+>", " ").replace("&amp;", "&").replace("&gt;", ">").replace("&lt;", "<")
                .replaceAll("\\s+", " ").strip();
    }

    record Build(Path dir, int exit, String log) {
    }

    /** Copies the sample project to its own folder and runs {@code mvn verify} on it. */
    private static Build mvn(String name, String... properties) throws IOException {
        return run(name, sample(), MavenDistributions.WRAPPER, Map.of(), properties);
    }

    private static Path sample() {
        return Path.of(System.getProperty("wificall.it.sample")).resolve("pom.xml");
    }

    /** Copies {@code it/src/test/projects/<project>/pom.xml} to its own folder and runs {@code mvn verify} on it. */
    private static Build mvnProject(String name, String project, String... properties) throws IOException {
        Path it = Path.of(System.getProperty("wificall.lab.script")).toAbsolutePath().getParent().getParent();
        return run(name, it.resolve("src/test/projects").resolve(project).resolve("pom.xml"), MavenDistributions.WRAPPER,
                Map.of(), properties);
    }

    /**
     * Runs {@code verify} on a copy of {@code pom} in a folder of its own, with the files given
     * (name to text) beside it, by the Maven distribution named (see {@link MavenDistributions}),
     * offline, with the plugin this build installed.
     */
    private static Build run(String name, Path pom, String maven, Map<String, String> files, String... properties)
            throws IOException {
        Path dir = Path.of(System.getProperty("wificall.it.work")).resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir.resolve(".mvn")); // Maven 4 looks for the project root by it
        Files.copy(pom, dir.resolve("pom.xml"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>(List.of(
                MavenDistributions.mvn(maven).toString(),
                "-B", "-o", "-ntp", "verify",
                "-Dwificall.version=" + System.getProperty("wificall.version"),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local")));
        command.addAll(List.of(properties));
        Lab.Result r = Lab.Processes.run(command, dir, Duration.ofMinutes(3));
        Files.writeString(dir.resolve("build.log"), r.output(), StandardCharsets.UTF_8);
        return new Build(dir, r.exit(), r.output());
    }

    /** Every report the goal writes is there and valid: JUnit XML parsed, JSON against its schema, HTML closed. */
    private static void reportsValid(Build build) throws Exception {
        Path reports = build.dir.resolve("target/wificall-reports");
        Element suite = junitXml(build);
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(suite.getElementsByTagName("testcase").getLength());
        JsonSchemaCheck.assertValid(reports.resolve("wificall-report.json"), schema());
        String html = Files.readString(reports.resolve("wificall-report.html"), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>wificall report</title>").endsWith("</html>\n")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(build.log).contains("wificall: report " + reports.resolve("wificall-report.json"))
                .contains("wificall: report " + reports.resolve("TEST-wificall.xml"))
                .contains("wificall: report " + reports.resolve("wificall-report.html"));
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
