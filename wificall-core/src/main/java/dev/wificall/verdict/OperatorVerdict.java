package dev.wificall.verdict;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.probe.PortResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Whether Wi-Fi Calling can reach one operator's ePDG from here, and why.
 *
 * @param plmn     the operator
 * @param fqdn     the ePDG name that was resolved
 * @param dns      what the resolver said
 * @param probes   one result per resolved address and port, in address then port order
 * @param ready    true when a phone could set up IKE: the name resolved and at least one address
 *                 answered on every probed port
 * @param sentence one sentence a network engineer can act on: what was tried, what was seen, what to do
 * @param elapsed  wall time of the whole check
 */
public record OperatorVerdict(Plmn plmn, String fqdn, DnsOutcome dns, List<PortResult> probes,
                              boolean ready, String sentence, Duration elapsed) {
    public OperatorVerdict {
        Objects.requireNonNull(plmn, "plmn");
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(dns, "dns");
        probes = List.copyOf(probes);
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** A line per probe, for failure messages and transcripts. */
    public List<String> probeLines() {
        return probes.stream().map(p -> Explanations.probeLine(fqdn, p)).toList();
    }
}
