package dev.wificall.verdict;

import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.SinkholePolicy;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.ProbeSettings;
import java.time.Duration;
import java.util.List;

/**
 * How to check: which resolvers, how long to wait, which ports, which addresses must pass.
 *
 * @param dnsServers    the resolvers to ask, the network's first (its answer decides; the others are
 *                      compared with it); empty for the system's resolvers
 * @param dnsTimeout    how long to wait for each answer
 * @param probe         the IKE_SA_INIT engine's settings
 * @param ports         the ports to probe on every address, at least one
 * @param addressPolicy whether one working address is enough or every address must work
 * @param sinkholes     which answers count as a sinkhole (loopback, unspecified, private space...)
 */
public record CheckSettings(List<DnsServer> dnsServers, Duration dnsTimeout, ProbeSettings probe, List<IkePort> ports,
                            AddressPolicy addressPolicy, SinkholePolicy sinkholes) {

    /**
     * The system resolver, the engine's defaults, both ports, policy {@code any}; private answers
     * are taken as they come (a phone would use them), only loopback, unspecified and link-local
     * answers are sinkholes.
     */
    public static final CheckSettings DEFAULTS = new CheckSettings(List.of(), DnsLookup.DEFAULT_TIMEOUT,
            ProbeSettings.DEFAULTS, List.of(IkePort.UDP_500, IkePort.UDP_4500), AddressPolicy.ANY,
            SinkholePolicy.ALLOW_PRIVATE);

    public CheckSettings {
        dnsServers = List.copyOf(dnsServers);
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
        if (addressPolicy == null || sinkholes == null) {
            throw new IllegalArgumentException("no address policy or sinkhole policy");
        }
    }

    /** One resolver, or null for the system's. */
    public CheckSettings withDnsServer(DnsServer server) {
        return withDnsServers(server == null ? List.of() : List.of(server));
    }

    public CheckSettings withDnsServers(List<DnsServer> servers) {
        return new CheckSettings(servers, dnsTimeout, probe, ports, addressPolicy, sinkholes);
    }

    public CheckSettings withProbe(ProbeSettings settings) {
        return new CheckSettings(dnsServers, dnsTimeout, settings, ports, addressPolicy, sinkholes);
    }

    public CheckSettings withAddressPolicy(AddressPolicy policy) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, policy, sinkholes);
    }

    public CheckSettings withSinkholes(SinkholePolicy policy) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, addressPolicy, policy);
    }
}
