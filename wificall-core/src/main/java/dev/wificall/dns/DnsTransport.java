package dev.wificall.dns;

/**
 * How an answer came back. Every query goes out over UDP; a resolver that sets TC (the answer did
 * not fit) is asked again over TCP, as a phone's resolver does (RFC 7766 §5).
 */
public enum DnsTransport {
    /** The whole answer fitted in one UDP datagram. */
    UDP,
    /** The UDP answer was truncated (TC set) and the query was repeated over TCP. */
    TCP;

    /** "UDP", "TCP after a truncated UDP answer". */
    String phrase() {
        return this == UDP ? "UDP" : "TCP after a truncated UDP answer";
    }
}
