package dev.wificall.cli;

import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.ParsedRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** --rules-format, else what the name shows (.set, .conf, .nft, a name with ip6tables or iptables). */
    private static FirewallFormat format(CommandSpec spec, String name, String format) {
        if (format != null && !format.isBlank()) {
            try {
                return FirewallFormat.of(format);
            } catch (IllegalArgumentException e) {
                throw Usage.bad(spec, "--rules-format", format, e.getMessage());
            }
        }
        String n = Path.of(name).getFileName().toString().toLowerCase(Locale.ROOT);
        String id = n.endsWith(".set") ? "srx-set" : n.endsWith(".conf") ? "srx" : n.endsWith(".nft") ? "nftables"
                : n.contains("ip6tables") ? "ip6tables" : n.contains("iptables") ? "iptables" : null;
        if (id == null) {
            throw Usage.bad(spec, "--rules", name, "the format does not show in the name; give --rules-format (srx-set,"
                    + " srx, nftables, iptables or ip6tables)");
        }
        return FirewallFormat.of(id);
    }
}
