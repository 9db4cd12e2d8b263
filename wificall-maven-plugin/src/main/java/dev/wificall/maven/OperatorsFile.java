package dev.wificall.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The operators file of the {@code check} goal, kept beside a repository's firewall configuration:
 * one operator per line, as MCC-MNC ({@code 262-01}) or as a configured ePDG name
 * ({@code epdg.example.net}); blank lines and text after {@code #} are ignored.
 */
final class OperatorsFile {

    private OperatorsFile() {
    }

    /**
     * The operators of the POM, then those of the file (relative to {@code basedir} unless absolute);
     * empty when neither names one, for the goal to say what it needs.
     */
    static List<Operator> withPom(List<Operator> pom, File file, File basedir) throws MojoExecutionException {
        List<Operator> all = new ArrayList<>();
        if (pom != null) {
            all.addAll(pom);
        }
        if (file != null) {
            File resolved = file.isAbsolute() || basedir == null ? file : new File(basedir, file.getPath());
            all.addAll(read(resolved.toPath()));
        }
        return all;
    }

    /** Each line as a short-form operator, checked now so that a mistake names the file and line. */
    static List<Operator> read(Path file) throws MojoExecutionException {
        String origin = "<operatorsFile>" + file + "</operatorsFile> (property wificall.operatorsFile)";
        if (!Files.isRegularFile(file)) {
            throw new MojoExecutionException(origin + ": no such file; expected a text file with one operator per line"
                    + " (262-01 or epdg.example.net), relative to the project's directory");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new MojoExecutionException(origin + ": not UTF-8 text; expected one operator per line");
        } catch (IOException e) {
            throw new MojoExecutionException(origin + ": cannot be read: " + e.getMessage(), e);
        }
        List<Operator> operators = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            Operator operator = Operator.of(text);
            try {
                operator.selection();
            } catch (MojoExecutionException e) {
                throw new MojoExecutionException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
            operators.add(operator);
        }
        if (operators.isEmpty()) {
            throw new MojoExecutionException(origin + ": no operator in the file; expected one per line, e.g. 262-01"
                    + " or epdg.example.net ('#' starts a comment)");
        }
        return operators;
    }
}
