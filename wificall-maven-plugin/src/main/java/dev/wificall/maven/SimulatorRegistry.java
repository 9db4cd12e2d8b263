package dev.wificall.maven;

import dev.wificall.testkit.EpdgSimulationNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated networks {@code simulator-start} left running for a later {@code simulator-stop},
 * one per project (by its coordinates and directory), like jetty:start's server. Static, because
 * the two goals are separate mojo instances in one plugin class realm; thread-safe for parallel
 * builds. When a build fails before {@code simulator-stop}, the end of its session closes what it
 * left ({@link SessionEndListener}); no JVM shutdown hook, which would run after Maven closed the
 * plugin's class realm.
 */
final class SimulatorRegistry {

    /**
     * A running network, the project properties it replaced (to put back when it stops), and the
     * build session that started it (any object that identifies it; null outside Maven).
     */
    record Running(EpdgSimulationNetwork network, Properties projectProperties, Map<String, Optional<String>> replaced,
                   Object session) {
    }

    private static final Map<String, Running> RUNNING = new ConcurrentHashMap<>();

    private SimulatorRegistry() {
    }

    /** Registers {@code running} for the project; returns the one it replaces, if any. */
    static Optional<Running> put(String project, Running running) {
        return Optional.ofNullable(RUNNING.put(project, running));
    }

    static Optional<Running> remove(String project) {
        return Optional.ofNullable(RUNNING.remove(project));
    }

    static Optional<Running> get(String project) {
        return Optional.ofNullable(RUNNING.get(project));
    }

    /** Removes and returns the networks the given session started and left running. */
    static List<Running> removeAll(Object session) {
        List<Running> left = new ArrayList<>();
        for (Map.Entry<String, Running> e : RUNNING.entrySet()) {
            if (e.getValue().session() == session && RUNNING.remove(e.getKey(), e.getValue())) {
                left.add(e.getValue());
            }
        }
        return left;
    }

    /** Closes every network left running: for tests. */
    static void closeAll() {
        for (String project : RUNNING.keySet()) {
            remove(project).ifPresent(r -> r.network().close());
        }
    }
}
