package dev.wificall.benchmarks;

import dev.wificall.audit.AuditOutcome;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.AuditSettings;
import dev.wificall.audit.AuditTarget;
import dev.wificall.audit.Auditor;
import dev.wificall.audit.CheckResult;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.ProbeSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Audits every address of a file (one per line) on UDP/500 in one run and prints wall time, IKE_SA_INIT
 * requests and exchanges, for scripts/bench-audit.sh to set beside ike-scan asking the group questions.
 *
 * <p>Usage: {@code AuditThroughput ADDRESS_FILE [full|groups] [PACKETS_PER_SECOND, 0 = no cap]}: {@code groups}
 * asks the DH questions only (all groups, strongest and weakest first, each group alone).
 */
public final class AuditThroughput {
    private AuditThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3 || args.length >= 2 && !args[1].matches("full|groups")) {
            System.err.println("usage: AuditThroughput ADDRESS_FILE [full|groups] [PACKETS_PER_SECOND]");
            System.exit(2);
        }
        List<AuditTarget> targets = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                InetAddress a = InetAddress.getByName(line.strip());
                targets.add(new AuditTarget(null, line.strip(), new InetSocketAddress(a, 500), IkePort.UDP_500));
            }
        }
        boolean full = args.length < 2 || args[1].equals("full");
        int rate = args.length == 3 ? Integer.parseInt(args[2]) : AuditSettings.DEFAULT_PACKETS_PER_SECOND;
        AuditSettings settings = AuditSettings.DEFAULTS.withTransforms(full).withPhones(false)
                .withProbe(AuditSettings.DEFAULTS.probe().withPacketsPerSecond(rate).withGlobalDeadline(Duration.ofHours(1)));
        long start = System.nanoTime();
        AuditResult audit = new Auditor(settings).run(targets);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<AuditOutcome, Integer> outcomes = new TreeMap<>();
        int exchanges = 0;
        for (CheckResult c : audit.checks()) {
            if (c.check().offer() != null && c.outcome() != AuditOutcome.SKIPPED) {
                exchanges++;
                outcomes.merge(c.outcome(), 1, Integer::sum);
            }
        }
        System.out.printf("targets=%d mode=%s wall_ms=%d exchanges=%d requests=%d rate=%s outcomes=%s%n", targets.size(),
                full ? "full" : "groups", millis, exchanges, audit.packets(), rate == 0 ? "unlimited" : rate + "/s", outcomes);
    }
}
