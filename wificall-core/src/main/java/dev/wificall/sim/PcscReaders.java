package dev.wificall.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * The card readers PC/SC (pcscd) sees, through the JDK's {@code javax.smartcardio}, and the way to
 * open the card in one of them. Errors are {@link SimException}s: NO_READER when PC/SC is not
 * reachable or lists no reader, READER_NOT_FOUND when the choice names none (or several), NO_CARD
 * when the chosen reader is empty. This class never starts pcscd.
 */
public final class PcscReaders {
    static final String LIBRARY_PROPERTY = "sun.security.smartcardio.library";
    private static final List<String> LIBRARIES = List.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
            "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1", "/usr/lib64/libpcsclite.so.1", "/usr/lib/libpcsclite.so.1");
    private static final String START = "start pcscd (systemctl start pcscd), and plug the reader in";

    private PcscReaders() {
    }

    /** The names of the readers PC/SC sees now, in its order (the order the indexes count). */
    public static List<String> names() {
        return names(terminals());
    }

    /**
     * One reader as PC/SC lists it.
     *
     * @param index what {@link SimOptions#READER} may name it by ("0" for the first)
     * @param card  whether a card is in it now
     */
    public record Reader(int index, String name, boolean card) {
        public Reader {
            if (index < 0) {
                throw new IllegalArgumentException("reader index " + index + " is negative; expected 0 or more");
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("reader " + index + " has no name; expected the name PC/SC lists");
            }
        }
    }

    /**
     * The readers PC/SC sees now, in its order, each with whether a card is in it. Nothing is sent to a
     * card.
     *
     * @throws SimException NO_READER when PC/SC is not reachable
     */
    public static List<Reader> list() {
        CardTerminals terminals = terminals();
        List<String> names = names(terminals);
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            CardTerminal terminal = terminals.getTerminal(names.get(i));
            boolean card;
            try {
                card = terminal != null && terminal.isCardPresent();
            } catch (CardException e) {
                // a reader whose state PC/SC cannot tell cannot be opened either: shown as empty
                card = false;
            }
            readers.add(new Reader(i, names.get(i), card));
        }
        return List.copyOf(readers);
    }

    /**
     * Connects to the card in the reader {@code choice} names: the whole name, an index into
     * {@link #names()} ("0"), or a unique part of one name, ignoring case. Any protocol, shared
     * access. The caller closes the link.
     */
    public static PcscLink open(String choice) {
        CardTerminals terminals = terminals();
        String name = ReaderChoice.choose(names(terminals), choice);
        CardTerminal terminal = terminals.getTerminal(name);
        if (terminal == null) {
            throw new SimException(SimException.Reason.READER_NOT_FOUND, name, "reader '" + name
                    + "' went away while it was being opened: is it plugged in firmly?");
        }
        try {
            if (!terminal.isCardPresent()) {
                throw noCard(name, "has no card in it");
            }
            Card card = terminal.connect("*");
            return new PcscLink(name, card);
        } catch (CardException e) {
            String code = PcscLink.cause(e);
            if (code.contains("NO_SMARTCARD") || code.contains("REMOVED_CARD")) {
                throw noCard(name, "has no card in it");
            }
            if (code.contains("UNRESPONSIVE_CARD") || code.contains("UNPOWERED_CARD") || code.contains("UNSUPPORTED_CARD")) {
                throw noCard(name, "holds a card that does not answer the reset (" + code + "): is it inserted the right way "
                        + "round, with its contacts clean, in a full-size adapter when it is a nano SIM?");
            }
            if (code.contains("SHARING_VIOLATION")) {
                throw new SimException(SimException.Reason.CARD_ERROR, name, "another program holds the card in reader '" + name
                        + "' exclusively (" + code + "): stop it (a phone manager, a modem daemon) and run again");
            }
            throw new SimException(SimException.Reason.CARD_ERROR, name, "could not connect to the card in reader '" + name
                    + "' (" + code + "): take the card out, put it back and run again");
        }
    }

    private static SimException noCard(String name, String what) {
        return new SimException(SimException.Reason.NO_CARD, name, "reader '" + name + "' " + what
                + (what.startsWith("has no card") ? ": insert the SIM (a nano SIM in a full-size adapter) and run again" : ""));
    }

    private static List<String> names(CardTerminals terminals) {
        try {
            List<String> names = new ArrayList<>();
            for (CardTerminal t : terminals.list()) {
                names.add(t.getName());
            }
            return names;
        } catch (CardException e) {
            String code = PcscLink.cause(e);
            if (code.contains("NO_READERS_AVAILABLE")) {
                return List.of();
            }
            throw new SimException(SimException.Reason.NO_READER, null, "PC/SC could not list the card readers (" + code
                    + "): " + START);
        }
    }

    private static CardTerminals terminals() {
        useSystemLibrary();
        TerminalFactory factory;
        try {
            // not getDefault(): it hides why PC/SC failed behind an empty "None" factory
            factory = TerminalFactory.getInstance("PC/SC", null);
        } catch (NoSuchAlgorithmException e) {
            String code = PcscLink.cause(e);
            if (code.contains("NO_SERVICE")) {
                throw new SimException(SimException.Reason.NO_READER, null, "pcscd is not running (PC/SC answers " + code
                        + "): " + START);
            }
            throw new SimException(SimException.Reason.NO_READER, null, "PC/SC is not available (" + code + "): install "
                    + "pcscd and libpcsclite1, then " + START);
        }
        return factory.terminals();
    }

    /**
     * The JDK looks for libpcsclite.so, a link only the -dev package installs; a plain Debian or
     * Ubuntu has just libpcsclite.so.1. The provider reads the property once, when it first loads the
     * library, so it is set before the first factory, and never over a value someone chose.
     */
    static synchronized void useSystemLibrary() {
        if (System.getProperty(LIBRARY_PROPERTY) != null) {
            return;
        }
        for (String library : LIBRARIES) {
            if (Files.isRegularFile(Path.of(library))) {
                System.setProperty(LIBRARY_PROPERTY, library);
                return;
            }
        }
    }
}
