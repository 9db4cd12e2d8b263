package dev.wificall.cli;

/** wificall could not do its job for a reason that is not the network's nor a usage mistake; exit 70. */
final class ToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
