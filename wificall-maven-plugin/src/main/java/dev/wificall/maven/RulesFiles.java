package dev.wificall.maven;

import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.ParsedRules;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;

/** The firewall rules kept in a repository, read for the drift check of {@code check}. */
final class RulesFiles {

    private RulesFiles() {
    }

    /**
     * Parses every file, in the given format or the one its name shows ({@code .set} Juniper set
     * commands, {@code .conf} Juniper hierarchical, {@code .nft} nftables, names with ip6tables or
     * iptables); a parse error names the file, the line and what was expected.
     */
    static ParsedRules read(List<File> files, String format, File basedir) throws MojoExecutionException {
        List<ParsedRules> parsed = new ArrayList<>();
        for (File f : files) {
            File file = f.isAbsolute() || basedir == null ? f : new File(basedir, f.getPath());
            FirewallFormat fmt = format(file, format);
            if (!file.isFile()) {
                throw new MojoExecutionException("<rulesFiles>: " + file + " does not exist; expected the firewall rules"
                        + " kept in the repository (relative to the project's directory)");
            }
            try {
                // findings name the file as the POM does, relative to the project
                String shown = basedir != null && file.toPath().startsWith(basedir.toPath())
                        ? basedir.toPath().relativize(file.toPath()).toString() : file.getPath();
                parsed.add(fmt.parse(shown, Files.readString(file.toPath(), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<rulesFiles>: " + e.getMessage());
            } catch (IOException e) {
                throw new MojoExecutionException("<rulesFiles>: cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return ParsedRules.merge(parsed);
    }

    private static FirewallFormat format(File file, String format) throws MojoExecutionException {
        if (format != null && !format.isBlank()) {
            FirewallFormat f;
            try {
                f = FirewallFormat.of(format);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<rulesFormat>" + format + "</rulesFormat> (property wificall.rulesFormat): "
                        + e.getMessage());
            }
            if (!f.parsable()) {
                throw new MojoExecutionException("<rulesFormat>" + format + "</rulesFormat>: " + f.id() + " rules are written"
                        + " but not read back; keep " + FirewallFormat.readableIds() + " rules for the drift check");
            }
            return f;
        }
        Optional<FirewallFormat> byName = FirewallFormat.ofFileName(file.getName());
        if (byName.isPresent()) {
            return byName.get();
        }
        throw new MojoExecutionException("<rulesFiles>: cannot tell the format of " + file + " from its name; set"
                + " <rulesFormat> (property wificall.rulesFormat) to one of " + FirewallFormat.readableIds());
    }
}
