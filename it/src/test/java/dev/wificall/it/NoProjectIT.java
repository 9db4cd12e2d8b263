package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The goals as a new user types them first: {@code mvn dev.wificall:wificall-maven-plugin:check
 * -Dwificall.operators=262-01} in an empty folder, no POM, on every Maven the plugin promises,
 * against the lab. Reports go to {@code ./wificall-reports}, rules to {@code ./wificall-firewall};
 * Maven's stand-in project must not leave a {@code target} folder behind.
 */
@ExtendWith(LabExtension.class)
class NoProjectIT {

    private static final String PLUGIN = "dev.wificall:wificall-maven-plugin:";

    @ParameterizedTest(name = "Maven {0}")
    @ValueSource(strings = {MavenDistributions.WRAPPER, MavenDistributions.MACHINE, MavenDistributions.MAVEN_3_6_3,
            MavenDistributions.MAVEN_4_0_0_RC_5})
    void checkAndFirewallRunInAnEmptyFolder(String maven, Lab lab) throws Exception {
        String version = MavenDistributions.versionNumber(MavenDistributions.home(maven));
        Run pass = mvn("no-pom-" + maven + "-pass", maven, PLUGIN + "check", "-Dwificall.operators=262-01");
        assertThat(pass.log).contains("Apache Maven " + version).contains("BUILD SUCCESS")
                .contains("wificall: PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org")
                .contains("answered IKE_SA_INIT on UDP/500 and UDP/4500")
                .contains("wificall: report " + pass.dir.resolve("wificall-reports/wificall-report.json"));
        assertThat(pass.exit).isZero();
        assertThat(pass.dir.resolve("wificall-reports/wificall-report.json")).isRegularFile();
        assertThat(pass.dir.resolve("wificall-reports/TEST-wificall.xml")).isRegularFile();
        assertThat(pass.dir.resolve("wificall-reports/wificall-report.html")).isRegularFile();
        assertThat(pass.dir.resolve("target")).as("no target folder without a project").doesNotExist();

        Run fail = mvn("no-pom-" + maven + "-fail", maven, PLUGIN + "check", "-Dwificall.operators=262-02");
        assertThat(fail.log).contains("BUILD FAILURE").contains("Wi-Fi Calling to 262-02 Vodafone will fail: UDP/4500");
        assertThat(fail.exit).isNotZero();
        assertThat(Files.readString(fail.dir.resolve("wificall-reports/wificall-report.json"))).contains("\"ready\": false");

        Run rules = mvn("no-pom-" + maven + "-firewall", maven, PLUGIN + "firewall", "-Dwificall.operators=262-01",
                "-Dwificall.firewall.formats=nftables,srx-set");
        assertThat(rules.exit).as(rules.log).isZero();
        Path nft = onlyFile(rules.dir.resolve("wificall-firewall"), ".nft");
        assertThat(Files.readString(nft)).contains("10.77.0.2").contains("fd77::2").contains("4500");
        assertThat(rules.dir.resolve("target")).doesNotExist();
    }

    /** The audit too, once (it sends some 180 exchanges): its reports land in ./wificall-reports. */
    @Test
    void auditRunsInAnEmptyFolder(Lab lab) throws Exception {
        Run audit = mvn("no-pom-audit", MavenDistributions.WRAPPER, PLUGIN + "audit", "-Dwificall.operators=262-01",
                "-Dwificall.failOn=none", "-Dwificall.postQuantum=false");
        assertThat(audit.exit).as(audit.log).isZero();
        assertThat(audit.log).contains("BUILD SUCCESS").contains("262-01");
        assertThat(Files.readString(audit.dir.resolve("wificall-reports/wificall-audit.json")))
                .contains("\"check\": \"dh:19\"").contains("10.77.0.2");
        assertThat(audit.dir.resolve("wificall-reports/wificall-audit.html")).isRegularFile();
        assertThat(audit.dir.resolve("target")).doesNotExist();
    }

    /** A relative report folder is taken from where the command runs. */
    @Test
    void aRelativeReportDirectoryIsUnderTheCurrentFolder(Lab lab) throws Exception {
        Run run = mvn("no-pom-report-dir", MavenDistributions.WRAPPER, PLUGIN + "check", "-Dwificall.operators=262-01",
                "-Dwificall.reportDirectory=out/reports");
        assertThat(run.exit).as(run.log).isZero();
        assertThat(run.dir.resolve("out/reports/wificall-report.json")).isRegularFile();
        assertThat(run.dir.resolve("wificall-reports")).doesNotExist();
    }

    /**
     * A Verizon-style carrier: its phones use wo.vzwwo.com (phone profiles), which the lab serves on
     * an address where UDP/4500 is dropped; the 3GPP name is open. The check probes both names, says
     * which phones use the carrier's, and fails for them; with names=3gpp it passes as before.
     */
    @Test
    void theCarrierNameItsPhonesUseIsProbedBesideTheThreeGppName(Lab lab) throws Exception {
        Run both = mvn("no-pom-carrier-both", MavenDistributions.WRAPPER, PLUGIN + "check", "-Dwificall.operators=311-480");
        assertThat(both.exit).isNotZero();
        assertThat(both.log).contains("wificall: PASS 311-480 Verizon epdg.epc.mnc480.mcc311.pub.3gppnetwork.org")
                .contains("wificall: FAIL 311-480 Verizon wo.vzwwo.com")
                .contains("Phones configured with wo.vzwwo.com (samsung VZW_US, samsung VZW_US:CCT, samsung VZW_US:TFN,")
                .contains("and 3 more): Wi-Fi Calling to 311-480 Verizon will fail: UDP/4500 to wo.vzwwo.com: 10.77.0.3")
                .contains("Wi-Fi Calling check failed for 1 of 2 operators");
        assertThat(Files.readString(both.dir.resolve("wificall-reports/wificall-report.json")))
                .contains("\"fqdn\": \"wo.vzwwo.com\"").contains("Phones configured with wo.vzwwo.com");

        Run threeGpp = mvn("no-pom-carrier-3gpp", MavenDistributions.WRAPPER, PLUGIN + "check",
                "-Dwificall.operators=311-480", "-Dwificall.names=3gpp");
        assertThat(threeGpp.exit).as(threeGpp.log).isZero();
        assertThat(threeGpp.log).contains("wificall: PASS 311-480 Verizon epdg.epc.mnc480.mcc311.pub.3gppnetwork.org")
                .doesNotContain("wo.vzwwo.com");

        Run phones = mvn("no-pom-carrier-phones", MavenDistributions.WRAPPER, PLUGIN + "check",
                "-Dwificall.operators=311-480", "-Dwificall.names=carrier", "-Dwificall.offer=phones", "-Dwificall.ports=500");
        assertThat(phones.exit).as(phones.log).isZero();
        assertThat(phones.log).contains("wificall: PASS 311-480 Verizon wo.vzwwo.com")
                .contains("IKE_SA_INIT offered what samsung VZW_US offers (").contains("modp2048")
                .doesNotContain("epdg.epc.mnc480");

        Run rules = mvn("no-pom-carrier-firewall", MavenDistributions.WRAPPER, PLUGIN + "firewall",
                "-Dwificall.operators=311-480", "-Dwificall.firewall.formats=nftables");
        assertThat(rules.exit).as(rules.log).isZero();
        assertThat(Files.readString(onlyFile(rules.dir.resolve("wificall-firewall"), ".nft")))
                .contains("10.77.0.2").contains("10.77.0.3").contains("fd77::3");

        Run bad = mvn("no-pom-carrier-bad", MavenDistributions.WRAPPER, PLUGIN + "check",
                "-Dwificall.operators=311-480", "-Dwificall.names=vendor");
        assertThat(bad.exit).isNotZero();
        assertThat(bad.log).contains("<names>vendor</names> (property wificall.names): 'vendor' is not a choice of ePDG"
                + " names; expected 3gpp, carrier, both").doesNotContain("\tat dev.wificall");
    }

    record Run(Path dir, int exit, String log) {
    }

    /** Runs one goal in a new empty folder, offline, with the plugin this build installed. */
    private static Run mvn(String name, String maven, String... args) throws IOException {
        Path dir = Path.of(System.getProperty("wificall.it.work")).resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(MavenDistributions.mvn(maven).toString(), "-B", "-o", "-ntp", "-V",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                "-Dwificall.dnsServer=" + Lab.DNS));
        command.addAll(List.of(args));
        Lab.Result r = Lab.Processes.run(command, dir, Duration.ofMinutes(3));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("files the run left in " + dir)
                    .allMatch(n -> n.startsWith("wificall-") || n.equals("out"));
        }
        Files.writeString(dir.getParent().resolve(name + ".log"), r.output(), StandardCharsets.UTF_8);
        return new Run(dir, r.exit(), r.output());
    }

    private static Path onlyFile(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as("*" + suffix + " in " + dir).hasSize(1);
            return found.get(0);
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
