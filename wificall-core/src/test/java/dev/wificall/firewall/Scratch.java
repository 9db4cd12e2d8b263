package dev.wificall.firewall;

class Scratch {
    public static void main(String[] a) {
        for (String f : a) {
            FirewallFormat ff = FirewallFormat.of(f);
            for (RuleOptions o : java.util.List.of(RuleOptions.DEFAULTS, RenderGoldenTest.OFFICE)) {
                String t = ff.render(Fixtures.lab(), o);
                System.out.println(t);
                System.out.println(DriftCheck.check(Fixtures.lab(), ff.parse("f", t), DriftPolicy.DEFAULTS).text());
            }
        }
    }
}
