package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsServer;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.probe.ProbeTarget;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The retry policy under random loss: {@code lab.sh loss N} drops N % of UDP/500 and UDP/4500 in
 * each direction inside the ePDG's namespace (nftables numgen; this kernel has no netem).
 *
 * <p>Each run is a full {@link ReadinessCheck} of one operator: discovery through dnsmasq (not
 * subject to the loss), then IKE_SA_INIT on both ports of both addresses. The open ePDG is 262-01
 * (10.77.0.2 and fd77::2, both ports answer); the blocked path is 262-02 (same responder, UDP/4500
 * dropped by the lab's firewall), which must never come out ready however lucky the loss is.
 * Many runs go through one {@code checkEach}, so a batch costs about one probe deadline. The
 * packet rate cap is off so that parallel runs do not delay each other's retransmissions: one real
 * check sends a handful of packets, far below the cap, and the retransmission schedule under test
 * is the default one.
 *
 * <p>CI runs {@value #CI_RUNS} runs per loss level (about 10 s in all); {@code -Dwificall.it.lossRuns=200} gives the
 * figures in BENCHMARKS.md ("Loss and the retry policy"). {@code -Dwificall.it.lossInitialWait=200ms}
 * evaluates another first retransmission wait with the same 2.4 s deadline.
 */
@ExtendWith(LabExtension.class)
class LossIT {

    static final int CI_RUNS = 50;
    /** Runs per {@code checkEach}: 50 open and 50 blocked operators are 400 probes in one engine run. */
    private static final int BATCH = 50;
    /** The aims of the issue: ready in at least 99 % of runs, at most 1 % of live hosts missed. */
    private static final double AIM = 0.01;
    /** A run fails the aim only when so many misses would be this unlikely at exactly 1 %. */
    private static final double ALPHA = 0.001;

    private static final SelectionInput OPEN = SelectionInput.of(Plmn.parse("262-01"));
    private static final SelectionInput BLOCKED = SelectionInput.of(Plmn.parse("262-02"));

    private static int runs() {
        return Integer.getInteger("wificall.it.lossRuns", CI_RUNS);
    }

    private static ProbeSettings policy() {
        String wait = System.getProperty("wificall.it.lossInitialWait", "");
        return wait.isBlank() ? ProbeSettings.DEFAULTS
                : new ProbeSettings(CheckSettings.parseDuration(wait), ProbeSettings.DEFAULTS.deadline());
    }

    @Test
    void tenPercentLossKeepsAnOpenEpdgReadyAndABlockedOneBlocked(Lab lab) {
        lossRuns(lab, 10);
    }

    @Test
    void thirtyPercentLossKeepsAnOpenEpdgReadyAndABlockedOneBlocked(Lab lab) {
        lossRuns(lab, 30);
    }

    private static void lossRuns(Lab lab, int percent) {
        int runs = runs();
        ProbeSettings probe = policy().withPacketsPerSecond(0);
        ReadinessCheck check = new ReadinessCheck(CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(Lab.DNS))
                .withProbe(probe));
        int openReady = 0;
        int blockedReady = 0;
        int openProbes = 0;
        int openMisses = 0;
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        lab.command("loss", String.valueOf(percent));
        try {
            for (int done = 0; done < runs; done += BATCH) {
                int n = Math.min(BATCH, runs - done);
                List<SelectionInput> operators = new ArrayList<>(Collections.nCopies(n, OPEN));
                operators.addAll(Collections.nCopies(n, BLOCKED));
                List<OperatorVerdict> verdicts = check.checkEach(operators, v -> { });
                for (int i = 0; i < n; i++) {
                    OperatorVerdict open = verdicts.get(i);
                    assertThat(open.probes()).as(open.sentence()).hasSize(4);
                    openProbes += open.probes().size();
                    openMisses += (int) open.probes().stream().filter(r -> !r.answered()).count();
                    if (open.ready()) {
                        openReady++;
                    } else {
                        failures.add(open.sentence());
                    }
                    OperatorVerdict blocked = verdicts.get(n + i);
                    if (blocked.ready()) {
                        blockedReady++;
                        failures.add("BLOCKED PATH READY: " + blocked.sentence());
                    }
                    // the firewall's drop must show as silence on UDP/4500, never as an answer
                    assertThat(blocked.probes()).filteredOn(r -> r.port() == IkePort.UDP_4500)
                            .as(blocked.sentence()).isNotEmpty().allMatch(r -> r.outcome() == PortOutcome.NO_ANSWER);
                }
            }
        } finally {
            lab.command("noloss");
        }
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        int allowed = allowedMisses(runs);
        System.out.printf(Locale.ROOT, "LossIT %d%% loss, initial wait %d ms, %d runs: 262-01 ready %d/%d (%.2f %%),"
                        + " per-port miss %d/%d (%.2f %%); 262-02 (UDP/4500 dropped) ready %d/%d; %d ms%n", percent,
                probe.initialWait().toMillis(), runs, openReady, runs, 100.0 * openReady / runs, openMisses, openProbes,
                100.0 * openMisses / openProbes, blockedReady, runs, ms);
        assertThat(blockedReady).as("a blocked path reported ready: %s", failures).isZero();
        assertThat(runs - openReady).as("runs of the open ePDG not ready at %d %% loss (at most %d of %d keeps the"
                + " 99 %% aim plausible): %s", percent, allowed, runs, failures).isLessThanOrEqualTo(allowed);
    }

    /**
     * The 250 bench addresses of one strongSwan (UDP/500, as ike-scan was measured), at 30 % loss, at
     * the engine's default settings including its rate cap: how many live hosts a scan misses (about
     * 20 s for 4 rounds). The old default first retransmission (400 ms) missed about 3 %, above the
     * issue's 1 % aim, which the 200 ms default meets (BENCHMARKS.md, "Loss and the retry policy").
     */
    @Test
    void thirtyPercentLossMissesFewLiveHosts(Lab lab) throws Exception {
        int hosts = Integer.getInteger("wificall.it.lossBenchHosts", 250);
        int rounds = Integer.getInteger("wificall.it.lossBenchRounds", 4);
        lab.command("bench-addresses", String.valueOf(hosts));
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            // lab.sh bench-addresses N: 10.77.16.1 .. 10.77.16.N on the main ePDG
            targets.add(ProbeTarget.of(InetAddress.getByName("10.77.16." + i), IkePort.UDP_500));
        }
        assertThat(targets).hasSize(hosts);
        ProbeSettings settings = policy();
        int probes = 0;
        int misses = 0;
        int packets = 0;
        long start = System.nanoTime();
        lab.command("loss", "30");
        try {
            ProbeEngine engine = new ProbeEngine(settings);
            for (int r = 0; r < rounds; r++) {
                for (PortResult result : engine.probeAll(targets)) {
                    probes++;
                    packets += result.requests();
                    if (!result.answered()) {
                        misses++;
                        assertThat(result.outcome()).as(result.detail()).isEqualTo(PortOutcome.NO_ANSWER);
                    }
                }
            }
        } finally {
            lab.command("noloss");
            lab.command("bench-addresses", "0");
        }
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        int allowed = allowedMisses(probes);
        System.out.printf(Locale.ROOT, "LossIT 30%% loss, %d bench hosts x %d rounds, initial wait %d ms, rate cap %d/s:"
                        + " missed %d of %d (%.2f %%), %.2f requests per host; %d ms%n", hosts, rounds,
                settings.initialWait().toMillis(), settings.packetsPerSecond(), misses, probes, 100.0 * misses / probes,
                (double) packets / probes, ms);
        assertThat(misses).as("live hosts missed at 30 %% loss (at most %d of %d keeps the 1 %% aim plausible)",
                allowed, probes).isLessThanOrEqualTo(allowed);
    }

    /**
     * The most misses out of {@code n} that are still plausible at a true miss rate of exactly 1 %:
     * the smallest k with P(X > k) below {@link #ALPHA} for X ~ Binomial(n, 0.01). With 50 runs that is
     * 4, with 200 runs 8, with 1,000 probes 21: a policy exactly at the aim fails once in a thousand
     * runs; the default fails a check at 30 % loss about once in 220 (two addresses, two ports), so 50
     * runs fail this test about 4 times in a million; a policy without retransmissions (about 58 %
     * of checks fail at 30 % loss) fails it every time.
     */
    static int allowedMisses(int n) {
        double term = Math.pow(1 - AIM, n);
        double cumulative = term;
        int k = 0;
        while (1 - cumulative >= ALPHA && k < n) {
            term *= (double) (n - k) / (k + 1) * AIM / (1 - AIM);
            k++;
            cumulative += term;
        }
        return k;
    }
}
