package dev.wificall.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.channels.UnsupportedAddressTypeException;
import org.junit.jupiter.api.Test;

class NetworkErrorsTest {

    @Test
    void portUnreachableOnReceiveOrSend() {
        assertThat(NetworkErrors.classify(new PortUnreachableException(), false, "10.77.0.2", 1))
                .isEqualTo(new NetworkErrors.Failure(PortOutcome.PORT_UNREACHABLE, "ICMP port unreachable after 1 ms"));
        assertThat(NetworkErrors.classify(new PortUnreachableException("ICMP Port Unreachable"), true, "10.77.0.2", 3).outcome())
                .isEqualTo(PortOutcome.PORT_UNREACHABLE);
    }

    @Test
    void prohibitedOrNoRouteIsRejectedWhileSendingOrReceiving() {
        assertThat(NetworkErrors.classify(new NoRouteToHostException("No route to host"), false, "10.77.0.2", 2))
                .isEqualTo(new NetworkErrors.Failure(PortOutcome.REJECTED,
                        "No route to host (ICMP host/admin prohibited or no route) after 2 ms"));
        assertThat(NetworkErrors.classify(new SocketException("Host is unreachable"), true, "fd77::2", 0).outcome())
                .isEqualTo(PortOutcome.REJECTED);
    }

    @Test
    void localProblemsWhileSendingAreNotSent() {
        assertThat(NetworkErrors.classify(new SocketException("Network is unreachable"), true, "fd77::2", 0))
                .isEqualTo(new NetworkErrors.Failure(PortOutcome.NOT_SENT,
                        "not sent: Network is unreachable (this host has no route to fd77::2)"));
        assertThat(NetworkErrors.classify(new SocketException("Cannot assign requested address"), true, "fd77::2", 0).detail())
                .isEqualTo("not sent: Cannot assign requested address (this host has no source address that can reach fd77::2)");
        assertThat(NetworkErrors.classify(new SocketException("Operation not permitted"), true, "10.77.0.2", 0).detail())
                .isEqualTo("not sent: Operation not permitted (a firewall or policy on this host refused to send)");
        assertThat(NetworkErrors.classify(new SocketException("Too many open files"), true, "10.77.0.2", 0).detail())
                .isEqualTo("not sent: Too many open files (this process has too many sockets open: lower the probes in flight"
                        + " or raise the open-file limit)");
        assertThat(NetworkErrors.classify(new SocketException("Protocol family unavailable"), true, "fd77::2", 0).outcome())
                .isEqualTo(PortOutcome.NOT_SENT);
        assertThat(NetworkErrors.classify(new UnsupportedAddressTypeException(), true, "fd77::2", 0).detail())
                .isEqualTo("not sent: UnsupportedAddressTypeException (this host cannot use the address family of fd77::2)");
    }

    @Test
    void otherErrorsWhileReceivingAreIcmpRejections() {
        assertThat(NetworkErrors.classify(new IOException("Network is unreachable"), false, "10.77.0.2", 5))
                .isEqualTo(new NetworkErrors.Failure(PortOutcome.REJECTED, "Network is unreachable (ICMP network unreachable) after 5 ms"));
        // what a connected socket reports for ICMPv6 administratively prohibited (nft reject with icmpx admin-prohibited)
        assertThat(NetworkErrors.classify(new SocketException("Permission denied"), false, "fd77::2", 3))
                .isEqualTo(new NetworkErrors.Failure(PortOutcome.REJECTED, "Permission denied (ICMPv6 administratively prohibited) after 3 ms"));
        assertThat(NetworkErrors.classify(new IOException("Protocol error"), false, "fd77::2", 3).detail())
                .isEqualTo("Protocol error (ICMP error) after 3 ms");
    }
}
