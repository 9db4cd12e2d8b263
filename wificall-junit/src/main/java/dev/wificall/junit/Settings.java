package dev.wificall.junit;

import dev.wificall.attach.AttachSettings;
import dev.wificall.probe.IkePort;
import dev.wificall.userplane.UserPlaneSettings;
import dev.wificall.verdict.AddressPolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.NamePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The check's settings for one request: what the annotation or builder set, else a value an
 * extension published for the test's context (see {@link #PUBLISHED}), else the configuration
 * parameter ({@code wificall.*}: system properties or {@code junit-platform.properties}), else the
 * default. A bad parameter names itself and its value.
 *
 * @param check the settings the engine takes
 * @param dns   where the resolvers came from, for messages about an unusable one
 * @param abort whether an unreachable ePDG aborts the test instead of failing it
 * @param ikeAuth what tells this check's IKE_AUTH settings from others', for the store key (no secret in it)
 * @param names   which ePDG names of an operator: the 3GPP name, the names its phones are configured with, or both
 */
record Settings(CheckSettings check, DnsConfiguration dns, boolean abort, Object ikeAuth, NamePolicy names) {

    static final String DNS_TIMEOUT = "wificall.dns.timeout";
    static final String PROBE_TIMEOUT = "wificall.probe.timeout";
    static final String PORTS = "wificall.ports";
    static final String ADDRESS_POLICY = "wificall.addressPolicy";
    static final String RATE = "wificall.rate";
    static final String ABORT = "wificall.abortWhenUnreachable";
    static final String PORT_OFFSET = "wificall.portOffset";
    static final String MAX_ADDRESSES = CheckSettings.MAX_ADDRESSES_PROPERTY;
    static final String NAMES = "wificall.names";

    /**
     * Where another extension publishes {@code wificall.*} values for the tests under its context,
     * since configuration parameters cannot be set at run time: the {@link ExtensionContext.Store} of
     * this namespace, {@code Namespace.create("dev.wificall", "configuration")}, with the parameter's
     * name as the key and its text as the value (e.g. {@code "wificall.dns.server"} to
     * {@code "127.0.0.1:40053"}). A value put in a class's store holds for that class's tests (the
     * store is looked up through the parent contexts) and wins over the configuration parameter of
     * that name; an attribute or builder setting wins over both. wificall-testkit's
     * {@code EpdgSimulationExtension} publishes {@code wificall.dns.server} and {@code wificall.portOffset}.
     */
    static final ExtensionContext.Namespace PUBLISHED = ExtensionContext.Namespace.create("dev.wificall", "configuration");

    static Settings of(Request request, ExtensionContext context) {
        DnsConfiguration dns = request.dnsServers().isEmpty() ? DnsConfiguration.of(context)
                : new DnsConfiguration(request.dnsServers(), request.origin());
        CheckSettings s = CheckSettings.DEFAULTS.withDnsServers(dns.servers());
        Optional<Duration> dnsTimeout = request.dnsTimeout().or(() -> parameter(context, DNS_TIMEOUT, CheckSettings::parseDuration));
        if (dnsTimeout.isPresent()) {
            s = s.withDnsTimeout(dnsTimeout.get());
        }
        Optional<Duration> probeTimeout = request.probeTimeout()
                .or(() -> parameter(context, PROBE_TIMEOUT, CheckSettings::parseDuration));
        if (probeTimeout.isPresent()) {
            s = s.withProbeTimeout(probeTimeout.get());
        }
        Optional<List<IkePort>> ports = request.ports().or(() -> parameter(context, PORTS, IkePort::parseList));
        if (ports.isPresent()) {
            s = s.withPorts(ports.get());
        }
        Optional<AddressPolicy> policy = request.policy().or(() -> parameter(context, ADDRESS_POLICY, AddressPolicy::parse));
        if (policy.isPresent()) {
            s = s.withAddressPolicy(policy.get());
        }
        Optional<Integer> rate = request.rate().isPresent() ? Optional.of(request.rate().getAsInt())
                : parameter(context, RATE, Settings::rate);
        if (rate.isPresent()) {
            s = s.withProbe(s.probe().withPacketsPerSecond(rate.get()));
        }
        Optional<Integer> offset = request.portOffset().isPresent() ? Optional.of(request.portOffset().getAsInt())
                : parameter(context, PORT_OFFSET, Settings::offset);
        if (offset.isPresent()) {
            try {
                s = s.withPortOffset(offset.get());
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(request.origin() + ": " + e.getMessage());
            }
        }
        Optional<Integer> max = parameter(context, MAX_ADDRESSES, CheckSettings::parseMaxAddresses);
        if (max.isPresent()) {
            s = s.withMaxAddresses(max.get());
        }
        boolean abort = request.abort() || parameter(context, ABORT, Settings::bool).orElse(false);
        IkeAuthSettings ikeAuth = IkeAuthSettings.of(request.ikeAuth(), source(context), System.getenv(),
                Path.of("").toAbsolutePath());
        if (ikeAuth.settings().isPresent()) {
            s = s.withAttach(ikeAuth.settings().get());
        }
        boolean fullAttach = ikeAuth.settings().map(AttachSettings::withSim).orElse(false);
        Optional<UserPlaneSettings> userPlane = request.userPlane().resolve(source(context), System.getenv(),
                Path.of("").toAbsolutePath(), fullAttach, ikeAuth.settings().map(a -> a.withSim() ? "attach" : "probe")
                        .orElse("none"));
        if (userPlane.isPresent()) {
            s = s.withUserPlane(userPlane.get());
        }
        NamePolicy names = parameter(context, NAMES, NamePolicy::parse).orElse(NamePolicy.BOTH);
        return new Settings(s, dns, abort, ikeAuth.key(), names);
    }

    /** Published values, then configuration parameters, for the IKE_AUTH settings. */
    private static IkeAuthSettings.Source source(ExtensionContext context) {
        return new IkeAuthSettings.Source() {
            @Override
            public Optional<String> value(String name) {
                return Settings.value(context, name);
            }

            @Override
            public String origin(String name, String value) {
                return Settings.origin(context, name, value);
            }
        };
    }

    private static <T> Optional<T> parameter(ExtensionContext context, String name, Function<String, T> parse) {
        Optional<String> text = value(context, name).filter(v -> !v.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(text.get()));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(origin(context, name, text.get()) + ": " + e.getMessage());
        }
    }

    /** The value {@linkplain #PUBLISHED published} for this context, else the configuration parameter. */
    static Optional<String> value(ExtensionContext context, String name) {
        Optional<String> published = published(context, name);
        return published.isPresent() ? published : context.getConfigurationParameter(name);
    }

    static Optional<String> published(ExtensionContext context, String name) {
        return Optional.ofNullable(context.getStore(PUBLISHED).get(name)).map(Object::toString);
    }

    /**
     * "configuration parameter wificall.ports = '501'", or "wificall.ports = '501' (published ...)"; a null
     * {@code value} (a secret) is left out: "configuration parameter wificall.k".
     */
    static String origin(ExtensionContext context, String name, String value) {
        String shown = value == null ? name : name + " = '" + value + "'";
        return published(context, name).isPresent()
                ? shown + " (published in the test's ExtensionContext store)"
                : "configuration parameter " + shown;
    }

    private static Integer rate(String text) {
        try {
            int rate = Integer.parseInt(text.strip());
            if (rate < 0) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a packet rate; expected datagrams per second, 0 for"
                    + " no cap, e.g. 200");
        }
    }

    private static Integer offset(String text) {
        try {
            int offset = Integer.parseInt(text.strip());
            if (offset < 0 || offset > 65535 - 4500) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a port offset; expected 0 (real ePDGs) to 61035,"
                    + " e.g. 10000 for a simulator on 10500 and 14500");
        }
    }

    private static Boolean bool(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException("'" + text + "' is not a boolean; expected true or false");
        }
        return t.equals("true");
    }

    /**
     * The store key: the same operator with the same settings, IKE_AUTH, subscriber and user plane included, is
     * checked once per run.
     */
    Object key(Request request) {
        CheckSettings c = check;
        CheckSettings withoutAttach = new CheckSettings(c.dnsServers(), c.dnsTimeout(), c.probe(), c.ports(),
                c.addressPolicy(), c.sinkholes(), c.portOffset(), Optional.empty());
        // the user plane's settings compare by value (the reflector's key too) and print without the key
        return List.of(request.operator() + " " + withoutAttach, ikeAuth, names, c.userPlane());
    }
}
