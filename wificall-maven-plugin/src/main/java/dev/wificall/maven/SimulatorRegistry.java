package dev.wificall.maven;

import dev.wificall.testkit.EpdgSimulationNetwork;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The simulated networks {@code simulator-start} left running for a later {@code simulator-stop},
 * one per project (by its coordinates and directory), like jetty:start's server. Static, because
 * the two goals are separate mojo instances in one plugin class realm; thread-safe for parallel
 * builds. A JVM shutdown hook closes whatever is left when a build fails before
 * {@code simulator-stop}.
 */
final class SimulatorRegistry {

    /** A running network and the project properties it replaced, to put back when it stops. */
    record Running(EpdgSimulationNetwork network, Properties projectProperties, Map<String, Optional<String>> replaced) {
    }

    private static final Map<String, Running> RUNNING = new ConcurrentHashMap<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private SimulatorRegistry() {
    }

    /** Registers {@code running} for the project; returns the one it replaces, if any. */
    static Optional<Running> put(String project, Running running) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(SimulatorRegistry::closeAll, "wificall-simulator-shutdown"));
        }
        return Optional.ofNullable(RUNNING.put(project, running));
    }

    static Optional<Running> remove(String project) {
        return Optional.ofNullable(RUNNING.remove(project));
    }

    static Optional<Running> get(String project) {
        return Optional.ofNullable(RUNNING.get(project));
    }

    /** Closes every network left running: the shutdown hook, and tests. */
    static void closeAll() {
        for (String project : RUNNING.keySet()) {
            remove(project).ifPresent(r -> r.network().close());
        }
    }
}
