package dev.wificall.report;

import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which probes of an operator carry their packet transcript in the reports: the first
 * {@value #PER_OUTCOME} of each outcome. A name with 1,000 addresses that all refuse gives 2,000
 * transcripts that differ only in addresses and ports; these keep the reports linear and small,
 * while an address that behaves unlike the others (the one MALFORMED among 999 refusals) keeps its
 * own. Every probe keeps its line, outcome and numbers.
 */
final class Transcripts {

    static final int PER_OUTCOME = 32;

    private Transcripts() {
    }

    /** One flag per probe, in the order given: whether its transcript is written. */
    static boolean[] kept(List<PortResult> probes) {
        boolean[] kept = new boolean[probes.size()];
        Map<PortOutcome, Integer> seen = new EnumMap<>(PortOutcome.class);
        for (int i = 0; i < kept.length; i++) {
            int n = seen.merge(probes.get(i).outcome(), 1, Integer::sum);
            kept[i] = n <= PER_OUTCOME;
        }
        return kept;
    }

    /** How many of {@code probes} have a transcript that {@link #kept} leaves out. */
    static int omitted(List<PortResult> probes) {
        int n = 0;
        for (boolean k : kept(probes)) {
            n += k ? 0 : 1;
        }
        return n;
    }
}
