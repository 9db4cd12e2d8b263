package dev.wificall.maven;

import dev.wificall.audit.AuditProfile;
import dev.wificall.audit.Baseline;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.AuditSettings;
import dev.wificall.audit.AuditSummary;
import dev.wificall.audit.AuditTarget;
import dev.wificall.audit.Auditor;
import dev.wificall.audit.Severity;
import dev.wificall.probe.IkePort;
import dev.wificall.report.AuditLines;
import dev.wificall.report.AuditReports;
import dev.wificall.verdict.AuditTargets;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.ReadinessCheck;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Audits each configured operator's ePDG: discovers its name as {@code check} does, then asks every
 * address on UDP/500 and UDP/4500 one IKE_SA_INIT question after another (every DH group alone, all
 * groups strongest and weakest first, the operator's phones' offers, each IKE transform alone), and
 * compares every KE value and nonce that came back. Profiles turn outcomes into findings; the build
 * fails on findings at or above {@code failOn}. Writes wificall-audit.json, TEST-wificall-audit.xml and
 * wificall-audit.html to the report directory, also when the build fails. Polite by default: one
 * exchange in flight per address and port, 50 datagrams a second.
 */
@Mojo(name = "audit", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class AuditMojo extends OperatorsMojo {

    /** Per exchange, from its first request to "silent", e.g. {@code 3s} (what the USENIX 2024 scan used). */
    @Parameter(property = "wificall.probeTimeout", defaultValue = "3s")
    String probeTimeout;

    /** The ports to audit, 500 and 4500 (with the non-ESP marker), comma-separated. */
    @Parameter(property = "wificall.ports", defaultValue = "500,4500")
    String ports;

    /** Datagrams a second over the whole audit; raise it for one's own lab. 0 for no cap. */
    @Parameter(property = "wificall.rate", defaultValue = "50")
    int rate;

    /** Exchanges in flight per address and port, 1 to 16; more than 1 only for one's own ePDGs. */
    @Parameter(property = "wificall.exchangesPerAddress", defaultValue = "1")
    int exchangesPerAddress;

    /** Added to 500 and 4500 for the destination ports (a simulator on unprivileged ports). */
    @Parameter(property = "wificall.portOffset", defaultValue = "0")
    int portOffset;

    /** At most this many addresses per name are audited (the first ones, as resolved). */
    @Parameter(property = "wificall.maxAddresses", defaultValue = "16")
    String maxAddresses;

    /**
     * The profiles that judge, comma-separated: rfc_8247, ts_33_210_rel13, ts_33_210_rel16,
     * bsi_tr_02102_3, phones.
     */
    @Parameter(property = "wificall.profiles", defaultValue = "rfc_8247,phones")
    String profiles;

    /** The build fails on a finding at or above this severity (info, low, medium, high, critical), or never with none. */
    @Parameter(property = "wificall.failOn", defaultValue = "high")
    String failOn;

    /** Whether to ask each IKE transform alone (about 26 more exchanges per address and port). */
    @Parameter(property = "wificall.transforms", defaultValue = "true")
    boolean transforms;

    /** Whether to replay the offers of the operator's phones (from the shipped phone profiles). */
    @Parameter(property = "wificall.phones", defaultValue = "true")
    boolean phones;

    /**
     * Accepted findings, one per line: {@code check operator address expires reason}, e.g.
     * {@code dh:2 262-01 * 2027-06-30 phones still offer only MODP-1024}; {@code *} matches any. An
     * accepted finding does not fail the build until it expires; the reports show it with its reason.
     * Relative to the project's directory.
     */
    @Parameter(property = "wificall.baseline")
    File baseline;

    /** Whether to ask the hybrid post-quantum checks (RFC 9370 with ML-KEM-768 and ML-KEM-1024; 2 more exchanges each). */
    @Parameter(property = "wificall.postQuantum", defaultValue = "true")
    boolean postQuantum;

    /** Skips the audit. */
    @Parameter(property = "wificall.skip", defaultValue = "false")
    boolean skip;

    /**
     * Where wificall-audit.json, TEST-wificall-audit.xml and wificall-audit.html go: by default {@code target/wificall-reports} in a project, and {@code ./wificall-reports} when the goal runs
     * without a POM.
     */
    @Parameter(property = "wificall.reportDirectory")
    File reportDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wificall: audit skipped (wificall.skip=true)");
            return;
        }
        reportDirectory = outputFolder(reportDirectory, "wificall-reports");
        Severity threshold = failOn();
        AuditSettings settings = auditSettings();
        CheckSettings discovery = discoverySettings();
        Baseline accepted = baseline();
        List<Operator> all = allOperators();
        ReadinessCheck dns;
        try {
            dns = new ReadinessCheck(discovery);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(resolverOrigin() + ": " + e.getMessage());
        }
        List<AuditTarget> targets = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<CheckTarget> given = new ArrayList<>();
        for (Operator operator : all) {
            given.add(operator.target(discovery));
        }
        // the ePDGs behind the names the operators' phones use are audited too (wificall.names)
        for (CheckTarget t : asPhonesSeeThem(given, false)) {
            AuditTargets found = AuditTargets.of(dns, t, discovery);
            if (found.targets().isEmpty()) {
                unresolved.add(found.sentence());
                getLog().warn("wificall: cannot audit " + t.operator().label() + ": " + found.sentence());
                continue;
            }
            if (found.found() > discovery.maxAddresses()) {
                getLog().info("wificall: " + found.resolution().outcome().fqdn() + " has " + found.found() + " addresses;"
                        + " auditing the first " + discovery.maxAddresses() + " (wificall.maxAddresses)");
            }
            targets.addAll(found.targets());
        }
        getLog().info("wificall: auditing " + targets.size() + " address" + (targets.size() == 1 ? "" : "es")
                + " and ports of " + all.size() + " operator" + (all.size() == 1 ? "" : "s") + " through " + dns.resolver()
                + ", " + settings.exchangesPerAddress() + " exchange(s) in flight per address, at most " + rate
                + " datagrams/s; profiles " + String.join(", ", settings.profiles().stream().map(AuditProfile::label).toList()));
        long[] lastLog = {System.nanoTime()};
        Baseline.Applied applied = accepted.apply(new Auditor(settings).run(targets, (check, done, planned) -> {
            if (System.nanoTime() - lastLog[0] > Duration.ofSeconds(5).toNanos()) {
                lastLog[0] = System.nanoTime();
                getLog().info("wificall: audit " + done + " of about " + planned + " exchanges done (last: " + check + ")");
            }
        }), LocalDate.now());
        AuditResult audit = applied.audit();
        applied.notes().forEach(n -> getLog().warn("wificall: " + n));
        List<Path> written = write(audit, threshold);
        AuditSummary.lines(audit).forEach(l -> getLog().info("wificall: " + l));
        getLog().info("wificall: " + AuditLines.done(audit, targets.size()));
        written.forEach(f -> getLog().info("wificall: report " + f));
        // an operator that cannot be audited fails even without a threshold: nothing was judged
        List<String> failing = AuditLines.failing(audit, threshold);
        AuditSummary.findings(audit, Severity.LOW).stream().filter(l -> !failing.contains(l))
                .forEach(l -> getLog().warn("wificall: " + l));
        if (failing.isEmpty() && unresolved.isEmpty()) {
            return;
        }
        throw new MojoFailureException(AuditLines.failure(audit, threshold, unresolved, written));
    }

    private Baseline baseline() throws MojoExecutionException {
        if (baseline == null) {
            return Baseline.EMPTY;
        }
        Path file = baseline.isAbsolute() || basedir == null ? baseline.toPath() : basedir.toPath().resolve(baseline.toPath());
        try {
            Baseline b = Baseline.read(file);
            getLog().info("wificall: baseline " + file + ": " + b.entries().size() + " accepted finding(s)");
            return b;
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<baseline> (property wificall.baseline): " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("<baseline> (property wificall.baseline): cannot read " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private Severity failOn() throws MojoExecutionException {
        if (failOn == null || failOn.strip().equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("failOn", failOn) + ": " + e.getMessage() + ", or none");
        }
    }

    private AuditSettings auditSettings() throws MojoExecutionException {
        Duration timeout = duration("probeTimeout", probeTimeout);
        AuditSettings s = AuditSettings.DEFAULTS;
        try {
            s = s.withProbe(new dev.wificall.probe.ProbeSettings(Duration.ofMillis(Math.min(500, timeout.toMillis())),
                    timeout).withGlobalDeadline(Duration.ofHours(2)).withPacketsPerSecond(rate));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<probeTimeout>" + probeTimeout + "</probeTimeout> or <rate>" + rate
                    + "</rate>: " + e.getMessage());
        }
        try {
            s = s.withExchangesPerAddress(exchangesPerAddress);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<exchangesPerAddress>" + exchangesPerAddress + "</exchangesPerAddress>"
                    + " (property wificall.exchangesPerAddress): " + e.getMessage());
        }
        List<AuditProfile> list = new ArrayList<>();
        for (String p : (profiles == null ? "rfc_8247,phones" : profiles).split(",")) {
            if (p.isBlank()) {
                continue;
            }
            try {
                list.add(AuditProfile.parse(p));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(origin("profiles", profiles) + ": " + e.getMessage());
            }
        }
        try {
            return s.withProfiles(list).withTransforms(transforms).withPhones(phones).withPostQuantum(postQuantum);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("profiles", profiles) + ": " + e.getMessage());
        }
    }

    private CheckSettings discoverySettings() throws MojoExecutionException {
        CheckSettings s = CheckSettings.DEFAULTS.withDnsTimeout(duration("dnsTimeout", dnsTimeout));
        try {
            s = s.withPorts(IkePort.parseList(ports == null ? "500,4500" : ports));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("ports", ports) + ": " + e.getMessage());
        }
        try {
            s = s.withPortOffset(portOffset);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<portOffset>" + portOffset + "</portOffset> (property wificall.portOffset): "
                    + e.getMessage());
        }
        try {
            s = s.withMaxAddresses(CheckSettings.parseMaxAddresses(maxAddresses == null ? "16" : maxAddresses));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("maxAddresses", maxAddresses) + ": " + e.getMessage());
        }
        return s.withDnsServers(servers());
    }

    private List<Path> write(AuditResult audit, Severity threshold) throws MojoExecutionException {
        Path dir = reportDirectory.toPath();
        try {
            return AuditReports.write(audit, threshold, dir);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the wificall audit reports to " + dir + ": " + e.getMessage(), e);
        }
    }
}
