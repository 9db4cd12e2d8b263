package dev.wificall.sim;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SIM settings as the front ends take them, as text; null means not set. A SIM is used when
 * {@value #READER} names a reader; its PIN comes from the file {@value #PIN_FILE} or else from the
 * environment variable {@value #ENV_PIN}, or not at all (a card whose PIN1 is disabled needs none).
 * Errors name the setting and what is expected; they never echo a PIN.
 *
 * @param reader  a reader's name, a unique part of one, or its index in the PC/SC list ("0")
 * @param pinFile a file holding PIN1 on one line; relative to the base directory
 */
public record SimOptions(String reader, String pinFile) {

    public static final String READER = "wificall.sim.reader";
    public static final String PIN_FILE = "wificall.sim.pinFile";
    public static final String ENV_PIN = "WIFICALL_SIM_PIN";
    public static final SimOptions NONE = new SimOptions(null, null);

    /**
     * The settings these options ask for, empty when no reader is set.
     *
     * @param baseDir where a relative PIN file path starts
     * @param env     the environment to take {@value #ENV_PIN} from when no PIN file is set
     * @throws IllegalArgumentException naming the setting and what is expected
     */
    public Optional<SimSettings> toSettings(Path baseDir, Map<String, String> env) {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(env, "env");
        if (!set(reader)) {
            if (set(pinFile)) {
                throw new IllegalArgumentException(PIN_FILE + " is set but " + READER + " is not: set " + READER
                        + " to the card reader's name, a unique part of it, or its index (0 for the first)");
            }
            return Optional.empty();
        }
        SimPin pin;
        if (set(pinFile)) {
            pin = SimPin.file(baseDir.resolve(pinFile.strip()), PIN_FILE);
        } else {
            String value = env.get(ENV_PIN);
            pin = value == null || value.isEmpty() ? SimPin.NONE : SimPin.environment(ENV_PIN, value);
        }
        return Optional.of(new SimSettings(reader.strip(), pin));
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }
}
