package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI recipes of the README (samples/ci), read as their CI reads them, and their gate command run
 * for real against the lab in an empty folder, as a runner's fresh checkout would: it passes for an
 * open operator, fails for one whose UDP/4500 is dropped, and in both cases leaves the JUnit XML and
 * the HTML report where the recipe's publish and artifact steps look for them. What cannot run here
 * (GitHub's and GitLab's runners, their actions) is checked for what it must say: nightly and on
 * firewall changes, artifacts also when the gate failed, a matrix of vantage points.
 */
@ExtendWith(LabExtension.class)
class CiRecipesIT {

    private static final Path SAMPLES = Path.of(System.getProperty("wificall.it.sample")).getParent().resolve("ci");

    @Test
    @SuppressWarnings("unchecked")
    void githubActionsWorkflowRunsTheGateAndKeepsItsReports(Lab lab) throws Exception {
        Map<String, Object> workflow = yaml("github-actions.yml");
        // SnakeYAML reads the bare key 'on' as the boolean true (YAML 1.1), as some tools do
        Map<String, Object> on = (Map<String, Object>) (workflow.containsKey("on") ? workflow.get("on") : workflow.get(true));
        assertThat(((List<Map<String, Object>>) on.get("schedule")).get(0).get("cron")).asString().matches("[0-9]+ [0-9]+ \\* \\* \\*");
        assertThat((List<String>) ((Map<String, Object>) on.get("push")).get("paths")).contains("firewall/**");
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("wificall");
        Map<String, Object> matrix = (Map<String, Object>) ((Map<String, Object>) job.get("strategy")).get("matrix");
        assertThat((List<String>) matrix.get("vantage")).hasSizeGreaterThan(1);
        assertThat(job.get("runs-on").toString()).contains("${{ matrix.vantage }}");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        String gate = (String) steps.stream().filter(s -> "Wi-Fi Calling gate".equals(s.get("name"))).findFirst()
                .orElseThrow().get("run");
        List<Map<String, Object>> after = steps.subList(steps.indexOf(steps.stream()
                .filter(s -> gate.equals(s.get("run"))).findFirst().orElseThrow()) + 1, steps.size());
        assertThat(after).allMatch(s -> "always()".equals(s.get("if")));
        List<String> kept = new ArrayList<>();
        for (Map<String, Object> s : after) {
            Map<String, Object> with = (Map<String, Object>) s.get("with");
            kept.add((String) with.getOrDefault("path", with.get("report_paths")));
        }
        assertThat(kept).containsExactly("wificall-reports/", "wificall-reports/TEST-wificall.xml");
        runGate("github", gate, (Map<String, Object>) job.get("env"), kept);
    }

    @Test
    @SuppressWarnings("unchecked")
    void gitlabJobRunsTheGateAndKeepsItsReports(Lab lab) throws Exception {
        Map<String, Object> job = (Map<String, Object>) yaml("gitlab-ci.yml").get("wificall");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) job.get("rules");
        assertThat(rules.get(0).get("if")).isEqualTo("$CI_PIPELINE_SOURCE == \"schedule\"");
        assertThat((List<String>) rules.get(1).get("changes")).contains("firewall/**/*");
        assertThat((List<String>) job.get("tags")).containsExactly("$VANTAGE");
        Map<String, Object> artifacts = (Map<String, Object>) job.get("artifacts");
        assertThat(artifacts.get("when")).isEqualTo("always");
        String junit = (String) ((Map<String, Object>) artifacts.get("reports")).get("junit");
        List<String> kept = new ArrayList<>((List<String>) artifacts.get("paths"));
        kept.add(junit);
        List<String> script = (List<String>) job.get("script");
        assertThat(script).hasSize(1);
        runGate("gitlab", script.get(0), (Map<String, Object>) job.get("variables"), kept);
    }

    /**
     * Runs the recipe's gate command with bash in a new empty folder, the recipe's variables
     * replaced by the lab's (operator and resolver), Maven offline on this build's repository;
     * once for an open operator, once for one whose UDP/4500 is dropped.
     */
    private static void runGate(String name, String command, Map<String, Object> variables, List<String> kept)
            throws Exception {
        assertThat(command).contains("wificall-maven-plugin:" + System.getProperty("wificall.version") + ":check")
                .as("the recipe names the version this build makes");
        assertThat(variables).containsKeys("WIFICALL_OPERATORS", "WIFICALL_DNS_SERVER");
        Run pass = run(name + "-pass", command, "262-01");
        assertThat(pass.exit).as(pass.log).isZero();
        assertThat(pass.log).contains("wificall: PASS 262-01 T-Mobile(Telekom)").contains("BUILD SUCCESS")
                .contains("(resolver " + Lab.DNS + ")");
        keptFilesExist(pass.dir, kept);
        Run fail = run(name + "-fail", command, "262-02");
        assertThat(fail.exit).isNotZero();
        assertThat(fail.log).contains("Wi-Fi Calling to 262-02 Vodafone will fail: UDP/4500").contains("BUILD FAILURE");
        keptFilesExist(fail.dir, kept);
        assertThat(Files.readString(fail.dir.resolve("wificall-reports/TEST-wificall.xml"))).contains("<failure");
    }

    private static void keptFilesExist(Path dir, List<String> kept) {
        for (String path : kept) {
            Path p = dir.resolve(path);
            if (path.endsWith("/")) {
                assertThat(p.resolve("wificall-report.html")).as("the artifact folder " + path + " holds the HTML report")
                        .isRegularFile();
            } else {
                assertThat(p).as(path).isRegularFile();
            }
        }
    }

    record Run(Path dir, int exit, String log) {
    }

    private static Run run(String name, String command, String operators) throws IOException {
        Path dir = Path.of(System.getProperty("wificall.it.work")).resolve("ci-" + name);
        deleteTree(dir);
        Files.createDirectories(dir);
        Path maven = MavenDistributions.mvn(MavenDistributions.WRAPPER).getParent();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", maven + ":" + System.getenv("PATH"));
        env.put("WIFICALL_OPERATORS", operators);
        env.put("WIFICALL_DNS_SERVER", Lab.DNS);
        // Maven 3.9 reads MAVEN_ARGS: offline, with this build's repository, as a runner's cache would be
        env.put("MAVEN_ARGS", "-o -Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = dir.getParent().resolve("ci-" + name + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(Duration.ofMinutes(3).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError("the gate of " + name + " did not end in 3 minutes: " + command);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new Run(dir, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(SAMPLES.resolve(file), StandardCharsets.UTF_8));
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
