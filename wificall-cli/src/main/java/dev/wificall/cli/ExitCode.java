package dev.wificall.cli;

/** The exit codes, as {@code --help} and the README list them; 64 and 70 as in BSD's sysexits.h. */
final class ExitCode {

    /** Every operator passed (and the rules did not drift; no audit finding at or above --fail-on). */
    static final int COMPLIANT = 0;
    /** A phone would not connect, an audit finding at or above --fail-on, or the rules drifted. */
    static final int NOT_COMPLIANT = 1;
    /** Nothing could be said about an operator's ePDG: no resolver answered, or no probe could be sent from here. */
    static final int NOT_JUDGED = 2;
    /** A mistake on the command line (EX_USAGE). */
    static final int USAGE = 64;
    /** wificall itself failed: reports not writable, a port not bindable, a bug (EX_SOFTWARE). */
    static final int TOOL_ERROR = 70;

    static final String HEADING = "%nExit codes:%n";
    static final String LIST_0 = "0:compliant: every operator passed";
    static final String LIST_1 = "1:not compliant: a phone would not connect (a FAIL line), or the firewall rules"
            + " drifted (--rules); audit: a finding at or above --fail-on";
    static final String LIST_2 = "2:could not judge: no resolver answered (DNS TIMEOUT or ERROR), or no probe could"
            + " leave this host (no route); audit: an ePDG name gave no address";
    static final String LIST_64 = "64:usage error: a wrong option or value";
    static final String LIST_70 = "70:tool error: reports not writable, a port in use, an internal error";

    private ExitCode() {
    }
}
