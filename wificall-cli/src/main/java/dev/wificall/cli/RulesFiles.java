package dev.wificall.cli;

import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.ParsedRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The rules files of {@code check --rules}, read for the drift check. */
final class RulesFiles {

    private RulesFiles() {
    }

    static ParsedRules read(CommandSpec spec, Io io, List<String> files, String format) {
        List<ParsedRules> parsed = new ArrayList<>();
        for (String name : files) {
            Path file = io.path(name);
            FirewallFormat f = format(spec, name, format);
            if (!Files.isRegularFile(file)) {
                throw Usage.bad(spec, "--rules", name, "no such file (" + file + "); expected the firewall rules to"
                        + " compare with DNS");
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw Usage.bad(spec, "--rules", name, "cannot be read: " + e.getMessage());
            }
            try {
                parsed.add(f.parse(name, text));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw Usage.bad(spec, "--rules", name, e.getMessage());
            }
        }
        return ParsedRules.merge(parsed);
    }

    /** --rules-format, else what the name shows (.set, .nft, .tf, a vendor's name...: FirewallFormat.ofFileName). */
    private static FirewallFormat format(CommandSpec spec, String name, String format) {
        if (format != null && !format.isBlank()) {
            try {
                return FirewallFormat.of(format);
            } catch (IllegalArgumentException e) {
                throw Usage.bad(spec, "--rules-format", format, e.getMessage());
            }
        }
        return FirewallFormat.ofFileName(Path.of(name).getFileName().toString()).orElseThrow(() -> Usage.bad(spec,
                "--rules", name, "the format does not show in the name; give --rules-format ("
                        + FirewallFormat.readableIds() + ")"));
    }
}
