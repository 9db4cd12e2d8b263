package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.audit.AuditCheck.Family;
import dev.wificall.audit.AuditOutcome;
import dev.wificall.audit.AuditProfile;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.AuditSettings;
import dev.wificall.audit.AuditTarget;
import dev.wificall.audit.Auditor;
import dev.wificall.audit.CheckResult;
import dev.wificall.audit.Severity;
import dev.wificall.discovery.Plmn;
import dev.wificall.ike.IkeProposals;
import dev.wificall.it.AuditLab.Responder;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.report.AuditJsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit against real responders (it/lab/audit.sh): strongSwan 5.9.8 with three proposal sets,
 * libreswan 4.10 and strongSwan 6.1.0, each on IPv4 and IPv6, UDP/500 and UDP/4500. The matrix must
 * equal what each responder's own config allows (AuditLab's oracle), and the number of proposals each
 * responder's log says it selected or refused must equal what the audit saw.
 */
class AuditIT {
    private static Lab lab;
    private static List<Responder> responders;
    /** The post-quantum responder has its own test, PostQuantumIT (its classic checks all refuse: no classic proposal). */
    private static final String PQ = "pq";

    @BeforeAll
    static void up() throws IOException {
        lab = Lab.audit();
        responders = AuditLab.responders().stream().filter(r -> !r.name().equals(PQ)).toList();
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    /** What the config says this check must show; empty when it agrees with the result. */
    private static Optional<String> mismatch(Responder r, CheckResult c) {
        IkeProposals offer = c.check().offer();
        Family f = c.check().family();
        String where = r.name() + " " + c.place() + " " + c.check().id() + ": ";
        if (f == Family.DH || f == Family.ENCR || f == Family.PRF || f == Family.INTEG) {
            if (c.outcome() == AuditOutcome.SKIPPED) {
                boolean classic = r.config().proposals().stream().anyMatch(p -> p.transforms().stream()
                        .anyMatch(t -> t.type() == dev.wificall.ike.SecurityAssociation.INTEG && t.id() != 0));
                return f == Family.INTEG && !classic ? Optional.empty()
                        : Optional.of(where + "skipped (" + c.detail() + "), but the config can be asked");
            }
            AuditOutcome expected = r.accepts(offer) ? AuditOutcome.ACCEPTED : AuditOutcome.NO_PROPOSAL_CHOSEN;
            return c.outcome() == expected ? Optional.empty()
                    : Optional.of(where + "config says " + expected.wire() + ", audit saw " + c.outcome().wire() + " ("
                    + c.detail() + ")");
        }
        if (f == Family.PQ) {
            // none of these configs has an additional key exchange
            return c.outcome() == AuditOutcome.NO_PROPOSAL_CHOSEN ? Optional.empty()
                    : Optional.of(where + "config has no ke1_ proposal, audit saw " + c.outcome().wire() + " (" + c.detail() + ")");
        }
        if (f == Family.PREFERENCE || f == Family.DOWNGRADE) {
            int pick = r.pick(offer).orElseThrow();
            String chosenGroup = c.chosen() == null ? "" : c.chosen().substring(c.chosen().lastIndexOf('-') + 1);
            String expectedKeyword = IkeProposals.keyword(dev.wificall.ike.DhGroup.byId(pick).orElseThrow());
            if (pick == offer.firstGroup().id()) {
                return c.outcome() == AuditOutcome.ACCEPTED && chosenGroup.equals(expectedKeyword) ? Optional.empty()
                        : Optional.of(where + "config picks group " + pick + " (our KE), audit saw " + c.outcome().wire()
                        + " (" + c.detail() + ")");
            }
            return c.outcome() == AuditOutcome.INVALID_KE && c.wantedGroup() == pick && chosenGroup.equals(expectedKeyword)
                    ? Optional.empty() : Optional.of(where + "config asks for group " + pick + ", audit saw "
                    + c.outcome().wire() + " (" + c.detail() + ")");
        }
        return Optional.empty();
    }

    private static long count(Path log, long from, String needle) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String added = new String(all, (int) Math.min(from, all.length), (int) (all.length - Math.min(from, all.length)),
                StandardCharsets.UTF_8);
        return added.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    void matrixEqualsEveryResponderConfigAndItsLog() throws IOException {
        Map<Responder, List<AuditTarget>> byResponder = new LinkedHashMap<>();
        for (Responder r : responders) {
            byResponder.put(r, r.targets());
        }
        Map<Path, Long> logStart = new LinkedHashMap<>();
        for (Responder r : responders) {
            logStart.put(r.log(), Files.size(r.log()));
        }
        List<AuditTarget> all = byResponder.values().stream().flatMap(List::stream).toList();
        AuditSettings settings = AuditSettings.DEFAULTS.withProbe(new ProbeSettings(Duration.ofMillis(500),
                Duration.ofSeconds(3)).withBroadRecheck(false).withPacketsPerSecond(0).withGlobalDeadline(Duration.ofMinutes(5)))
                .withProfiles(List.of(AuditProfile.RFC_8247, AuditProfile.TS_33_210_REL16));
        AuditResult audit = new Auditor(settings).run(all);

        List<String> mismatches = new ArrayList<>();
        Map<Path, long[]> expectedLog = new LinkedHashMap<>();
        int compared = 0;
        for (Map.Entry<Responder, List<AuditTarget>> e : byResponder.entrySet()) {
            long[] sel = expectedLog.computeIfAbsent(e.getKey().log(), k -> new long[2]);
            for (CheckResult c : audit.checks()) {
                if (!e.getValue().contains(c.target()) || c.check().offer() == null) {
                    continue;
                }
                compared++;
                mismatch(e.getKey(), c).ifPresent(mismatches::add);
                // the responder selects a proposal for each answer that chose one and for each INVALID_KE_PAYLOAD
                if (c.outcome() == AuditOutcome.ACCEPTED || c.outcome() == AuditOutcome.INVALID_KE) {
                    sel[0] += (c.chosen() != null ? 1 : 0) + (c.wantedGroup() != 0 ? 1 : 0);
                } else if (c.outcome() == AuditOutcome.NO_PROPOSAL_CHOSEN) {
                    sel[1]++;
                }
            }
        }
        Path matrix = Path.of(System.getProperty("wificall.it.work", "target")).resolve("audit-matrix.txt");
        Files.createDirectories(matrix.getParent());
        Files.write(matrix, dev.wificall.audit.AuditSummary.lines(audit), StandardCharsets.UTF_8);
        assertThat(mismatches).as("matrix against the responders' configs; " + compared + " cells compared; matrix in "
                + matrix).isEmpty();
        assertThat(compared).isGreaterThan(900);

        // what each responder's own log says it selected and refused in this run
        for (Map.Entry<Path, long[]> e : expectedLog.entrySet()) {
            boolean pluto = e.getKey().getFileName().toString().startsWith("pluto");
            long selected = count(e.getKey(), logStart.get(e.getKey()), pluto ? "chosen from remote proposals"
                    : "selected proposal:");
            long refused = count(e.getKey(), logStart.get(e.getKey()), pluto ? "no local proposal matches"
                    : "received proposals unacceptable");
            assertThat(new long[] {selected, refused}).as(e.getKey() + ": proposals selected and refused in the log")
                    .containsExactly(e.getValue());
        }

        // the Maven goal and the JUnit annotation show the same matrix, cell by cell
        Map<String, String> engine = new LinkedHashMap<>();
        audit.checks().forEach(c -> engine.put(c.place() + " " + c.check().id(), c.outcome().wire()));
        String operators = responders.stream().map(Responder::operator).collect(Collectors.joining(","));
        Build goal = mvn("audit-matrix", "-Dwificall.operators=" + operators, "-Dwificall.rate=0", "-Dwificall.failOn=none",
                "-Dwificall.profiles=rfc_8247,ts_33_210_rel16");
        assertThat(goal.exit).as(goal.log).isZero();
        com.fasterxml.jackson.databind.JsonNode checks = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(goal.dir.resolve("target/wificall-reports/wificall-audit.json").toFile()).get("checks");
        Map<String, String> maven = new LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode c : checks) {
            String a = c.get("address").asText();
            maven.put((a.contains(":") ? "[" + a + "]" : a) + ":" + c.get("port").asInt() + " " + c.get("check").asText(),
                    c.get("outcome").asText());
        }
        assertThat(maven).as("mvn wificall:audit's matrix against the engine's").isEqualTo(engine);
        LabCompliance.SEEN.clear();
        org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                .configurationParameter("wificall.dns.server", AuditLab.DNS).configurationParameter("wificall.audit.rate", "0")
                .configurationParameter("wificall.audit.profiles", "rfc_8247,ts_33_210_rel16")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(LabCompliance.class)).execute()
                .testEvents().assertStatistics(st -> st.started(1).succeeded(1));
        Map<String, String> junit = new LinkedHashMap<>();
        LabCompliance.SEEN.get(0).checks().forEach(c -> junit.put(c.place() + " " + c.check().id(), c.outcome().wire()));
        assertThat(junit).as("@EpdgCompliant's matrix against the engine's").isEqualTo(engine);

        // what the matrix shows, responder by responder
        Responder legacy = responder("legacy");
        Responder modern = responder("modern");
        Responder classic = responder("classic");
        Responder weakfirst = responder("weakfirst");
        String l500 = legacy.ipv4() + ":500";
        assertThat(audit.cell("dh:1", l500).orElseThrow().outcome()).isEqualTo(AuditOutcome.ACCEPTED);
        assertThat(audit.cell("dh:1", l500).orElseThrow().finding().orElseThrow().severity()).isEqualTo(Severity.HIGH);
        assertThat(audit.cell("encr:des", l500).orElseThrow().outcome()).isEqualTo(AuditOutcome.ACCEPTED);
        assertThat(audit.cell("dh:1", modern.ipv4() + ":500").orElseThrow().outcome())
                .isEqualTo(AuditOutcome.NO_PROPOSAL_CHOSEN);
        assertThat(audit.checks().stream().filter(c -> c.place().equals("[" + classic.ipv6() + "]:4500")
                && c.check().family() == Family.DH && c.outcome() == AuditOutcome.ACCEPTED))
                .as("strongSwan 6.1.0 accepts every group from 1 to 32 with our KE").hasSize(22);
        CheckResult weak = audit.cell("downgrade", weakfirst.ipv4() + ":4500").orElseThrow();
        assertThat(weak.chosen()).endsWith("-modp1024");
        assertThat(weak.finding().orElseThrow().sentence()).contains("chose DH group 2 (MODP-1024");
        CheckResult classicDown = audit.cell("downgrade", classic.ipv4() + ":500").orElseThrow();
        assertThat(classicDown.outcome()).isEqualTo(AuditOutcome.ACCEPTED);
        assertThat(classicDown.finding().orElseThrow().severity()).isEqualTo(Severity.HIGH);
        // real responders make fresh keys, nonces and SPIs
        for (String derived : List.of("ke-reuse", "nonce-reuse", "ke-known", "spi")) {
            assertThat(audit.checks().stream().filter(c -> c.check().id().equals(derived)).map(CheckResult::outcome)
                    .collect(Collectors.toSet())).as(derived).containsExactly(AuditOutcome.NOT_FOUND);
        }
        assertThat(audit.findingsAtLeast(Severity.HIGH).stream().map(c -> c.target().operator()).distinct())
                .doesNotContain(modern.operator());
    }

    /**
     * Telekom's phones (262-01 in the shipped profiles) replayed against the lab: Apple's profile offers
     * only aes256-sha1-prfsha1-modp1024, which the legacy responder takes and the modern one refuses.
     */
    @Test
    void telekomPhonesAreReplayedAgainstRealResponders() throws IOException {
        Responder legacy = responder("legacy");
        Responder modern = responder("modern");
        List<AuditTarget> targets = new ArrayList<>();
        for (Responder r : List.of(legacy, modern)) {
            targets.add(new AuditTarget(Plmn.parse("262-01"), r.fqdn(), new InetSocketAddress(InetAddress.getByName(r.ipv4()),
                    500), IkePort.UDP_500));
        }
        AuditSettings settings = AuditSettings.DEFAULTS.withTransforms(false).withProbe(AuditSettings.DEFAULTS.probe()
                .withPacketsPerSecond(0));
        AuditResult audit = new Auditor(settings).run(targets);
        String apple = "phone:apple:TMobile_Germany_iPhone";
        assertThat(audit.cell(apple, legacy.ipv4() + ":500").orElseThrow().outcome()).isEqualTo(AuditOutcome.ACCEPTED);
        CheckResult refused = audit.cell(apple, modern.ipv4() + ":500").orElseThrow();
        assertThat(refused.outcome()).isEqualTo(AuditOutcome.NO_PROPOSAL_CHOSEN);
        assertThat(refused.finding().orElseThrow().sentence()).startsWith("apple TMobile_Germany_iPhone phones would not"
                + " connect to " + modern.fqdn() + " at " + modern.ipv4() + ":500");
        // the legacy responder keeps MODP-1024 for that phone alone: dropping it would lock it out
        assertThat(audit.cell("dh:2", legacy.ipv4() + ":500").orElseThrow().findings()).anyMatch(f ->
                f.profile().equals("carrier's phones") && f.sentence().contains("DH group 2 stays")
                        && f.sentence().contains("apple TMobile_Germany_iPhone"));
    }

    /** The five classic responders' operators through @EpdgCompliant, as a user's suite would name them. */
    @dev.wificall.junit.EpdgCompliant(operator = "001-51", failOn = "none")
    @dev.wificall.junit.EpdgCompliant(operator = "001-52", failOn = "none")
    @dev.wificall.junit.EpdgCompliant(operator = "001-53", failOn = "none")
    @dev.wificall.junit.EpdgCompliant(operator = "001-54", failOn = "none")
    @dev.wificall.junit.EpdgCompliant(operator = "001-55", failOn = "none")
    static class LabCompliance {
        static final List<AuditResult> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Test
        void audit(AuditResult audit) {
            SEEN.add(audit);
        }
    }

    private static Responder responder(String name) {
        return responders.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    record Build(Path dir, int exit, String log) {
    }

    private static Build mvn(String name, String... properties) throws IOException {
        Path dir = Path.of(System.getProperty("wificall.it.work")).resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir.resolve(".mvn"));
        Path it = Path.of(System.getProperty("wificall.lab.script")).toAbsolutePath().getParent().getParent();
        Files.copy(it.resolve("src/test/projects/audit/pom.xml"), dir.resolve("pom.xml"));
        List<String> command = new ArrayList<>(List.of(MavenDistributions.mvn(MavenDistributions.WRAPPER).toString(),
                "-B", "-o", "-ntp", "verify", "-Dwificall.version=" + System.getProperty("wificall.version"),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"), "-Dwificall.dnsServer=" + AuditLab.DNS));
        command.addAll(List.of(properties));
        Lab.Result r = Lab.Processes.run(command, dir, Duration.ofMinutes(3));
        Files.writeString(dir.resolve("build.log"), r.output(), StandardCharsets.UTF_8);
        return new Build(dir, r.exit(), r.output());
    }

    private static Path schema() throws IOException {
        Path file = Path.of(System.getProperty("wificall.it.work")).resolve("wificall-audit.schema.json");
        try (InputStream in = AuditJsonReport.class.getResourceAsStream(AuditJsonReport.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema resource " + AuditJsonReport.SCHEMA_RESOURCE).isNotNull();
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @Test
    void auditGoalFailsOnTheLegacyResponderAndNamesTheFinding() throws IOException {
        Responder legacy = responder("legacy");
        Build b = mvn("audit-legacy", "-Dwificall.operators=" + legacy.operator(), "-Dwificall.rate=0");
        assertThat(b.exit).as(b.log).isEqualTo(1);
        assertThat(b.log).contains("BUILD FAILURE").contains("ePDG audit failed:")
                .contains("HIGH dh:1 (RFC 8247): " + legacy.fqdn() + " at " + legacy.ipv4() + ":500 accepts DH group 1"
                        + " (MODP-768), which RFC 8247 says MUST NOT be used")
                .contains("wificall: " + legacy.operator() + " " + legacy.fqdn() + " at " + legacy.ipv4()
                        + ":500: DH alone: 1, 2, 5, 14 accepted, 18 not");
        Path json = b.dir.resolve("target/wificall-reports/wificall-audit.json");
        JsonSchemaCheck.assertValid(json, schema());
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"operator\": \"" + legacy.operator() + "\", \"fqdn\": \"" + legacy.fqdn()
                + "\", \"address\": \"" + legacy.ipv4() + "\", \"port\": 500, \"check\": \"dh:1\", \"family\": \"dh\","
                + " \"outcome\": \"accepted\"");
        assertThat(b.dir.resolve("target/wificall-reports/TEST-wificall-audit.xml")).isRegularFile();
        // the page, as Chromium renders it: the cell of each check says what the responder did, coloured by finding
        Path html = b.dir.resolve("target/wificall-reports/wificall-audit.html");
        Chromium chromium = new Chromium();
        String dom = chromium.dumpDom(html);
        assertThat(cell(dom, legacy.ipv4() + ":500", "dh:1")).contains("class=\"c accepted sev-high\"").endsWith(">✓");
        assertThat(cell(dom, "[" + legacy.ipv6() + "]:4500", "dh:19")).contains("no-proposal-chosen").endsWith(">✗");
        assertThat(cell(dom, legacy.ipv4() + ":500", "downgrade")).contains("invalid-ke").endsWith(">→14");
        assertThat(dom).contains("<title>wificall audit</title>").contains("finding(s) at or above high");
        Path png = b.dir.resolve("target/wificall-reports/wificall-audit.png");
        chromium.screenshot(html, png, 1400, 1800);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        int reddish = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                reddish += ((rgb >> 16) & 0xFF) > ((rgb >> 8) & 0xFF) + 40 ? 1 : 0;
            }
        }
        assertThat(reddish).as("pixels of high findings on the page").isGreaterThan(2000);
        assertThat(b.log).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    /** The opening tag and text of the matrix cell for place and check in Chromium's DOM. */
    private static String cell(String dom, String place, String check) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td class=\"[^\"]*\" data-operator=\"[^\"]*\" data-place=\""
                + java.util.regex.Pattern.quote(place) + "\" data-check=\"" + java.util.regex.Pattern.quote(check)
                + "\"[^>]*>([^<]*)</td>").matcher(dom);
        assertThat(m.find()).as("cell " + place + " " + check + " in the rendered page").isTrue();
        String tag = m.group();
        return tag.substring(0, tag.indexOf(" data-operator")) + " >" + m.group(1);
    }

    @Test
    void auditGoalPassesTheModernResponderAtFailOnHigh() throws IOException {
        Responder modern = responder("modern");
        Build b = mvn("audit-modern", "-Dwificall.operators=" + modern.operator(), "-Dwificall.rate=0",
                "-Dwificall.failOn=high");
        assertThat(b.exit).as(b.log).isZero();
        assertThat(b.log).contains("BUILD SUCCESS").contains("wificall: " + modern.operator() + " " + modern.fqdn()
                + " at " + modern.ipv4() + ":500: DH alone: 15, 19, 20, 31 accepted, 18 not")
                .contains("MEDIUM dh:14 (RFC 8247)");
        Build strict = mvn("audit-modern-strict", "-Dwificall.operators=" + modern.operator(), "-Dwificall.rate=0",
                "-Dwificall.failOn=medium");
        assertThat(strict.exit).as(strict.log).isEqualTo(1);
        assertThat(strict.log).contains("finding(s) at or above medium (failOn)")
                .contains("refuses DH group 14 (MODP-2048) (NO_PROPOSAL_CHOSEN), which RFC 8247 says every implementation"
                        + " MUST support");
    }
}
