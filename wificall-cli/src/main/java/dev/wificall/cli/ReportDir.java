package dev.wificall.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where check and audit write their reports: ./wificall-reports, the folder the project-less Maven goals use. */
final class ReportDir {

    @Option(names = "--report-dir", defaultValue = "wificall-reports", paramLabel = "DIR",
            description = "Where the reports go, relative to the current directory. Default: ${DEFAULT-VALUE}.")
    String reportDir;

    Path in(Io io) {
        return io.path(reportDir);
    }
}
