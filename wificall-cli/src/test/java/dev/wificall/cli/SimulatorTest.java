package dev.wificall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.wificall.probe.IkePort;
import dev.wificall.report.JsonReport;
import dev.wificall.testkit.EpdgSimulationNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wificall check, firewall and audit against the embedded simulator on loopback. */
class SimulatorTest {

    private static final String PASS = "PASS 262-01 T-Mobile(Telekom) epdg.epc.mnc001.mcc262.pub.3gppnetwork.org (1/1, ";

    @TempDir
    Path dir;

    @Test
    void passWritesTheGoalsLinesAndReportsInTheCurrentDirectory() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            Run r = Run.of(dir, "check", "262-01", "--dns-server", net.dnsServer(), "--port-offset",
                    String.valueOf(net.portOffset()));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).startsWith(PASS).contains("): Wi-Fi Calling to 262-01 T-Mobile(Telekom) can reach its ePDG")
                    .contains("\nsummary: 1 of 1 operator ready in ")
                    .contains("  result  operator                  ePDG name")
                    .contains("report " + dir.resolve("wificall-reports/wificall-report.json"))
                    .doesNotContain("check failed");
            // piped: no progress, nothing on stderr
            assertThat(r.err()).isEmpty();
            assertThat(dir.resolve("wificall-reports")).isDirectoryContaining(p -> p.getFileName().toString()
                    .equals("TEST-wificall.xml")).isDirectoryContaining(p -> p.getFileName().toString()
                    .equals("wificall-report.html"));
        }
    }

    @Test
    void droppedNatTraversalIsExitOneWithTheSentenceNamingPort4500() {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").drop(IkePort.UDP_4500).start()) {
            Run r = Run.of(dir, "check", "262-01", "--dns-server", net.dnsServer(), "--port-offset",
                    String.valueOf(net.portOffset()), "--probe-timeout", "800ms", "--formats", "json");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).startsWith("FAIL 262-01 T-Mobile(Telekom)")
                    .contains("A firewall on the path drops IKE NAT traversal (UDP/4500). Allow outbound UDP/4500 to 127.0.0.1.")
                    .contains("Wi-Fi Calling check failed for 1 of 1 operator:\n- Wi-Fi Calling to 262-01")
                    .contains("\nReports: " + dir.resolve("wificall-reports/wificall-report.json"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void jsonIsTheOnlyStdoutAndValidAgainstTheSchema() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            Run r = Run.of(dir, "check", "262-01", "--dns-server", net.dnsServer(), "--port-offset",
                    String.valueOf(net.portOffset()), "--json");
            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(r.out());
            assertThat(json.get("ready").asBoolean()).isTrue();
            assertThat(json.get("operators").get(0).get("plmn").asText()).isEqualTo("262-01");
            assertThat(r.out()).isEqualTo(Files.readString(dir.resolve("wificall-reports/wificall-report.json")));
            try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
                JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(new ObjectMapper().readTree(in));
                assertThat(schema.validate(json)).isEmpty();
            }
            // the human lines went to stderr
            assertThat(r.err()).startsWith(PASS).contains("summary: 1 of 1 operator ready");
        }
    }

    @Test
    void progressOnlyOnATerminal() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            Run r = Run.of(dir, true, Map.of(), "check", "262-01", "--dns-server", net.dnsServer(), "--port-offset",
                    String.valueOf(net.portOffset()));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.err()).isEqualTo("wificall: checking 1 operator through " + net.dnsServer()
                    + " on [UDP/500, UDP/4500], address policy any\n");
            assertThat(r.out()).startsWith(PASS);
        }
    }

    @Test
    void unknownOperatorNxdomainIsNotCompliant() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            Run r = Run.of(dir, "check", "001-14", "--dns-server", net.dnsServer());
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).startsWith("FAIL 001-14").contains("answered NXDOMAIN for epdg.epc.mnc014.mcc001.pub.3gppnetwork.org");
        }
    }

    @Test
    void failFastStopsAtTheFirstFailureAndNamesWhatWasLeft() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            Run r = Run.of(dir, "check", "001-14", "262-01", "--dns-server", net.dnsServer(), "--port-offset",
                    String.valueOf(net.portOffset()), "--fail-fast");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).startsWith("FAIL 001-14").doesNotContain("PASS 262-01")
                    .contains("262-01 T-Mobile(Telekom)  not checked (failFast)")
                    .contains("\nNot checked (failFast): 262-01 T-Mobile(Telekom)\n");
        }
    }

    @Test
    void noResolverAnsweringCannotBeJudged() throws IOException {
        int port;
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = silent.getLocalPort();   // bound and never read: the resolver is silent
            Run r = Run.of(dir, "check", "262-01", "--dns-server", "127.0.0.1:" + port, "--dns-timeout", "300ms");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.out()).startsWith("FAIL 262-01").contains("TIMEOUT");
        }
    }

    @Test
    void reportsThatCannotBeWrittenAreAToolError() throws IOException {
        Files.writeString(dir.resolve("taken"), "a file, not a folder");
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            Run r = Run.of(dir, "check", "262-01", "--dns-server", net.dnsServer(), "--port-offset",
                    String.valueOf(net.portOffset()), "--report-dir", "taken/reports");
            assertThat(r.exit()).as(r.toString()).isEqualTo(70);
            assertThat(r.err()).startsWith("wificall check: cannot write the reports to " + dir.resolve("taken/reports"))
                    .contains("choose another folder with --report-dir").doesNotContain("\tat ");
        }
    }

    @Test
    void firewallRulesFromDnsThenDriftWhenTheEpdgMoved() throws IOException {
        // the firewall command takes loopback answers for sinkholes, as for real ePDGs: a documentation address here
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01")
                .dns(d -> d.a("epdg.example.net", "192.0.2.10")).start()) {
            Run rules = Run.of(dir, "firewall", "epdg.example.net", "--dns-server", net.dnsServer(), "--format", "nftables");
            assertThat(rules.exit()).as(rules.toString()).isZero();
            assertThat(rules.out()).contains("192.0.2.10").contains("4500");
            assertThat(rules.err()).startsWith("epdg.example.net epdg.example.net -> [192.0.2.10] (resolver "
                    + net.dnsServer() + ")");
            Run file = Run.of(dir, "firewall", "epdg.example.net", "--dns-server", net.dnsServer(), "--format", "srx-set",
                    "-o", "fw/srx.set");
            assertThat(file.exit()).as(file.toString()).isZero();
            assertThat(file.out()).isEmpty();
            assertThat(Files.readString(dir.resolve("fw/srx.set"))).contains("192.0.2.10/32");
            // 262-01's ePDG (the simulator) is reachable, but the rules allow only 192.0.2.10: drift, exit 1
            Run drifted = Run.of(dir, "check", "262-01", "--dns-server", net.dnsServer(), "--port-offset",
                    String.valueOf(net.portOffset()), "--rules", "fw/srx.set");
            assertThat(drifted.exit()).as(drifted.toString()).isEqualTo(1);
            assertThat(drifted.out()).startsWith("PASS 262-01").contains("Wi-Fi Calling check failed for 0 of 1 operator"
                    + " and the firewall rules drifted:")
                    .contains("127.0.0.1 (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org, 262-01 T-Mobile(Telekom)) is not allowed");
        }
    }

    @Test
    void firewallOfAnUnknownOperatorWritesNothing() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            Run r = Run.of(dir, "firewall", "001-14", "--dns-server", net.dnsServer(), "--format", "nftables");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("no firewall rules written: 1 operator did not resolve").contains("NXDOMAIN");
        }
    }

    @Test
    void auditWritesItsReportsAndFailsOnFindings() throws IOException {
        // an ePDG that takes only MODP-1024: a weak group is a finding of rfc_8247
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01")
                .proposals("aes128-sha1-modp1024").start()) {
            String[] common = {"audit", "262-01", "--dns-server", net.dnsServer(), "--port-offset",
                String.valueOf(net.portOffset()), "--ports", "500", "--rate", "0", "--exchanges-per-address", "8",
                "--probe-timeout", "300ms", "--no-phones", "--no-transforms", "--no-post-quantum"};
            Run none = Run.of(dir, concat(common, "--fail-on", "none"));
            assertThat(none.exit()).as(none.toString()).isZero();
            assertThat(none.out()).contains("DH alone: 2 accepted").contains(" checks on 1 addresses and ports, ")
                    .contains("report " + dir.resolve("wificall-reports/wificall-audit.json"));
            assertThat(dir.resolve("wificall-reports/wificall-audit.html")).exists();
            Run low = Run.of(dir, concat(common, "--fail-on", "low"));
            assertThat(low.exit()).as(low.toString()).isEqualTo(1);
            assertThat(low.out()).contains("ePDG audit failed: ").contains(" at or above low (failOn):\n- ");
        }
    }

    @Test
    void auditOfANameWithoutAddressCannotJudge() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("262-01").start()) {
            Run r = Run.of(dir, "audit", "001-14", "--dns-server", net.dnsServer());
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).startsWith("cannot audit 001-14: ").contains("NXDOMAIN");
            assertThat(r.out()).contains("ePDG audit failed: ").contains("1 operator(s) not audited");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
