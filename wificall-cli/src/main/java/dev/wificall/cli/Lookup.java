package dev.wificall.cli;

import dev.wificall.discovery.Operators;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsServer;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.NamePolicy;
import dev.wificall.verdict.ReadinessCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What the commands that look operators up share: the operators, the resolvers and the DNS timeout. */
final class Lookup {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "OPERATOR", description = "MCC-MNC (262-01), a name from the operator"
            + " table (Congstar), or a configured ePDG name (epdg.example.net).")
    List<String> operators = new ArrayList<>();

    @Option(names = "--dns-server", split = ",", paramLabel = "HOST[:PORT]", description = "The resolver to ask;"
            + " repeat it or give a comma list for several (the network's first, the others compared with it)."
            + " Default: the system resolver. IPv6 in brackets: [fd00::53]:53.")
    List<String> dnsServers = new ArrayList<>();

    @Option(names = "--dns-timeout", defaultValue = "3s", paramLabel = "DURATION",
            description = "How long to wait for each DNS answer, with unit ms, s or m. Default: ${DEFAULT-VALUE}.")
    String dnsTimeout;

    @Option(names = "--names", defaultValue = "both", paramLabel = "3gpp|carrier|both", description = "Which ePDG names"
            + " of an operator: 3gpp (built from the SIM's operator), carrier (the names its phones are configured with"
            + " instead, e.g. wo.vzwwo.com for 311-480, from the shipped phone profiles) or both. Default: ${DEFAULT-VALUE}.")
    String names;

    /** Each operator as a phone knows it, in the order given; a mistake names the argument. */
    List<SelectionInput> given() {
        List<SelectionInput> inputs = new ArrayList<>();
        for (String text : operators) {
            inputs.add(input(text));
        }
        return inputs;
    }

    /**
     * The targets as the operators' phones see them: with --names, carrier names join (or replace)
     * the 3GPP names; with {@code phoneOffers} each offers what one of its phones offers.
     */
    List<CheckTarget> targets(CheckSettings settings, boolean phoneOffers) {
        NamePolicy policy;
        try {
            policy = NamePolicy.parse(names);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--names", names, e.getMessage());
        }
        List<CheckTarget> given = new ArrayList<>();
        for (SelectionInput input : given()) {
            given.add(new CheckTarget(input, settings.ports(), settings.addressPolicy()));
        }
        return CheckTarget.asPhonesSeeThem(given, policy, phoneOffers);
    }

    /** The operators' names as --names asks, for the commands that only look them up. */
    List<SelectionInput> inputs() {
        return targets(CheckSettings.DEFAULTS, false).stream().map(CheckTarget::operator).toList();
    }

    private SelectionInput input(String text) {
        String t = text.strip();
        try {
            if (t.contains(".") && t.chars().anyMatch(Character::isLetter)) {
                return SelectionInput.configured(t);
            }
            if (t.matches("\\d.*")) {
                try {
                    return SelectionInput.of(Plmn.parse(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + ", or an ePDG name such as epdg.example.net", e);
                }
            }
            return SelectionInput.of(Operators.find(t));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "OPERATOR '" + text + "': " + e.getMessage());
        }
    }

    List<DnsServer> servers() {
        List<DnsServer> servers = new ArrayList<>();
        for (String item : dnsServers) {
            DnsServer server;
            try {
                server = DnsServer.parse(item.strip());
            } catch (IllegalArgumentException e) {
                throw Usage.bad(spec, "--dns-server", item, e.getMessage());
            }
            if (servers.contains(server)) {
                throw Usage.bad(spec, "--dns-server", item, server + " is given twice; name each resolver once");
            }
            servers.add(server);
        }
        return servers;
    }

    Duration timeout() {
        return Usage.duration(spec, "--dns-timeout", dnsTimeout);
    }

    /** The engine for these settings; a resolver it cannot use is a usage mistake naming --dns-server. */
    ReadinessCheck check(CheckSettings settings) {
        try {
            return new ReadinessCheck(settings);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--dns-server", dnsServers.isEmpty() ? "(system resolver)" : String.join(",", dnsServers),
                    e.getMessage());
        }
    }
}
