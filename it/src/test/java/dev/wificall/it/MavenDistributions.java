package dev.wificall.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Maven installations the tests run the goal with, by name:
 * <ul>
 * <li>{@value #WRAPPER}: the Maven running this build (system property {@code maven.home}, which it/pom.xml hands
 * to the test JVM);</li>
 * <li>{@value #MACHINE}: the {@code mvn} on PATH, resolved to its home ({@code /usr/share/maven} for Debian's
 * package {@code maven});</li>
 * <li>any version, e.g. {@value #MAVEN_3_6_3} or {@value #MAVEN_4_0_0_RC_5}: {@code apache-maven-<version>} in the
 * cache folder that it/lab/install.sh fills ({@link #cache()}).</li>
 * </ul>
 */
final class MavenDistributions {

    static final String WRAPPER = "wrapper";
    static final String MACHINE = "machine";
    static final String MAVEN_3_6_3 = "3.6.3";
    static final String MAVEN_4_0_0_RC_5 = "4.0.0-rc-5";
    /** Every name the tests use, in the order a test over all of them runs. */
    static final List<String> NAMES = List.of(WRAPPER, MACHINE, MAVEN_3_6_3, MAVEN_4_0_0_RC_5);

    static final String CACHE_PROPERTY = "wificall.it.mavenCache";
    static final String CACHE_ENV = "WIFICALL_MAVEN_CACHE";
    static final String DEFAULT_CACHE = "/opt/wificall/maven";
    static final Duration VERSION_DEADLINE = Duration.ofSeconds(60);

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern VERSION_NAME = Pattern.compile("[0-9][0-9A-Za-z.\\-]*");

    private MavenDistributions() {
    }

    /**
     * The folder holding {@code apache-maven-<version>/}: the system property {@value #CACHE_PROPERTY} when it is set
     * to something other than the default, else the environment variable {@value #CACHE_ENV}, else
     * {@value #DEFAULT_CACHE}; the same rule as it/lab/install.sh, where only the environment variable exists.
     */
    static Path cache() {
        String property = System.getProperty(CACHE_PROPERTY, "").strip();
        String env = Optional.ofNullable(System.getenv(CACHE_ENV)).orElse("").strip();
        if (!property.isEmpty() && !property.equals(DEFAULT_CACHE)) {
            return Path.of(property);
        }
        return Path.of(env.isEmpty() ? DEFAULT_CACHE : env);
    }

    /** The home of the named Maven; fails with what to do when it is not there. */
    static Path home(String name) {
        switch (name) {
            case WRAPPER -> {
                String home = System.getProperty("maven.home", "").strip();
                if (home.isEmpty()) {
                    throw new IllegalStateException("the Maven running this build is unknown: system property maven.home"
                            + " is not set; run the tests through Maven (./mvnw -pl it ...), whose it/pom.xml sets it");
                }
                return requireLauncher(Path.of(home), "the Maven running this build (maven.home)");
            }
            case MACHINE -> {
                return machineHome();
            }
            default -> {
                if (!VERSION_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("no Maven named '" + name + "'; expected " + WRAPPER + ", "
                            + MACHINE + " or a version such as " + MAVEN_3_6_3 + " or " + MAVEN_4_0_0_RC_5);
                }
                Path cache = cache();
                Path home = cache.resolve("apache-maven-" + name);
                if (!Files.isExecutable(home.resolve("bin/mvn"))) {
                    throw new IllegalStateException("Maven " + name + " not found in " + cache
                            + "; run it/lab/install.sh as root (it downloads Maven " + MAVEN_3_6_3 + " and "
                            + MAVEN_4_0_0_RC_5 + " into $" + CACHE_ENV + ", default " + DEFAULT_CACHE + ")");
                }
                return home;
            }
        }
    }

    /** The {@code bin/mvn} launcher of the named Maven. */
    static Path mvn(String name) {
        return home(name).resolve("bin/mvn");
    }

    /** Whether the named Maven is there, for assumptions. */
    static boolean available(String name) {
        try {
            home(name);
            return true;
        } catch (IllegalStateException missing) {
            return false;
        }
    }

    /** The first line of {@code mvn --version} of a Maven home, e.g. {@code Apache Maven 3.6.3 (cecedd34...)}. */
    static String version(Path home) {
        return version(home, VERSION_DEADLINE);
    }

    static String version(Path home, Duration deadline) {
        Path mvn = requireLauncher(home, "Maven home " + home).resolve("bin/mvn");
        Lab.Result r = Lab.Processes.run(List.of(mvn.toString(), "-B", "--version", "-Dstyle.color=never"), home, deadline);
        String output = ANSI.matcher(r.output()).replaceAll("");
        if (r.exit() != 0) {
            throw new IllegalStateException(mvn + " --version failed (exit " + r.exit() + "):\n" + output);
        }
        // the first line, unless the JVM printed warnings before it
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.stream().filter(l -> l.startsWith("Apache Maven ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(mvn + " --version printed no 'Apache Maven' line:\n" + output));
    }

    /** The version number alone, e.g. {@code 4.0.0-rc-5}, from {@link #version(Path)}. */
    static String versionNumber(Path home) {
        String line = version(home);
        String rest = line.substring("Apache Maven ".length());
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    private static Path machineHome() {
        Optional<Path> onPath = onPath("mvn");
        if (onPath.isEmpty()) {
            throw new IllegalStateException("the machine's Maven not found: no mvn on PATH (" + System.getenv("PATH")
                    + "); run it/lab/install.sh as root (it installs Debian's maven)");
        }
        Path launcher = onPath.get();
        try {
            // /usr/bin/mvn -> /etc/alternatives/mvn -> /usr/share/maven/bin/mvn
            Path bin = launcher.toRealPath().getParent();
            Path home = bin == null ? null : bin.getParent();
            if (home != null && isHome(home)) {
                return home;
            }
        } catch (IOException unresolvable) {
            // fall through: ask the launcher itself
        }
        // a launcher script elsewhere (a shim, a copy): Maven names its home itself
        Lab.Result r = Lab.Processes.run(List.of(launcher.toString(), "-B", "--version"), launcher.getParent(),
                VERSION_DEADLINE);
        String output = ANSI.matcher(r.output()).replaceAll("");
        return output.lines().map(String::strip).filter(l -> l.startsWith("Maven home: "))
                .map(l -> Path.of(l.substring("Maven home: ".length())))
                .filter(MavenDistributions::isHome).findFirst()
                .orElseThrow(() -> new IllegalStateException("the machine's Maven: cannot tell the home of " + launcher
                        + " (exit " + r.exit() + "):\n" + output));
    }

    private static Optional<Path> onPath(String command) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isHome(Path home) {
        return Files.isExecutable(home.resolve("bin/mvn")) && Files.isDirectory(home.resolve("lib"));
    }

    private static Path requireLauncher(Path home, String what) {
        if (!Files.isExecutable(home.resolve("bin/mvn"))) {
            throw new IllegalStateException(what + ": no executable " + home.resolve("bin/mvn"));
        }
        return home;
    }
}
