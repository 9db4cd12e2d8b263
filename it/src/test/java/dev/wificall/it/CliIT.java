package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against the lab: the launcher of this build's wificall-cli (target/bin/wificall,
 * system property wificall.it.cli), run in an empty folder as a user would, with its exit codes,
 * sentences and the reports in ./wificall-reports.
 */
@ExtendWith(LabExtension.class)
class CliIT {

    private static final String PASS = "PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org (1/1, ";

    @TempDir
    Path empty;

    @TempDir
    static Path cds;

    @Test
    void passInAnEmptyFolderWritesTheReportsThere(Lab lab) throws Exception {
        Launcher.Run first = cli(empty, "check", "262-01", "--dns-server", Lab.DNS);
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).startsWith(PASS).contains("): Wi-Fi Calling to 262-01 T-Mobile(Telekom) can reach its ePDG")
                .contains("\nsummary: 1 of 1 operator ready in ")
                .contains("report " + empty.resolve("wificall-reports/wificall-report.json"));
        assertThat(first.err()).isEmpty();
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("wificall-reports");
        }
        try (Stream<Path> files = Files.list(empty.resolve("wificall-reports"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("TEST-wificall.xml", "wificall-report.html", "wificall-report.json");
        }
        assertThat(Files.readString(empty.resolve("wificall-reports/wificall-report.json"))).contains("\"ready\": true");
        // the class's first run trained and wrote the AppCDS archive (and the java it is for) into WIFICALL_CDS_DIR
        try (Stream<Path> archives = Files.list(cds)) {
            assertThat(archives.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("wificall-" + System.getProperty("wificall.version") + ".jsa",
                            "wificall-" + System.getProperty("wificall.version") + ".jsa.java");
        }
        Launcher.Run second = cli(empty, "check", "262-01", "--dns-server", Lab.DNS, "--json");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).startsWith("{\n  \"schema\": 1,").endsWith("}\n").contains("\"ready\": true");
        assertThat(second.err()).startsWith(PASS);
        // a damaged archive costs only speed: the same answer, nothing more on stdout or stderr
        try (Stream<Path> archives = Files.list(cds)) {
            Path archive = archives.filter(p -> p.toString().endsWith(".jsa")).findFirst().orElseThrow();
            archive.toFile().setWritable(true);
            Files.writeString(archive, "not an archive");
        }
        Launcher.Run damaged = cli(empty, "check", "262-01", "--dns-server", Lab.DNS, "--json");
        assertThat(damaged.exit()).as(damaged.toString()).isZero();
        assertThat(damaged.out()).startsWith("{\n  \"schema\": 1,").endsWith("}\n");
        assertThat(damaged.err()).startsWith(PASS).doesNotContain("warning").doesNotContain("cds");
    }

    @Test
    void udp4500DroppedIsExitOneNamingThePort(Lab lab) throws Exception {
        lab.command("block", "4500", "drop");
        try {
            Launcher.Run r = cli(empty, "check", "262-01", "--dns-server", Lab.DNS);
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).startsWith("FAIL 262-01 T-Mobile(Telekom)")
                    .contains("A firewall on the path drops IKE NAT traversal (UDP/4500). Allow outbound UDP/4500 to 10.77.0.2")
                    .contains("Wi-Fi Calling check failed for 1 of 1 operator:\n- Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: UDP/4500");
            assertThat(empty.resolve("wificall-reports/wificall-report.json")).exists();
        } finally {
            lab.command("unblock");
        }
    }

    /** The Verizon-style carrier: wo.vzwwo.com, the name its phones use, is probed too and fails on UDP/4500. */
    @Test
    void carrierNameOfThePhonesIsProbedBesideTheThreeGppName(Lab lab) throws Exception {
        Launcher.Run both = cli(empty, "check", "311-480", "--dns-server", Lab.DNS);
        assertThat(both.exit()).as(both.toString()).isEqualTo(1);
        assertThat(both.out()).contains("PASS 311-480 Verizon epdg.epc.mnc480.mcc311.pub.3gppnetwork.org (1/2, ")
                .contains("FAIL 311-480 Verizon wo.vzwwo.com (2/2, ")
                .contains("Phones configured with wo.vzwwo.com (samsung VZW_US, samsung VZW_US:CCT,")
                .contains("Wi-Fi Calling to 311-480 Verizon will fail: UDP/4500 to wo.vzwwo.com: 10.77.0.3");
        Launcher.Run threeGpp = cli(empty, "check", "311-480", "--dns-server", Lab.DNS, "--names", "3gpp");
        assertThat(threeGpp.exit()).as(threeGpp.toString()).isZero();
        assertThat(threeGpp.out()).doesNotContain("wo.vzwwo.com");
        Launcher.Run rules = cli(empty, "firewall", "311-480", "--dns-server", Lab.DNS, "--format", "panos");
        assertThat(rules.exit()).as(rules.toString()).isZero();
        assertThat(rules.out()).contains("10.77.0.2").contains("10.77.0.3").contains("ipsec-esp-udp");
        Launcher.Run bad = cli(empty, "check", "311-480", "--dns-server", Lab.DNS, "--names", "vendor");
        assertThat(bad.exit()).isEqualTo(64);
        assertThat(bad.err()).contains("--names").contains("'vendor' is not a choice of ePDG names");
    }

    @Test
    void unknownOperatorIsNxdomainAndNotCompliant(Lab lab) throws Exception {
        Launcher.Run r = cli(empty, "check", "001-14", "--dns-server", Lab.DNS);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAIL 001-14").contains("resolver " + Lab.DNS + " answered NXDOMAIN for"
                + " epdg.epc.mnc014.mcc001.pub.3gppnetwork.org");
    }

    @Test
    void deadResolverCannotBeJudged(Lab lab) throws Exception {
        // 127.0.0.78:15399: nothing listens there (the lab's dead upstream)
        Launcher.Run r = cli(empty, "check", "262-01", "--dns-server", "127.0.0.78:15399", "--dns-timeout", "1s");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).startsWith("FAIL 262-01");
    }

    @Test
    void badInputIsUsageErrorWithoutAStackTrace(Lab lab) throws Exception {
        Launcher.Run r = cli(empty, "check", "262-01", "--ports", "501");
        assertThat(r.exit()).as(r.toString()).isEqualTo(64);
        assertThat(r.err()).isEqualTo("wificall check: --ports=501: '501' is not an IKE port; expected 500 or 4500\n"
                + "Try 'wificall check --help' for more information.\n");
        assertThat(r.out()).isEmpty();
    }


    private static Launcher.Run cli(Path dir, String... args) throws IOException, InterruptedException {
        return Launcher.run(dir, env -> env.put("WIFICALL_CDS_DIR", cds.toString()), Duration.ofSeconds(60), args);
    }
}
