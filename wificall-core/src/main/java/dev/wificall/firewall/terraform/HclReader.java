package dev.wificall.firewall.terraform;

import dev.wificall.firewall.RulesParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the part of HCL (the Terraform language) that firewall rules are written in: blocks with
 * labels, attributes, strings, numbers, booleans, lists, objects, references such as
 * {@code var.network} and function calls (kept as their text: their value is not worked out), with
 * {@code #}, {@code //} and {@code /* *}{@code /} comments. Not read: heredocs, for expressions,
 * conditionals and operators; they are an error naming the line.
 */
final class HclReader extends RulesParser {

    /** A reference or function call: its text, as written. */
    record Expression(String text) {
    }

    /** An attribute's value and the line it is on. */
    record Attribute(Object value, int line) {
    }

    /** A block: its type, labels, attributes and nested blocks. */
    record Block(String type, List<String> labels, int line, Map<String, Attribute> attributes, List<Block> blocks) {
        List<Block> blocks(String t) {
            return blocks.stream().filter(b -> b.type.equals(t)).toList();
        }
    }

    private record Tok(char kind, String text, int line) { // kind: i ident, s string, n number, p punctuation, \n
    }

    private final List<Tok> toks = new ArrayList<>();
    private int pos;

    private HclReader(String file, String text) {
        super(file, text);
        tokenize(text);
    }

    /** The file as one block of type "" holding its top-level attributes and blocks. */
    static Block read(String file, String text) {
        HclReader r = new HclReader(file, text);
        Block top = new Block("", List.of(), 1, new LinkedHashMap<>(), new ArrayList<>());
        r.body(top, false);
        return top;
    }

    /** The next token; the end stays the end however far a malformed file is read. */
    private Tok peek() {
        return toks.get(Math.min(pos, toks.size() - 1));
    }

    private Tok next() {
        Tok t = peek();
        pos++;
        return t;
    }

    private boolean at(String punct) {
        return peek().kind() == 'p' && peek().text().equals(punct);
    }

    private void skipNewlines() {
        while (peek().kind() == '\n') {
            pos++;
        }
    }

    private void body(Block into, boolean nested) {
        while (true) {
            skipNewlines();
            Tok t = peek();
            if (t.kind() == 'e' || at("}")) {
                if ((t.kind() == 'e') == nested) {
                    throw nested ? error(into.line(), "expected } to close block " + into.type() + " before the end of"
                            + " the file") : error(t.line(), "found } with no block open");
                }
                return;
            }
            if (t.kind() != 'i') {
                throw error(t.line(), "expected an attribute name or a block type");
            }
            pos++;
            if (at("=")) {
                pos++;
                into.attributes().put(t.text(), new Attribute(expression(), t.line()));
                if (peek().kind() != '\n' && peek().kind() != 'e' && !at("}")) {
                    throw error(peek().line(), "expected the end of the line after attribute " + t.text()
                            + " (operators, conditionals and for expressions are not read)");
                }
                continue;
            }
            List<String> labels = new ArrayList<>();
            while (peek().kind() == 's' || peek().kind() == 'i') {
                labels.add(next().text());
            }
            if (!at("{")) {
                throw error(peek().line(), "expected = after attribute " + t.text() + ", or { to open block " + t.text());
            }
            pos++;
            Block b = new Block(t.text(), labels, t.line(), new LinkedHashMap<>(), new ArrayList<>());
            body(b, true);
            pos++; // }
            into.blocks().add(b);
        }
    }

    private Object expression() {
        Tok t = next();
        switch (t.kind()) {
            case 's' -> {
                return t.text();
            }
            case 'n' -> {
                return t.text().contains(".") ? (Object) Double.valueOf(t.text()) : (Object) Long.valueOf(t.text());
            }
            case 'i' -> {
                if (t.text().equals("true") || t.text().equals("false")) {
                    return Boolean.valueOf(t.text());
                }
                if (t.text().equals("null")) {
                    return null;
                }
                StringBuilder ref = new StringBuilder(t.text());
                if (at("(")) {
                    int depth = 0;
                    do {
                        Tok x = next();
                        if (x.kind() == 'e') {
                            throw error(t.line(), "expected ) to end the call of " + t.text());
                        }
                        depth += x.kind() == 'p' && x.text().equals("(") ? 1 : x.kind() == 'p' && x.text().equals(")") ? -1 : 0;
                        ref.append(x.kind() == 's' ? "\"" + x.text() + "\"" : x.kind() == '\n' ? " " : x.text());
                    } while (depth > 0);
                    return new Expression(ref.toString());
                }
                while (at(".") || at("[")) {
                    if (next().text().equals(".")) {
                        ref.append('.').append(next().text());
                    } else {
                        ref.append('[').append(expression()).append(']');
                        expect("]");
                        ref.append(']');
                    }
                }
                return new Expression(ref.toString());
            }
            default -> {
                if (t.text().equals("[")) {
                    List<Object> list = new ArrayList<>();
                    skipNewlines();
                    while (!at("]")) {
                        list.add(expression());
                        skipNewlines();
                        if (at(",")) {
                            pos++;
                            skipNewlines();
                        } else if (!at("]")) {
                            throw error(peek().line(), "expected , or ] in the list");
                        }
                    }
                    pos++;
                    return list;
                }
                if (t.text().equals("{")) {
                    Map<String, Object> object = new LinkedHashMap<>();
                    skipNewlines();
                    while (!at("}")) {
                        Tok key = next();
                        if ((key.kind() != 'i' && key.kind() != 's') || !(at("=") || at(":"))) {
                            throw error(key.line(), "expected key = value in the object");
                        }
                        pos++;
                        object.put(key.text(), expression());
                        skipNewlines();
                        if (at(",")) {
                            pos++;
                            skipNewlines();
                        }
                    }
                    pos++;
                    return object;
                }
                throw error(t.line(), "expected a value: a string, number, true, false, null, list, object or reference");
            }
        }
    }

    private void expect(String punct) {
        if (!at(punct)) {
            throw error(peek().line(), "expected " + punct);
        }
        pos++;
    }

    private void tokenize(String s) {
        int line = 1;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                toks.add(new Tok('\n', "\n", line++));
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#' || (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/')) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw error(line, "expected */ to close the comment");
                }
                line += (int) s.substring(i, end).chars().filter(x -> x == '\n').count();
                i = end + 2;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"' && s.charAt(j) != '\n') {
                    char x = s.charAt(j);
                    if (x == '\\' && j + 1 < s.length()) {
                        char e = s.charAt(++j);
                        b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                    } else {
                        b.append(x);
                    }
                    j++;
                }
                if (j >= s.length() || s.charAt(j) != '"') {
                    throw error(line, "expected a closing \" on the same line");
                }
                toks.add(new Tok('s', b.toString(), line));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '-')) {
                    j++;
                }
                toks.add(new Tok('i', s.substring(i, j), line));
                i = j;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i + 1;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                toks.add(new Tok('n', s.substring(i, j), line));
                i = j;
            } else if ("{}[]=,.():".indexOf(c) >= 0) {
                toks.add(new Tok('p', String.valueOf(c), line));
                i++;
            } else if (c == '<' && s.startsWith("<<", i)) {
                throw error(line, "expected a quoted string: heredocs (<<EOT) are not read");
            } else {
                throw error(line, "expected HCL: '" + c + "' is not read here (operators, conditionals and templates"
                        + " are not)");
            }
        }
        toks.add(new Tok('e', "", line));
    }
}
