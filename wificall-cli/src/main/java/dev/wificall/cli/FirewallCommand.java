package dev.wificall.cli;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.RuleOptions;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wificall firewall}: the Maven goal {@code firewall}, one format to stdout or a file. */
@Command(name = "firewall", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Writes firewall rules that allow UDP/500 and UDP/4500 to the operators' ePDGs only.",
        description = "Writes firewall rules that allow UDP/500 and UDP/4500 to the addresses the operators' ePDG names"
                + " resolve to now, and nowhere else. DNS only: no IKE packet is sent. An operator that does not"
                + " resolve writes no rules (they would block it).",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the rules were written", "1:an operator's name did not resolve (the resolver answered"
                + " NXDOMAIN, NODATA, ...): nothing written", "2:no resolver answered: nothing written",
                ExitCode.LIST_64, ExitCode.LIST_70},
        footer = {"%nExample: wificall firewall 262-01 262-02 --format nftables --output wificall.nft"})
final class FirewallCommand implements Callable<Integer> {

    @ParentCommand
    WificallCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    Lookup lookup;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "srx-set, srx, nftables, iptables, ip6tables, asa, panos, fortios, pfsense, mikrotik,"
                    + " terraform-aws or terraform-gcp.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the rules here. Default: stdout.")
    String output;

    @Option(names = "--from-zone", defaultValue = "trust", description = "Juniper: the phones' zone. Default: ${DEFAULT-VALUE}.")
    String fromZone;

    @Option(names = "--to-zone", defaultValue = "untrust", description = "Juniper: the Internet's zone. Default: ${DEFAULT-VALUE}.")
    String toZone;

    @Option(names = "--policy-name", defaultValue = "allow-wifi-calling", description = "Default: ${DEFAULT-VALUE}.")
    String policyName;

    @Option(names = "--address-set-name", defaultValue = "epdg-addresses", description = "Default: ${DEFAULT-VALUE}.")
    String addressSetName;

    @Option(names = "--source", split = ",", paramLabel = "PREFIX",
            description = "Source prefixes allowed (the Wi-Fi networks), e.g. 192.0.2.0/24. Default: any source.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--default-drop", description = "nftables and iptables: a complete default-drop firewall.")
    boolean defaultDrop;

    @Override
    public Integer call() {
        Io io = parent.io;
        FirewallFormat f;
        try {
            f = FirewallFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--format", format, e.getMessage());
        }
        RuleOptions options = options();
        List<SelectionInput> inputs = lookup.inputs();
        ReadinessCheck check = lookup.check(CheckSettings.DEFAULTS.withDnsTimeout(lookup.timeout())
                .withDnsServers(lookup.servers()));
        List<EpdgAddresses> found = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        boolean unanswered = false;
        for (SelectionInput input : inputs) {
            Resolution r = check.discover(input);
            if (!r.resolved() || r.outcome().usableAddresses().isEmpty()) {
                failed.add(ReadinessCheck.sentence(r));
                unanswered |= Judgement.unanswered(r.outcome().status());
                continue;
            }
            EpdgAddresses a = new EpdgAddresses(input.label(), r.used().fqdn(), r.outcome().usableAddresses());
            io.err().println(a.operator() + " " + a.fqdn() + " -> " + a.addresses().stream().map(AddressText::of).toList()
                    + " (resolver " + r.outcome().resolver() + ")");
            found.add(a);
        }
        if (!failed.isEmpty()) {
            io.err().println("no firewall rules written: " + failed.size() + " operator" + (failed.size() == 1 ? "" : "s")
                    + " did not resolve, and rules without their addresses would block Wi-Fi Calling:\n- "
                    + String.join("\n- ", failed));
            return unanswered ? ExitCode.NOT_JUDGED : ExitCode.NOT_COMPLIANT;
        }
        String rules = f.render(found, options);
        if (output == null) {
            io.out().print(rules);
            io.out().flush();
            return ExitCode.COMPLIANT;
        }
        Path file = io.path(output);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, rules, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolException("cannot write " + file + ": " + e.getMessage() + "; choose another --output", e);
        }
        io.err().println(f.id() + " rules " + file);
        return ExitCode.COMPLIANT;
    }

    private RuleOptions options() {
        RuleOptions o = RuleOptions.DEFAULTS.withDefaultDrop(defaultDrop);
        try {
            o = o.withZones(fromZone, toZone);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--from-zone/--to-zone", fromZone + "/" + toZone, e.getMessage());
        }
        try {
            o = o.withPolicyName(policyName);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--policy-name", policyName, e.getMessage());
        }
        try {
            o = o.withAddressSetName(addressSetName);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--address-set-name", addressSetName, e.getMessage());
        }
        if (!sources.isEmpty()) {
            try {
                o = o.withSources(sources);
            } catch (IllegalArgumentException e) {
                throw Usage.bad(spec, "--source", String.join(",", sources), e.getMessage());
            }
        }
        return o;
    }
}
