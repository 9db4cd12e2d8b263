package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Maven installations of the machine, as it/lab/install.sh leaves it. Needs no lab. */
class MavenDistributionsTest {

    @Test
    @Timeout(120)
    void wrapperIsTheMavenRunningThisBuild() {
        Path home = MavenDistributions.home(MavenDistributions.WRAPPER);
        assertThat(home).isEqualTo(Path.of(System.getProperty("maven.home")));
        assertThat(MavenDistributions.mvn(MavenDistributions.WRAPPER)).isEqualTo(home.resolve("bin/mvn")).isExecutable();
        assertThat(MavenDistributions.version(home)).matches("Apache Maven \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    @Timeout(120)
    void machineIsTheMvnOnPathResolvedToItsHome() {
        Path home = MavenDistributions.home(MavenDistributions.MACHINE);
        assertThat(home.resolve("bin/mvn")).isExecutable();
        assertThat(home.resolve("lib")).isDirectory();
        assertThat(home).isNotEqualTo(Path.of("/usr")); // resolved through /usr/bin/mvn's links, not next to it
        assertThat(MavenDistributions.version(home)).matches("Apache Maven \\d+\\.\\d+\\.\\d+.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {MavenDistributions.MAVEN_3_6_3, MavenDistributions.MAVEN_4_0_0_RC_5})
    @Timeout(120)
    void cachedVersionsReportTheirVersion(String version) {
        Path home = MavenDistributions.home(version);
        assertThat(home).isEqualTo(MavenDistributions.cache().resolve("apache-maven-" + version));
        assertThat(MavenDistributions.version(home)).startsWith("Apache Maven " + version + " ");
        assertThat(MavenDistributions.versionNumber(home)).isEqualTo(version);
    }

    @Test
    void cacheIsTheSystemPropertyOfItsPomOrTheEnvironmentVariable() {
        String property = System.getProperty(MavenDistributions.CACHE_PROPERTY);
        assertThat(property).as("set by it/pom.xml").isNotBlank();
        String env = System.getenv(MavenDistributions.CACHE_ENV);
        boolean envWins = property.equals(MavenDistributions.DEFAULT_CACHE) && env != null && !env.isBlank();
        assertThat(MavenDistributions.cache()).isEqualTo(Path.of(envWins ? env.strip() : property));
    }

    @Test
    void aMissingVersionSaysWhereItLookedAndWhatToRun(@TempDir Path empty) {
        String before = System.getProperty(MavenDistributions.CACHE_PROPERTY);
        System.setProperty(MavenDistributions.CACHE_PROPERTY, empty.toString());
        try {
            assertThat(MavenDistributions.available(MavenDistributions.MAVEN_4_0_0_RC_5)).isFalse();
            assertThatThrownBy(() -> MavenDistributions.mvn(MavenDistributions.MAVEN_4_0_0_RC_5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Maven 4.0.0-rc-5 not found in " + empty + "; run it/lab/install.sh as root");
        } finally {
            if (before == null) {
                System.clearProperty(MavenDistributions.CACHE_PROPERTY);
            } else {
                System.setProperty(MavenDistributions.CACHE_PROPERTY, before);
            }
        }
    }

    @Test
    void anUnknownNameIsRefused() {
        assertThatThrownBy(() -> MavenDistributions.home("../etc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Maven named '../etc'");
    }

    @Test
    void aHomeWithoutLauncherIsRefused(@TempDir Path notMaven) throws Exception {
        Files.createDirectories(notMaven.resolve("bin"));
        assertThatThrownBy(() -> MavenDistributions.version(notMaven))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no executable " + notMaven.resolve("bin/mvn"));
    }
}
