package dev.wificall.dns;

/** How a resolver answered the questions for one name. */
public enum DnsStatus {
    /** At least one A or AAAA address that is not a sinkhole (for a NAPTR query: at least one NAPTR record). */
    ADDRESSES,
    /** The name does not exist (RCODE 3). */
    NXDOMAIN,
    /** The name exists but has no record of the type asked for. */
    NODATA,
    /** The resolver failed to get an answer (RCODE 2), e.g. the upstream or DNSSEC failed. */
    SERVFAIL,
    /** The resolver refused to answer (RCODE 5), e.g. it does not serve this client or filters the name. */
    REFUSED,
    /** No answer before the deadline. */
    TIMEOUT,
    /** Any other failure: another RCODE, a network error, a TCP retry that failed. */
    ERROR,
    /** The resolver's answer is not a valid DNS message (bad header, lengths, names or compression pointers). */
    MALFORMED,
    /** The answer's CNAMEs lead back to a name already on the chain: no address at its end, ever. */
    CNAME_LOOP,
    /** The answer's CNAME chain is longer than {@value DnsLookup#MAX_CNAMES} links, more than resolvers follow. */
    CNAME_CHAIN,
    /**
     * Addresses came back, but every one is an address no ePDG can have by the {@link SinkholePolicy}:
     * 0.0.0.0, ::, loopback, link-local, or private space that is not allowed. A DNS filter that sinkholes
     * the name, or split-horizon DNS. The outcome keeps the addresses.
     */
    SINKHOLE;

    /** When A and AAAA disagree, the worse one speaks for the name. */
    static DnsStatus worse(DnsStatus a, DnsStatus b) {
        return rank(a) <= rank(b) ? a : b;
    }

    /** A lower rank is worse: the status that better explains why no address came back. */
    private static int rank(DnsStatus s) {
        return switch (s) {
            case NXDOMAIN -> 0;
            case REFUSED -> 1;
            case SINKHOLE -> 2;
            case SERVFAIL -> 3;
            case TIMEOUT -> 4;
            case CNAME_LOOP -> 5;
            case CNAME_CHAIN -> 6;
            case MALFORMED -> 7;
            case ERROR -> 8;
            case NODATA -> 9;
            case ADDRESSES -> 10;
        };
    }
}
