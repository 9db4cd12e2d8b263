package dev.wificall.firewall.asa;

import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;

/** Cisco ASA configuration commands. */
public final class AsaDialect implements RulesDialect {

    public static final AsaDialect INSTANCE = new AsaDialect();

    private AsaDialect() {
    }

    @Override
    public String render(RulePlan plan) {
        return AsaRenderer.render(plan);
    }

    @Override
    public ParsedRules parse(String file, String text) {
        return AsaParser.parse(file, text);
    }
}
