package dev.wificall.firewall.iptables;

import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;

/** iptables-save (IPv4) or ip6tables-save (IPv6) input for iptables-restore. */
public final class IptablesDialect implements RulesDialect {

    public static final IptablesDialect V4 = new IptablesDialect(true);
    public static final IptablesDialect V6 = new IptablesDialect(false);

    private final boolean v4;

    private IptablesDialect(boolean v4) {
        this.v4 = v4;
    }

    @Override
    public String render(RulePlan plan) {
        return IptablesRenderer.render(plan, v4);
    }

    @Override
    public ParsedRules parse(String file, String text) {
        return IptablesParser.parse(file, text, v4);
    }
}
