package dev.wificall.verdict;

import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsServer;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.ProbeSettings;
import java.time.Duration;
import java.util.List;

/**
 * How to check: which resolver, how long to wait, which ports.
 *
 * @param dnsServer  the resolver to ask; null for the system's resolvers
 * @param dnsTimeout how long to wait for the A and AAAA answers
 * @param probe      the IKE_SA_INIT retransmission policy
 * @param ports      the ports to probe on every address, at least one
 */
public record CheckSettings(DnsServer dnsServer, Duration dnsTimeout, ProbeSettings probe, List<IkePort> ports) {

    public static final CheckSettings DEFAULTS = new CheckSettings(null, DnsLookup.DEFAULT_TIMEOUT,
            ProbeSettings.DEFAULTS, List.of(IkePort.UDP_500, IkePort.UDP_4500));

    public CheckSettings {
        if (dnsTimeout == null || dnsTimeout.isNegative() || dnsTimeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout " + dnsTimeout + " must be positive, e.g. 3 s");
        }
        if (probe == null) {
            throw new IllegalArgumentException("no probe settings");
        }
        if (ports == null || ports.isEmpty()) {
            throw new IllegalArgumentException("no ports to probe; expected UDP/500, UDP/4500 or both");
        }
        ports = List.copyOf(ports);
    }

    public CheckSettings withDnsServer(DnsServer server) {
        return new CheckSettings(server, dnsTimeout, probe, ports);
    }

    public CheckSettings withProbe(ProbeSettings settings) {
        return new CheckSettings(dnsServer, dnsTimeout, settings, ports);
    }
}
