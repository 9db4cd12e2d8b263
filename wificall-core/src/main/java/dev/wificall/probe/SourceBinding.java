package dev.wificall.probe;

import dev.wificall.dns.AddressText;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Where probes are sent from.
 *
 * @param address       the local address to bind, or null to let routing choose; its family must
 *                      match the targets' (a target of the other family is reported NOT_SENT)
 * @param interfaceName a network interface whose first address of the target's family to bind
 *                      (IPv6: a global address unless the target is link-local), or null
 * @param policy        which source port
 * @param portOverride  with {@link SourcePortPolicy#PHONE_PORTS_IF_POSSIBLE}: the port to bind instead
 *                      of the target's 500 or 4500 (tests use a free unprivileged port); 0 for none
 */
public record SourceBinding(InetAddress address, String interfaceName, SourcePortPolicy policy, int portOverride) {
    /** Routing picks the address, the kernel the port. */
    public static final SourceBinding ANY = new SourceBinding(null, null, SourcePortPolicy.EPHEMERAL, 0);

    public SourceBinding {
        Objects.requireNonNull(policy, "policy");
        if (address != null && interfaceName != null) {
            throw new IllegalArgumentException("source address " + AddressText.of(address) + " and interface '"
                    + interfaceName + "' both given; expected one of them");
        }
        if (interfaceName != null && interfaceName.isBlank()) {
            throw new IllegalArgumentException("source interface name is blank; expected a name such as eth0");
        }
        if (portOverride < 0 || portOverride > 65_535) {
            throw new IllegalArgumentException("source port " + portOverride + " is not a port; expected 1 to 65535, or 0"
                    + " for the target's own port number");
        }
        if (portOverride != 0 && policy != SourcePortPolicy.PHONE_PORTS_IF_POSSIBLE) {
            throw new IllegalArgumentException("source port " + portOverride + " needs source port policy "
                    + SourcePortPolicy.PHONE_PORTS_IF_POSSIBLE + ", not " + policy);
        }
    }

    public static SourceBinding address(InetAddress address) {
        return new SourceBinding(Objects.requireNonNull(address, "address"), null, SourcePortPolicy.EPHEMERAL, 0);
    }

    public static SourceBinding networkInterface(String name) {
        return new SourceBinding(null, Objects.requireNonNull(name, "name"), SourcePortPolicy.EPHEMERAL, 0);
    }

    public SourceBinding withPolicy(SourcePortPolicy p) {
        return new SourceBinding(address, interfaceName, p, p == SourcePortPolicy.EPHEMERAL ? 0 : portOverride);
    }

    /** Phone ports, but bind {@code port} instead of 500/4500. */
    public SourceBinding withPhonePort(int port) {
        return new SourceBinding(address, interfaceName, SourcePortPolicy.PHONE_PORTS_IF_POSSIBLE, port);
    }
}
