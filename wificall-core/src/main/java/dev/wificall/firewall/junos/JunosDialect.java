package dev.wificall.firewall.junos;

import dev.wificall.firewall.ParsedRules;
import dev.wificall.firewall.RulePlan;
import dev.wificall.firewall.RulesDialect;

/** Juniper SRX (Junos): {@code set} commands or the hierarchical form, from one statement tree. */
public final class JunosDialect implements RulesDialect {

    public static final JunosDialect SET = new JunosDialect(true);
    public static final JunosDialect HIERARCHICAL = new JunosDialect(false);

    private final boolean setForm;

    private JunosDialect(boolean setForm) {
        this.setForm = setForm;
    }

    @Override
    public String render(RulePlan plan) {
        return SrxRenderer.render(plan, setForm);
    }

    @Override
    public ParsedRules parse(String file, String text) {
        return JunosParser.parse(file, text, setForm);
    }
}
