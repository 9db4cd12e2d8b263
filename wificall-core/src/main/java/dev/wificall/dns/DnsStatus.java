package dev.wificall.dns;

/** How a resolver answered the A and AAAA questions for one name. */
public enum DnsStatus {
    /** At least one A or AAAA address. */
    ADDRESSES,
    /** The name does not exist (RCODE 3). */
    NXDOMAIN,
    /** The name exists but has no A or AAAA record. */
    NODATA,
    /** The resolver failed to get an answer (RCODE 2), e.g. the upstream or DNSSEC failed. */
    SERVFAIL,
    /** The resolver refused to answer (RCODE 5), e.g. it does not serve this client or filters the name. */
    REFUSED,
    /** No answer before the deadline. */
    TIMEOUT,
    /** Any other failure: another RCODE, a network error. */
    ERROR;

    /** When A and AAAA disagree, the worse one speaks for the name; a lower ordinal is worse. */
    static DnsStatus worse(DnsStatus a, DnsStatus b) {
        int ra = rank(a);
        int rb = rank(b);
        return ra <= rb ? a : b;
    }

    private static int rank(DnsStatus s) {
        return switch (s) {
            case NXDOMAIN -> 0;
            case REFUSED -> 1;
            case SERVFAIL -> 2;
            case TIMEOUT -> 3;
            case ERROR -> 4;
            case NODATA -> 5;
            case ADDRESSES -> 6;
        };
    }
}
