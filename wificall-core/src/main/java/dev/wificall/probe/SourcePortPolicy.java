package dev.wificall.probe;

/**
 * Which UDP source port a probe sends from.
 *
 * <p>{@link #EPHEMERAL} is the default. A phone sends IKE from port 500 (and 4500), and a firewall
 * rule written as "udp sport 500 dport 500" only matches that, so {@link #PHONE_PORTS_IF_POSSIBLE}
 * exists to test such rules. It is not the default because on a host that runs its own IKE daemon
 * (strongSwan, libreswan) binding port 500 can disturb it: the daemon's socket usually has
 * SO_REUSEADDR, so ours may share its port; between our bind and connect its datagrams from anyone
 * may land in our socket, and while we are connected to an ePDG the kernel hands that ePDG's
 * datagrams for port 500 to us, not to the daemon. Ports below 1024 also need root or
 * CAP_NET_BIND_SERVICE. With the default a probe never touches what other programs listen on.
 */
public enum SourcePortPolicy {
    /** Let the kernel pick a free port: never disturbs other programs. */
    EPHEMERAL,
    /**
     * Bind the target's port number (500 or 4500, or {@link SourceBinding#portOverride()}) with
     * SO_REUSEADDR and SO_REUSEPORT, so many connected probes share it; fall back to an ephemeral
     * port when binding fails (not root, or a daemon holds the port without SO_REUSEPORT).
     */
    PHONE_PORTS_IF_POSSIBLE
}
