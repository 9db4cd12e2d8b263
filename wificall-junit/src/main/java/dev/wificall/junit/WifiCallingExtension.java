package dev.wificall.junit;

import dev.wificall.attach.AttachSettings;
import dev.wificall.attach.TrustAnchors;
import dev.wificall.discovery.Operators;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsServer;
import dev.wificall.eap.CredentialSource;
import dev.wificall.probe.IkePort;
import dev.wificall.sim.SimOptions;
import dev.wificall.userplane.UserPlaneSettings;
import dev.wificall.verdict.AddressPolicy;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Checks before each test that Wi-Fi Calling can reach the operators' ePDGs, fails (or aborts) the
 * test when one cannot, and injects the results. Registered by {@link EpdgReachable} and {@link EpdgTunnel},
 * or in code:
 *
 * <pre>{@code
 * class OfficeTest {
 *     @RegisterExtension
 *     static WifiCallingExtension wifi = WifiCallingExtension.builder()
 *             .operator("262-01").operator("Vodafone.de")
 *             .dnsServer("10.0.0.53")
 *             .ports(IkePort.UDP_4500)
 *             .build();
 *
 *     @Test
 *     void vodafone(WifiCallingResults results) {
 *         assertThat(results.get("262-02").ready()).isTrue();
 *     }
 * }
 *
 * class LabAttachTest {
 *     @RegisterExtension
 *     static WifiCallingExtension wifi = WifiCallingExtension.builder()
 *             .operator("262-01").ikeAuth(IkeAuth.ATTACH).trustStore(Path.of("lab/ca.pem"))
 *             .credentials(SoftUsim.builder(UsimCredentials.parse(imsi, k, opc, null))
 *                     .sqnCheck(SoftUsim.SqnCheck.ACCEPT_ANY).build())
 *             .build();
 *
 *     @Test
 *     void attaches(WifiCallingResult result) {
 *         WifiCallingAssertions.assertThat(result).isAttached().hasPcscf();
 *     }
 * }
 * }</pre>
 *
 * Results live in the root context's store: one check per operator and settings per test run.
 */
public final class WifiCallingExtension implements BeforeEachCallback, ParameterResolver {

    private static final String PARAMETERIZED_TEST = "org.junit.jupiter.params.ParameterizedTest";

    /** Set in code; empty for the instance {@link EpdgReachable} registers, which reads the annotations. */
    private final List<Request> requests;

    /** The instance {@code @EpdgReachable} registers. */
    public WifiCallingExtension() {
        this.requests = List.of();
    }

    private WifiCallingExtension(List<Request> requests) {
        this.requests = List.copyOf(requests);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the builder set; empty for the instance {@link EpdgReachable} registers. */
    List<Request> requests() {
        return requests;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        List<Request> mine = requests(context);
        Checks.enforce(context, mine, Checks.results(context, mine));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type != WifiCallingResult.class && type != WifiCallingResults.class) {
            return false;
        }
        // a parameterized test gets its results from @OperatorSource
        return Arrays.stream(parameter.getDeclaringExecutable().getAnnotations()).map(Annotation::annotationType)
                .noneMatch(a -> a.getName().equals(PARAMETERIZED_TEST));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        WifiCallingResults results = new WifiCallingResults(Checks.results(context, requests(context)));
        return parameter.getParameter().getType() == WifiCallingResults.class ? results
                : results.single(parameter.getParameter().toString());
    }

    private List<Request> requests(ExtensionContext context) {
        if (!requests.isEmpty()) {
            return requests;
        }
        Set<OperatorSpec> specs = new LinkedHashSet<>();
        OperatorSpec.findAll(context, EpdgReachable.class).forEach(f -> specs.add(OperatorSpec.of(f.annotation(), f.where())));
        OperatorSpec.findAll(context, EpdgTunnel.class).forEach(f -> specs.add(OperatorSpec.of(f.annotation(), f.where())));
        if (specs.isEmpty()) {
            throw new ExtensionConfigurationException("no @EpdgReachable or @EpdgTunnel on " + context.getDisplayName()
                    + " or its classes; annotate the test or its class, or register WifiCallingExtension.builder()"
                    + "...build() with @RegisterExtension");
        }
        return specs.stream().map(OperatorSpec::request).toList();
    }

    /** The programmatic form; each setting applies to every operator of the extension. */
    public static final class Builder {
        private final List<String> operators = new ArrayList<>();
        private final List<SelectionInput> inputs = new ArrayList<>();
        private final List<DnsServer> dnsServers = new ArrayList<>();
        private List<IkePort> ports;
        private AddressPolicy policy;
        private Duration dnsTimeout;
        private Duration probeTimeout;
        private Integer rate;
        private Integer portOffset;
        private boolean abort;
        private IkeAuth ikeAuth = IkeAuth.DEFAULT;
        private final Map<String, String> ikeAuthCalls = new LinkedHashMap<>();
        private String trustStore;
        private Integer warningDays;
        private String apn;
        private Duration attachTimeout;
        private CredentialSource credentials;
        private String simReader;
        private String simPinFile;
        private boolean userPlane;
        private UserPlaneSettings userPlaneSettings;
        private String userPlaneCall;

        private Builder() {
        }

        /** An operator as MCC-MNC ({@code "262-01"}) or by name from the bundled table ({@code "Congstar"}). */
        public Builder operator(String operator) {
            String call = "operator(\"" + operator + "\")";
            try {
                String text = Objects.requireNonNull(operator, "operator").strip();
                add(call, SelectionInput.of(text.matches("\\d.*") ? Plmn.parse(text) : Operators.find(text)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw mistake(call, e.getMessage());
            }
            return this;
        }

        public Builder operator(int mcc, int mnc) {
            String call = "operator(" + mcc + ", " + mnc + ")";
            try {
                add(call, SelectionInput.of(Plmn.of(mcc, mnc)));
            } catch (IllegalArgumentException e) {
                throw mistake(call, e.getMessage());
            }
            return this;
        }

        /** What a phone knows in full: area codes, abroad, emergency; see {@link SelectionInput}. */
        public Builder operator(SelectionInput input) {
            add("operator(" + Objects.requireNonNull(input, "input") + ")", input);
            return this;
        }

        /** A configured ePDG name, asked as given. */
        public Builder fqdn(String fqdn) {
            String call = "fqdn(\"" + fqdn + "\")";
            try {
                add(call, SelectionInput.configured(fqdn));
            } catch (IllegalArgumentException e) {
                throw mistake(call, e.getMessage());
            }
            return this;
        }

        /** A resolver, {@code host[:port]}; call again for more (the first is the network's, the others compared). */
        public Builder dnsServer(String server) {
            String call = "dnsServer(\"" + server + "\")";
            try {
                DnsServer parsed = DnsServer.parse(server);
                if (dnsServers.contains(parsed)) {
                    throw new IllegalArgumentException(parsed + " is given twice; name each resolver once");
                }
                dnsServers.add(parsed);
            } catch (IllegalArgumentException e) {
                throw mistake(call, e.getMessage());
            }
            return this;
        }

        public Builder ports(IkePort... ports) {
            if (ports.length == 0 || new LinkedHashSet<>(Arrays.asList(ports)).size() != ports.length) {
                throw mistake("ports(" + Arrays.toString(ports) + ")", "expected UDP_500, UDP_4500 or both, each once");
            }
            this.ports = List.of(ports);
            return this;
        }

        public Builder addressPolicy(AddressPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder dnsTimeout(Duration timeout) {
            this.dnsTimeout = positive("dnsTimeout", timeout);
            return this;
        }

        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = positive("probeTimeout", timeout);
            return this;
        }

        /** IKE datagrams per second, 0 for no cap. */
        public Builder rate(int perSecond) {
            if (perSecond < 0) {
                throw mistake("rate(" + perSecond + ")", "expected datagrams per second, 0 for no cap, e.g. 200");
            }
            this.rate = perSecond;
            return this;
        }

        /** Probe 500 + offset and 4500 + offset: a simulator on unprivileged ports, e.g. 10000. */
        public Builder portOffset(int offset) {
            if (offset < 0 || offset > 65535 - 4500) {
                throw mistake("portOffset(" + offset + ")", "expected 0 (real ePDGs) to 61035, e.g. 10000");
            }
            this.portOffset = offset;
            return this;
        }

        /** Abort (skip with the reason) instead of failing when an ePDG is not reachable. */
        public Builder abortWhenUnreachable(boolean abort) {
            this.abort = abort;
            return this;
        }

        /**
         * How far past IKE_SA_INIT to go: {@link IkeAuth#PROBE} (IKE_AUTH without a SIM: certificate,
         * signature, EAP method), {@link IkeAuth#ATTACH} (EAP-AKA with {@link #credentials}, else
         * {@code wificall.imsi}/{@code k}/{@code opc}, else the environment), {@link IkeAuth#NONE};
         * {@link IkeAuth#DEFAULT} (as not calling this): {@code wificall.ikeAuth}, except that
         * {@link #credentials} alone means ATTACH.
         */
        public Builder ikeAuth(IkeAuth mode) {
            this.ikeAuth = Objects.requireNonNull(mode, "mode");
            ikeAuthCalls.put(IkeAuthSettings.IKE_AUTH, call("ikeAuth(" + mode + ")"));
            return this;
        }

        /**
         * The CA certificates the ePDG's chain must lead to: a PEM or DER file, a directory of them, or a
         * PKCS#12 key store without password; relative to the working directory. Read now, to fail early.
         */
        public Builder trustStore(Path path) {
            String call = "trustStore(" + path + ")";
            try {
                TrustAnchors.load(Path.of("").toAbsolutePath().resolve(Objects.requireNonNull(path, "path")));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw mistake(call, e.getMessage());
            }
            this.trustStore = path.toString();
            ikeAuthCalls.put(IkeAuthSettings.TRUST_STORE, call(call));
            return this;
        }

        /** A certificate expiring within this many days (0 to 3650) is a warning; default 30. */
        public Builder certificateWarningDays(int days) {
            if (days < 0 || days > 3650) {
                throw mistake("certificateWarningDays(" + days + ")", "expected 0 to 3650 days before a certificate's"
                        + " expiry that are a warning, e.g. 30");
            }
            this.warningDays = days;
            ikeAuthCalls.put(IkeAuthSettings.WARNING_DAYS, call("certificateWarningDays(" + days + ")"));
            return this;
        }

        /** The APN asked for as IDr; default {@code ims}. */
        public Builder apn(String name) {
            String call = "apn(\"" + name + "\")";
            try {
                AttachSettings.DEFAULTS.withApn(name == null ? null : name.strip());
            } catch (IllegalArgumentException e) {
                throw mistake(call, e.getMessage());
            }
            this.apn = name.strip();
            ikeAuthCalls.put(IkeAuthSettings.APN, call(call));
            return this;
        }

        /** How long the whole IKE_AUTH may take; default 15 s. */
        public Builder attachTimeout(Duration timeout) {
            this.attachTimeout = positive("attachTimeout", timeout);
            ikeAuthCalls.put(IkeAuthSettings.TIMEOUT, call("attachTimeout(" + timeout + ")"));
            return this;
        }

        /**
         * The subscriber's USIM for {@link IkeAuth#ATTACH}, e.g. {@code SoftUsim.builder(UsimCredentials.parse(imsi,
         * k, opc, null)).sqnCheck(SoftUsim.SqnCheck.ACCEPT_ANY).build()} (a lab's HSS derives SQN from the
         * clock); it wins over {@code wificall.imsi}/{@code k}/{@code opc} and the environment. Without
         * {@link #ikeAuth} it means ATTACH; with {@link IkeAuth#PROBE} its IMSI names the subscriber.
         * Reports show the IMSI masked, never K or OPc.
         */
        public Builder credentials(CredentialSource usim) {
            this.credentials = Objects.requireNonNull(usim, "usim");
            return this;
        }

        /**
         * The subscriber is the SIM in this PC/SC card reader, for {@link IkeAuth#ATTACH}: the reader's name, a
         * unique part of it, or its index ("0" for the first); as {@code wificall.sim.reader}, which it wins over.
         * Its PIN comes from {@link #simPinFile}, else {@code wificall.sim.pinFile}, else the environment variable
         * {@code WIFICALL_SIM_PIN}, else none (PIN1 disabled). Without {@link #ikeAuth} it means ATTACH; not with
         * {@link #credentials}. The card is first asked when the attach runs: an empty reader or a wrong PIN is
         * then the attach's SIM_ERROR, not a configuration mistake.
         */
        public Builder simReader(String reader) {
            String call = "simReader(\"" + reader + "\")";
            if (reader == null || reader.isBlank()) {
                throw mistake(call, "expected a card reader's name, a unique part of it, or its index (0 for the first);"
                        + " wificall readers lists them");
            }
            this.simReader = reader.strip();
            ikeAuthCalls.put(IkeAuthSettings.SIM_READER, call(call));
            return this;
        }

        /**
         * The file holding the SIM's PIN1 on one line (4 to 8 digits), relative to the working directory; as
         * {@code wificall.sim.pinFile}, which it wins over. Read now, to fail early, and again when the card is
         * asked; the PIN never shows in a message.
         */
        public Builder simPinFile(Path file) {
            String call = "simPinFile(" + file + ")";
            try {
                // any reader name will do: only the file is read and checked here
                new SimOptions("check", Objects.requireNonNull(file, "file").toString())
                        .toSettings(Path.of("").toAbsolutePath(), Map.of());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw mistake(call, pinFileProblem(String.valueOf(e.getMessage())));
            }
            this.simPinFile = file.toString();
            ikeAuthCalls.put(IkeAuthSettings.SIM_PIN_FILE, call(call));
            return this;
        }

        /**
         * After the attach ({@link IkeAuth#ATTACH}, or {@link #credentials} alone), check the user plane through
         * its tunnel, with the configuration parameters {@code wificall.userPlane.*} (see {@link EpdgTunnel});
         * false (as not calling this): {@code wificall.userPlane} decides.
         */
        public Builder userPlane(boolean on) {
            this.userPlane = on;
            this.userPlaneSettings = null;
            this.userPlaneCall = call("userPlane(" + on + ")");
            return this;
        }

        /** The user plane with these settings; no {@code wificall.userPlane.*} parameter is read. */
        public Builder userPlane(UserPlaneSettings settings) {
            this.userPlaneSettings = Objects.requireNonNull(settings, "settings");
            this.userPlane = true;
            this.userPlaneCall = call("userPlane(" + settings + ")");
            return this;
        }

        public WifiCallingExtension build() {
            if (inputs.isEmpty()) {
                throw mistake("build()", "no operator; call operator(\"262-01\"), operator(262, 1) or"
                        + " fqdn(\"epdg.example.net\") first");
            }
            IkeAuth mode = ikeAuth;
            Map<String, String> written = new LinkedHashMap<>(ikeAuthCalls);
            if (simReader != null) {
                String call = "simReader(\"" + simReader + "\")";
                if (credentials != null) {
                    throw mistake(call, "credentials(" + credentials + ") names the subscriber too; keep one of them");
                }
                if (ikeAuth == IkeAuth.NONE) {
                    throw mistake(call, "ikeAuth(NONE) sends no IKE_AUTH, so the SIM would go unused; drop ikeAuth(NONE),"
                            + " or ask for ikeAuth(IkeAuth.ATTACH)");
                }
                if (ikeAuth == IkeAuth.DEFAULT) {
                    mode = IkeAuth.ATTACH;
                    written.put(IkeAuthSettings.IKE_AUTH, call(call + " (IKE_AUTH attach)"));
                }
            }
            if (credentials != null) {
                if (ikeAuth == IkeAuth.NONE) {
                    throw mistake("credentials(" + credentials + ")", "ikeAuth(NONE) sends no IKE_AUTH, so the SIM"
                            + " would go unused; drop ikeAuth(NONE), or ask for ikeAuth(IkeAuth.ATTACH)");
                }
                if (ikeAuth == IkeAuth.DEFAULT) {
                    mode = IkeAuth.ATTACH;
                    written.put(IkeAuthSettings.IKE_AUTH, call("credentials(" + credentials + ") (IKE_AUTH attach)"));
                }
            }
            IkeAuthRequest ike = new IkeAuthRequest(true, mode, Optional.ofNullable(trustStore),
                    Optional.ofNullable(warningDays).map(String::valueOf), Optional.ofNullable(apn),
                    Optional.ofNullable(attachTimeout).map(d -> d.toMillis() + "ms"), Optional.ofNullable(credentials),
                    Optional.ofNullable(simReader), Optional.ofNullable(simPinFile), written);
            UserPlaneRequest plane = userPlane ? new UserPlaneRequest(true, Optional.ofNullable(userPlaneSettings),
                    userPlaneCall) : UserPlaneRequest.FROM_CONFIGURATION;
            List<Request> requests = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                requests.add(new Request("WifiCallingExtension.builder()." + operators.get(i), inputs.get(i), dnsServers,
                        Optional.ofNullable(ports), Optional.ofNullable(policy), Optional.ofNullable(dnsTimeout),
                        Optional.ofNullable(probeTimeout), rate == null ? OptionalInt.empty() : OptionalInt.of(rate), abort,
                        portOffset == null ? OptionalInt.empty() : OptionalInt.of(portOffset), ike, plane));
            }
            return new WifiCallingExtension(requests);
        }

        /** The engine's "wificall.sim.pinFile: ..." or "wificall.sim.pinFile (/abs/sim.pin): ..." without the property. */
        private static String pinFileProblem(String message) {
            String named = SimOptions.PIN_FILE + ": ";
            String about = SimOptions.PIN_FILE + " (";
            if (message.startsWith(named)) {
                return message.substring(named.length());
            }
            int close = message.indexOf("): ");
            if (message.startsWith(about) && close > 0) {
                return message.substring(about.length(), close) + ": " + message.substring(close + 3);
            }
            return message;
        }

        private static String call(String call) {
            return "WifiCallingExtension.builder()." + call;
        }

        private void add(String call, SelectionInput input) {
            if (inputs.contains(input)) {
                throw mistake(call, "this operator is already named; name each once");
            }
            operators.add(call);
            inputs.add(input);
        }

        private static Duration positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero() || d.toMinutes() > 10) {
                throw mistake(what + "(" + d + ")", "expected a duration between 1 ms and 10 minutes, e.g."
                        + " Duration.ofSeconds(3)");
            }
            return d;
        }

        private static ExtensionConfigurationException mistake(String call, String problem) {
            return new ExtensionConfigurationException(call(call) + ": " + problem);
        }
    }
}
