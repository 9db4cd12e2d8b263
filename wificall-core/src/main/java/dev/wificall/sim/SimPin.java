package dev.wificall.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where PIN1 comes from: nowhere, a file, or the environment. The PIN is checked when the source is
 * made (so a wrong setting fails before any card is touched) and handed out as a fresh array each
 * time, for {@link UsimCard#open} to wipe; a file is read again then. {@code toString()} names the
 * source, never the PIN.
 */
public final class SimPin {
    /** No PIN: fine for a card whose PIN1 is disabled or already verified. */
    public static final SimPin NONE = new SimPin("no PIN", null, null, null);
    /** A PIN file is one short line; anything much longer is not one. */
    private static final int MAX_FILE = 64;
    private static final int MIN_LENGTH = 4;
    private static final int MAX_LENGTH = 8;

    private final String source;
    private final String setting;
    private final Path file;
    private final char[] value;

    private SimPin(String source, String setting, Path file, char[] value) {
        this.source = source;
        this.setting = setting;
        this.file = file;
        this.value = value;
    }

    /**
     * The PIN in {@code file}, one line of 4 to 8 digits (a trailing line break is fine).
     *
     * @param setting the option that named the file, for messages
     * @throws IllegalArgumentException when the file is missing, unreadable or holds no such line
     */
    static SimPin file(Path file, String setting) {
        SimPin pin = new SimPin("PIN from " + file, setting, file, null);
        Arrays.fill(readFile(file, setting), '\0');
        return pin;
    }

    /** The PIN in the environment variable {@code variable}, whose value is {@code text}. */
    static SimPin environment(String variable, String text) {
        String setting = "env " + variable;
        char[] pin = text.toCharArray();
        try {
            check(pin, setting);
        } catch (IllegalArgumentException e) {
            Arrays.fill(pin, '\0');
            throw e;
        }
        return new SimPin("PIN from " + variable, setting, null, pin);
    }

    /** A fresh copy of the PIN, empty for {@link #NONE}; the caller wipes it. */
    public Optional<char[]> read() {
        if (file != null) {
            return Optional.of(readFile(file, setting));
        }
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /** "no PIN", "PIN from /etc/wificall/sim.pin", "PIN from WIFICALL_SIM_PIN". */
    @Override
    public String toString() {
        return source;
    }

    private static char[] readFile(Path file, String setting) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(setting + ": " + file + (Files.exists(file) ? " is not a regular file" : " does not exist")
                    + "; expected a file holding the SIM's PIN (4 to 8 digits) on one line");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE) {
                throw new IllegalArgumentException(setting + ": " + file + " is " + size + " bytes; expected one line "
                        + "with the SIM's PIN (4 to 8 digits)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + file + " (" + e.getMessage()
                    + "); expected a readable file holding the SIM's PIN (4 to 8 digits) on one line");
        }
        CharBuffer chars = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        char[] all = new char[chars.remaining()];
        chars.get(all);
        Arrays.fill(chars.array(), '\0');
        try {
            int end = all.length;
            if (end > 0 && all[end - 1] == '\n') {
                end--;
            }
            if (end > 0 && all[end - 1] == '\r') {
                end--;
            }
            for (int i = 0; i < end; i++) {
                if (all[i] == '\n' || all[i] == '\r') {
                    throw new IllegalArgumentException(setting + ": " + file + " holds more than one line; expected one line "
                            + "with the SIM's PIN (4 to 8 digits)");
                }
            }
            char[] pin = Arrays.copyOf(all, end);
            try {
                check(pin, setting + " (" + file + ")");
            } catch (IllegalArgumentException e) {
                Arrays.fill(pin, '\0');
                throw e;
            }
            return pin;
        } finally {
            Arrays.fill(all, '\0');
        }
    }

    /** Says what is wrong with a PIN (4 to 8 digits, TS 102 221 §9.5.1) without a word of its value. */
    static void checkFormat(char[] pin) {
        boolean digits = true;
        for (char c : pin) {
            digits &= c >= '0' && c <= '9';
        }
        if (!digits || pin.length < MIN_LENGTH || pin.length > MAX_LENGTH) {
            throw new IllegalArgumentException("the SIM's PIN must be 4 to 8 digits; got " + pin.length + " characters"
                    + (digits ? "" : ", not all digits"));
        }
    }

    private static void check(char[] pin, String setting) {
        try {
            checkFormat(pin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage());
        }
    }
}
