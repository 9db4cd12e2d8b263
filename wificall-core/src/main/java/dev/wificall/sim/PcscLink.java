package dev.wificall.sim;

import java.io.IOException;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

/**
 * The card in one PC/SC reader, from {@link PcscReaders#open}: APDUs over its basic channel. Closing
 * disconnects with a reset, so the PIN verified through this link does not stay open for any other
 * program that talks to the card afterwards. Thread-safe: one APDU at a time.
 */
public final class PcscLink implements ReaderLink {
    private final String reader;
    private final Card card;
    private final CardChannel channel;
    private boolean closed;

    PcscLink(String reader, Card card) {
        this.reader = reader;
        this.card = card;
        this.channel = card.getBasicChannel();
    }

    /** The reader's full name, as PC/SC lists it. */
    @Override
    public String reader() {
        return reader;
    }

    /** Sends one APDU; a card pulled out, reset or a reader unplugged is an {@link IOException}. */
    @Override
    public synchronized byte[] transmit(byte[] command) throws IOException {
        if (closed) {
            throw new IOException("the link to reader '" + reader + "' is closed");
        }
        try {
            return channel.transmit(new CommandAPDU(command)).getBytes();
        } catch (CardException e) {
            throw new IOException(cause(e), e);
        } catch (IllegalStateException e) {
            // javax.smartcardio's way to say the card was disconnected under us
            throw new IOException("the card is no longer connected", e);
        }
    }

    /** Disconnects and resets the card; a card already gone has nothing left to close. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            card.disconnect(true);
        } catch (CardException | IllegalStateException e) {
            // already removed or disconnected: the reset this would do has happened
        }
    }

    @Override
    public String toString() {
        return "PC/SC reader '" + reader + "'";
    }

    /** The innermost message of a PC/SC failure, e.g. "SCARD_W_REMOVED_CARD". */
    static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
