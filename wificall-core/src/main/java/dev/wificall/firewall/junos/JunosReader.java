package dev.wificall.firewall.junos;

import dev.wificall.firewall.RulesParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a Junos configuration, in {@code set} form or in the hierarchical (curly-brace) form, into
 * one list of statements: the full path of words of each leaf, with its line. Inactive parts
 * ({@code inactive:}, {@code deactivate}) and deleted ones are left out, so the interpreter sees what
 * the device would run.
 */
final class JunosReader extends RulesParser {

    /**
     * One leaf statement: "security address-book global address a 10.0.0.1/32" as words, with the
     * line of each word (in the hierarchical form a container's name sits lines above its leaves).
     */
    record Statement(List<String> words, List<Integer> wordLines, int line) {
        Statement {
            words = List.copyOf(words);
            wordLines = List.copyOf(wordLines);
        }
    }

    private record Token(String text, int line, boolean quoted) {
        boolean is(String s) {
            return !quoted && text.equals(s);
        }
    }

    private JunosReader(String file, String text) {
        super(file, text);
    }

    static List<Statement> read(String file, String text, boolean setForm) {
        JunosReader r = new JunosReader(file, text);
        return setForm ? r.setForm() : r.curlyForm();
    }

    // ---- set form

    private List<Statement> setForm() {
        List<Statement> kept = new ArrayList<>();
        List<List<String>> inactive = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<Token> tokens = tokenize(line, n);
            if (tokens.isEmpty()) {
                continue; // a comment only
            }
            String verb = tokens.get(0).text();
            if (tokens.stream().anyMatch(t -> t.is("{") || t.is("}") || t.is(";"))) {
                throw error(n, "expected a set command; braces and ';' belong to the hierarchical form"
                        + " (read such a file as SRX_HIERARCHICAL)");
            }
            List<List<String>> paths = expand(tokens.subList(1, tokens.size()), n);
            switch (verb) {
                case "set" -> paths.forEach(p -> {
                    if (p.isEmpty()) {
                        throw error(n, "expected a statement after 'set'");
                    }
                    kept.add(new Statement(p, Collections.nCopies(p.size(), n), n));
                });
                case "delete" -> paths.forEach(p -> kept.removeIf(s -> startsWith(s.words(), p)));
                case "deactivate" -> inactive.addAll(paths);
                case "activate" -> paths.forEach(inactive::remove);
                default -> throw error(n, "expected a line starting with set, delete, deactivate or activate"
                        + " (a Junos configuration as 'show configuration | display set' prints it)");
            }
        }
        kept.removeIf(s -> inactive.stream().anyMatch(p -> startsWith(s.words(), p)));
        return kept;
    }

    // ---- hierarchical form

    private int pos;
    private List<Token> all;

    private List<Statement> curlyForm() {
        all = tokenize(String.join("\n", lines), 1);
        pos = 0;
        List<Statement> out = new ArrayList<>();
        block(List.of(), List.of(), false, 0, null, out);
        return out;
    }

    /** Reads statements until the closing brace of a block opened on {@code openLine} (0: the file). */
    private void block(List<String> path, List<Integer> pathLines, boolean inactive, int openLine, String opener,
                       List<Statement> out) {
        while (true) {
            if (pos >= all.size()) {
                if (openLine > 0) {
                    throw error(openLine, "expected '}' to close '" + opener + " {' before the end of the file");
                }
                return;
            }
            Token first = all.get(pos);
            if (first.is("}")) {
                if (openLine == 0) {
                    throw error(first.line(), "found '}' with no block open");
                }
                pos++;
                return;
            }
            List<Token> words = new ArrayList<>();
            boolean stmtInactive = inactive;
            while (pos < all.size() && !all.get(pos).is(";") && !all.get(pos).is("{") && !all.get(pos).is("}")) {
                Token t = all.get(pos++);
                if (words.isEmpty() && !t.quoted() && (t.text().equals("inactive:") || t.text().equals("protect:")
                        || t.text().equals("replace:"))) {
                    stmtInactive |= t.text().equals("inactive:");
                    continue;
                }
                words.add(t);
            }
            if (pos >= all.size()) {
                throw error(words.isEmpty() ? first.line() : words.get(words.size() - 1).line(),
                        "expected ';' or '{' after the statement before the end of the file");
            }
            Token end = all.get(pos++);
            if (end.is("}")) {
                throw error(end.line(), "expected ';' after '" + join(words) + "' before '}'");
            }
            if (words.isEmpty()) {
                throw error(end.line(), "expected a statement before '" + end.text() + "'");
            }
            List<List<String>> paths = expand(words, first.line());
            if (end.is("{")) {
                if (paths.size() != 1) {
                    throw error(first.line(), "expected a single name before '{', not a [ list ]");
                }
                List<String> inner = new ArrayList<>(path);
                inner.addAll(paths.get(0));
                List<Integer> innerLines = new ArrayList<>(pathLines);
                words.forEach(t -> innerLines.add(t.line()));
                block(inner, innerLines, stmtInactive, first.line(), join(words), out);
            } else if (!stmtInactive) {
                for (List<String> p : paths) {
                    List<String> full = new ArrayList<>(path);
                    full.addAll(p);
                    List<Integer> lines = new ArrayList<>(pathLines);
                    while (lines.size() < full.size()) {
                        lines.add(first.line()); // a [ list ] item: the statement's line
                    }
                    out.add(new Statement(full, lines, first.line()));
                }
            }
        }
    }

    // ---- shared

    /** "a b [ c d ] e" as "a b c e" and "a b d e": Junos writes several values of one statement that way. */
    private List<List<String>> expand(List<Token> tokens, int line) {
        List<String> before = new ArrayList<>();
        List<String> items = null;
        List<String> after = new ArrayList<>();
        int i = 0;
        for (; i < tokens.size() && !tokens.get(i).is("["); i++) {
            if (tokens.get(i).is("]")) {
                throw error(tokens.get(i).line(), "found ']' with no '[' open");
            }
            before.add(tokens.get(i).text());
        }
        if (i < tokens.size()) {
            items = new ArrayList<>();
            for (i++; i < tokens.size() && !tokens.get(i).is("]"); i++) {
                if (tokens.get(i).is("[")) {
                    throw error(tokens.get(i).line(), "expected ']' before another '['");
                }
                items.add(tokens.get(i).text());
            }
            if (i >= tokens.size()) {
                throw error(line, "expected ']' to close the list");
            }
            for (i++; i < tokens.size(); i++) {
                if (tokens.get(i).is("[") || tokens.get(i).is("]")) {
                    throw error(tokens.get(i).line(), "expected one [ list ] per statement");
                }
                after.add(tokens.get(i).text());
            }
            if (items.isEmpty()) {
                throw error(line, "expected values between '[' and ']'");
            }
        }
        if (items == null) {
            return List.of(before);
        }
        List<List<String>> out = new ArrayList<>();
        for (String item : items) {
            List<String> p = new ArrayList<>(before);
            p.add(item);
            p.addAll(after);
            out.add(p);
        }
        return out;
    }

    /** Words, quoted strings and { } ; [ ]; comments ('#' to the end of the line, C-style blocks) dropped. */
    private List<Token> tokenize(String text, int firstLine) {
        List<Token> out = new ArrayList<>();
        int line = firstLine;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int start = line;
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw error(start, "expected '*/' to close the comment opened here");
                }
                line += (int) text.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end + 2;
            } else if (c == '"') {
                int start = line;
                StringBuilder s = new StringBuilder();
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                    s.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    throw error(start, "expected '\"' to close the quoted string");
                }
                i++;
                out.add(new Token(s.toString(), start, true));
            } else if ("{};[]".indexOf(c) >= 0) {
                out.add(new Token(String.valueOf(c), line, false));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "{};[]\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(text.substring(start, i), line, false));
            }
        }
        return out;
    }

    private static boolean startsWith(List<String> words, List<String> prefix) {
        return !prefix.isEmpty() && words.size() >= prefix.size() && words.subList(0, prefix.size()).equals(prefix);
    }

    private static String join(List<Token> words) {
        List<String> s = new ArrayList<>();
        words.forEach(t -> s.add(t.quoted() ? "\"" + t.text() + "\"" : t.text()));
        return String.join(" ", s);
    }
}
