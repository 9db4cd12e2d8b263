package dev.wificall.maven;

import dev.wificall.ike.IkeProposals;
import dev.wificall.probe.IkePort;
import dev.wificall.testkit.EpdgSimulationNetwork;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts an ePDG simulator and a resolver for it on loopback, and points a later {@code check} of
 * the same build at them: the resolver answers the operators' ePDG names with the simulator's
 * address, and the project properties {@code wificall.dnsServer} and {@code wificall.portOffset}
 * are set to the resolver and the simulator's port offset (500 and 4500 plus the offset). So a
 * build can show a whole check without a network and without root, and a {@code <drop>} shows what
 * a firewall that drops a port does. {@code simulator-stop} stops both; the end of the build does
 * when it fails before it. List both in one execution (they bind to pre- and
 * post-integration-test) and bind {@code check} to integration-test, as {@code samples/simulated} does.
 *
 * <p>The check takes the properties only where its own configuration leaves {@code <dnsServer>} and
 * {@code <portOffset>} unset; a {@code -Dwificall.dnsServer} on the command line wins over them.
 */
@Mojo(name = "simulator-start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class SimulatorStartMojo extends AbstractMojo {

    /**
     * The operators whose ePDG the simulator plays, as for {@code check} (so a plugin-level
     * {@code <operators>} serves both): {@code <operator>262-01</operator>}, a configured ePDG name,
     * or the long form; every name a phone would ask for resolves to the simulator. Property:
     * comma-separated list.
     */
    @Parameter(property = "wificall.simulator.operators")
    List<Operator> operators;

    /** A file with one operator per line, as for {@code check}; relative to the project's directory. */
    @Parameter(property = "wificall.simulator.operatorsFile")
    File operatorsFile;

    /** The ports the simulated firewall drops: {@code 500}, {@code 4500} or {@code 500,4500}; none when empty. */
    @Parameter(property = "wificall.simulator.drop")
    String drop;

    /** The simulator listens on 500 and 4500 plus this offset (1 to 61035); empty: a free pair. */
    @Parameter(property = "wificall.simulator.portOffset")
    String portOffset;

    /** The proposals the simulator accepts, in strongSwan syntax; empty: the simulator's default (a current ePDG's). */
    @Parameter(property = "wificall.simulator.proposals")
    String proposals;

    /** Skips the start (and so the stop has nothing to stop). */
    @Parameter(property = "wificall.simulator.skip", defaultValue = "false")
    boolean skip;

    /** The project's properties, where the check finds the resolver and the port offset. */
    @Parameter(defaultValue = "${project.properties}", readonly = true)
    Properties projectProperties;

    /** The command line's -D properties, which win over project properties in the check. */
    @Parameter(defaultValue = "${session.userProperties}", readonly = true)
    Properties userProperties;

    /** Which project's simulator this is, for {@code simulator-stop}. */
    @Parameter(defaultValue = "${project.groupId}:${project.artifactId}:${project.version} ${project.basedir}",
            readonly = true)
    String projectKey;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    /** The build, whose end stops a simulator that {@code simulator-stop} did not. */
    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    /** The properties the check reads ({@code wificall.dnsServer}, {@code wificall.portOffset}). */
    static final String DNS_SERVER = "wificall.dnsServer";
    static final String PORT_OFFSET = "wificall.portOffset";

    @Override
    public final void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("wificall: simulator-start skipped (wificall.simulator.skip=true)");
            return;
        }
        EpdgSimulationNetwork.Builder builder = builder();
        EpdgSimulationNetwork network;
        try {
            network = builder.start();
        } catch (IOException e) {
            throw new MojoExecutionException("wificall: cannot start the ePDG simulator"
                    + (present(portOffset) ? " with <portOffset>" + portOffset + "</portOffset> (property"
                    + " wificall.simulator.portOffset)" : "") + ": " + e.getMessage()
                    + (present(portOffset) ? "; choose another offset, or leave it empty for a free pair" : ""), e);
        }
        Map<String, Optional<String>> replaced = new LinkedHashMap<>();
        Map<String, String> settings = Map.of(DNS_SERVER, network.dnsServer(), PORT_OFFSET,
                String.valueOf(network.portOffset()));
        for (String name : List.of(DNS_SERVER, PORT_OFFSET)) {
            replaced.put(name, Optional.ofNullable(projectProperties.getProperty(name)));
            projectProperties.setProperty(name, settings.get(name));
        }
        SimulatorRegistry.put(projectKey, new SimulatorRegistry.Running(network, projectProperties, replaced, session))
                .ifPresent(old -> {
                    getLog().warn("wificall: a simulator was still running for this project (" + old.network()
                            + "); stopped it");
                    old.network().close();
                });
        if (session != null) {
            Object self = session;
            SessionEndListener.install(session, () -> stopLeftovers(self));
        }
        getLog().info("wificall: started " + network);
        getLog().info("wificall: the check of this build uses " + DNS_SERVER + "=" + network.dnsServer() + " and "
                + PORT_OFFSET + "=" + network.portOffset() + " (project properties)");
        for (String name : List.of(DNS_SERVER, PORT_OFFSET)) {
            if (userProperties != null && userProperties.getProperty(name) != null) {
                getLog().warn("wificall: -D" + name + "=" + userProperties.getProperty(name) + " on the command line"
                        + " wins over the simulator's " + name + "=" + settings.get(name) + "; the check will not reach"
                        + " the simulator");
            }
        }
    }

    /** At the end of the build: what this session started and no simulator-stop stopped. */
    private void stopLeftovers(Object self) {
        for (SimulatorRegistry.Running r : SimulatorRegistry.removeAll(self)) {
            getLog().info("wificall: the build ended before simulator-stop; stopped " + r.network());
            r.network().close();
        }
    }

    private EpdgSimulationNetwork.Builder builder() throws MojoExecutionException {
        EpdgSimulationNetwork.Builder b = EpdgSimulationNetwork.builder();
        List<Operator> all = OperatorsFile.withPom(operators, operatorsFile, basedir);
        if (all.isEmpty()) {
            throw new MojoExecutionException("<operators> is empty: name the operators whose ePDG the simulator plays,"
                    + " e.g. <operators><operator>262-01</operator></operators> or -Dwificall.simulator.operators=262-01");
        }
        for (Operator operator : all) {
            b.operator(operator.selection());
        }
        if (present(drop)) {
            try {
                b.drop(IkePort.parseList(drop).toArray(IkePort[]::new));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<drop>" + drop + "</drop> (property wificall.simulator.drop): "
                        + e.getMessage() + "; these are the ports the simulated firewall drops");
            }
        }
        if (present(portOffset)) {
            String origin = "<portOffset>" + portOffset + "</portOffset> (property wificall.simulator.portOffset)";
            int offset;
            try {
                offset = Integer.parseInt(portOffset.strip());
            } catch (NumberFormatException e) {
                throw new MojoExecutionException(origin + ": '" + portOffset + "' is not a number; expected 1 to 61035,"
                        + " e.g. 10000 for ports 10500 and 14500, or nothing for a free pair");
            }
            try {
                b.portOffset(offset);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(origin + ": " + e.getMessage());
            }
        }
        if (present(proposals)) {
            try {
                IkeProposals.parse(proposals.strip());
                b.proposals(proposals.strip());
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<proposals>" + proposals + "</proposals> (property"
                        + " wificall.simulator.proposals): " + e.getMessage());
            }
        }
        return b;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
