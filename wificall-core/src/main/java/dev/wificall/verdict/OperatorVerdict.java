package dev.wificall.verdict;

import dev.wificall.attach.AttachResult;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.discovery.Operators;
import dev.wificall.discovery.Plmn;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.probe.PortResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Whether Wi-Fi Calling can reach one operator's ePDG from here, and why.
 *
 * @param plmn     the operator; null for a configured ePDG name that names none (see {@link #operator()})
 * @param fqdn     the ePDG name that was resolved
 * @param dns      what the resolver said
 * @param probes   one result per resolved address and port, in address then port order
 * @param ready    true when a phone could set up IKE: the name resolved and at least one address
 *                 answered on every probed port
 * @param sentence one sentence a network engineer can act on: what was tried, what was seen, what to do
 * @param elapsed  wall time of the whole check
 * @param discovery every name asked of every resolver on the way to {@code fqdn}; null when the
 *                  verdict was built without discovery (tests, reports read back)
 * @param attaches  IKE_AUTH probes of the addresses that answered IKE_SA_INIT, when the check asked
 *                  for them; empty otherwise
 * @param userPlanes the user plane through the tunnels of successful attaches, when the check asked
 *                   for it; empty otherwise
 */
public record OperatorVerdict(Plmn plmn, String fqdn, DnsOutcome dns, List<PortResult> probes,
                              boolean ready, String sentence, Duration elapsed, Resolution discovery,
                              List<AttachResult> attaches, List<UserPlaneResult> userPlanes) {
    public OperatorVerdict {
        attaches = List.copyOf(attaches);
        userPlanes = List.copyOf(userPlanes);
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(dns, "dns");
        probes = List.copyOf(probes);
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public OperatorVerdict(Plmn plmn, String fqdn, DnsOutcome dns, List<PortResult> probes, boolean ready,
                           String sentence, Duration elapsed) {
        this(plmn, fqdn, dns, probes, ready, sentence, elapsed, null, List.of(), List.of());
    }

    public OperatorVerdict(Plmn plmn, String fqdn, DnsOutcome dns, List<PortResult> probes, boolean ready,
                           String sentence, Duration elapsed, Resolution discovery) {
        this(plmn, fqdn, dns, probes, ready, sentence, elapsed, discovery, List.of(), List.of());
    }

    public OperatorVerdict(Plmn plmn, String fqdn, DnsOutcome dns, List<PortResult> probes, boolean ready,
                           String sentence, Duration elapsed, Resolution discovery, List<AttachResult> attaches) {
        this(plmn, fqdn, dns, probes, ready, sentence, elapsed, discovery, attaches, List.of());
    }

    /**
     * "262-01 T-Mobile(Telekom)", the bare PLMN when the bundled table does not know it, or the
     * configured ePDG name when it names no operator.
     */
    public String operator() {
        return plmn == null ? fqdn : Operators.label(plmn);
    }

    /**
     * The addresses probed, each once, in probe order: every usable address, or the first
     * {@link CheckSettings#maxAddresses} of a name that has more (compare {@code dns().usableAddresses()}).
     */
    public List<InetAddress> probedAddresses() {
        return probes.stream().map(PortResult::address).distinct().toList();
    }

    /** A line per probe, for failure messages and transcripts. */
    public List<String> probeLines() {
        return probes.stream().map(p -> Explanations.probeLine(fqdn, p)).toList();
    }
}
