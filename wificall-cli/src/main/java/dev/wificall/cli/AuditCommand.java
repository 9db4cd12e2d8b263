package dev.wificall.cli;

import dev.wificall.audit.AuditProfile;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.AuditSettings;
import dev.wificall.audit.AuditSummary;
import dev.wificall.audit.AuditTarget;
import dev.wificall.audit.Auditor;
import dev.wificall.audit.Baseline;
import dev.wificall.audit.Severity;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.report.AuditLines;
import dev.wificall.report.AuditReports;
import dev.wificall.verdict.AuditTargets;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wificall audit}: the Maven goal {@code audit}, with the same lines and reports. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Audits each operator's ePDG: DH groups, transforms, phones' offers, post-quantum, key reuse.",
        description = "Audits each operator's ePDG: every DH group alone, all groups strongest and weakest first, the"
                + " operator's phones' offers, each IKE transform alone, post-quantum (RFC 9370 ML-KEM), and KE and"
                + " nonce reuse across every answer; profiles turn outcomes into findings. Writes wificall-audit.json,"
                + " TEST-wificall-audit.xml and wificall-audit.html to --report-dir. Polite by default: one exchange in"
                + " flight per address and port, 50 datagrams a second.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:no finding at or above --fail-on", "1:a finding at or above --fail-on",
                "2:an operator could not be audited (its ePDG name gave no address), and no finding fails",
                ExitCode.LIST_64, ExitCode.LIST_70},
        footer = {"%nExample: wificall audit 262-01 --fail-on high --profiles rfc_8247,ts_33_210_rel16,phones"})
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    WificallCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    Lookup lookup;

    @Mixin
    ProbeScope scope;

    @Option(names = "--probe-timeout", defaultValue = "3s", paramLabel = "DURATION",
            description = "Per exchange, from its first request to silent. Default: ${DEFAULT-VALUE}.")
    String probeTimeout;

    @Option(names = "--rate", defaultValue = "50", paramLabel = "N",
            description = "Datagrams a second over the whole audit, 0 for no cap. Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--exchanges-per-address", defaultValue = "1", paramLabel = "N",
            description = "Exchanges in flight per address and port, 1 to 16. Default: ${DEFAULT-VALUE}.")
    String exchangesPerAddress;

    @Option(names = "--profiles", defaultValue = "rfc_8247,phones", paramLabel = "LIST", description = "rfc_8247,"
            + " ts_33_210_rel13, ts_33_210_rel16, bsi_tr_02102_3, phones. Default: ${DEFAULT-VALUE}.")
    String profiles;

    @Option(names = "--fail-on", defaultValue = "high", paramLabel = "SEVERITY",
            description = "info, low, medium, high, critical, or none. Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Accepted findings, one per line: check operator address expires reason.")
    String baseline;

    @Option(names = "--no-transforms", description = "Do not ask each IKE transform alone.")
    boolean noTransforms;

    @Option(names = "--no-phones", description = "Do not replay the operator's phones' offers.")
    boolean noPhones;

    @Option(names = "--no-post-quantum", description = "Do not ask the RFC 9370 ML-KEM checks.")
    boolean noPostQuantum;

    @Mixin
    ReportDir reports;

    @Override
    public Integer call() {
        Io io = parent.io;
        PrintStream out = io.out();
        Severity threshold = threshold();
        AuditSettings settings = settings();
        CheckSettings discovery = scope.apply(CheckSettings.DEFAULTS.withDnsTimeout(lookup.timeout()))
                .withDnsServers(lookup.servers());
        Baseline accepted = baseline(io);
        List<SelectionInput> inputs = lookup.inputs();
        ReadinessCheck dns = lookup.check(discovery);
        List<AuditTarget> targets = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (SelectionInput input : inputs) {
            AuditTargets found = AuditTargets.of(dns, new CheckTarget(input, discovery.ports(), discovery.addressPolicy()),
                    discovery);
            if (found.targets().isEmpty()) {
                unresolved.add(found.sentence());
                io.err().println("cannot audit " + input.label() + ": " + found.sentence());
                continue;
            }
            targets.addAll(found.targets());
        }
        if (io.terminal()) {
            io.err().println("wificall: auditing " + targets.size() + " address" + (targets.size() == 1 ? "" : "es")
                    + " and ports through " + dns.resolver());
        }
        long[] last = {System.nanoTime()};
        Baseline.Applied applied = accepted.apply(new Auditor(settings).run(targets, (check, done, planned) -> {
            if (io.terminal() && System.nanoTime() - last[0] > Duration.ofSeconds(2).toNanos()) {
                last[0] = System.nanoTime();
                io.err().println("wificall: audit " + done + " of about " + planned + " exchanges done (last: " + check + ")");
            }
        }), LocalDate.now());
        AuditResult audit = applied.audit();
        applied.notes().forEach(n -> io.err().println("warning: " + n));
        Path dir = reports.in(io);
        List<Path> written;
        try {
            written = AuditReports.write(audit, threshold, dir);
        } catch (IOException e) {
            throw new ToolException("cannot write the audit reports to " + dir + ": " + e.getMessage()
                    + "; choose another folder with --report-dir", e);
        }
        AuditSummary.lines(audit).forEach(out::println);
        out.println(AuditLines.done(audit, targets.size()));
        written.forEach(f -> out.println("report " + f));
        List<String> failing = AuditLines.failing(audit, threshold);
        AuditSummary.findings(audit, Severity.LOW).stream().filter(l -> !failing.contains(l))
                .forEach(l -> out.println("warning: " + l));
        if (failing.isEmpty() && unresolved.isEmpty()) {
            return ExitCode.COMPLIANT;
        }
        out.println(AuditLines.failure(audit, threshold, unresolved, written));
        return failing.isEmpty() ? ExitCode.NOT_JUDGED : ExitCode.NOT_COMPLIANT;
    }

    private Severity threshold() {
        if (failOn.strip().equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--fail-on", failOn, e.getMessage() + ", or none");
        }
    }

    private AuditSettings settings() {
        Duration timeout = Usage.duration(spec, "--probe-timeout", probeTimeout);
        int datagrams = Usage.integer(spec, "--rate", rate, "0 or more datagrams a second");
        AuditSettings s;
        try {
            s = AuditSettings.DEFAULTS.withProbe(new ProbeSettings(Duration.ofMillis(Math.min(500, timeout.toMillis())),
                    timeout).withGlobalDeadline(Duration.ofHours(2)).withPacketsPerSecond(datagrams));
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--probe-timeout/--rate", probeTimeout + "/" + rate, e.getMessage());
        }
        try {
            s = s.withExchangesPerAddress(Usage.integer(spec, "--exchanges-per-address", exchangesPerAddress, "1 to 16"));
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--exchanges-per-address", exchangesPerAddress, e.getMessage());
        }
        List<AuditProfile> list = new ArrayList<>();
        try {
            for (String p : profiles.split(",")) {
                if (!p.isBlank()) {
                    list.add(AuditProfile.parse(p));
                }
            }
            return s.withProfiles(list).withTransforms(!noTransforms).withPhones(!noPhones).withPostQuantum(!noPostQuantum);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--profiles", profiles, e.getMessage());
        }
    }

    private Baseline baseline(Io io) {
        if (baseline == null) {
            return Baseline.EMPTY;
        }
        Path file = io.path(baseline);
        try {
            return Baseline.read(file);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--baseline", baseline, e.getMessage());
        } catch (IOException e) {
            throw Usage.bad(spec, "--baseline", baseline, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
