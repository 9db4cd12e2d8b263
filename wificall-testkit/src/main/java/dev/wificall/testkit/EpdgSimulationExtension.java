package dev.wificall.testkit;

import dev.wificall.probe.IkePort;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts an {@link EpdgSimulationNetwork} (simulator and resolver) before a class's tests, hands it
 * to wificall's JUnit extension, and stops it after them. Registered by {@link EpdgSimulation}, or
 * in code, with every behaviour the simulator has:
 *
 * <pre>{@code
 * @EpdgReachable(mcc = 262, mnc = 1)
 * class CookieTest {
 *     @RegisterExtension
 *     static EpdgSimulationExtension epdg = EpdgSimulationExtension.builder()
 *             .operator("262-01")
 *             .behaviour(IkePort.UDP_500, Behaviour.cookieFirst())
 *             .build();
 *
 *     @Test
 *     void answeredAfterTheCookie(WifiCallingResult result) { }
 * }
 * }</pre>
 *
 * <p>How wificall finds the simulation: configuration parameters cannot be set while tests run, so
 * the extension publishes {@code wificall.dns.server} and {@code wificall.portOffset} in the class's
 * {@link ExtensionContext.Store} under the namespace {@link #PUBLISHED}
 * ({@code Namespace.create("dev.wificall", "configuration")}), where wificall-junit looks before it
 * reads configuration parameters. So they hold for this class and its nested classes, win over
 * {@code junit-platform.properties}, and yield to a {@code dnsServer}/{@code portOffset} set on
 * {@code WifiCallingExtension.builder()}.
 *
 * <p>The network lives in the class's store as an {@link AutoCloseable}: JUnit closes it after the
 * class, also when a test fails. Nested classes share their outer class's network unless they carry
 * their own {@link EpdgSimulation}. Register the builder form in a {@code static} field: JUnit calls
 * instance-field extensions too late for a class-wide simulation.
 */
public final class EpdgSimulationExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    /** Where wificall-junit reads values published for a context (see its {@code Settings}). */
    public static final ExtensionContext.Namespace PUBLISHED = ExtensionContext.Namespace.create("dev.wificall",
            "configuration");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            EpdgSimulationExtension.class);
    private static final String NETWORK = "network";

    /** Set for the builder form; null for the instance {@link EpdgSimulation} registers. */
    private final EpdgSimulationNetwork.Builder configured;
    private final String origin;
    /** The builder form's running network, for {@link #simulator()} and {@link #dns()}. */
    private volatile EpdgSimulationNetwork latest;

    /** The instance {@link EpdgSimulation} registers: it reads the annotation. */
    public EpdgSimulationExtension() {
        this(null, null);
    }

    private EpdgSimulationExtension(EpdgSimulationNetwork.Builder configured, String origin) {
        this.configured = configured;
        this.origin = origin;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The builder form's simulator, while its class runs. */
    public EpdgSimulator simulator() {
        return running().simulator();
    }

    /** The builder form's resolver, while its class runs. */
    public DnsStub dns() {
        return running().dns();
    }

    private EpdgSimulationNetwork running() {
        EpdgSimulationNetwork n = latest;
        if (n == null) {
            throw new IllegalStateException("the simulation is not running: it starts before the first test of the class"
                    + " that registers this extension (in a static field) and stops after its last test");
        }
        return n;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<EpdgSimulation> annotation = configured != null ? Optional.empty()
                : AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EpdgSimulation.class);
        EpdgSimulationNetwork inherited = context.getStore(NAMESPACE).get(NETWORK, EpdgSimulationNetwork.class);
        if (inherited != null && annotation.isEmpty()) {
            return; // a nested class: its outer class's network holds (the store is looked up through the parents)
        }
        EpdgSimulationNetwork.Builder builder;
        String where;
        if (configured != null) {
            builder = configured;
            where = origin;
        } else if (annotation.isPresent()) {
            where = describe(annotation.get()) + " on " + context.getRequiredTestClass().getName();
            builder = fromAnnotation(annotation.get(), where);
        } else {
            throw new ExtensionConfigurationException("EpdgSimulationExtension on " + context.getRequiredTestClass().getName()
                    + " has nothing to simulate: annotate the class with @EpdgSimulation(operators = \"262-01\"), or"
                    + " register EpdgSimulationExtension.builder().operator(\"262-01\").build() in a static field");
        }
        EpdgSimulationNetwork network;
        try {
            network = builder.start();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExtensionConfigurationException(where + ": cannot start the simulation: " + e.getMessage(), e);
        }
        context.getStore(NAMESPACE).put(NETWORK, network); // AutoCloseable: JUnit closes it after the class
        ExtensionContext.Store published = context.getStore(PUBLISHED);
        network.settings().forEach(published::put);
        latest = network;
        context.publishReportEntry("wificall.simulation", network.toString());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(NETWORK) == null) {
            throw new ExtensionConfigurationException("EpdgSimulationExtension on " + context.getRequiredTestClass().getName()
                    + " did not start before the class: register it in a static field (@RegisterExtension static"
                    + " EpdgSimulationExtension ...), since JUnit does not call instance-field extensions before all tests");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EpdgSimulator.class || type == DnsStub.class || type == EpdgSimulationNetwork.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EpdgSimulationNetwork network = context.getStore(NAMESPACE).get(NETWORK, EpdgSimulationNetwork.class);
        if (network == null) {
            throw new ExtensionConfigurationException(parameter.getParameter() + ": no simulation runs for "
                    + context.getDisplayName() + "; see @EpdgSimulation");
        }
        Class<?> type = parameter.getParameter().getType();
        return type == EpdgSimulator.class ? network.simulator() : type == DnsStub.class ? network.dns() : network;
    }

    private static EpdgSimulationNetwork.Builder fromAnnotation(EpdgSimulation a, String where) {
        try {
            EpdgSimulationNetwork.Builder b = EpdgSimulationNetwork.builder();
            for (String operator : a.operators()) {
                b.operator(operator);
            }
            for (String fqdn : a.fqdns()) {
                b.fqdn(fqdn);
            }
            for (int port : a.drop()) {
                b.drop(IkePort.parse(String.valueOf(port)));
            }
            if (a.portOffset() != 0) {
                b.portOffset(a.portOffset());
            }
            if (!a.proposals().isBlank()) {
                b.proposals(a.proposals());
            }
            if (a.operators().length == 0 && a.fqdns().length == 0) {
                throw new IllegalArgumentException("no operator and no fqdn; name what the simulator plays, e.g."
                        + " operators = \"262-01\"");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    private static String describe(EpdgSimulation a) {
        StringBuilder b = new StringBuilder("@EpdgSimulation(");
        String sep = "";
        if (a.operators().length > 0) {
            b.append("operators = ").append(quoted(a.operators()));
            sep = ", ";
        }
        if (a.fqdns().length > 0) {
            b.append(sep).append("fqdns = ").append(quoted(a.fqdns()));
            sep = ", ";
        }
        if (a.drop().length > 0) {
            b.append(sep).append("drop = ").append(a.drop().length == 1 ? String.valueOf(a.drop()[0])
                    : Arrays.toString(a.drop()).replace('[', '{').replace(']', '}'));
            sep = ", ";
        }
        if (a.portOffset() != 0) {
            b.append(sep).append("portOffset = ").append(a.portOffset());
            sep = ", ";
        }
        if (!a.proposals().isEmpty()) {
            b.append(sep).append("proposals = \"").append(a.proposals()).append('"');
        }
        return b.append(')').toString();
    }

    private static String quoted(String[] values) {
        if (values.length == 1) {
            return "\"" + values[0] + "\"";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(values[i]).append('"');
        }
        return b.append('}').toString();
    }

    /**
     * The programmatic form: what {@link EpdgSimulationNetwork.Builder} takes, checked when
     * {@link #build()} is called; mistakes throw an {@link ExtensionConfigurationException} naming
     * the call.
     */
    public static final class Builder {
        private final EpdgSimulationNetwork.Builder network = EpdgSimulationNetwork.builder();
        private final StringBuilder calls = new StringBuilder("EpdgSimulationExtension.builder()");
        private boolean named;

        private Builder() {
        }

        public Builder operator(String operator) {
            return call(".operator(\"" + operator + "\")", () -> network.operator(operator), true);
        }

        public Builder operator(int mcc, int mnc) {
            return call(".operator(" + mcc + ", " + mnc + ")", () -> network.operator(mcc, mnc), true);
        }

        public Builder fqdn(String fqdn) {
            return call(".fqdn(\"" + fqdn + "\")", () -> network.fqdn(fqdn), true);
        }

        public Builder drop(IkePort... ports) {
            return call(".drop(" + Arrays.toString(ports) + ")", () -> network.drop(ports), false);
        }

        public Builder behaviour(IkePort port, Behaviour behaviour) {
            return call(".behaviour(" + port + ", " + behaviour + ")", () -> network.behaviour(port, behaviour), false);
        }

        public Builder portOffset(int offset) {
            return call(".portOffset(" + offset + ")", () -> network.portOffset(offset), false);
        }

        public Builder proposals(String strongSwanProposals) {
            return call(".proposals(\"" + strongSwanProposals + "\")", () -> network.proposals(strongSwanProposals), false);
        }

        public Builder address(InetAddress address) {
            return call(".address(" + address + ")", () -> network.address(address), false);
        }

        /** More names or failures for the resolver; see {@link EpdgSimulationNetwork.Builder#dns}. */
        public Builder dns(Consumer<DnsStub.Builder> extra) {
            return call(".dns(...)", () -> network.dns(extra), false);
        }

        public EpdgSimulationExtension build() {
            if (!named) {
                throw new ExtensionConfigurationException(calls + ".build(): no operator; call operator(\"262-01\") or"
                        + " fqdn(\"epdg.example.net\") first");
            }
            return new EpdgSimulationExtension(network, calls.toString());
        }

        private Builder call(String call, Runnable apply, boolean names) {
            try {
                apply.run();
            } catch (IllegalArgumentException e) { // its message starts with the call
                throw new ExtensionConfigurationException("EpdgSimulationExtension.builder()." + e.getMessage(), e);
            } catch (NullPointerException e) {
                throw new ExtensionConfigurationException("EpdgSimulationExtension.builder()" + call + ": "
                        + e.getMessage() + " is null", e);
            }
            calls.append(call);
            named |= names;
            return this;
        }
    }
}
