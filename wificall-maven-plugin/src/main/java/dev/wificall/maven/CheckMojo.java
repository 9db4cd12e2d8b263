package dev.wificall.maven;

import dev.wificall.attach.AttachOptions;
import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachSettings;
import dev.wificall.dns.AddressText;
import dev.wificall.eap.CredentialSource;
import dev.wificall.firewall.DriftCheck;
import dev.wificall.firewall.DriftPolicy;
import dev.wificall.firewall.DriftReport;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.probe.IkePort;
import dev.wificall.report.CheckLines;
import dev.wificall.userplane.UserPlaneOptions;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneSettings;
import dev.wificall.report.CheckReports;
import dev.wificall.report.UserPlaneLines;
import dev.wificall.sim.ReaderSim;
import dev.wificall.sim.SimOptions;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
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
 * to every address on UDP/500 and UDP/4500. With {@code ikeAuth=probe} or {@code ikeAuth=attach} it
 * then goes on to IKE_AUTH as a phone on the addresses that answered: the ePDG's certificate chain
 * (name, expiry, trust), its AUTH signature, the EAP method, whether the answer gets through as IKE
 * fragments, and with the subscriber's credentials a full EAP-AKA attach with the inner address, DNS
 * and P-CSCF it assigns. Logs a line per operator as it finishes (and a line per IKE_AUTH probe) and a
 * summary table at the end; fails the build when an operator is not reachable, naming operator,
 * FQDN, address, port and what was seen. Writes the reports (JSON, JUnit XML, HTML) to the report
 * directory, also when the build fails. K and OPc are never logged or reported and the IMSI only
 * masked; give them as the environment variables WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC (or
 * WIFICALL_OP), never in a POM, or attach with the SIM in a PC/SC card reader ({@code simReader}).
 * With {@code userPlane=true} (and {@code ikeAuth=attach}) it checks the
 * user plane through each tunnel and logs a line per tunnel and per check.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
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

    /**
     * How many addresses of one ePDG name are probed, the first in the resolver's order: 16 by default
     * (a phone tries the first or a few); a firewall audit that wants every address raises it, e.g. 1000.
     * When the cap leaves addresses out, the verdict says how many.
     */
    @Parameter(property = "wificall.maxAddresses", defaultValue = "16")
    String maxAddresses;

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

    /**
     * The rules files' format: srx-set, srx, nftables, iptables, ip6tables, asa, panos, fortios, pfsense
     * (also OPNsense), mikrotik, terraform-aws or terraform-gcp (either reads both providers' rules); by
     * default from the file name (.set, .conf, .nft, .rsc, .tf, names with iptables, panos, fortigate,
     * pfsense, opnsense, ...).
     */
    @Parameter(property = "wificall.rulesFormat")
    String rulesFormat;

    /** Whether rules that allow UDP/500 or UDP/4500 to any destination fail the check (else a warning). */
    @Parameter(property = "wificall.broadRulesFail", defaultValue = "false")
    boolean broadRulesFail;

    /** Whether allowed addresses that no ePDG name resolves to any more fail the check (else a warning). */
    @Parameter(property = "wificall.staleRulesFail", defaultValue = "false")
    boolean staleRulesFail;

    /**
     * How far past IKE_SA_INIT the check goes, on each address that answered it on every probed port:
     * {@code none} stops there (reachability only); {@code probe} sends IKE_AUTH as a phone without a
     * SIM and stops at the ePDG's first answer (its certificate chain, AUTH signature, EAP method, IKE
     * fragmentation); {@code attach} runs a full EAP-AKA attach with the subscriber's credentials,
     * from the environment variables WIFICALL_IMSI, WIFICALL_K and WIFICALL_OPC (or WIFICALL_OP), or
     * else from {@code imsi}, {@code k}, {@code opc} or {@code op}, or from the SIM in the card reader
     * {@code simReader}. A failed IKE_AUTH fails the operator.
     */
    @Parameter(property = "wificall.ikeAuth", defaultValue = "none")
    String ikeAuth;

    /**
     * The CA certificates the ePDG's chain must lead to, as a phone's trust store has them: a PEM or
     * DER file, a directory of .pem/.crt/.cer files, or a PKCS#12/JKS key store without a password;
     * relative to the project's directory. Without it the chain is reported but not judged.
     */
    @Parameter(property = "wificall.trustStore")
    String trustStore;

    /** An ePDG certificate (or one of its chain) that expires within this many days is a warning, 0 to 3650. */
    @Parameter(property = "wificall.certificateWarningDays", defaultValue = "30")
    String certificateWarningDays;

    /** The access point name a phone asks for, sent as IDr in IKE_AUTH. */
    @Parameter(property = "wificall.apn", defaultValue = "ims")
    String apn;

    /** How long IKE_AUTH may take per address, from its IKE_SA_INIT to the last answer, e.g. {@code 15s}; one exchange waits at most 5 s. */
    @Parameter(property = "wificall.attachTimeout", defaultValue = "15s")
    String attachTimeout;

    /**
     * The subscriber's IMSI (6 to 15 digits). With {@code ikeAuth=attach}, together with {@code k} and
     * {@code opc} or {@code op}: all credentials come from these parameters or all from the
     * environment. With {@code ikeAuth=probe}, the IMSI whose NAI is sent as IDi instead of a
     * placeholder of the operator's PLMN. Logged and reported only masked (26201**********); prefer
     * the environment variable WIFICALL_IMSI.
     */
    @Parameter(property = "wificall.imsi")
    String imsi;

    /**
     * The subscriber's K, 32 hex digits, for {@code ikeAuth=attach}. Prefer the environment variable
     * WIFICALL_K; never put keys in a POM. Meant for settings.xml (a profile's properties) or the
     * command line ({@code -Dwificall.k=...}); Maven's debug output ({@code -X}) prints the values of
     * the parameters it sets and the command line is in the process list, so a key given here can
     * show up there.
     */
    @Parameter(property = "wificall.k")
    String k;

    /** The subscriber's OPc, 32 hex digits, for {@code ikeAuth=attach}; as for {@code k}: prefer WIFICALL_OPC, never put keys in a POM. */
    @Parameter(property = "wificall.opc")
    String opc;

    /** The operator's OP, 32 hex digits, instead of {@code opc} (OPc is derived from it and K); as for {@code k}: prefer WIFICALL_OP. */
    @Parameter(property = "wificall.op")
    String op;

    /**
     * The subscriber is the SIM in this PC/SC card reader, for {@code ikeAuth=attach}: the reader's name, a
     * unique part of it, or its index ({@code 0} for the first; {@code wificall readers} lists them). Not
     * together with {@code imsi}/{@code k}/{@code opc}/{@code op}; the environment's WIFICALL_IMSI, WIFICALL_K
     * and WIFICALL_OPC are then ignored. pcscd must run; the card is first asked when the attach starts, and a
     * card that cannot be read (no reader, no card, a wrong PIN) fails that attach, naming why.
     */
    @Parameter(property = "wificall.sim.reader")
    String simReader;

    /**
     * A file holding the SIM's PIN1 on one line (4 to 8 digits), relative to the project's directory; without it
     * the PIN comes from the environment variable WIFICALL_SIM_PIN, else none is sent (PIN1 disabled). The PIN is
     * never logged; a PIN the card refused is not sent again in the same build.
     */
    @Parameter(property = "wificall.sim.pinFile")
    String simPinFile;

    /**
     * What IKE_SA_INIT offers: {@code configured} (the engine's phone-like default offer) or
     * {@code phones}: for each operator and name, what one of its phones offers, from the shipped
     * phone profiles, so the gate's request looks like a real phone's (the default offer where no
     * profile of the operator can be replayed).
     */
    @Parameter(property = "wificall.offer", defaultValue = "configured")
    String offer;

    /**
     * With {@code ikeAuth=attach}: after each attach, check the user plane through its tunnel as a phone's
     * calls use it: ESP both ways (an inner echo), the inner DNS, SIP OPTIONS to the P-CSCFs over UDP and
     * TCP, the largest inner packet, IKE beside ESP on UDP/4500 and, with {@code userPlaneReflector}, the NAT
     * mapping's lifetime. The log shows a line per tunnel and per check; a failed user plane fails the
     * operator (and the build) with its sentence. The same settings as the JUnit extension's
     * {@code wificall.userPlane.*} parameters and the command line's {@code --user-plane} options.
     */
    @Parameter(property = "wificall.userPlane", defaultValue = "false")
    String userPlane;

    /**
     * The reflector behind the ePDG (wificall-testkit's {@code Reflector}), an address literal inside the
     * tunnel with its port, e.g. {@code 10.46.0.20:7777} or {@code [fd46::20]:7777}; with it the mapping
     * lifetime is measured. Needs the reflector's key.
     */
    @Parameter(property = "wificall.userPlane.reflector")
    String userPlaneReflector;

    /**
     * The reflector's key, hex or base64, at least 16 bytes; never logged. Prefer the environment variable
     * WIFICALL_REFLECTOR_KEY or {@code userPlaneReflectorKeyFile}: Maven's -X output and the process list show
     * properties, and keys never belong in a POM.
     */
    @Parameter(property = "wificall.userPlane.reflectorKey")
    String userPlaneReflectorKey;

    /** A file holding the reflector's key as hex or base64, relative to the project's directory. */
    @Parameter(property = "wificall.userPlane.reflectorKeyFile")
    String userPlaneReflectorKeyFile;

    /** The bounds of the mapping lifetime searched, {@code LOWER..UPPER[/STEP]}; by default {@code 2s..60s/1s}. */
    @Parameter(property = "wificall.userPlane.lifetime")
    String userPlaneLifetime;

    /** How long the mapping-lifetime measurement may take in all; by default {@code 150s}. */
    @Parameter(property = "wificall.userPlane.lifetimeBudget")
    String userPlaneLifetimeBudget;

    /**
     * The keep-alive check's interval, e.g. {@code 20s}: after a loss, a last request waits twice the loss
     * (at least 20 s, at most the upper bound) while NAT-keepalives go out at this interval, and its answer
     * must arrive. None by default.
     */
    @Parameter(property = "wificall.userPlane.keepAlive")
    String userPlaneKeepAlive;

    /** Names the inner DNS must answer, comma-separated; by default the PLMN's IMS domain. */
    @Parameter(property = "wificall.userPlane.dnsNames")
    String userPlaneDnsNames;

    /** How long each inner request (echo, DNS query, SIP OPTIONS) waits for its answer; by default {@code 3s}. */
    @Parameter(property = "wificall.userPlane.timeout")
    String userPlaneTimeout;

    /** Skips the check. */
    @Parameter(property = "wificall.skip", defaultValue = "false")
    boolean skip;

    /**
     * Where the reports go: by default {@code target/wificall-reports} in a project, and {@code ./wificall-reports} when the goal runs
     * without a POM.
     */
    @Parameter(property = "wificall.reportDirectory")
    File reportDirectory;

    private final ReportWriter reports;

    /** Where attach credentials come from when no parameter names them; the process environment, a map in tests. */
    Map<String, String> environment = System.getenv();

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
        reportDirectory = outputFolder(reportDirectory, "wificall-reports");
        List<CheckReports.Format> formatList = formats();
        CheckSettings settings = settings();
        List<Operator> all = allOperators();
        List<CheckTarget> given = new ArrayList<>();
        for (Operator operator : all) {
            given.add(operator.target(settings));
        }
        List<CheckTarget> targets = asPhonesSeeThem(given, phoneOffers());
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
                + (failFast ? ", one at a time until the first failure (failFast)" : "")
                + settings.attach().map(this::ikeAuthPlan).orElse("")
                + settings.userPlane().map(CheckMojo::userPlanePlan).orElse(""));
        if (Stream.of(k, opc, op).anyMatch(CheckMojo::set)) {
            getLog().warn("wificall: the subscriber's keys come from wificall.k/wificall.opc/wificall.op; prefer the environment"
                    + " variables WIFICALL_K and WIFICALL_OPC (or WIFICALL_OP): Maven's -X output and the process list show"
                    + " properties, and keys never belong in a POM");
        }
        if (userPlaneOptions().keyInSettings()) {
            getLog().warn("wificall: the reflector's key comes from wificall.userPlane.reflectorKey; prefer the environment"
                    + " variable WIFICALL_REFLECTOR_KEY or wificall.userPlane.reflectorKeyFile: Maven's -X output and the"
                    + " process list show properties, and keys never belong in a POM");
        }
        long start = System.nanoTime();
        int[] done = {0};
        Consumer<OperatorVerdict> progress = v -> {
            done[0]++;
            String line = "wificall: " + CheckLines.verdict(v, done[0], targets.size());
            Consumer<String> out = v.ready() || failOnViolation ? getLog()::info : getLog()::warn;
            out.accept(line);
            v.attaches().forEach(a -> logAttach(a, out));
            v.userPlanes().forEach(u -> logUserPlane(u, out));
        };
        ReadinessCheck.Checked run = check.checkTargets(targets, failFast, progress);
        List<OperatorVerdict> verdicts = run.verdicts();
        List<String> notChecked = run.notChecked();
        List<Path> written = report(verdicts, formatList);
        List<OperatorVerdict> failed = verdicts.stream().filter(v -> !v.ready()).toList();
        DriftReport drift = rules == null ? null : DriftCheck.check(verdicts.stream().map(EpdgAddresses::of).toList(), rules,
                DriftPolicy.DEFAULTS.withTooBroadIsViolation(broadRulesFail).withStaleIsViolation(staleRulesFail));
        getLog().info("wificall: " + CheckLines.summary(verdicts.size() - failed.size(), targets.size(),
                Duration.ofNanos(System.nanoTime() - start)));
        Summary.table(verdicts, notChecked, settings.attach().isPresent()).forEach(line -> getLog().info(line));
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
        String message = CheckLines.failure(verdicts, targets.size(), drift, notChecked, written, reportDirectory.toPath());
        if (failOnViolation) {
            throw new MojoFailureException(message);
        }
        getLog().warn(message);
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
        try {
            settings = settings.withMaxAddresses(CheckSettings.parseMaxAddresses(maxAddresses == null ? "16" : maxAddresses));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("maxAddresses", maxAddresses) + ": " + e.getMessage());
        }
        settings = settings.withDnsServers(servers()).withAddressPolicy(policy());
        Optional<AttachSettings> attach = attachSettings();
        settings = attach.isPresent() ? settings.withAttach(attach.get()) : settings;
        Optional<UserPlaneSettings> plane = userPlaneSettings(attach.map(AttachSettings::withSim).orElse(false));
        return plane.isPresent() ? settings.withUserPlane(plane.get()) : settings;
    }

    /** The user-plane parameters as the engine reads them; the key's text is passed on, never shown. */
    UserPlaneOptions userPlaneOptions() {
        return new UserPlaneOptions(userPlane, userPlaneReflector, userPlaneReflectorKey, userPlaneReflectorKeyFile,
                userPlaneLifetime, userPlaneLifetimeBudget, userPlaneKeepAlive, userPlaneDnsNames, userPlaneTimeout);
    }

    /**
     * The user-plane settings, empty unless {@code userPlane=true}; a mistake names element, property and
     * value (never the key's).
     */
    Optional<UserPlaneSettings> userPlaneSettings(boolean fullAttach) throws MojoExecutionException {
        try {
            return userPlaneOptions().toSettings(basedir.toPath(), environment, fullAttach);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(userPlaneMistake(String.valueOf(e.getMessage())));
        }
    }

    /** The element and property for each user-plane setting, in {@link UserPlaneOptions#NAMES}' order. */
    private Map<String, String[]> userPlaneElements() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put(UserPlaneOptions.USER_PLANE, new String[] {"userPlane", userPlane});
        m.put(UserPlaneOptions.REFLECTOR, new String[] {"userPlaneReflector", userPlaneReflector});
        m.put(UserPlaneOptions.REFLECTOR_KEY, new String[] {"userPlaneReflectorKey", null});
        m.put(UserPlaneOptions.REFLECTOR_KEY_FILE, new String[] {"userPlaneReflectorKeyFile", userPlaneReflectorKeyFile});
        m.put(UserPlaneOptions.LIFETIME, new String[] {"userPlaneLifetime", userPlaneLifetime});
        m.put(UserPlaneOptions.LIFETIME_BUDGET, new String[] {"userPlaneLifetimeBudget", userPlaneLifetimeBudget});
        m.put(UserPlaneOptions.KEEP_ALIVE, new String[] {"userPlaneKeepAlive", userPlaneKeepAlive});
        m.put(UserPlaneOptions.DNS_NAMES, new String[] {"userPlaneDnsNames", userPlaneDnsNames});
        m.put(UserPlaneOptions.TIMEOUT, new String[] {"userPlaneTimeout", userPlaneTimeout});
        return m;
    }

    /** "wificall.userPlane.lifetime: ..." with the element and its value in front, as the goal's other errors. */
    String userPlaneMistake(String message) {
        for (Map.Entry<String, String[]> e : userPlaneElements().entrySet()) {
            String prefix = e.getKey() + ": ";
            if (message.startsWith(prefix)) {
                String element = e.getValue()[0];
                String value = e.getValue()[1];
                String shown = value == null ? "<" + element + "> (property " + e.getKey() + "; its value is not shown)"
                        : "<" + element + ">" + value + "</" + element + "> (property " + e.getKey() + ")";
                return shown + ": " + message.substring(prefix.length());
            }
        }
        if (message.startsWith(UserPlaneOptions.ENV_REFLECTOR_KEY + ": ")) {
            return "environment variable " + message;
        }
        return "<userPlane>" + userPlane + "</userPlane> (property wificall.userPlane): " + message;
    }

    /** The IKE_AUTH settings, empty for {@code ikeAuth=none}; a mistake names element, property and value (never a key's). */
    Optional<AttachSettings> attachSettings() throws MojoExecutionException {
        AttachOptions options = new AttachOptions(ikeAuth, trustStore, certificateWarningDays, apn, attachTimeout, imsi, k, opc,
                op).withSim(simReader, simPinFile);
        try {
            return options.toSettings(basedir.toPath(), environment);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(attachMistake(String.valueOf(e.getMessage())));
        }
    }

    /**
     * The engine's message starts with the setting's property; this puts the element and its value
     * in front as the goal's other errors do. The IMSI and the keys are never echoed.
     */
    String attachMistake(String message) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("ikeAuth", ikeAuth);
        shown.put("trustStore", trustStore);
        shown.put("certificateWarningDays", certificateWarningDays);
        shown.put("apn", apn);
        shown.put("attachTimeout", attachTimeout);
        for (Map.Entry<String, String> e : shown.entrySet()) {
            String prefix = "wificall." + e.getKey() + ": ";
            if (message.startsWith(prefix)) {
                return origin(e.getKey(), e.getValue()) + ": " + message.substring(prefix.length());
            }
        }
        if (message.startsWith("wificall.imsi: ")) {
            return "<imsi> (property wificall.imsi; its value is not shown): " + message.substring("wificall.imsi: ".length());
        }
        String sim = simMistake(message, SimOptions.READER, "simReader", simReader);
        sim = sim != null ? sim : simMistake(message, SimOptions.PIN_FILE, "simPinFile", simPinFile);
        if (sim != null) {
            return sim;
        }
        String envPin = "env " + SimOptions.ENV_PIN + ": ";
        if (message.startsWith(envPin)) {
            return "environment variable " + message.substring("env ".length());
        }
        String attach = "wificall.ikeAuth=attach ";
        return origin("ikeAuth", ikeAuth) + ": " + (message.startsWith(attach) ? message.substring(attach.length()) : message);
    }

    /**
     * A SIM setting's message with the element in front: "wificall.sim.pinFile: ...",
     * "wificall.sim.pinFile (/abs/sim.pin): ..." (the path, never the PIN) or "wificall.sim.pinFile is set
     * but ..."; null when the message is not about {@code property}.
     */
    private static String simMistake(String message, String property, String element, String value) {
        String shown = "<" + element + ">" + value + "</" + element + "> (property " + property + ")";
        if (message.startsWith(property + ": ")) {
            return shown + ": " + message.substring(property.length() + 2);
        }
        int close = message.indexOf("): ");
        if (message.startsWith(property + " (") && close > 0) {
            return shown + ": " + message.substring(property.length() + 2, close) + ": " + message.substring(close + 3);
        }
        if (message.startsWith(property + " ")) {
            return shown + ": " + message;
        }
        return null;
    }

    /** ", then IKE_AUTH without a SIM (ikeAuth=probe; ...)" for the first log line. */
    private String ikeAuthPlan(AttachSettings a) {
        String trust = a.trust().isEmpty() ? "no trustStore: certificate chains are reported, not judged"
                : "certificates checked against " + a.trust().describe();
        if (a.withSim()) {
            CredentialSource usim = a.credentials().orElseThrow();
            if (usim instanceof ReaderSim card) {
                // not imsi(): that would ask the card now, outside the attach that reports what it answers
                String pin = set(simPinFile) ? "PIN from " + basedir.toPath().resolve(simPinFile.strip())
                        : set(environment.get(SimOptions.ENV_PIN)) ? "PIN from " + SimOptions.ENV_PIN : "no PIN";
                return ", then an EAP-AKA attach with the " + card.description() + " (ikeAuth=attach, " + pin + ", APN "
                        + a.apn() + ", " + trust + ")";
            }
            boolean parameters = Stream.of(imsi, k, opc, op).anyMatch(CheckMojo::set);
            return ", then an EAP-AKA attach as " + usim.imsi().masked() + " (ikeAuth=attach,"
                    + " credentials from " + (parameters ? "wificall.imsi/k/opc/op" : "the environment") + ", APN " + a.apn()
                    + ", " + trust + ")";
        }
        return ", then IKE_AUTH without a SIM (ikeAuth=probe, APN " + a.apn()
                + a.probeImsi().map(i -> ", as " + i.masked()).orElse("") + ", " + trust + ")";
    }

    /**
     * "  IKE_AUTH 10.77.9.2: ANSWERED in 5 IKE fragments ..." and the certificate findings; the
     * transcript too when it failed, else at debug level.
     */
    void logAttach(AttachResult a, Consumer<String> out) {
        CheckLines.attach(a, out, line -> {
            if (getLog().isDebugEnabled()) {
                getLog().debug(line);
            }
        });
    }

    /** ", then the user plane through each tunnel (...)" for the first log line; never the key. */
    static String userPlanePlan(UserPlaneSettings u) {
        return ", then the user plane through each tunnel (inner echo, inner DNS "
                + (u.dnsNames().isEmpty() ? "of the IMS domain" : String.join(", ", u.dnsNames()))
                + (u.sip() ? ", SIP OPTIONS to the P-CSCFs over UDP and TCP" : "") + (u.mtu() ? ", largest inner packet" : "")
                + u.lifetime().map(l -> ", mapping lifetime " + text(l.lower()) + ".." + text(l.upper()) + " through the"
                        + " reflector " + AddressText.of(l.reflector())).orElse("")
                + ", answers within " + text(u.answerTimeout()) + ")";
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * "  user plane 10.77.9.2:4500: PASSED, the sentence", then a line per check, "    PASSED inner DNS: ...";
     * the tunnel's transcript too when it failed, else at debug level.
     */
    void logUserPlane(UserPlaneResult u, Consumer<String> out) {
        UserPlaneLines.console(u).forEach(out);
        if (u.passed() && getLog().isDebugEnabled()) {
            u.transcript().forEach(line -> getLog().debug("      " + line));
        }
    }

    private boolean phoneOffers() throws MojoExecutionException {
        String o = offer == null ? "configured" : offer.strip();
        if (o.equalsIgnoreCase("configured") || o.equalsIgnoreCase("phones")) {
            return o.equalsIgnoreCase("phones");
        }
        throw new MojoExecutionException(origin("offer", offer) + ": expected configured (the engine's phone-like"
                + " offer) or phones (what the operator's own phones offer, from the shipped phone profiles)");
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    private List<CheckReports.Format> formats() throws MojoExecutionException {
        try {
            return CheckReports.Format.parseList(formats);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(origin("formats", formats) + ": " + e.getMessage());
        }
    }

    private AddressPolicy policy() throws MojoExecutionException {
        try {
            return AddressPolicy.parse(addressPolicy == null ? "any" : addressPolicy);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<addressPolicy>" + addressPolicy + "</addressPolicy> (property"
                    + " wificall.addressPolicy): " + e.getMessage());
        }
    }

    private List<Path> report(List<OperatorVerdict> verdicts, List<CheckReports.Format> formatList)
            throws MojoExecutionException {
        Path dir = reportDirectory.toPath();
        try {
            return reports.write(verdicts, dir, formatList);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the wificall reports to " + dir + ": " + e.getMessage(), e);
        }
    }
}
