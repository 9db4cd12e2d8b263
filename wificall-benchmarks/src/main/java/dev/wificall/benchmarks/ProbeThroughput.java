package dev.wificall.benchmarks;

import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.probe.ProbeTarget;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Probes every address of a file (one per line) on UDP/500 in one engine run and prints the wall
 * time and the outcomes, for scripts/bench-probe.sh to set beside ike-scan over the same addresses.
 *
 * <p>Usage: {@code ProbeThroughput ADDRESS_FILE [packets-per-second, 0 = no cap; default: the engine's]
 * [ROUNDS, default 1]}: with more rounds the same engine probes the list again, so the later rounds
 * show the engine with its code compiled (round 1 includes the JVM's warm-up).
 */
public final class ProbeThroughput {

    private ProbeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: ProbeThroughput ADDRESS_FILE [PACKETS_PER_SECOND] [ROUNDS]");
            System.exit(2);
        }
        List<ProbeTarget> targets = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                targets.add(ProbeTarget.of(InetAddress.getByName(line.strip()), IkePort.UDP_500));
            }
        }
        ProbeSettings settings = ProbeSettings.DEFAULTS;
        if (args.length >= 2) {
            settings = settings.withPacketsPerSecond(Integer.parseInt(args[1]));
        }
        int rounds = args.length == 3 ? Integer.parseInt(args[2]) : 1;
        ProbeEngine engine = new ProbeEngine(settings);
        for (int round = 1; round <= rounds; round++) {
            round(engine, targets, settings, rounds == 1 ? "" : " round=" + round);
        }
    }

    private static void round(ProbeEngine engine, List<ProbeTarget> targets, ProbeSettings settings, String label) {
        long start = System.nanoTime();
        List<PortResult> results = engine.probeAll(targets);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<PortOutcome, Integer> outcomes = new TreeMap<>();
        int cookies = 0;
        int requests = 0;
        for (PortResult r : results) {
            outcomes.merge(r.outcome(), 1, Integer::sum);
            cookies += r.cookieNeeded() ? 1 : 0;
            requests += r.requests();
        }
        System.out.printf("targets=%d wall_ms=%d requests=%d cookie_rounds=%d rate=%s outcomes=%s%s%n", targets.size(), millis,
                requests, cookies, settings.packetsPerSecond() == 0 ? "unlimited" : settings.packetsPerSecond() + "/s",
                outcomes, label);
    }
}
