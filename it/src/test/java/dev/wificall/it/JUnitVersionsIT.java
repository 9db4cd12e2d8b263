package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The JUnit extension on each JUnit it promises, against the real lab: the small projects
 * it/src/test/projects/junit5 (junit-bom 5.13.4, the version wificall-junit is compiled against) and
 * junit6 (junit-bom 6.1.3) are built by the Maven that runs this build, offline, with the wificall-junit
 * this build installed and the JUnit artifacts it/pom.xml pre-fetched. Each runs two test classes: one
 * with {@code @EpdgReachable(mcc = 262, mnc = 1)}, which passes, and one with
 * {@code @EpdgReachable(mcc = 262, mnc = 2)}, whose UDP/4500 the lab drops, which fails; so each build
 * fails, and the surefire reports say which test failed, why, and on which JUnit.
 */
@ExtendWith(LabExtension.class)
class JUnitVersionsIT {

    @ParameterizedTest(name = "{0}: Jupiter {1}, Platform {2}")
    @CsvSource({"junit5, 5.13.4, 1.13.4", "junit6, 6.1.3, 6.1.3"})
    void passesAndFailsOnEachJUnit(String project, String jupiter, String platform, Lab lab) throws Exception {
        Path dir = copyProject(project);
        Lab.Result r = Lab.Processes.run(List.of(
                MavenDistributions.mvn(MavenDistributions.WRAPPER).toString(),
                "-B", "-o", "-ntp", "verify",
                "-Dwificall.version=" + System.getProperty("wificall.version"),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local")), dir, Duration.ofMinutes(3));
        Files.writeString(dir.resolve("build.log"), r.output(), StandardCharsets.UTF_8);

        // the failing class fails the build, and only because of its test
        assertThat(r.exit()).as("exit code of the build of " + dir + "; its log:\n" + r.output()).isNotZero();
        assertThat(r.output()).contains("Tests run: 2, Failures: 1, Errors: 0, Skipped: 0")
                .contains("BUILD FAILURE")
                .contains("junit-jupiter-api " + jupiter)
                .contains("junit-platform-launcher " + platform);

        Element open = suite(dir, "example.OpenEpdgTest");
        assertThat(open.getAttribute("tests")).isEqualTo("1");
        assertThat(open.getAttribute("failures")).isEqualTo("0");
        assertThat(open.getAttribute("errors")).isEqualTo("0");
        assertThat(open.getAttribute("skipped")).isEqualTo("0");
        // the JUnit the test ran on, as the test printed it from the jars' manifests
        assertThat(text(open, "system-out")).contains("junit-jupiter-api " + jupiter + "\n")
                .contains("junit-platform-launcher " + platform + "\n");
        // and the test class path surefire built: the pinned JUnit alone
        String classPath = property(open, "surefire.test.class.path");
        assertThat(classPath).contains("junit-jupiter-api-" + jupiter + ".jar")
                .contains("junit-jupiter-engine-" + jupiter + ".jar")
                .contains("junit-platform-commons-" + platform + ".jar")
                .contains("wificall-junit-" + System.getProperty("wificall.version") + ".jar");
        assertThat(classPath.split(File.pathSeparator))
                .filteredOn(entry -> entry.contains("junit-jupiter-api-")).hasSize(1);

        Element dropped = suite(dir, "example.Udp4500DroppedTest");
        assertThat(dropped.getAttribute("tests")).isEqualTo("1");
        assertThat(dropped.getAttribute("failures")).isEqualTo("1");
        assertThat(dropped.getAttribute("errors")).isEqualTo("0");
        NodeList failures = dropped.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(failure.getAttribute("message"))
                .startsWith("Wi-Fi Calling to 262-02 Vodafone will fail: UDP/4500 to epdg.epc.mnc002.mcc262.pub.3gppnetwork.org")
                .contains("while UDP/500 answered")
                .contains("resolver 127.0.0.77:15353"); // the lab's, from the project's junit-platform.properties
    }

    /** Copies {@code it/src/test/projects/<project>} to a fresh folder under {@code wificall.it.work}. */
    private static Path copyProject(String project) throws IOException {
        Path it = Path.of(System.getProperty("wificall.lab.script")).toAbsolutePath().getParent().getParent();
        Path source = it.resolve("src/test/projects").resolve(project);
        Path dir = Path.of(System.getProperty("wificall.it.work")).resolve("junit-versions-" + project);
        deleteTree(dir);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path target = dir.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.createDirectories(dir.resolve(".mvn")); // Maven 4 looks for the project root by it
        return dir;
    }

    /** The {@code <testsuite>} of surefire's report for a test class, parsed. */
    private static Element suite(Path dir, String testClass) throws Exception {
        Path xml = dir.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        assertThat(xml).isRegularFile();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
    }

    private static String text(Element suite, String tag) {
        NodeList nodes = suite.getElementsByTagName(tag);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nodes.getLength(); i++) {
            b.append(nodes.item(i).getTextContent());
        }
        return b.toString();
    }

    /** A property surefire recorded from the forked test JVM. */
    private static String property(Element suite, String name) {
        NodeList properties = suite.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            if (p.getAttribute("name").equals(name)) {
                return p.getAttribute("value");
            }
        }
        throw new AssertionError("no property " + name + " in the surefire report");
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
