package dev.wificall.firewall;

/**
 * A rules file wificall cannot read honestly: the message names the file, the line, its text and what
 * was expected there, e.g. {@code firewall/srx.conf line 12: 'set security address-book global address
 * epdg-1': expected a prefix, dns-name or range-address after the address name}.
 */
public class RulesParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String text;
    private final String expected;

    public RulesParseException(String file, int line, String text, String expected) {
        super(file + " line " + line + ": '" + shorten(text) + "': " + expected);
        this.file = file;
        this.line = line;
        this.text = text;
        this.expected = expected;
    }

    /**
     * The error at a line of a file split into {@code lines}; past the last line (an unexpected end) it
     * quotes "(end of file)", and a line before the first (an XML parser that lost count) is line 1.
     */
    static RulesParseException at(String file, String[] lines, int line, String expected) {
        int n = Math.max(line, 1);
        return new RulesParseException(file, n, n <= lines.length ? lines[n - 1] : "(end of file)", expected);
    }

    public String file() {
        return file;
    }

    /** 1-based; the last line + 1 for an unexpected end of file. */
    public int line() {
        return line;
    }

    /** The line's text, stripped. */
    public String text() {
        return text;
    }

    /** What should have been there. */
    public String expected() {
        return expected;
    }

    private static String shorten(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}
