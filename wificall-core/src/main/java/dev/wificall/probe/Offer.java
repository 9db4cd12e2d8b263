package dev.wificall.probe;

/** Which of a probe's offers the responder answered. */
public enum Offer {
    /** No authentic answer came back. */
    NONE,
    /** The configured proposals ({@link ProbeSettings#proposals()}, the phone's by default). */
    CONFIGURED,
    /** The broad re-check ({@code IkeProposals.BROAD}), sent only because the configured offer went unanswered. */
    BROAD
}
