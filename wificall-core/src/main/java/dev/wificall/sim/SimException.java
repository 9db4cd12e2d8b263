package dev.wificall.sim;

import java.util.Optional;

/**
 * A SIM in a card reader that could not be used: no reader, no card, no USIM on it, a PIN problem,
 * the card pulled out, or an answer the card should not have given. Unchecked, because
 * {@link dev.wificall.eap.CredentialSource#authenticate} (which a card backs) declares no checked
 * exception. The message is for a person: it names the reader and says what to do; it never holds
 * the PIN, the IMSI's digits or anything the card computed (RES, CK, IK, AUTS).
 */
public final class SimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for a caller that reacts to the kind rather than the sentence. */
    public enum Reason {
        /** PC/SC is not reachable (pcscd not running, its library missing) or it sees no reader. */
        NO_READER,
        /** Readers exist but the choice names none of them, or more than one. */
        READER_NOT_FOUND,
        /** The reader is there, the card is not (or does not answer the reset). */
        NO_CARD,
        /** The card has no USIM application: a 2G SIM, a bank card, an ISIM-only card. */
        NOT_A_USIM,
        /** PIN1 is enabled and not verified, and no PIN was given. */
        PIN_REQUIRED,
        /** The card refused the PIN given; it says how many tries are left. */
        PIN_WRONG,
        /** PIN1 is blocked: only the PUK (in a phone) unblocks it. */
        PIN_BLOCKED,
        /** The card went away between two commands: pulled out, reset, or the reader unplugged. */
        CARD_REMOVED,
        /** The card answered with an unexpected status word or a malformed response. */
        CARD_ERROR
    }

    private final Reason reason;
    private final String reader;

    /**
     * @param reason  what went wrong
     * @param reader  the reader's name, null when there is none to name (no reader at all)
     * @param message the sentence for a person; never a secret
     */
    public SimException(Reason reason, String reader, String message) {
        super(message);
        this.reason = reason;
        this.reader = reader;
    }

    public Reason reason() {
        return reason;
    }

    /** The reader the problem is about, when there is one. */
    public Optional<String> reader() {
        return Optional.ofNullable(reader);
    }
}
