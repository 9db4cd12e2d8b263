package dev.wificall.junit;

import dev.wificall.userplane.UserPlaneOptions;
import dev.wificall.userplane.UserPlaneSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What an annotation or the builder set about the user plane; the rest comes from the configuration
 * parameters {@code wificall.userPlane.*} ({@link UserPlaneOptions#NAMES}).
 *
 * @param on       true when the annotation ({@code userPlane = true}, {@link EpdgTunnel}) or the builder asks
 *                 for it; false: {@code wificall.userPlane} decides
 * @param inCode   the settings given to the builder; they win over every parameter
 * @param origin   where {@code on} was written, for messages; "" when it was not
 */
record UserPlaneRequest(boolean on, Optional<UserPlaneSettings> inCode, String origin) {

    /** Nothing set in code: the configuration parameters decide. */
    static final UserPlaneRequest FROM_CONFIGURATION = new UserPlaneRequest(false, Optional.empty(), "");

    /** A check that does not attach: no user plane, whatever the parameters say. */
    static final UserPlaneRequest NEVER = new UserPlaneRequest(false, Optional.empty(), "never");

    UserPlaneRequest {
        Objects.requireNonNull(inCode, "inCode");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * The user-plane settings of one check, empty when it does not run.
     *
     * @param fullAttach whether the check attaches with the SIM, which the user plane runs through
     * @param ikeAuth    where ikeAuth came from, for the message when it is not a full attach
     * @throws ExtensionConfigurationException naming the attribute, builder call or parameter and what is
     *                                         expected; never the reflector's key
     */
    Optional<UserPlaneSettings> resolve(IkeAuthSettings.Source source, Map<String, String> env, Path baseDir,
                                        boolean fullAttach, String ikeAuth) {
        if (this == NEVER) {
            return Optional.empty();
        }
        if (inCode.isPresent() || on) {
            if (!fullAttach) {
                throw new ExtensionConfigurationException(origin + ": the user plane runs through the tunnel of a full"
                        + " EAP-AKA attach, but IKE_AUTH is " + ikeAuth + "; ask for IkeAuth.ATTACH (or use @EpdgTunnel)"
                        + " with the subscriber's credentials (WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC)");
            }
            if (inCode.isPresent()) {
                return inCode;
            }
        }
        UserPlaneOptions options = new UserPlaneOptions(on ? "true" : text(source, UserPlaneOptions.USER_PLANE),
                text(source, UserPlaneOptions.REFLECTOR), text(source, UserPlaneOptions.REFLECTOR_KEY),
                text(source, UserPlaneOptions.REFLECTOR_KEY_FILE), text(source, UserPlaneOptions.LIFETIME),
                text(source, UserPlaneOptions.LIFETIME_BUDGET), text(source, UserPlaneOptions.KEEP_ALIVE),
                text(source, UserPlaneOptions.DNS_NAMES), text(source, UserPlaneOptions.TIMEOUT));
        try {
            return options.toSettings(baseDir, env, fullAttach);
        } catch (IllegalArgumentException e) {
            throw mistake(String.valueOf(e.getMessage()), source, ikeAuth);
        }
    }

    private static String text(IkeAuthSettings.Source source, String name) {
        return source.value(name).filter(v -> !v.isBlank()).orElse(null);
    }

    /** The engine's message, "wificall.userPlane.lifetime: ...", with the setting's name replaced by where it came from. */
    private ExtensionConfigurationException mistake(String message, IkeAuthSettings.Source source, String ikeAuth) {
        String needsAttach = UserPlaneOptions.USER_PLANE + ": true needs";
        if (message.startsWith(needsAttach)) {
            return new ExtensionConfigurationException(source.origin(UserPlaneOptions.USER_PLANE,
                    text(source, UserPlaneOptions.USER_PLANE)) + ": the user plane runs through the tunnel of a full EAP-AKA"
                    + " attach, but IKE_AUTH is " + ikeAuth + "; set wificall.ikeAuth=attach with the subscriber's"
                    + " credentials (WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC)");
        }
        for (String name : UserPlaneOptions.NAMES) {
            String prefix = name + ": ";
            if (message.startsWith(prefix)) {
                String value = name.equals(UserPlaneOptions.REFLECTOR_KEY) ? null : text(source, name);
                String where = name.equals(UserPlaneOptions.USER_PLANE) && on ? origin : source.origin(name, value);
                return new ExtensionConfigurationException(where + ": " + message.substring(prefix.length()));
            }
        }
        if (message.startsWith(UserPlaneOptions.ENV_REFLECTOR_KEY + ": ")) {
            return new ExtensionConfigurationException("environment variable " + message);
        }
        return new ExtensionConfigurationException("user-plane settings: " + message);
    }

    /** Shows whether settings were given in code, not the key. */
    @Override
    public String toString() {
        return "UserPlaneRequest[on=" + on + ", inCode=" + inCode.map(s -> "given").orElse("none") + ", origin=" + origin + "]";
    }
}
