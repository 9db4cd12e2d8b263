package dev.wificall.cli;

import dev.wificall.verdict.CheckSettings;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Usage mistakes found after parsing: one line naming the option, the value and what is expected. */
final class Usage {

    private Usage() {
    }

    /** "--ports=501: '501' is not an IKE port; expected 500 or 4500". */
    static ParameterException bad(CommandSpec spec, String option, String value, String problem) {
        return new ParameterException(spec.commandLine(), option + "=" + value + ": " + problem);
    }

    static Duration duration(CommandSpec spec, String option, String text) {
        try {
            return CheckSettings.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw bad(spec, option, text, e.getMessage());
        }
    }

    static int integer(CommandSpec spec, String option, String text, String expected) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw bad(spec, option, text, "'" + text + "' is not a whole number; expected " + expected);
        }
    }
}
