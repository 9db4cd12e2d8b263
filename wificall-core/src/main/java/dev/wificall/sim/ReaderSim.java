package dev.wificall.sim;

import dev.wificall.eap.AkaChallengeResult;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.Imsi;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The SIM in a PC/SC reader as the attach's {@link CredentialSource}, holding no PC/SC connection
 * between its answers: each ask connects, selects the USIM, verifies PIN1, asks and disconnects
 * with a reset. So no card handle outlives a check, and a card pulled out between two asks is
 * noticed at the next one. The IMSI is read at the first ask and kept; a card whose IMSI differs
 * later is another card, and is refused.
 *
 * <p>A PIN the card refused is not sent again from this JVM (every refusal costs one of its three
 * tries, and the last blocks the card): every later ask of the same reader and PIN source gets the
 * first refusal again, without touching the card.
 */
public final class ReaderSim implements CredentialSource {
    /** Refused PINs by reader choice and PIN source, for the JVM's life: never a PIN, only where it came from. */
    private static final Map<String, SimException> REFUSED = new ConcurrentHashMap<>();

    private final SimSettings settings;
    private final Function<String, ReaderLink> connector;
    private Imsi imsi;
    private String reader;

    private ReaderSim(SimSettings settings, Function<String, ReaderLink> connector) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connector = connector;
        this.reader = settings.reader();
    }

    /** The SIM in the PC/SC reader {@code settings} chooses; nothing is asked of the card yet. */
    public static ReaderSim of(SimSettings settings) {
        return new ReaderSim(settings, PcscReaders::open);
    }

    /** For tests: the card behind links {@code connector} opens for the reader choice. */
    static ReaderSim of(SimSettings settings, Function<String, ReaderLink> connector) {
        return new ReaderSim(settings, connector);
    }

    /**
     * The SIM's IMSI, read from EF_IMSI at the first call.
     *
     * @throws SimException when the card cannot be reached or opened (the reason says why)
     */
    @Override
    public synchronized Imsi imsi() {
        if (imsi == null) {
            imsi = withCard(UsimCard::imsi);
        }
        return imsi;
    }

    /**
     * AUTHENTICATE on the card, opened for this one command.
     *
     * @throws SimException when the card cannot be reached, is another card than the first ask saw, or fails the command
     */
    @Override
    public synchronized AkaChallengeResult authenticate(byte[] rand, byte[] autn) {
        Imsi expected = imsi();
        return withCard(card -> {
            if (!card.imsi().equals(expected)) {
                throw new SimException(SimException.Reason.CARD_REMOVED, reader, "the card in reader '" + reader
                        + "' is not the SIM this check started with (its IMSI is " + card.imsi().masked() + ", not "
                        + expected.masked() + "): put the first SIM back and run again");
            }
            return card.authenticate(rand, autn);
        });
    }

    /** "SIM in reader 'X'", with the reader's full name once the card was reached. */
    @Override
    public synchronized String description() {
        return "SIM in reader '" + reader + "'";
    }

    /** The reader as chosen, or its full name once the card was reached. */
    public synchronized String reader() {
        return reader;
    }

    @Override
    public String toString() {
        return description() + " (" + settings.pin() + ")";
    }

    private <T> T withCard(Function<UsimCard, T> ask) {
        String key = settings.reader() + "\n" + settings.pin();
        SimException refused = REFUSED.get(key);
        if (refused != null) {
            throw new SimException(refused.reason(), refused.reader().orElse(null), refused.getMessage()
                    + " (not sent again in this run: each wrong PIN costs one of the card's tries)");
        }
        try (ReaderLink link = connector.apply(settings.reader())) {
            reader = link.reader();
            Optional<char[]> pin;
            try {
                pin = settings.pin().read();
            } catch (IllegalArgumentException e) {
                throw new SimException(SimException.Reason.PIN_REQUIRED, reader, "the PIN for the SIM in reader '" + reader
                        + "' could not be read: " + e.getMessage());
            }
            return ask.apply(UsimCard.open(link, pin, reader));
        } catch (SimException e) {
            if (e.reason() == SimException.Reason.PIN_WRONG || e.reason() == SimException.Reason.PIN_BLOCKED) {
                REFUSED.putIfAbsent(key, e);
            }
            throw e;
        }
    }

    /** Forgets the refused PINs, for tests that run several cards through one reader in one JVM. */
    static void forgetRefusals() {
        REFUSED.clear();
    }
}
