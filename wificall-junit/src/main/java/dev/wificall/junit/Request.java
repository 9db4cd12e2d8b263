package dev.wificall.junit;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsServer;
import dev.wificall.probe.IkePort;
import dev.wificall.verdict.AddressPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One operator to check, with what its annotation or builder set; empty values are taken from the
 * configuration parameters, then the defaults ({@link Settings}).
 *
 * @param origin       the annotation as written or the builder call, for messages
 * @param operator     what the phone knows
 * @param dnsServers   resolvers set in code; empty: the configuration parameters decide
 * @param ports        ports set by the annotation or builder
 * @param policy       address policy set by the annotation or builder
 * @param dnsTimeout   DNS timeout set by the annotation or builder
 * @param probeTimeout probe silence deadline set by the annotation or builder
 * @param rate         packet rate set by the builder
 * @param abort        true when the annotation or builder asks to abort instead of fail
 * @param portOffset   port offset set by the builder (a simulator on unprivileged ports)
 * @param ikeAuth      IKE_AUTH settings set by the annotation or builder
 * @param userPlane    user-plane settings set by the annotation or builder
 */
record Request(String origin, SelectionInput operator, List<DnsServer> dnsServers, Optional<List<IkePort>> ports,
               Optional<AddressPolicy> policy, Optional<Duration> dnsTimeout, Optional<Duration> probeTimeout,
               OptionalInt rate, boolean abort, OptionalInt portOffset, IkeAuthRequest ikeAuth,
               UserPlaneRequest userPlane) {

    Request {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(ikeAuth, "ikeAuth");
        Objects.requireNonNull(userPlane, "userPlane");
        dnsServers = List.copyOf(dnsServers);
    }

    /** An operator with nothing else set: the configuration parameters decide, IKE_AUTH included. */
    static Request of(String origin, SelectionInput operator) {
        return new Request(origin, operator, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalInt.empty(), false, OptionalInt.empty(), IkeAuthRequest.FROM_CONFIGURATION,
                UserPlaneRequest.FROM_CONFIGURATION);
    }

    /** The same request for a check that only resolves: no IKE_AUTH and no user plane, whatever the parameters say. */
    Request resolveOnly() {
        return new Request(origin, operator, dnsServers, ports, policy, dnsTimeout, probeTimeout, rate, abort, portOffset,
                IkeAuthRequest.NEVER, UserPlaneRequest.NEVER);
    }
}
