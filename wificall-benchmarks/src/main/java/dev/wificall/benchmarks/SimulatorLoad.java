package dev.wificall.benchmarks;

import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.probe.ProbeTarget;
import dev.wificall.testkit.Behaviour;
import dev.wificall.testkit.EpdgSimulator;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Probes N targets of the embedded ePDG simulator (half on its "500", half on its "4500") in one
 * engine run with no rate cap, for scripts/bench-memory.sh: every target gets a real answer, so the
 * engine holds as much per target as against a live ePDG.
 *
 * <p>Usage: {@code SimulatorLoad [N, default 10000]}
 */
public final class SimulatorLoad {

    private SimulatorLoad() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        // a static KE keeps the simulator's one thread ahead of the engine; the engine's side is unchanged
        try (EpdgSimulator sim = EpdgSimulator.builder().behaviour(Behaviour.staticKe()).start()) {
            List<ProbeTarget> targets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                IkePort port = i % 2 == 0 ? IkePort.UDP_500 : IkePort.UDP_4500;
                targets.add(new ProbeTarget(new InetSocketAddress(sim.address(), sim.port(port)), port));
            }
            ProbeEngine engine = new ProbeEngine(ProbeSettings.DEFAULTS.withPacketsPerSecond(0));
            long start = System.nanoTime();
            List<PortResult> results = engine.probeAll(targets);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<PortOutcome, Integer> outcomes = new TreeMap<>();
            results.forEach(r -> outcomes.merge(r.outcome(), 1, Integer::sum));
            System.out.printf("targets=%d wall_ms=%d outcomes=%s heap_used_mb=%d%n", n, millis, outcomes,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }
}
