package dev.wificall.cli;

import dev.wificall.sim.PcscReaders;
import dev.wificall.sim.SimException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wificall readers}: the PC/SC card readers, numbered as {@code --sim-reader} counts them, and
 * whether a card is in each. Asks pcscd only; nothing is sent to a card, so no PIN is needed.
 */
@Command(name = "readers", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        header = "Lists the PC/SC card readers, their index for --sim-reader, and whether a card is in each.",
        description = {"Asks pcscd which card readers it sees, in its order: each line is the index, the name and"
                + " whether a card is in the reader. Give the index, the name or a unique part of it to wificall check"
                + " --ike-auth attach --sim-reader (the Maven goal's simReader, the JUnit parameter wificall.sim.reader)."
                + " Nothing is sent to a card."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the readers are listed", ExitCode.LIST_64,
                "70:PC/SC is not reachable (pcscd not running, libpcsclite missing) or sees no reader"},
        footer = {"%nExample: wificall readers", "Example: wificall check 262-01 --ike-auth attach --sim-reader 0"})
final class ReadersCommand implements Callable<Integer> {

    @ParentCommand
    WificallCommand parent;

    private final Supplier<List<PcscReaders.Reader>> lister;

    /** The readers pcscd sees now. */
    ReadersCommand() {
        this(PcscReaders::list);
    }

    /** For tests: the readers {@code lister} gives, so that no test depends on this machine's pcscd. */
    ReadersCommand(Supplier<List<PcscReaders.Reader>> lister) {
        this.lister = Objects.requireNonNull(lister, "lister");
    }

    @Override
    public Integer call() {
        Io io = parent.io;
        List<PcscReaders.Reader> readers;
        try {
            readers = lister.get();
        } catch (SimException e) {
            // pcscd not running, its library missing: the sentence says which and what to do
            throw new ToolException(e.getMessage(), e);
        }
        if (readers.isEmpty()) {
            throw new ToolException("no card reader found: pcscd runs but sees none; plug the reader in (lsusb should"
                    + " show it) and run again", null);
        }
        for (PcscReaders.Reader r : readers) {
            io.out().println(r.index() + "  " + r.name() + "  (" + (r.card() ? "card in" : "no card") + ")");
        }
        if (io.terminal()) {
            io.err().println("use one with: wificall check OPERATOR --ike-auth attach --sim-reader "
                    + readers.get(0).index());
        }
        return ExitCode.COMPLIANT;
    }
}
