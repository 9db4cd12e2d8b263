package dev.wificall.firewall;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One difference between the rules and DNS.
 *
 * @param kind      what is wrong
 * @param violation true when it fails the check, false for a warning
 * @param message   one sentence naming the address, operator, ePDG name, port, file and line as they apply
 * @param file      the rules file it concerns; null when it concerns all of them (a missing address)
 * @param line      the line in {@code file}; 0 when there is none
 * @param address   the ePDG address concerned; null for a rule or a stale entry
 */
public record Finding(Kind kind, boolean violation, String message, String file, int line, InetAddress address) {

    public enum Kind {
        /** An address the ePDG name resolves to now is not allowed on a port: Wi-Fi Calling to it fails. */
        NOT_ALLOWED,
        /** A rule allows UDP/500 or UDP/4500 to any host: VPN tunnels get out too. */
        TOO_BROAD,
        /** An allowed address no ePDG name resolves to any more. */
        STALE,
        /**
         * The addresses are let out, but not all that Wi-Fi Calling sends there: a PAN-OS rule with
         * application ike but not ipsec-esp-udp (the calls, ESP in UDP/4500, are dropped), or a NAT in
         * front that rewrites UDP/4500's source port.
         */
        INCOMPLETE
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (violation ? "VIOLATION " : "WARNING ") + kind + ": " + message;
    }
}
