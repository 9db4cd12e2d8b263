package dev.wificall.maven;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.firewall.DriftCheck;
import dev.wificall.firewall.DriftPolicy;
import dev.wificall.firewall.DriftReport;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.probe.IkePort;
import dev.wificall.verdict.AddressPolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that Wi-Fi Calling can reach each configured operator's ePDG from this host: discovers the
 * ePDG name as a phone does (area names first when an area code is given, the operator identifier
 * name, the visited-country name abroad, or a configured name as given) and sends IKEv2 IKE_SA_INIT
 * to every address on UDP/500 and UDP/4500. Logs a line per operator as it finishes and a summary
 * table at the end; fails the build when an operator is not reachable, naming operator, FQDN,
 * address, port and what was seen. Writes the reports (JSON, JUnit XML, HTML) to the report
 * directory, also when the build fails.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends OperatorsMojo {

    /**
     * How long a port may stay silent before it counts as blocked, from the first IKE_SA_INIT
     * (requests at 0, 0.2, 0.6 and 1.4 s with the default), e.g. {@code 2400ms} or {@code 5s}.
     */
    @Parameter(property = "wificall.probeTimeout", defaultValue = "2400ms")
    String probeTimeout;

    /** The ports to probe on every address: {@code 500}, {@code 4500} or {@code 500,4500}; an operator's {@code <ports>} overrides it. */
    @Parameter(property = "wificall.ports", defaultValue = "500,4500")
    String ports;

    /** Cap on IKE datagrams sent per second, polite towards firewalls and ePDGs; 0 for no cap. */
    @Parameter(property = "wificall.rate", defaultValue = "200")
    int rate;

    /**
     * Added to 500 and 4500 to get the ports probed: 0 for real ePDGs; e.g. 10000 for the wificall
     * simulator on 10500 and 14500 (see the {@code simulator-start} goal).
     */
    @Parameter(property = "wificall.portOffset", defaultValue = "0")
    int portOffset;

    /** {@code any}: one address that answers on every port is enough (a phone needs one); {@code all}: every address must. */
    @Parameter(property = "wificall.addressPolicy", defaultValue = "any")
    String addressPolicy;

    /** Whether a failed check fails the build; with false, failures are logged as warnings and reported. */
    @Parameter(property = "wificall.failOnViolation", defaultValue = "true")
    boolean failOnViolation;

    /** Check operators one at a time and stop at the first failure, instead of all at once. */
    @Parameter(property = "wificall.failFast", defaultValue = "false")
    boolean failFast;

    /** Report formats, comma-separated: {@code json}, {@code junit} (JUnit XML), {@code html}. */
    @Parameter(property = "wificall.formats", defaultValue = "json,junit,html")
    String formats;

    /**
     * Firewall rules kept in the repository, compared with what DNS says now: every ePDG address
     * must be allowed on UDP/500 and UDP/4500 (else the check fails naming it); rules that allow
     * those ports to any destination are too broad, addresses that no longer resolve are stale.
     * Property: comma-separated list.
     */
    @Parameter(property = "wificall.rulesFiles")
    List<File> rulesFiles;

    /** The rules files' format: srx-set, srx, nftables, iptables or ip6tables; by default from the file name. */
    @Parameter(property = "wificall.rulesFormat")
    String rulesFormat;

    /** Whether rules that allow UDP/500 or UDP/4500 to any destination fail the check (else a warning). */
    @Parameter(property = "wificall.broadRulesFail", defaultValue = "false")
    boolean broadRulesFail;

    /** Whether allowed addresses that no ePDG name resolves to any more fail the check (else a warning). */
    @Parameter(property = "wificall.staleRulesFail", defaultValue = "false")
    boolean staleRulesFail;

    /** Skips the check. */
    @Parameter(property = "wificall.skip", defaultValue = "false")
    boolean skip;

    /** Where the reports go. */
    @Parameter(property = "wificall.reportDirectory", defaultValue = "${project.build.directory}/wificall-reports")
    File reportDirectory;

    private final ReportWriter reports;

    @Inject
    public CheckMojo(ReportWriter reports) {
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wificall: check skipped (wificall.skip=true)");
            return;
        }
        List<ReportWriter.Format> formatList = formats();
        CheckSettings settings = settings();
        List<Operator> all = allOperators();
        List<CheckTarget> targets = new ArrayList<>();
        for (Operator operator : all) {
            targets.add(operator.target(settings));
        }
        ParsedRules rules = rulesFiles == null || rulesFiles.isEmpty() ? null
                : RulesFiles.read(rulesFiles, rulesFormat, basedir);
        ReadinessCheck check;
        try {
            check = new ReadinessCheck(settings);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(resolverOrigin() + ": " + e.getMessage());
        }
        getLog().info("wificall: checking " + targets.size() + " operator" + (targets.size() == 1 ? "" : "s")
                + " through " + check.resolver() + " on " + settings.ports() + ", address policy " + settings.addressPolicy()
                + (failFast ? ", one at a time until the first failure (failFast)" : ""));
        long start = System.nanoTime();
        int[] done = {0};
        Consumer<OperatorVerdict> progress = v -> {
            done[0]++;
            String line = "wificall: " + (v.ready() ? "PASS " : "FAIL ") + v.operator() + situation(v) + " " + v.fqdn()
                    + " (" + done[0] + "/" + targets.size() + ", " + v.elapsed().toMillis() + " ms): " + v.sentence();
            if (v.ready() || failOnViolation) {
                getLog().info(line);
            } else {
                getLog().warn(line);
            }
        };
        List<OperatorVerdict> verdicts = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        if (failFast) {
            for (int i = 0; i < targets.size(); i++) {
                OperatorVerdict v = check.checkTargets(List.of(targets.get(i)), progress).get(0);
                verdicts.add(v);
                if (!v.ready()) {
                    for (int j = i + 1; j < targets.size(); j++) {
                        notChecked.add(targets.get(j).operator().label());
                    }
                    break;
                }
            }
        } else {
            verdicts.addAll(check.checkTargets(targets, progress));
        }
        List<Path> written = report(verdicts, formatList);
        List<OperatorVerdict> failed = verdicts.stream().filter(v -> !v.ready()).toList();
        DriftReport drift = rules == null ? null : DriftCheck.check(verdicts.stream().map(EpdgAddresses::of).toList(), rules,
                DriftPolicy.DEFAULTS.withTooBroadIsViolation(broadRulesFail).withStaleIsViolation(staleRulesFail));
        getLog().info(String.format(Locale.ROOT, "wificall: summary: %d of %d operator%s ready in %.1f s",
                verdicts.size() - failed.size(), targets.size(), targets.size() == 1 ? "" : "s",
                (System.nanoTime() - start) / 1e9));
        Summary.table(verdicts, notChecked).forEach(line -> getLog().info(line));
        if (!notChecked.isEmpty()) {
            getLog().warn("wificall: failFast stopped after the first failure; not checked: " + String.join(", ", notChecked));
        }
        if (drift != null) {
            getLog().info("wificall: firewall rules: " + drift.summary());
            drift.warnings().forEach(f -> getLog().warn("wificall: " + f));
            drift.violations().forEach(f -> getLog().error("wificall: " + f));
        }
        for (Path file : written) {
            getLog().info("wificall: report " + file);
        }
        boolean drifted = drift != null && !drift.passed();
        if (failed.isEmpty() && !drifted) {
            return;
        }
        StringBuilder b = new StringBuilder("Wi-Fi Calling check failed for ").append(failed.size()).append(" of ")
                .append(targets.size()).append(" operator").append(targets.size() == 1 ? "" : "s")
                .append(drifted ? " and the firewall rules drifted" : "").append(':');
        for (OperatorVerdict v : failed) {
            b.append("\n- ").append(v.sentence());
            v.probeLines().forEach(line -> b.append("\n    ").append(line));
        }
        if (drifted) {
            b.append("\n- ").append(drift.summary());
            drift.violations().forEach(f -> b.append("\n    ").append(f));
        }
        if (!notChecked.isEmpty()) {
            b.append("\nNot checked (failFast): ").append(String.join(", ", notChecked));
        }
        b.append("\nReports: ").append(written.isEmpty() ? reportDirectory.toString()
                : String.join(", ", written.stream().map(Path::toString).toList()));
        if (failOnViolation) {
            throw new MojoFailureException(b.toString());
        }
        getLog().warn(b.toString());
        getLog().warn("wificall: the build goes on because failOnViolation is false (property wificall.failOnViolation)");
    }

    private CheckSettings settings() throws MojoExecutionException {
        Duration dns = duration("dnsTimeout", dnsTimeout);
        Duration probe = duration("probeTimeout", probeTimeout);
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsTimeout(dns).withProbeTimeout(probe);
        try {
            settings = settings.withProbe(settings.probe().withPacketsPerSecond(rate));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<rate>" + rate + "</rate> (property wificall.rate): " + e.getMessage());
        }
        try {
            settings = settings.withPorts(IkePort.parseList(ports == null ? "500,4500" : ports));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("ports", ports) + ": " + e.getMessage());
        }
        try {
            settings = settings.withPortOffset(portOffset);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<portOffset>" + portOffset + "</portOffset> (property wificall.portOffset): "
                    + e.getMessage());
        }
        return settings.withDnsServers(servers()).withAddressPolicy(policy());
    }

    private List<ReportWriter.Format> formats() throws MojoExecutionException {
        List<ReportWriter.Format> out = new ArrayList<>();
        for (String item : (formats == null ? "" : formats).split("[,\\s]+")) {
            if (item.isBlank()) {
                continue;
            }
            try {
                ReportWriter.Format f = ReportWriter.Format.parse(item);
                if (!out.contains(f)) {
                    out.add(f);
                }
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(origin("formats", formats) + ": " + e.getMessage());
            }
        }
        return out;
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

    private AddressPolicy policy() throws MojoExecutionException {
        try {
            return AddressPolicy.parse(addressPolicy == null ? "any" : addressPolicy);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<addressPolicy>" + addressPolicy + "</addressPolicy> (property"
                    + " wificall.addressPolicy): " + e.getMessage());
        }
    }

    private List<Path> report(List<OperatorVerdict> verdicts, List<ReportWriter.Format> formatList)
            throws MojoExecutionException {
        Path dir = reportDirectory.toPath();
        try {
            return reports.write(verdicts, dir, formatList);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the wificall reports to " + dir + ": " + e.getMessage(), e);
        }
    }
}
