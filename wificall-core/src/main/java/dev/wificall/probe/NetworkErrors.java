package dev.wificall.probe;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.util.Locale;

/**
 * Turns what a connected UDP socket reports into an outcome. On Linux, ICMP errors for a connected
 * socket surface as exceptions: port unreachable as PortUnreachableException, host or
 * administratively prohibited as "No route to host". Errors while sending that are not ICMP
 * (no route, no source address, no such address family) mean the probe never left this host.
 */
final class NetworkErrors {
    private NetworkErrors() {
    }

    /** An outcome and its detail. */
    record Failure(PortOutcome outcome, String detail) {
    }

    /**
     * @param sending whether the error came while opening, connecting or sending (else while receiving)
     * @param host    the target address, as the user reads it
     */
    static Failure classify(Exception e, boolean sending, String host, long elapsedMillis) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (e instanceof PortUnreachableException || lower.contains("connection refused")) {
            return new Failure(PortOutcome.PORT_UNREACHABLE, "ICMP port unreachable after " + elapsedMillis + " ms");
        }
        if (lower.contains("no route to host") || lower.contains("host is unreachable") || lower.contains("host unreachable")) {
            return new Failure(PortOutcome.REJECTED, message + " (ICMP host/admin prohibited or no route) after " + elapsedMillis + " ms");
        }
        if (!sending && e instanceof IOException) {
            // on a connected socket, receive errors are ICMP errors about our packets; Linux maps
            // ICMPv6 administratively prohibited and reject-route to EACCES, network unreachable to ENETUNREACH
            String icmp = lower.contains("permission denied") ? "ICMPv6 administratively prohibited"
                    : lower.contains("network is unreachable") ? "ICMP network unreachable" : "ICMP error";
            return new Failure(PortOutcome.REJECTED, message + " (" + icmp + ") after " + elapsedMillis + " ms");
        }
        String hint = "";
        if (lower.contains("network is unreachable")) {
            hint = " (this host has no route to " + host + ")";
        } else if (lower.contains("cannot assign requested address")) {
            hint = " (this host has no source address that can reach " + host + ")";
        } else if (lower.contains("too many open files")) {
            hint = " (this process has too many sockets open: lower the probes in flight or raise the open-file limit)";
        } else if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
            hint = " (a firewall or policy on this host refused to send)";
        } else if (lower.contains("family") || e instanceof UnsupportedOperationException
                || e instanceof java.nio.channels.UnsupportedAddressTypeException) {
            hint = " (this host cannot use the address family of " + host + ")";
        }
        return new Failure(PortOutcome.NOT_SENT, "not sent: " + message + hint);
    }
}
