package dev.wificall.verdict;

import dev.wificall.attach.AttachSettings;
import dev.wificall.userplane.UserPlaneSettings;
import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.SinkholePolicy;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.ProbeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * @param portOffset    added to 500 and 4500 to get the ports probed: 0 for an ePDG; an embedded
 *                      simulator on unprivileged ports (10000 gives 10500 and 14500), as test mail
 *                      servers offset their ports
 * @param attach        IKE_AUTH after a successful IKE_SA_INIT (certificate, EAP, with a SIM a full
 *                      attach); empty to stop at IKE_SA_INIT
 * @param maxAddresses  how many addresses of one name are probed, the first in the resolver's order
 *                      (IPv4, then IPv6); {@value #DEFAULT_MAX_ADDRESSES} by default, property
 *                      {@value #MAX_ADDRESSES_PROPERTY}. A phone tries the first address or a few, so
 *                      a few are what decides; a firewall audit raises it to probe every address
 * @param userPlane     after a full attach, the user plane through the tunnel (ESP, inner DNS, SIP, MTU,
 *                      mapping lifetime); empty to close the tunnel right after the attach
 */
public record CheckSettings(List<DnsServer> dnsServers, Duration dnsTimeout, ProbeSettings probe, List<IkePort> ports,
                            AddressPolicy addressPolicy, SinkholePolicy sinkholes, int portOffset,
                            Optional<AttachSettings> attach, int maxAddresses, Optional<UserPlaneSettings> userPlane) {

    /**
     * Addresses probed per name unless raised: more than a phone tries (strongSwan and Android take the
     * first, a few at most), few enough that a name with thousands of records gives a short check and
     * short reports.
     */
    public static final int DEFAULT_MAX_ADDRESSES = 16;

    /** The property (Maven) and configuration parameter (JUnit) that sets {@link #maxAddresses}. */
    public static final String MAX_ADDRESSES_PROPERTY = "wificall.maxAddresses";

    /**
     * The system resolver, the engine's defaults, both ports, policy {@code any}; private answers
     * are taken as they come (a phone would use them), only loopback, unspecified and link-local
     * answers are sinkholes.
     */
    public static final CheckSettings DEFAULTS = new CheckSettings(List.of(), DnsLookup.DEFAULT_TIMEOUT,
            ProbeSettings.DEFAULTS, List.of(IkePort.UDP_500, IkePort.UDP_4500), AddressPolicy.ANY,
            SinkholePolicy.ALLOW_PRIVATE, 0, Optional.empty(), DEFAULT_MAX_ADDRESSES, Optional.empty());

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

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
        if (portOffset < 0 || portOffset + 4500 > 65535) {
            throw new IllegalArgumentException("port offset " + portOffset + " must be from 0 to " + (65535 - 4500)
                    + " (500 and 4500 plus the offset are the ports probed), e.g. 10000");
        }
        if (attach == null) {
            throw new IllegalArgumentException("attach settings must be given (Optional.empty() for none)");
        }
        if (userPlane == null) {
            throw new IllegalArgumentException("user-plane settings must be given (Optional.empty() for none)");
        }
        if (maxAddresses < 1) {
            throw new IllegalArgumentException(MAX_ADDRESSES_PROPERTY + "=" + maxAddresses + " probes no address; expected"
                    + " a positive number of addresses per name, e.g. " + DEFAULT_MAX_ADDRESSES + " (the default) or 1000");
        }
    }

    /** The settings as before {@link #maxAddresses} existed: {@value #DEFAULT_MAX_ADDRESSES} addresses per name. */
    public CheckSettings(List<DnsServer> dnsServers, Duration dnsTimeout, ProbeSettings probe, List<IkePort> ports,
                         AddressPolicy addressPolicy, SinkholePolicy sinkholes, int portOffset,
                         Optional<AttachSettings> attach) {
        this(dnsServers, dnsTimeout, probe, ports, addressPolicy, sinkholes, portOffset, attach, DEFAULT_MAX_ADDRESSES);
    }

    /** The settings as before the user plane existed: none. */
    public CheckSettings(List<DnsServer> dnsServers, Duration dnsTimeout, ProbeSettings probe, List<IkePort> ports,
                         AddressPolicy addressPolicy, SinkholePolicy sinkholes, int portOffset,
                         Optional<AttachSettings> attach, int maxAddresses) {
        this(dnsServers, dnsTimeout, probe, ports, addressPolicy, sinkholes, portOffset, attach, maxAddresses, Optional.empty());
    }

    /**
     * The same settings with the user plane after the attach; it needs a full attach (credentials),
     * which {@link ReadinessCheck} checks before it starts.
     */
    public CheckSettings withUserPlane(UserPlaneSettings settings) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, addressPolicy, sinkholes, portOffset, attach,
                maxAddresses, Optional.of(settings));
    }

    /**
     * {@link #maxAddresses} as people write it: a positive whole number, e.g. "16" or "1000".
     *
     * @throws IllegalArgumentException naming the text and what is expected
     */
    public static int parseMaxAddresses(String text) {
        String t = text == null ? "" : text.strip();
        int n;
        try {
            n = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || !t.matches("\\+?[0-9]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a number of addresses; expected a positive whole"
                    + " number of addresses to probe per name, e.g. " + DEFAULT_MAX_ADDRESSES + " (the default) or 1000");
        }
        return n;
    }

    /** The same settings probing at most {@code max} addresses per name. */
    public CheckSettings withMaxAddresses(int max) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, addressPolicy, sinkholes, portOffset, attach, max, userPlane);
    }

    /** The same settings with IKE_AUTH after IKE_SA_INIT; the attach uses this check's port offset. */
    public CheckSettings withAttach(AttachSettings settings) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, addressPolicy, sinkholes, portOffset,
                Optional.of(settings), maxAddresses, userPlane);
    }

    /** The attach settings as they apply to this check: its port offset. */
    public Optional<AttachSettings> attachSettings() {
        return attach.map(a -> a.portOffset() == portOffset ? a : a.withPortOffset(portOffset));
    }

    /**
     * A duration as people write it in settings: "3s", "500ms", "2.4s", "1m"; 1 ms to 10 min.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected a number with a unit, e.g. 3s,"
                    + " 500ms or 1m");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            default -> amount * 60_000;
        };
        if (millis < 1 || millis > 600_000) {
            throw new IllegalArgumentException(text + " is out of range; expected between 1ms and 10m");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /**
     * These settings with the probe's silence deadline set: requests at 0, 0.2, 0.6 and 1.4 s as with the
     * defaults, and a port silent this long after the first counts as blocked.
     */
    public CheckSettings withProbeTimeout(Duration deadline) {
        Duration first = ProbeSettings.DEFAULTS.initialWait();
        ProbeSettings p = new ProbeSettings(deadline.compareTo(first) < 0 ? deadline : first, deadline,
                probe.jitter(), probe.globalDeadline().compareTo(deadline) < 0 ? deadline : probe.globalDeadline(),
                probe.packetsPerSecond(), probe.maxInFlight(), probe.proposals(), probe.broadRecheck(), probe.source());
        return withProbe(p);
    }

    public CheckSettings withDnsTimeout(Duration timeout) {
        return new CheckSettings(dnsServers, timeout, probe, ports, addressPolicy, sinkholes, portOffset, attach,
                maxAddresses, userPlane);
    }

    public CheckSettings withPorts(List<IkePort> ports) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, addressPolicy, sinkholes, portOffset, attach,
                maxAddresses, userPlane);
    }

    /** Probe 500 + offset and 4500 + offset instead of 500 and 4500 (a simulator on unprivileged ports). */
    public CheckSettings withPortOffset(int offset) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, addressPolicy, sinkholes, offset, attach,
                maxAddresses, userPlane);
    }

    /** The UDP port probed for {@code port}. */
    public int destinationPort(IkePort port) {
        return port.number() + portOffset;
    }

    /** One resolver, or null for the system's. */
    public CheckSettings withDnsServer(DnsServer server) {
        return withDnsServers(server == null ? List.of() : List.of(server));
    }

    public CheckSettings withDnsServers(List<DnsServer> servers) {
        return new CheckSettings(servers, dnsTimeout, probe, ports, addressPolicy, sinkholes, portOffset, attach,
                maxAddresses, userPlane);
    }

    public CheckSettings withProbe(ProbeSettings settings) {
        return new CheckSettings(dnsServers, dnsTimeout, settings, ports, addressPolicy, sinkholes, portOffset, attach,
                maxAddresses, userPlane);
    }

    public CheckSettings withAddressPolicy(AddressPolicy policy) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, policy, sinkholes, portOffset, attach,
                maxAddresses, userPlane);
    }

    public CheckSettings withSinkholes(SinkholePolicy policy) {
        return new CheckSettings(dnsServers, dnsTimeout, probe, ports, addressPolicy, policy, portOffset, attach,
                maxAddresses, userPlane);
    }
}
