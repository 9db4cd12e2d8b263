package dev.wificall.firewall.nft;

import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;

/** An nftables ruleset for {@code nft -f}. */
public final class NftDialect implements RulesDialect {

    public static final NftDialect INSTANCE = new NftDialect();

    private NftDialect() {
    }

    @Override
    public String render(RulePlan plan) {
        return NftRenderer.render(plan);
    }

    @Override
    public ParsedRules parse(String file, String text) {
        return NftParser.parse(file, text);
    }
}
