package dev.wificall.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wificall}: the subcommands; alone, the usage. */
@Command(name = "wificall", mixinStandardHelpOptions = true, usageHelpWidth = 100, versionProvider = WificallCommand.Version.class,
        description = "Checks that Wi-Fi Calling gets through this network: finds each operator's ePDG as a phone"
                + " does and sends it IKEv2 IKE_SA_INIT on UDP/500 and UDP/4500.",
        subcommands = {CheckCommand.class, FirewallCommand.class, AuditCommand.class, SimulateCommand.class,
                ReadersCommand.class, AutoComplete.GenerateCompletion.class,
                TrainCommand.class},
        footer = {"%nShell completion: source <(wificall generate-completion)"},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.LIST_0, ExitCode.LIST_1, ExitCode.LIST_2, ExitCode.LIST_64, ExitCode.LIST_70})
final class WificallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final Io io;

    WificallCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return ExitCode.USAGE;
    }

    /** The project version, from version.properties (filtered by Maven). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"wificall " + p.getProperty("version", "(unknown version)")};
        }
    }
}
