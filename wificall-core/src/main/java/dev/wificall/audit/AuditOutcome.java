package dev.wificall.audit;

/** What one audit check saw, with the name the JSON report uses for it. */
public enum AuditOutcome {
    /** The responder chose a proposal of the offer (and sent a KE of the group we sent). */
    ACCEPTED("accepted"),
    /** INVALID_KE_PAYLOAD: the responder wants a KE of another group, which the check names. */
    INVALID_KE("invalid-ke"),
    /** NO_PROPOSAL_CHOSEN: none of the offer is acceptable. */
    NO_PROPOSAL_CHOSEN("no-proposal-chosen"),
    /** Another notify (an error, a COOKIE that never ended, a REDIRECT). */
    NOTIFY("notify"),
    /** No answer before the deadline. */
    SILENT("silent"),
    /** Something came back that is no valid answer to the request. */
    MALFORMED("malformed"),
    /** ICMP said no, or the request could not be sent from this host. */
    UNREACHABLE("unreachable"),
    /** A derived check (key or nonce reuse, a responder sign) found what it looks for. */
    FOUND("found"),
    /** A derived check looked and did not find it. */
    NOT_FOUND("not-found"),
    /** Not asked, and the check says why: the address answered no offer at all, or nothing to compare. */
    SKIPPED("skipped");

    private final String wire;

    AuditOutcome(String wire) {
        this.wire = wire;
    }

    /** The report's name, e.g. "no-proposal-chosen". */
    public String wire() {
        return wire;
    }
}
