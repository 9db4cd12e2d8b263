package dev.wificall.maven;

import dev.wificall.dns.DnsServer;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.NamePolicy;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that look operators up share: the operators (in the POM and from a file), the
 * resolvers and the DNS timeout, each mistake a build error naming element, property and value.
 */
abstract class OperatorsMojo extends AbstractMojo {

    /**
     * Operators, each as MCC-MNC ({@code <operator>262-01</operator>}), as a configured ePDG name
     * ({@code <operator>epdg.example.net</operator>}) or in the long form with {@code <plmn>},
     * {@code <name>} or {@code <fqdn>}, and optionally {@code <tac>}, {@code <tac5gs>}, {@code <lac>},
     * {@code <visitedMcc>}, {@code <emergency>}, {@code <ports>}, {@code <addressPolicy>} (see
     * {@link Operator}). Property: comma-separated list.
     */
    @Parameter(property = "wificall.operators")
    List<Operator> operators;

    /**
     * A text file with one operator per line ({@code 262-01} or {@code epdg.example.net}; {@code #}
     * starts a comment), checked after {@code <operators>}; relative to the project's directory.
     */
    @Parameter(property = "wificall.operatorsFile")
    File operatorsFile;

    /** The resolver to ask, {@code host[:port]}; the system's resolvers when neither this nor dnsServers is set. */
    @Parameter(property = "wificall.dnsServer")
    String dnsServer;

    /**
     * Several resolvers, {@code host[:port]} each: the first is the network's (its answer decides),
     * the others are asked the same names and compared with it. Property: comma-separated list.
     */
    @Parameter(property = "wificall.dnsServers")
    List<String> dnsServers;

    /** How long to wait for each DNS answer, e.g. {@code 3s} or {@code 500ms}. */
    @Parameter(property = "wificall.dnsTimeout", defaultValue = "3s")
    String dnsTimeout;

    /**
     * Which ePDG names of each operator: {@code 3gpp} (the name a phone builds from its SIM),
     * {@code carrier} (the names its phones are configured with instead, such as Verizon's
     * {@code wo.vzwwo.com}, from the shipped phone profiles; the 3GPP name where none is known) or
     * {@code both}. A configured name ({@code <fqdn>}) is always taken as given.
     */
    @Parameter(property = "wificall.names", defaultValue = "both")
    String names;

    /** For relative {@code operatorsFile} paths when Maven has not made them absolute (tests). */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    /** The project's build directory; unused when the goal runs without a POM. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    /** Tells whether Maven found a POM; null in unit tests, which always give one. */
    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    /**
     * Whether the goal runs without a POM ({@code mvn dev.wificall:wificall-maven-plugin:check} in an
     * empty folder). Then relative files are read from the current directory and output goes to
     * {@code ./<folder>}, not to Maven's stand-in project's {@code target}.
     */
    boolean withoutProject() {
        return session != null && !session.getRequest().isProjectPresent();
    }

    /**
     * Where output goes: the configured folder, else {@code <build directory>/<folder>} in a project,
     * else {@code <current directory>/<folder>}. Also points {@code basedir} at the current
     * directory when there is no project, so relative operator, rules and baseline files are found
     * where the user typed the command.
     */
    File outputFolder(File configured, String folder) {
        if (withoutProject()) {
            String start = session.getRequest().getBaseDirectory();
            basedir = new File(start == null ? System.getProperty("user.dir") : start).getAbsoluteFile();
        }
        if (configured != null) {
            return configured.isAbsolute() || basedir == null ? configured : new File(basedir, configured.getPath());
        }
        if (withoutProject() || buildDirectory == null) {
            return new File(basedir == null ? new File(System.getProperty("user.dir")) : basedir, folder);
        }
        return new File(buildDirectory, folder);
    }

    List<Operator> allOperators() throws MojoExecutionException {
        List<Operator> all = OperatorsFile.withPom(operators, operatorsFile, basedir);
        if (all.isEmpty()) {
            throw new MojoExecutionException("<operators> is empty: name at least one operator, e.g. "
                    + "<operators><operator>262-01</operator></operators>, -Dwificall.operators=262-01, or a file with"
                    + " one operator per line in <operatorsFile> (-Dwificall.operatorsFile=...)");
        }
        return all;
    }

    NamePolicy namePolicy() throws MojoExecutionException {
        try {
            return NamePolicy.parse(names == null ? "both" : names);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("names", names) + ": " + e.getMessage());
        }
    }

    /** The operators' names as {@link #names} asks: carrier names join (or replace) the 3GPP names. */
    List<CheckTarget> asPhonesSeeThem(List<CheckTarget> targets, boolean phoneOffers) throws MojoExecutionException {
        return CheckTarget.asPhonesSeeThem(targets, namePolicy(), phoneOffers);
    }

    static Duration duration(String element, String text) throws MojoExecutionException {
        try {
            return CheckSettings.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin(element, text) + ": " + e.getMessage());
        }
    }

    static String origin(String element, String value) {
        return "<" + element + ">" + value + "</" + element + "> (property wificall." + element + ")";
    }

    List<DnsServer> servers() throws MojoExecutionException {
        boolean one = dnsServer != null && !dnsServer.isBlank();
        boolean several = dnsServers != null && dnsServers.stream().anyMatch(s -> s != null && !s.isBlank());
        if (one && several) {
            throw new MojoExecutionException(oneOrigin() + " and " + severalOrigin() + " are both set; set one: <dnsServer>"
                    + " for one resolver, or <dnsServers> for several (the network's resolver first, the others compared"
                    + " with it)");
        }
        if (one) {
            try {
                return List.of(DnsServer.parse(dnsServer));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(oneOrigin() + ": " + e.getMessage());
            }
        }
        if (!several) {
            return List.of();
        }
        List<DnsServer> servers = new ArrayList<>();
        for (int i = 0; i < dnsServers.size(); i++) {
            String item = dnsServers.get(i);
            if (item == null || item.isBlank()) {
                throw new MojoExecutionException(severalOrigin() + ": entry " + (i + 1) + " of " + dnsServers.size()
                        + " is empty; expected host[:port] each, the network's resolver first, e.g."
                        + " <dnsServers><dnsServer>10.0.0.53</dnsServer><dnsServer>9.9.9.9</dnsServer></dnsServers>");
            }
            DnsServer server;
            try {
                server = DnsServer.parse(item);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(severalOrigin() + ": entry " + (i + 1) + ": " + e.getMessage());
            }
            if (servers.contains(server)) {
                throw new MojoExecutionException(severalOrigin() + ": " + server + " is listed twice; name each resolver once");
            }
            servers.add(server);
        }
        return servers;
    }

    private String oneOrigin() {
        return "<dnsServer>" + dnsServer + "</dnsServer> (property wificall.dnsServer)";
    }

    private String severalOrigin() {
        return "<dnsServers>" + String.join(", ", dnsServers.stream().map(String::valueOf).toList())
                + "</dnsServers> (property wificall.dnsServers)";
    }

    /** Which setting named the resolvers, for a resolver the core cannot use. */
    String resolverOrigin() {
        if (dnsServer != null && !dnsServer.isBlank()) {
            return oneOrigin();
        }
        return dnsServers != null && !dnsServers.isEmpty() ? severalOrigin()
                : "the system resolver (no <dnsServer> or <dnsServers>)";
    }
}
