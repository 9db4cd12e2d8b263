package dev.wificall.probe;

/** What one IKE_SA_INIT probe to one address and port saw. */
public enum PortOutcome {
    /**
     * An authentic IKE_SA_INIT response (our SPI, response flag, message ID 0) came back: the ePDG is
     * reachable, whether it accepted a proposal or refused with a notify such as NO_PROPOSAL_CHOSEN.
     */
    ANSWERED,
    /** ICMP port unreachable: a firewall rejects the port, or nothing listens there. */
    PORT_UNREACHABLE,
    /** ICMP host or administratively prohibited, or no route: the path refuses the packet. */
    REJECTED,
    /** Every retransmission went unanswered until the deadline: the typical dropping firewall. */
    NO_ANSWER,
    /** Something came back from the peer's address and port, but it was no valid IKE response to us. */
    MALFORMED,
    /** The probe could not be sent from this host (no local address or route for that family, or a deadline passed first). */
    NOT_SENT
}
