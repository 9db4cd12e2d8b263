package dev.wificall.maven;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsServer;
import dev.wificall.report.JUnitXmlReport;
import dev.wificall.report.JsonReport;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that Wi-Fi Calling can reach each configured operator's ePDG from this host: resolves the
 * operator-identifier ePDG FQDN and sends IKEv2 IKE_SA_INIT to every address on UDP/500 and
 * UDP/4500. Fails the build when an operator is not reachable, naming operator, FQDN, address,
 * port and what was seen. Writes {@code wificall-report.json} and {@code TEST-wificall.xml} to the
 * report directory, also when the build fails.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /** Operators as MCC-MNC, e.g. {@code 262-01} or {@code 310-260}. Property: comma-separated list. */
    @Parameter(property = "wificall.operators")
    List<String> operators;

    /** The resolver to ask, {@code host[:port]}; the system's resolvers when unset. */
    @Parameter(property = "wificall.dnsServer")
    String dnsServer;

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
        List<Plmn> plmns = plmns();
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServer(server());
        ReadinessCheck check;
        try {
            check = new ReadinessCheck(settings);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<dnsServer>" + dnsServer + "</dnsServer> (property wificall.dnsServer): "
                    + e.getMessage());
        }
        getLog().info("wificall: checking " + plmns.size() + " operator" + (plmns.size() == 1 ? "" : "s")
                + " through " + check.resolver() + " on " + settings.ports());
        List<OperatorVerdict> verdicts = check.checkAll(plmns, v -> getLog().info(
                "wificall: " + (v.ready() ? "PASS " : "FAIL ") + v.plmn() + " " + v.fqdn() + " (" + v.elapsed().toMillis()
                        + " ms): " + v.sentence()));
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

    private List<Plmn> plmns() throws MojoExecutionException {
        if (operators == null || operators.isEmpty()) {
            throw new MojoExecutionException("<operators> is empty: name at least one operator, e.g. "
                    + "<operators><operator>262-01</operator></operators> or -Dwificall.operators=262-01");
        }
        List<Plmn> plmns = new ArrayList<>();
        for (String operator : operators) {
            try {
                plmns.add(Plmn.parse(operator));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<operator>" + operator + "</operator>: " + e.getMessage());
            }
        }
        return plmns;
    }

    private DnsServer server() throws MojoExecutionException {
        if (dnsServer == null || dnsServer.isBlank()) {
            return null;
        }
        try {
            return DnsServer.parse(dnsServer);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<dnsServer>" + dnsServer + "</dnsServer> (property wificall.dnsServer): "
                    + e.getMessage());
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
