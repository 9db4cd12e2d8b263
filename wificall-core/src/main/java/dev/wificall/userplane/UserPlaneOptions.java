package dev.wificall.userplane;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.verdict.CheckSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The user-plane settings as every front end takes them, as text under the same names
 * ({@value #USER_PLANE}, {@value #REFLECTOR}, ...; the CLI spells them in kebab case); null means not
 * set. The reflector's key comes from {@value #REFLECTOR_KEY}, else {@value #REFLECTOR_KEY_FILE}, else
 * the environment variable {@value #ENV_REFLECTOR_KEY}; errors name the setting and what is
 * expected, and never quote the key.
 *
 * @param enabled          {@code true} or {@code false}; the other settings are read only with true
 * @param reflector        the reflector behind the ePDG, an address literal with a port ({@code 10.46.0.20:7777},
 *                         {@code [fd46::20]:7777}); with it the mapping lifetime is measured
 * @param reflectorKey     the reflector's key, hex or base64 (at least 16 bytes)
 * @param reflectorKeyFile a file holding that key as text; relative to the base directory
 * @param lifetime         the bounds of the mapping lifetime, {@code LOWER..UPPER[/STEP]}, e.g. {@code 2s..60s/1s}
 * @param lifetimeBudget   how long the lifetime measurement may take in all
 * @param keepAlive        the keep-alive check's interval: after a loss, a last request waits twice the
 *                         loss (20 s to the upper bound) while NAT-keepalives go out at this interval
 * @param dnsNames         names the inner DNS must answer, comma-separated; none: the PLMN's IMS domain
 * @param timeout          how long each inner request waits for its answer
 */
public record UserPlaneOptions(String enabled, String reflector, String reflectorKey, String reflectorKeyFile,
                               String lifetime, String lifetimeBudget, String keepAlive, String dnsNames,
                               String timeout) {

    public static final String USER_PLANE = "wificall.userPlane";
    public static final String REFLECTOR = "wificall.userPlane.reflector";
    public static final String REFLECTOR_KEY = "wificall.userPlane.reflectorKey";
    public static final String REFLECTOR_KEY_FILE = "wificall.userPlane.reflectorKeyFile";
    public static final String LIFETIME = "wificall.userPlane.lifetime";
    public static final String LIFETIME_BUDGET = "wificall.userPlane.lifetimeBudget";
    public static final String KEEP_ALIVE = "wificall.userPlane.keepAlive";
    public static final String DNS_NAMES = "wificall.userPlane.dnsNames";
    public static final String TIMEOUT = "wificall.userPlane.timeout";
    /** The environment variable the key comes from when no setting gives it. */
    public static final String ENV_REFLECTOR_KEY = "WIFICALL_REFLECTOR_KEY";
    /** Every setting's name, in the order above. */
    public static final List<String> NAMES = List.of(USER_PLANE, REFLECTOR, REFLECTOR_KEY, REFLECTOR_KEY_FILE, LIFETIME,
            LIFETIME_BUDGET, KEEP_ALIVE, DNS_NAMES, TIMEOUT);

    /** The bounds measured when a reflector is given without {@value #LIFETIME}. */
    public static final String DEFAULT_LIFETIME = "2s..60s/1s";
    // the doublings 2 + 4 + ... + 32 + 60 s and their grace: a path that holds 60 s ends "at least 60 s"
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(150);
    private static final Duration DEFAULT_STEP = Duration.ofSeconds(1);

    public static final UserPlaneOptions NONE = new UserPlaneOptions(null, null, null, null, null, null, null, null, null);

    private static final Pattern LABEL = Pattern.compile("(?i)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final String LIFETIME_EXPECTED = "expected LOWER..UPPER or LOWER..UPPER/STEP, e.g. 2s..60s or 2s..60s/1s";

    /** Whether {@code enabled} says true; false when not set. */
    public boolean on() {
        if (!set(enabled)) {
            return false;
        }
        String t = enabled.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException(USER_PLANE + ": '" + enabled + "' is not a boolean; expected true or false");
        }
        return t.equals("true");
    }

    /** Whether a key is given by a setting (not the environment), so a front end can warn about it. */
    public boolean keyInSettings() {
        return set(reflectorKey);
    }

    /**
     * The settings these options ask for, empty when the user plane is off.
     *
     * @param baseDir    where a relative key file path starts
     * @param env        the environment the key may come from
     * @param fullAttach whether the check attaches with the SIM's credentials, which the user plane needs
     * @throws IllegalArgumentException starting with the setting's name ("wificall.userPlane.lifetime: ..."),
     *                                  saying what is expected, never quoting the key
     */
    public Optional<UserPlaneSettings> toSettings(Path baseDir, Map<String, String> env, boolean fullAttach) {
        if (!on()) {
            return Optional.empty();
        }
        if (!fullAttach) {
            throw new IllegalArgumentException(USER_PLANE + ": true needs a full EAP-AKA attach to run through its tunnel;"
                    + " set wificall.ikeAuth=attach with the subscriber's credentials (WIFICALL_IMSI, WIFICALL_K,"
                    + " WIFICALL_OPC)");
        }
        UserPlaneSettings s = UserPlaneSettings.DEFAULTS;
        if (set(timeout)) {
            Duration t = parse(TIMEOUT, () -> CheckSettings.parseDuration(timeout));
            s = s.withAnswerTimeout(t);
        }
        if (set(dnsNames)) {
            s = s.withDnsNames(parse(DNS_NAMES, () -> names(dnsNames)));
        }
        if (!set(reflector)) {
            for (String[] orphan : new String[][] {{LIFETIME, lifetime}, {LIFETIME_BUDGET, lifetimeBudget},
                    {KEEP_ALIVE, keepAlive}, {REFLECTOR_KEY_FILE, reflectorKeyFile}, {REFLECTOR_KEY, reflectorKey}}) {
                if (set(orphan[1])) {
                    throw new IllegalArgumentException(orphan[0] + ": is for the mapping lifetime, which needs the"
                            + " reflector behind the ePDG; set " + REFLECTOR + " too (e.g. 10.46.0.20:7777), or drop it");
                }
            }
            return Optional.of(s);
        }
        InetSocketAddress at = parse(REFLECTOR, () -> endpoint(reflector));
        Duration[] bounds = parse(LIFETIME, () -> bounds(set(lifetime) ? lifetime : DEFAULT_LIFETIME));
        Duration budget = set(lifetimeBudget) ? parse(LIFETIME_BUDGET, () -> CheckSettings.parseDuration(lifetimeBudget))
                : DEFAULT_BUDGET;
        Optional<Duration> check = Optional.empty();
        if (set(keepAlive)) {
            Duration k = parse(KEEP_ALIVE, () -> CheckSettings.parseDuration(keepAlive));
            if (k.compareTo(bounds[1]) >= 0) {
                throw new IllegalArgumentException(KEEP_ALIVE + ": " + keepAlive.strip() + " is not below the lifetime's"
                        + " upper bound (" + text(bounds[1]) + "); expected a keep-alive interval that keeps the mapping"
                        + " up that long, e.g. 20s");
            }
            check = Optional.of(k);
        }
        byte[] key = key(baseDir, env);
        try {
            return Optional.of(s.withLifetime(new UserPlaneSettings.Lifetime(at, key, bounds[0], bounds[1], bounds[2],
                    budget, check)));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The key's bytes from the setting, the file or the environment; messages say where, never what. */
    private byte[] key(Path baseDir, Map<String, String> env) {
        if (set(reflectorKey) && set(reflectorKeyFile)) {
            throw new IllegalArgumentException(REFLECTOR_KEY + ": is given together with " + REFLECTOR_KEY_FILE
                    + "; give the reflector's key one way");
        }
        if (set(reflectorKey)) {
            return parse(REFLECTOR_KEY, () -> ReflectorKey.parse(reflectorKey)).bytes();
        }
        if (set(reflectorKeyFile)) {
            Path file = baseDir.resolve(reflectorKeyFile.strip()).normalize();
            String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(REFLECTOR_KEY_FILE + ": cannot read " + file + " ("
                        + e.getClass().getSimpleName() + "); expected a readable file holding the reflector's key as hex or"
                        + " base64 (e.g. made with openssl rand -hex 32)");
            }
            return parse(REFLECTOR_KEY_FILE + ": " + file, () -> ReflectorKey.parse(text)).bytes();
        }
        String fromEnv = env.get(ENV_REFLECTOR_KEY);
        if (set(fromEnv)) {
            return parse(ENV_REFLECTOR_KEY, () -> ReflectorKey.parse(fromEnv)).bytes();
        }
        throw new IllegalArgumentException(REFLECTOR + ": the reflector needs its key; set the environment variable "
                + ENV_REFLECTOR_KEY + " or " + REFLECTOR_KEY_FILE + " (hex or base64, at least " + ReflectorKey.MIN_LENGTH
                + " bytes, the key the reflector was started with)");
    }

    /** {@code 10.46.0.20:7777} or {@code [fd46::20]:7777}: a literal, so nothing is looked up outside the tunnel. */
    static InetSocketAddress endpoint(String text) {
        String t = text.strip();
        String expected = "expected an IPv4 or IPv6 address inside the tunnel with a port, e.g. 10.46.0.20:7777 or"
                + " [fd46::20]:7777 (no name: it would be looked up outside the tunnel)";
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' is not an address and port; " + expected);
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon < 0 || t.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "' is not an address and port; " + expected);
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        InetAddress address;
        try {
            address = AddressPrefix.parse(host).network();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + host + "' in '" + text + "' is not an address literal; " + expected);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("the port '" + port + "' in '" + text + "' is not 1 to 65535; " + expected);
        }
        return new InetSocketAddress(address, Integer.parseInt(port));
    }

    /** {@code 2s..60s[/1s]} as lower, upper and step. */
    static Duration[] bounds(String text) {
        String t = text.strip();
        int dots = t.indexOf("..");
        if (dots <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a range; " + LIFETIME_EXPECTED);
        }
        String rest = t.substring(dots + 2);
        int slash = rest.indexOf('/');
        Duration lower = part(text, "lower bound", t.substring(0, dots));
        Duration upper = part(text, "upper bound", slash < 0 ? rest : rest.substring(0, slash));
        Duration step = slash < 0 ? DEFAULT_STEP : part(text, "step", rest.substring(slash + 1));
        if (upper.compareTo(lower) <= 0) {
            throw new IllegalArgumentException("in '" + text + "' the upper bound " + text(upper) + " is not above the lower"
                    + " bound " + text(lower) + "; " + LIFETIME_EXPECTED);
        }
        if (step.compareTo(upper.minus(lower)) > 0) {
            throw new IllegalArgumentException("in '" + text + "' the step " + text(step) + " is wider than the range; "
                    + LIFETIME_EXPECTED);
        }
        return new Duration[] {lower, upper, step};
    }

    private static Duration part(String text, String what, String value) {
        try {
            return CheckSettings.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("in '" + text + "' the " + what + " " + e.getMessage() + "; "
                    + LIFETIME_EXPECTED);
        }
    }

    /** Comma-separated DNS names, each once. */
    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String name = part.strip();
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            boolean valid = !name.isEmpty() && name.length() <= 253
                    && Arrays.stream(name.split("\\.", -1)).allMatch(l -> LABEL.matcher(l).matches());
            if (!valid) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a DNS name; expected names such as"
                        + " ims.mnc001.mcc262.3gppnetwork.org, comma-separated");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (names.contains(lower)) {
                throw new IllegalArgumentException("'" + part.strip() + "' is listed twice; name each once");
            }
            names.add(lower);
        }
        return List.copyOf(names);
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    private static <T> T parse(String setting, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    /** The options without the key's text: only whether one is set. */
    @Override
    public String toString() {
        return "UserPlaneOptions[enabled=" + enabled + ", reflector=" + reflector + ", reflectorKey="
                + (set(reflectorKey) ? "(set, not shown)" : "null") + ", reflectorKeyFile=" + reflectorKeyFile
                + ", lifetime=" + lifetime + ", lifetimeBudget=" + lifetimeBudget + ", keepAlive=" + keepAlive
                + ", dnsNames=" + dnsNames + ", timeout=" + timeout + "]";
    }
}
