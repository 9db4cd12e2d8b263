package dev.wificall.cli;

import dev.wificall.attach.AttachOptions;
import dev.wificall.attach.AttachSettings;
import dev.wificall.firewall.DriftCheck;
import dev.wificall.firewall.DriftPolicy;
import dev.wificall.firewall.DriftReport;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.report.CheckLines;
import dev.wificall.report.CheckReports;
import dev.wificall.report.JsonReport;
import dev.wificall.report.UserPlaneLines;
import dev.wificall.sim.SimOptions;
import dev.wificall.userplane.UserPlaneOptions;
import dev.wificall.userplane.UserPlaneSettings;
import dev.wificall.verdict.AddressPolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wificall check}: the Maven goal {@code check}, with the same lines and reports. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Checks that phones reach each operator's ePDG from here (DNS, IKE_SA_INIT on UDP/500 and UDP/4500).",
        description = {"Finds each operator's ePDG as a phone does and sends IKEv2 IKE_SA_INIT to every address on"
                + " UDP/500 and UDP/4500; prints a line per operator, a table and, when one fails, what was tried,"
                + " what was seen and what to open. Writes the reports (JSON, JUnit XML, HTML) to --report-dir.",
                "IKE_AUTH credentials (--ike-auth attach) come only from the environment: WIFICALL_IMSI, WIFICALL_K"
                + " and WIFICALL_OPC (or WIFICALL_OP); they are never printed, the IMSI only masked. Or from the SIM in"
                + " a PC/SC card reader (--sim-reader; wificall readers lists them), its PIN from --sim-pin-file or"
                + " WIFICALL_SIM_PIN, never from the command line; the environment's keys are then ignored.",
                "--user-plane and its options are the Maven goal's wificall.userPlane.* properties and the JUnit"
                + " extension's parameters of those names: --reflector is wificall.userPlane.reflector,"
                + " --reflector-key-file reflectorKeyFile, --lifetime lifetime, --lifetime-budget lifetimeBudget,"
                + " --keep-alive keepAlive, --dns-names dnsNames, --user-plane-timeout timeout."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.LIST_0, ExitCode.LIST_1, ExitCode.LIST_2, ExitCode.LIST_64, ExitCode.LIST_70},
        footer = {"%nExample: wificall check 262-01 --dns-server 10.0.0.53",
                "Example: wificall check 262-01 --ike-auth attach --user-plane --reflector 10.46.0.20:7777"
                        + " --reflector-key-file reflector.key --lifetime 2s..60s",
                "Example: wificall check 262-01 --ike-auth attach --sim-reader 0 --sim-pin-file ~/.sim.pin"})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    WificallCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    Lookup lookup;

    @Mixin
    ProbeScope scope;

    @Option(names = "--probe-timeout", defaultValue = "2400ms", paramLabel = "DURATION", description = "How long a port"
            + " may stay silent after the first IKE_SA_INIT before it counts as blocked. Default: ${DEFAULT-VALUE}.")
    String probeTimeout;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "N",
            description = "IKE datagrams per second, 0 for no cap. Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--address-policy", defaultValue = "any", paramLabel = "any|all", description = "any: one address"
            + " answering on every port is enough (as for a phone); all: every address must. Default: ${DEFAULT-VALUE}.")
    String addressPolicy;

    @Option(names = "--fail-fast", description = "One operator at a time; stop at the first failure.")
    boolean failFast;

    @Option(names = "--ike-auth", defaultValue = "none", paramLabel = "none|probe|attach", description = "none:"
            + " IKE_SA_INIT only; probe: IKE_AUTH without a SIM (certificate chain, AUTH signature, EAP method, IKE"
            + " fragments); attach: EAP-AKA with WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC, or with --sim-reader."
            + " Default: ${DEFAULT-VALUE}.")
    String ikeAuth;

    @Option(names = "--sim-reader", paramLabel = "READER", description = "With --ike-auth attach: the SIM in this PC/SC"
            + " card reader answers the challenges (pcscd must run): the reader's name, a unique part of it, or its index"
            + " (0 for the first; wificall readers lists them). The card is asked when the attach starts; an empty"
            + " reader or a wrong PIN fails that attach, naming why. Property wificall.sim.reader.")
    String simReader;

    @Option(names = "--sim-pin-file", paramLabel = "FILE", description = "A file holding the SIM's PIN1 on one line (4 to"
            + " 8 digits). Default: the environment variable WIFICALL_SIM_PIN, else no PIN (PIN1 disabled). A PIN the"
            + " card refused is not sent again. Property wificall.sim.pinFile.")
    String simPinFile;

    @Option(names = "--trust-store", paramLabel = "FILE", description = "CA certificates the ePDG's chain must lead to:"
            + " PEM/DER file, a directory of them, or a PKCS#12 key store. Default: the chain is reported, not judged.")
    String trustStore;

    @Option(names = "--certificate-warning-days", defaultValue = "30", paramLabel = "DAYS",
            description = "A certificate expiring within this many days is a warning. Default: ${DEFAULT-VALUE}.")
    String certificateWarningDays;

    @Option(names = "--apn", defaultValue = "ims", description = "The APN sent as IDr. Default: ${DEFAULT-VALUE}.")
    String apn;

    @Option(names = "--attach-timeout", defaultValue = "15s", paramLabel = "DURATION",
            description = "How long IKE_AUTH may take per address. Default: ${DEFAULT-VALUE}.")
    String attachTimeout;

    @Option(names = "--user-plane", description = "With --ike-auth attach: check the user plane through each tunnel (ESP"
            + " both ways, inner DNS, SIP OPTIONS to the P-CSCFs over UDP and TCP, largest inner packet, IKE beside ESP;"
            + " with --reflector the NAT mapping's lifetime). A failed user plane fails the operator (exit 1).")
    boolean userPlane;

    @Option(names = "--reflector", paramLabel = "HOST:PORT", description = "The reflector behind the ePDG, an address"
            + " inside the tunnel with its port (10.46.0.20:7777, [fd46::20]:7777): measures the mapping lifetime. Its key"
            + " comes from WIFICALL_REFLECTOR_KEY or --reflector-key-file, never from the command line.")
    String reflector;

    @Option(names = "--reflector-key-file", paramLabel = "FILE", description = "A file holding the reflector's key as"
            + " hex or base64 (at least 16 bytes). Default: the environment variable WIFICALL_REFLECTOR_KEY.")
    String reflectorKeyFile;

    @Option(names = "--lifetime", paramLabel = "LOWER..UPPER[/STEP]", description = "The mapping-lifetime bounds"
            + " searched, e.g. 2s..60s/1s. Default: " + UserPlaneOptions.DEFAULT_LIFETIME + ".")
    String lifetime;

    @Option(names = "--lifetime-budget", paramLabel = "DURATION",
            description = "How long the mapping-lifetime measurement may take. Default: 150s.")
    String lifetimeBudget;

    @Option(names = "--keep-alive", paramLabel = "DURATION", description = "The keep-alive check: after a loss, a last"
            + " request waits twice the loss (20 s to the upper bound) while NAT-keepalives go out at this interval; its"
            + " answer must arrive. Default: none.")
    String keepAlive;

    @Option(names = "--dns-names", paramLabel = "LIST", description = "Names the inner DNS must answer,"
            + " comma-separated. Default: the operator's IMS domain (ims.mncXXX.mccYYY.3gppnetwork.org).")
    String dnsNames;

    @Option(names = "--user-plane-timeout", paramLabel = "DURATION",
            description = "How long each inner request (echo, DNS, SIP OPTIONS) waits for its answer. Default: 3s.")
    String userPlaneTimeout;

    @Option(names = "--offer", defaultValue = "configured", paramLabel = "configured|phones", description = "What"
            + " IKE_SA_INIT offers: configured (the engine's phone-like offer) or phones (for each operator and name,"
            + " what one of its phones offers). Default: ${DEFAULT-VALUE}.")
    String offer;

    @Option(names = "--rules", paramLabel = "FILE", description = "Firewall rules to compare with DNS (drift):"
            + " every ePDG address must be allowed on UDP/500 and UDP/4500. Repeatable.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--rules-format", paramLabel = "FORMAT",
            description = "The rules files' format (srx-set, srx, nftables, iptables, ip6tables). Default: from the name.")
    String rulesFormat;

    @Option(names = "--broad-rules-fail", description = "Rules allowing UDP/500 or UDP/4500 to any destination fail.")
    boolean broadRulesFail;

    @Option(names = "--stale-rules-fail", description = "Allowed addresses that no longer resolve fail.")
    boolean staleRulesFail;

    @Mixin
    ReportDir reports;

    @Option(names = "--formats", defaultValue = "json,junit,html", paramLabel = "LIST",
            description = "Report formats: json, junit, html. Default: ${DEFAULT-VALUE}.")
    String formats;

    @Option(names = "--json", description = "Print the JSON report on stdout and nothing else there; the other lines"
            + " go to stderr.")
    boolean json;

    @Override
    public Integer call() {
        Io io = parent.io;
        List<CheckReports.Format> formatList;
        try {
            formatList = CheckReports.Format.parseList(formats);
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--formats", formats, e.getMessage());
        }
        CheckSettings settings = settings(io);
        if (!offer.equals("configured") && !offer.equals("phones")) {
            throw Usage.bad(spec, "--offer", offer, "expected configured (the engine's phone-like offer) or phones (what"
                    + " the operator's own phones offer, from the shipped phone profiles)");
        }
        List<CheckTarget> targets = lookup.targets(settings, offer.equals("phones"));
        ParsedRules parsedRules = rules.isEmpty() ? null : RulesFiles.read(spec, io, rules, rulesFormat);
        ReadinessCheck check = lookup.check(settings);
        PrintStream human = json ? io.err() : io.out();
        if (io.terminal()) {
            io.err().println("wificall: checking " + targets.size() + " operator" + (targets.size() == 1 ? "" : "s")
                    + " through " + check.resolver() + " on " + settings.ports() + ", address policy "
                    + settings.addressPolicy() + (failFast ? ", one at a time until the first failure" : ""));
        }
        long start = System.nanoTime();
        int[] done = {0};
        // on a terminal each line shows as its operator finishes; piped, they come at the end in the order given
        Consumer<OperatorVerdict> progress = v -> {
            done[0]++;
            if (io.terminal()) {
                print(human, v, done[0], targets.size());
            }
        };
        ReadinessCheck.Checked run = check.checkTargets(targets, failFast, progress);
        List<OperatorVerdict> verdicts = run.verdicts();
        List<String> notChecked = run.notChecked();
        if (!io.terminal()) {
            for (int i = 0; i < verdicts.size(); i++) {
                print(human, verdicts.get(i), i + 1, targets.size());
            }
        }
        Path dir = reports.in(io);
        List<Path> written;
        try {
            written = CheckReports.write(verdicts, dir, formatList);
        } catch (IOException e) {
            throw new ToolException("cannot write the reports to " + dir + ": " + e.getMessage()
                    + "; choose another folder with --report-dir", e);
        }
        long failed = verdicts.stream().filter(v -> !v.ready()).count();
        DriftReport drift = parsedRules == null ? null : DriftCheck.check(verdicts.stream().map(EpdgAddresses::of).toList(),
                parsedRules, DriftPolicy.DEFAULTS.withTooBroadIsViolation(broadRulesFail).withStaleIsViolation(staleRulesFail));
        human.println(CheckLines.summary(verdicts.size() - (int) failed, targets.size(),
                Duration.ofNanos(System.nanoTime() - start)));
        CheckLines.table(verdicts, notChecked, settings.attach().isPresent()).forEach(human::println);
        if (drift != null) {
            human.println("firewall rules: " + drift.summary());
            drift.warnings().forEach(f -> human.println("warning: " + f));
        }
        written.forEach(f -> human.println("report " + f));
        boolean drifted = drift != null && !drift.passed();
        if (failed > 0 || drifted) {
            human.println(CheckLines.failure(verdicts, targets.size(), drift, notChecked, written, dir));
        }
        if (json) {
            io.out().print(jsonText(verdicts, written, formatList));
            io.out().flush();
        }
        List<Judgement> judgements = new ArrayList<>(verdicts.stream().map(Judgement::of).toList());
        if (drifted) {
            judgements.add(Judgement.NOT_COMPLIANT);
        }
        return Judgement.exitCode(judgements);
    }

    private static void print(PrintStream out, OperatorVerdict v, int done, int total) {
        out.println(CheckLines.verdict(v, done, total));
        v.attaches().forEach(a -> CheckLines.attach(a, out::println, line -> { }));
        v.userPlanes().forEach(u -> UserPlaneLines.console(u).forEach(out::println));
    }

    /** The JSON report as written (the same bytes), or rendered when json is not among the formats. */
    private static String jsonText(List<OperatorVerdict> verdicts, List<Path> written, List<CheckReports.Format> formats) {
        int i = formats.indexOf(CheckReports.Format.JSON);
        if (i >= 0) {
            try {
                return Files.readString(written.get(i), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ToolException("cannot read back " + written.get(i) + ": " + e.getMessage(), e);
            }
        }
        return JsonReport.text(verdicts);
    }

    private CheckSettings settings(Io io) {
        CheckSettings s = CheckSettings.DEFAULTS.withDnsTimeout(lookup.timeout())
                .withProbeTimeout(Usage.duration(spec, "--probe-timeout", probeTimeout));
        try {
            s = s.withProbe(s.probe().withPacketsPerSecond(Usage.integer(spec, "--rate", rate, "0 or more datagrams a second")));
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--rate", rate, e.getMessage());
        }
        s = scope.apply(s);
        try {
            s = s.withAddressPolicy(AddressPolicy.parse(addressPolicy));
        } catch (IllegalArgumentException e) {
            throw Usage.bad(spec, "--address-policy", addressPolicy, e.getMessage());
        }
        s = s.withDnsServers(lookup.servers());
        Optional<AttachSettings> attach = attach(io);
        s = attach.isPresent() ? s.withAttach(attach.get()) : s;
        Optional<UserPlaneSettings> plane = userPlane(io, attach.map(AttachSettings::withSim).orElse(false));
        return plane.isPresent() ? s.withUserPlane(plane.get()) : s;
    }

    /** The options and the properties they stand for, longest property first so none is a prefix of the next. */
    private Map<String, String[]> userPlaneOptions() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put(UserPlaneOptions.REFLECTOR_KEY_FILE, new String[] {"--reflector-key-file", reflectorKeyFile});
        m.put(UserPlaneOptions.LIFETIME_BUDGET, new String[] {"--lifetime-budget", lifetimeBudget});
        m.put(UserPlaneOptions.REFLECTOR, new String[] {"--reflector", reflector});
        m.put(UserPlaneOptions.LIFETIME, new String[] {"--lifetime", lifetime});
        m.put(UserPlaneOptions.KEEP_ALIVE, new String[] {"--keep-alive", keepAlive});
        m.put(UserPlaneOptions.DNS_NAMES, new String[] {"--dns-names", dnsNames});
        m.put(UserPlaneOptions.TIMEOUT, new String[] {"--user-plane-timeout", userPlaneTimeout});
        return m;
    }

    /** The user-plane settings; the reflector's key only from the environment or a file, never echoed. */
    private Optional<UserPlaneSettings> userPlane(Io io, boolean fullAttach) {
        if (!userPlane) {
            // a user-plane option without --user-plane would be ignored silently: say so instead
            for (String[] o : userPlaneOptions().values()) {
                if (o[1] != null) {
                    throw Usage.bad(spec, o[0], o[1], "checks the user plane, which --user-plane turns on; add --user-plane"
                            + " (with --ike-auth attach), or drop " + o[0]);
                }
            }
            return Optional.empty();
        }
        UserPlaneOptions options = new UserPlaneOptions("true", reflector, null, reflectorKeyFile, lifetime, lifetimeBudget,
                keepAlive, dnsNames, userPlaneTimeout);
        try {
            return options.toSettings(io.cwd(), io.env(), fullAttach);
        } catch (IllegalArgumentException e) {
            throw userPlaneMistake(String.valueOf(e.getMessage()));
        }
    }

    /** The engine's message names a property ("wificall.userPlane.lifetime: ..."); this names the option instead. */
    private RuntimeException userPlaneMistake(String message) {
        String needsAttach = UserPlaneOptions.USER_PLANE + ": true needs";
        if (message.startsWith(needsAttach)) {
            return new picocli.CommandLine.ParameterException(spec.commandLine(), "--user-plane: needs a full EAP-AKA"
                    + " attach to run through its tunnel; add --ike-auth attach with the subscriber's credentials in"
                    + " WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC (--ike-auth is " + ikeAuth + ")");
        }
        for (Map.Entry<String, String[]> e : userPlaneOptions().entrySet()) {
            String prefix = e.getKey() + ": ";
            if (message.startsWith(prefix)) {
                return Usage.bad(spec, e.getValue()[0], e.getValue()[1], optionNames(message.substring(prefix.length())));
            }
        }
        // the key from the environment: the message names the variable, never its value
        return new picocli.CommandLine.ParameterException(spec.commandLine(), (message.startsWith(
                UserPlaneOptions.ENV_REFLECTOR_KEY + ": ") ? "environment variable " : "--user-plane: ") + optionNames(message));
    }

    /** "set wificall.ikeAuth=attach, or leave wificall.sim.reader unset" with the options' names. */
    private static String simOptionNames(String text) {
        return text.replace("wificall.ikeAuth=attach", "--ike-auth attach").replace("wificall.ikeAuth", "--ike-auth")
                .replace(SimOptions.READER, "--sim-reader").replace(SimOptions.PIN_FILE, "--sim-pin-file");
    }

    /** "set wificall.userPlane.reflector too" as "set --reflector too". */
    private String optionNames(String text) {
        String t = text;
        for (Map.Entry<String, String[]> e : userPlaneOptions().entrySet()) {
            t = t.replace(e.getKey(), e.getValue()[0]);
        }
        return t;
    }

    /** IKE_AUTH settings; the credentials only from the environment or a SIM in a reader, never echoed. */
    Optional<AttachSettings> attach(Io io) {
        AttachOptions options = new AttachOptions(ikeAuth, trustStore, certificateWarningDays, apn, attachTimeout,
                null, null, null, null).withSim(simReader, simPinFile);
        try {
            return options.toSettings(io.cwd(), io.env());
        } catch (IllegalArgumentException e) {
            throw attachMistake(String.valueOf(e.getMessage()));
        }
    }

    /** The engine's message starts with the property ("wificall.trustStore: ..."); this names the option instead. */
    private RuntimeException attachMistake(String message) {
        Map<String, String[]> options = Map.of(
                "wificall.ikeAuth: ", new String[] {"--ike-auth", ikeAuth},
                "wificall.trustStore: ", new String[] {"--trust-store", trustStore},
                "wificall.certificateWarningDays: ", new String[] {"--certificate-warning-days", certificateWarningDays},
                "wificall.apn: ", new String[] {"--apn", apn},
                "wificall.attachTimeout: ", new String[] {"--attach-timeout", attachTimeout});
        for (Map.Entry<String, String[]> e : options.entrySet()) {
            if (message.startsWith(e.getKey())) {
                return Usage.bad(spec, e.getValue()[0], e.getValue()[1], message.substring(e.getKey().length()));
            }
        }
        String reader = SimOptions.READER + ": ";
        if (message.startsWith(reader)) {
            return Usage.bad(spec, "--sim-reader", simReader, simOptionNames(message.substring(reader.length())));
        }
        String pinFile = SimOptions.PIN_FILE;
        int close = message.indexOf("): ");
        if (message.startsWith(pinFile + ": ")) {
            return Usage.bad(spec, "--sim-pin-file", simPinFile, message.substring(pinFile.length() + 2));
        }
        if (message.startsWith(pinFile + " (") && close > 0) {
            // "wificall.sim.pinFile (/abs/sim.pin): the SIM's PIN must be ...": the path, never the PIN
            return Usage.bad(spec, "--sim-pin-file", simPinFile, message.substring(pinFile.length() + 2, close) + ": "
                    + message.substring(close + 3));
        }
        if (message.startsWith(pinFile + " ")) {
            return Usage.bad(spec, "--sim-pin-file", simPinFile, simOptionNames(message));
        }
        String envPin = "env " + SimOptions.ENV_PIN + ": ";
        if (message.startsWith(envPin)) {
            return new picocli.CommandLine.ParameterException(spec.commandLine(), "environment variable "
                    + message.substring("env ".length()));
        }
        // credentials: the message names the variable, never its value
        return Usage.bad(spec, "--ike-auth", ikeAuth, message.replace("wificall.ikeAuth=attach ", ""));
    }
}
