package dev.wificall.firewall;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One vendor's rules format as {@link FirewallFormat} sees it: how wificall writes it and how the drift
 * check reads it back. Each vendor package ({@code junos}, {@code nft}, {@code iptables}, {@code asa},
 * ...) has one beside its renderer and parser, made with {@link #of}; a new vendor is such a package
 * and one constant in {@link FirewallFormat}.
 */
public interface RulesDialect {

    /** A dialect of a renderer and a parser, e.g. {@code RulesDialect.of(NftRenderer::render, NftParser::parse)}. */
    static RulesDialect of(Function<RulePlan, String> render, BiFunction<String, String, ParsedRules> parse) {
        return new RulesDialect() {
            @Override
            public String render(RulePlan plan) {
                return render.apply(plan);
            }

            @Override
            public ParsedRules parse(String file, String text) {
                return parse.apply(file, text);
            }
        };
    }

    /** Rules that allow UDP/500 and UDP/4500 to the plan's addresses and nowhere else; the same text for the same plan. */
    String render(RulePlan plan);

    /** Whether {@link #parse} reads this format; a write-only format's parse is never called. */
    default boolean parsable() {
        return true;
    }

    /**
     * The rules of a file in this format that let UDP/500 or UDP/4500 out, and what the format itself
     * tells the drift check ({@link ParsedRules#findings()}).
     *
     * @param file the name findings and errors give the file
     * @param text its content, never null
     * @throws RulesParseException when the part that decides what goes out cannot be read
     */
    ParsedRules parse(String file, String text);
}
