package dev.wificall.cli;

import dev.wificall.sim.PcscReaders;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The command line's entry: parses, runs the subcommand and maps what happened to the exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Io.system(), args));
    }

    /** Runs one command line; never calls System.exit, so tests run it in the same JVM. */
    static int run(Io io, String... args) {
        CommandLine cli = commandLine(io);
        return cli.execute(args);
    }

    /** For tests: {@code wificall readers} lists what {@code readers} gives instead of asking pcscd. */
    static int run(Io io, Supplier<List<PcscReaders.Reader>> readers, String... args) {
        return commandLine(io, readers).execute(args);
    }

    static CommandLine commandLine(Io io) {
        return commandLine(io, PcscReaders::list);
    }

    static CommandLine commandLine(Io io, Supplier<List<PcscReaders.Reader>> readers) {
        WificallCommand root = new WificallCommand(io);
        IFactory defaults = CommandLine.defaultFactory();
        IFactory factory = new IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == ReadersCommand.class) {
                    return cls.cast(new ReadersCommand(readers));
                }
                return cls == WificallCommand.class ? cls.cast(root) : defaults.create(cls);
            }
        };
        CommandLine cli = new CommandLine(root, factory);
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        cli.setOut(new java.io.PrintWriter(io.out(), true));
        cli.setErr(new java.io.PrintWriter(io.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            CommandLine failed = e.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            io.err().println(name + ": " + message(e));
            UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            io.err().println("Try '" + name + " --help' for more information.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((Exception e, CommandLine failed, CommandLine.ParseResult parsed) -> {
            String name = failed.getCommandSpec().qualifiedName();
            if (e instanceof ToolException) {
                io.err().println(name + ": " + e.getMessage());
            } else {
                io.err().println(name + ": internal error: " + e
                        + " (set WIFICALL_DEBUG=1 for the stack trace, and please report it)");
                if (io.env().get("WIFICALL_DEBUG") != null) {
                    e.printStackTrace(io.err());
                }
            }
            return ExitCode.TOOL_ERROR;
        });
        return cli;
    }

    /**
     * picocli's message, but an unknown option is named without the words after it: those may be a
     * value the user meant for it (wificall check --k 0011...), and keys are never echoed.
     */
    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u) {
            List<String> options = u.getUnmatched().stream().filter(a -> a.startsWith("-")).map(a -> a.split("=", 2)[0])
                    .toList();
            if (!options.isEmpty()) {
                return "Unknown option" + (options.size() == 1 ? "" : "s") + ": '" + String.join("', '", options) + "'";
            }
        }
        return e.getMessage();
    }
}
