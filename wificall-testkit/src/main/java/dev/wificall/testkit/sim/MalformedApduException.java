package dev.wificall.testkit.sim;

/**
 * A command APDU whose length does not add up (ISO 7816-4 §5.1): shorter than its header, an Lc
 * that claims more or fewer bytes than follow, an extended length this card does not take, or a
 * data field whose inner lengths run past its end. The card answers it with 67 00, never a stack
 * trace; the message (for a test or a log) gives offsets and lengths, never the bytes.
 */
final class MalformedApduException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedApduException(String message) {
        super(message);
    }
}
