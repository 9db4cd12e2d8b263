package dev.wificall.junit;

import dev.wificall.attach.AttachMode;
import dev.wificall.attach.AttachOptions;
import dev.wificall.attach.AttachSettings;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.UsimCredentials;
import dev.wificall.sim.SimOptions;
import dev.wificall.sim.SimSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The IKE_AUTH settings of one check: each one as the annotation or builder set it, else the value
 * {@linkplain Settings#PUBLISHED published} for the test's context, else the configuration parameter,
 * else the engine's default; parsed by the engine's {@link AttachOptions}. A mistake names the
 * attribute, builder call or parameter and its value, except for the subscriber's IMSI, K, OPc and
 * OP, whose values no message shows. A SIM in a card reader ({@value SimOptions#READER}, its PIN from
 * {@value SimOptions#PIN_FILE} or the environment's {@value SimOptions#ENV_PIN}) is the subscriber
 * instead of K/OPc; the card is first asked when the attach runs.
 *
 * @param settings the engine's settings; empty for IKE_SA_INIT only
 * @param key      what tells two checks' IKE_AUTH apart, for the store key: equal for equal settings and
 *                 the same subscriber; its {@code toString()} shows no secret
 */
record IkeAuthSettings(Optional<AttachSettings> settings, Object key) {

    static final String IKE_AUTH = "wificall.ikeAuth";
    static final String TRUST_STORE = "wificall.trustStore";
    static final String WARNING_DAYS = "wificall.certificateWarningDays";
    static final String APN = "wificall.apn";
    static final String TIMEOUT = "wificall.attachTimeout";
    static final String IMSI = "wificall.imsi";
    static final String K = "wificall.k";
    static final String OPC = "wificall.opc";
    static final String OP = "wificall.op";
    static final String SIM_READER = SimOptions.READER;
    static final String SIM_PIN_FILE = SimOptions.PIN_FILE;
    /** Parameters whose values no message and no key's text shows. */
    static final List<String> SECRET = List.of(IMSI, K, OPC, OP);

    static final IkeAuthSettings NONE = new IkeAuthSettings(Optional.empty(), "IKE_AUTH none");

    private static final String NEEDS_CREDENTIALS = IKE_AUTH + "=attach ";
    private static final String ENV_PIN = "env " + SimOptions.ENV_PIN + ": ";

    IkeAuthSettings {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(key, "key");
    }

    /** Where values not set in code come from: the published value, else the configuration parameter. */
    interface Source {
        /** The value for {@code name}, if any (blank counts as none). */
        Optional<String> value(String name);

        /**
         * Where {@code name} came from, for a message: "configuration parameter wificall.apn = 'x'", with
         * the value left out when {@code value} is null.
         */
        String origin(String name, String value);
    }

    /** One setting's value and how to name where it came from. */
    private record Given(String value, String origin) {
    }

    /**
     * The settings for {@code request}.
     *
     * @param env     the environment credentials may come from ({@code WIFICALL_IMSI}, ...)
     * @param baseDir where a relative trust store path starts: the working directory
     * @throws ExtensionConfigurationException naming the setting that is wrong, never a key
     */
    static IkeAuthSettings of(IkeAuthRequest request, Source source, Map<String, String> env, Path baseDir) {
        if (!request.applies()) {
            return NONE;
        }
        Given mode = given(request, source, IKE_AUTH, request.mode().mode().map(AttachMode::toString));
        AttachMode m;
        try {
            m = mode == null ? AttachMode.NONE : AttachMode.parse(mode.value());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(mode.origin() + ": " + e.getMessage());
        }
        if (m == AttachMode.NONE) {
            return NONE;
        }
        Given trust = given(request, source, TRUST_STORE, request.trustStore());
        Given days = given(request, source, WARNING_DAYS, request.warningDays());
        Given apn = given(request, source, APN, request.apn());
        Given timeout = given(request, source, TIMEOUT, request.timeout());
        Map<String, Given> all = new HashMap<>();
        all.put(IKE_AUTH, mode);
        all.put(TRUST_STORE, trust);
        all.put(WARNING_DAYS, days);
        all.put(APN, apn);
        all.put(TIMEOUT, timeout);

        Optional<CredentialSource> inCode = request.credentials();
        AttachOptions options;
        Map<String, String> environment;
        Object subscriber;
        if (inCode.isPresent()) {
            // the USIM given in code is the subscriber: neither parameters nor the environment are read for one
            options = new AttachOptions(AttachMode.PROBE.toString(), text(trust), text(days), text(apn), text(timeout),
                    null, null, null, null);
            environment = Map.of();
            subscriber = inCode.get();
        } else {
            Given imsi = given(request, source, IMSI, Optional.empty());
            all.put(IMSI, imsi);
            String k = text(given(request, source, K, Optional.empty()));
            String opc = text(given(request, source, OPC, Optional.empty()));
            String op = text(given(request, source, OP, Optional.empty()));
            Given reader = given(request, source, SIM_READER, request.simReader());
            Given pinFile = given(request, source, SIM_PIN_FILE, request.simPinFile());
            all.put(SIM_READER, reader);
            all.put(SIM_PIN_FILE, pinFile);
            options = new AttachOptions(m.toString(), text(trust), text(days), text(apn), text(timeout), text(imsi), k, opc,
                    op).withSim(text(reader), text(pinFile));
            environment = env;
            boolean configured = imsi != null || k != null || opc != null || op != null;
            if (reader != null) {
                subscriber = simSubscriber(options.sim(), env, baseDir, all);
            } else {
                subscriber = configured ? new Hidden(Arrays.asList(text(imsi), k, opc, op))
                        : new Hidden(Arrays.asList(env.get(UsimCredentials.ENV_IMSI), env.get(UsimCredentials.ENV_K),
                        env.get(UsimCredentials.ENV_OPC), env.get(UsimCredentials.ENV_OP)));
            }
        }
        AttachSettings settings;
        try {
            settings = options.toSettings(baseDir, environment).orElseThrow();
        } catch (IllegalArgumentException e) {
            throw mistake(e.getMessage(), all);
        }
        if (inCode.isPresent()) {
            settings = m == AttachMode.ATTACH ? settings.withCredentials(inCode.get())
                    : settings.withProbeImsi(inCode.get().imsi());
        }
        String trustPath = trust == null ? "" : baseDir.resolve(trust.value().strip()).normalize().toString();
        return new IkeAuthSettings(Optional.of(settings), new Key(m, trustPath, text(days), text(apn), text(timeout),
                subscriber));
    }

    /**
     * "SIM in reader 'X' (PIN from WIFICALL_SIM_PIN)": the reader as chosen and where its PIN comes from,
     * never the PIN; two checks with the same text ask the same card the same way.
     */
    private static String simSubscriber(SimOptions sim, Map<String, String> env, Path baseDir, Map<String, Given> all) {
        Optional<SimSettings> card;
        try {
            card = sim.toSettings(baseDir, env);
        } catch (IllegalArgumentException e) {
            throw mistake(e.getMessage(), all);
        }
        return card.map(c -> "SIM in reader '" + c.reader() + "' (" + c.pin() + ")").orElseThrow();
    }

    /** What the request set for {@code name}, else what the source has; null when neither. */
    private static Given given(IkeAuthRequest request, Source source, String name, Optional<String> inCode) {
        if (inCode.isPresent()) {
            return new Given(inCode.get(), request.written().getOrDefault(name, name));
        }
        Optional<String> value = source.value(name).filter(v -> !v.isBlank());
        return value.map(v -> new Given(v, source.origin(name, SECRET.contains(name) ? null : v))).orElse(null);
    }

    private static String text(Given given) {
        return given == null ? null : given.value();
    }

    /**
     * The engine's message ("wificall.trustStore: trust anchors ... do not exist") with the setting's
     * name replaced by where it came from.
     */
    private static ExtensionConfigurationException mistake(String message, Map<String, Given> given) {
        if (message.startsWith(NEEDS_CREDENTIALS)) {
            return new ExtensionConfigurationException(given.get(IKE_AUTH).origin() + ": "
                    + message.substring(NEEDS_CREDENTIALS.length()));
        }
        for (Map.Entry<String, Given> e : given.entrySet()) {
            String prefix = e.getKey() + ": ";
            if (e.getValue() == null) {
                continue;
            }
            if (message.startsWith(prefix)) {
                return new ExtensionConfigurationException(e.getValue().origin() + ": " + message.substring(prefix.length()));
            }
            boolean sim = e.getKey().equals(SIM_READER) || e.getKey().equals(SIM_PIN_FILE);
            if (sim && message.startsWith(e.getKey() + " (")) {
                // "wificall.sim.pinFile (/abs/sim.pin): the SIM's PIN must be 4 to 8 digits; ..."
                return new ExtensionConfigurationException(e.getValue().origin() + message.substring(e.getKey().length()));
            }
            if (sim && message.startsWith(e.getKey() + " ")) {
                // "wificall.sim.pinFile is set but wificall.sim.reader is not: ..."
                return new ExtensionConfigurationException(e.getValue().origin() + ": " + message);
            }
        }
        String fromEnvironment = UsimCredentials.ENV_IMSI + ": ";
        if (message.startsWith(fromEnvironment)) {
            return new ExtensionConfigurationException("environment variable " + message);
        }
        if (message.startsWith(ENV_PIN)) {
            return new ExtensionConfigurationException("environment variable " + message.substring("env ".length()));
        }
        return new ExtensionConfigurationException("IKE_AUTH settings (" + given.get(IKE_AUTH).origin() + "): " + message);
    }

    /**
     * The store key's IKE_AUTH part.
     *
     * @param subscriber the USIM given in code (the same object is the same subscriber), the texts it
     *                   was configured with, hidden, or the SIM's reader and PIN source as text
     */
    private record Key(AttachMode mode, String trustStore, String warningDays, String apn, String timeout,
                       Object subscriber) {
        @Override
        public String toString() {
            return "IKE_AUTH " + mode + (trustStore.isEmpty() ? "" : " trusting " + trustStore)
                    + (warningDays == null ? "" : ", warning " + warningDays + " days") + (apn == null ? "" : ", APN " + apn)
                    + (timeout == null ? "" : ", timeout " + timeout) + ", subscriber " + subscriber;
        }
    }

    /** Configured subscriber texts: compared, never shown. */
    private record Hidden(List<String> values) {
        @Override
        public String toString() {
            return values.stream().allMatch(Objects::isNull) ? "none" : "hidden";
        }
    }
}
