package dev.wificall.maven;

import dev.wificall.testkit.EpdgSimulationNetwork;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops the ePDG simulator and resolver that {@code simulator-start} started for this project, puts
 * back the project properties it set, and logs what the simulator saw. Nothing running is not an
 * error (the start was skipped, or a build ran the stop alone).
 */
@Mojo(name = "simulator-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class SimulatorStopMojo extends AbstractMojo {

    /** Skips the stop; the end of the build still stops the simulator. */
    @Parameter(property = "wificall.simulator.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.groupId}:${project.artifactId}:${project.version} ${project.basedir}",
            readonly = true)
    String projectKey;

    @Override
    public final void execute() {
        if (skip) {
            getLog().info("wificall: simulator-stop skipped (wificall.simulator.skip=true)");
            return;
        }
        Optional<SimulatorRegistry.Running> running = SimulatorRegistry.remove(projectKey);
        if (running.isEmpty()) {
            getLog().info("wificall: no simulator runs for this project; nothing to stop");
            return;
        }
        EpdgSimulationNetwork network = running.get().network();
        String seen = network.traffic();
        network.close();
        for (Map.Entry<String, Optional<String>> e : running.get().replaced().entrySet()) {
            if (e.getValue().isPresent()) {
                running.get().projectProperties().setProperty(e.getKey(), e.getValue().get());
            } else {
                running.get().projectProperties().remove(e.getKey());
            }
        }
        getLog().info("wificall: stopped the ePDG simulator (" + seen + ")");
    }
}
