package dev.wificall.firewall;

/**
 * What every parser of a rules file starts from: the file's name and its lines, and errors that quote
 * the line they are about. The vendor packages' parsers extend it; not an API beyond them.
 */
public abstract class RulesParser {

    /** The name findings and errors give the file. */
    protected final String file;
    /** Its lines, without line ends. */
    protected final String[] lines;

    protected RulesParser(String file, String text) {
        this.file = file;
        this.lines = text.split("\r?\n", -1);
    }

    /** The error at a 1-based line; past the last line (an unexpected end) it quotes "(end of file)". */
    protected RulesParseException error(int line, String expected) {
        return RulesParseException.at(file, lines, line, expected);
    }
}
