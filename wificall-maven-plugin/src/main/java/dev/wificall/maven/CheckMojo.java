package dev.wificall.maven;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsServer;
import dev.wificall.report.JUnitXmlReport;
import dev.wificall.report.JsonReport;
import dev.wificall.verdict.AddressPolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that Wi-Fi Calling can reach each configured operator's ePDG from this host: discovers the
 * ePDG name as a phone does (area names first when an area code is given, the operator identifier
 * name, the visited-country name abroad) and sends IKEv2 IKE_SA_INIT to every address on UDP/500 and
 * UDP/4500. Fails the build when an operator is not reachable, naming operator, FQDN, address, port
 * and what was seen. Writes {@code wificall-report.json} and {@code TEST-wificall.xml} to the report
 * directory, also when the build fails.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /**
     * Operators, each as MCC-MNC ({@code <operator>262-01</operator>}) or in the long form with
     * {@code <plmn>} or {@code <name>}, and optionally {@code <tac>}, {@code <tac5gs>}, {@code <lac>},
     * {@code <visitedMcc>}, {@code <emergency>} (see {@link Operator}). Property: comma-separated MCC-MNC list.
     */
    @Parameter(property = "wificall.operators")
    List<Operator> operators;

    /** The resolver to ask, {@code host[:port]}; the system's resolvers when neither this nor dnsServers is set. */
    @Parameter(property = "wificall.dnsServer")
    String dnsServer;

    /**
     * Several resolvers, {@code host[:port]} each: the first is the network's (its answer decides),
     * the others are asked the same names and compared with it. Property: comma-separated list.
     */
    @Parameter(property = "wificall.dnsServers")
    List<String> dnsServers;

    /** {@code any}: one address that answers on every port is enough (a phone needs one); {@code all}: every address must. */
    @Parameter(property = "wificall.addressPolicy", defaultValue = "any")
    String addressPolicy;

    /** Skips the check. */
    @Parameter(property = "wificall.skip", defaultValue = "false")
    boolean skip;

    /** Where the JSON and JUnit XML reports go. */
    @Parameter(property = "wificall.reportDirectory", defaultValue = "${project.build.directory}/wificall-reports")
    File reportDirectory;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wificall: check skipped (wificall.skip=true)");
            return;
        }
        List<SelectionInput> inputs = inputs();
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServers(servers()).withAddressPolicy(policy());
        ReadinessCheck check;
        try {
            check = new ReadinessCheck(settings);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(resolverOrigin() + ": " + e.getMessage());
        }
        getLog().info("wificall: checking " + inputs.size() + " operator" + (inputs.size() == 1 ? "" : "s")
                + " through " + check.resolver() + " on " + settings.ports() + ", address policy " + settings.addressPolicy());
        List<OperatorVerdict> verdicts = check.checkEach(inputs, v -> getLog().info(
                "wificall: " + (v.ready() ? "PASS " : "FAIL ") + v.operator() + situation(v) + " " + v.fqdn() + " ("
                        + v.elapsed().toMillis() + " ms): " + v.sentence()));
        report(verdicts);
        List<OperatorVerdict> failed = verdicts.stream().filter(v -> !v.ready()).toList();
        if (!failed.isEmpty()) {
            StringBuilder b = new StringBuilder("Wi-Fi Calling check failed for ").append(failed.size()).append(" of ")
                    .append(verdicts.size()).append(" operator").append(verdicts.size() == 1 ? "" : "s").append(':');
            for (OperatorVerdict v : failed) {
                b.append("\n- ").append(v.sentence());
                v.probeLines().forEach(line -> b.append("\n    ").append(line));
            }
            b.append("\nReports: ").append(reportDirectory);
            throw new MojoFailureException(b.toString());
        }
    }

    private List<SelectionInput> inputs() throws MojoExecutionException {
        if (operators == null || operators.isEmpty()) {
            throw new MojoExecutionException("<operators> is empty: name at least one operator, e.g. "
                    + "<operators><operator>262-01</operator></operators> or -Dwificall.operators=262-01");
        }
        List<SelectionInput> inputs = new ArrayList<>();
        for (Operator operator : operators) {
            inputs.add(operator.selection());
        }
        return inputs;
    }

    /** " (TAC 0x1A2B, emergency)": what the phone knows beyond its operator; "" for the operator name alone. */
    static String situation(OperatorVerdict v) {
        if (v.discovery() == null) {
            return "";
        }
        SelectionInput in = v.discovery().input();
        List<String> parts = new ArrayList<>();
        in.tac().ifPresent(t -> parts.add(String.format(Locale.ROOT, "TAC 0x%04X", t)));
        in.tac5gs().ifPresent(t -> parts.add(String.format(Locale.ROOT, "5GS TAC 0x%06X", t)));
        in.lac().ifPresent(l -> parts.add(String.format(Locale.ROOT, "LAC 0x%04X", l)));
        in.visitedMcc().ifPresent(m -> parts.add("abroad in MCC " + m));
        if (in.emergency()) {
            parts.add("emergency");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private List<DnsServer> servers() throws MojoExecutionException {
        boolean one = dnsServer != null && !dnsServer.isBlank();
        boolean several = dnsServers != null && dnsServers.stream().anyMatch(s -> s != null && !s.isBlank());
        if (one && several) {
            throw new MojoExecutionException(oneOrigin() + " and " + severalOrigin() + " are both set; set one: <dnsServer>"
                    + " for one resolver, or <dnsServers> for several (the network's resolver first, the others compared"
                    + " with it)");
        }
        if (one) {
            try {
                return List.of(DnsServer.parse(dnsServer));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(oneOrigin() + ": " + e.getMessage());
            }
        }
        if (!several) {
            return List.of();
        }
        List<DnsServer> servers = new ArrayList<>();
        for (int i = 0; i < dnsServers.size(); i++) {
            String item = dnsServers.get(i);
            if (item == null || item.isBlank()) {
                throw new MojoExecutionException(severalOrigin() + ": entry " + (i + 1) + " of " + dnsServers.size()
                        + " is empty; expected host[:port] each, the network's resolver first, e.g."
                        + " <dnsServers><dnsServer>10.0.0.53</dnsServer><dnsServer>9.9.9.9</dnsServer></dnsServers>");
            }
            DnsServer server;
            try {
                server = DnsServer.parse(item);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(severalOrigin() + ": entry " + (i + 1) + ": " + e.getMessage());
            }
            if (servers.contains(server)) {
                throw new MojoExecutionException(severalOrigin() + ": " + server + " is listed twice; name each resolver once");
            }
            servers.add(server);
        }
        return servers;
    }

    private String oneOrigin() {
        return "<dnsServer>" + dnsServer + "</dnsServer> (property wificall.dnsServer)";
    }

    private String severalOrigin() {
        return "<dnsServers>" + String.join(", ", dnsServers.stream().map(String::valueOf).toList())
                + "</dnsServers> (property wificall.dnsServers)";
    }

    /** Which setting named the resolvers, for a resolver the core cannot use. */
    private String resolverOrigin() {
        if (dnsServer != null && !dnsServer.isBlank()) {
            return oneOrigin();
        }
        return dnsServers != null && !dnsServers.isEmpty() ? severalOrigin()
                : "the system resolver (no <dnsServer> or <dnsServers>)";
    }

    private AddressPolicy policy() throws MojoExecutionException {
        try {
            return AddressPolicy.parse(addressPolicy == null ? "any" : addressPolicy);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<addressPolicy>" + addressPolicy + "</addressPolicy> (property"
                    + " wificall.addressPolicy): " + e.getMessage());
        }
    }

    private void report(List<OperatorVerdict> verdicts) throws MojoExecutionException {
        Path dir = reportDirectory.toPath();
        Path json = dir.resolve("wificall-report.json");
        Path xml = dir.resolve("TEST-wificall.xml");
        try {
            JsonReport.write(verdicts, json);
            JUnitXmlReport.write(verdicts, xml);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the wificall reports to " + dir + ": " + e.getMessage(), e);
        }
        getLog().info("wificall: reports " + json + " and " + xml);
    }
}
