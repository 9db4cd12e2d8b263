package dev.wificall.sim;

import static dev.wificall.sim.UsimCardTest.ADF_FCP;
import static dev.wificall.sim.UsimCardTest.DIR_FCP;
import static dev.wificall.sim.UsimCardTest.IMSI_FCP;
import static dev.wificall.sim.UsimCardTest.PIN_STATUS;
import static dev.wificall.sim.UsimCardTest.READ_IMSI;
import static dev.wificall.sim.UsimCardTest.SELECT_ADF;
import static dev.wificall.sim.UsimCardTest.SELECT_DIR;
import static dev.wificall.sim.UsimCardTest.SELECT_IMSI;
import static dev.wificall.sim.UsimCardTest.USIM_AID;
import static dev.wificall.sim.UsimCardTest.readRecord;
import static dev.wificall.sim.UsimCardTest.record;
import static dev.wificall.sim.UsimCardTest.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wificall.eap.AkaChallengeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SIM asked one connection at a time: opened per ask, closed after it, a refused PIN never sent twice. */
class ReaderSimTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String READER = "Test Reader [CCID] 00 00";
    private static final String RAND = "23553CBE9637A89D218AE64DAE47BF35";
    private static final String AUTN = "55F328B43577B9B94A9FFAC354DFAFB3";
    private static final String AUTHENTICATE = "0088 0081 22 10" + RAND + "10" + AUTN + "00";
    private static final String SUCCESS = "DB 08 A54211D5E3BA50BF 10 B40BA9A3C58B2A05BBF0D987B21BF8CB"
            + " 10 F769BCD751044604127672711C6D3441 9000";

    @TempDir
    Path dir;

    /** Links handed out in order, each recording whether it was closed. */
    private static final class Links {
        private final Deque<ScriptedLink> cards = new ArrayDeque<>();
        private final List<Boolean> closed = new ArrayList<>();
        private final List<String> choices = new ArrayList<>();

        Links add(ScriptedLink card) {
            cards.add(card);
            return this;
        }

        ReaderLink open(String choice) {
            choices.add(choice);
            ScriptedLink card = cards.poll();
            if (card == null) {
                throw new AssertionError("the SIM was opened once more than expected");
            }
            int index = closed.size();
            closed.add(false);
            return new ReaderLink() {
                @Override
                public String reader() {
                    return READER;
                }

                @Override
                public byte[] transmit(byte[] command) throws IOException {
                    return card.transmit(command);
                }

                @Override
                public void close() {
                    closed.set(index, true);
                }
            };
        }
    }

    @AfterEach
    void forget() {
        ReaderSim.forgetRefusals();
    }

    private static ScriptedLink opening(String imsiFile) {
        return new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "63C3")
                .then(verify("2580"), "9000")
                .then(SELECT_IMSI, IMSI_FCP)
                .then(READ_IMSI, imsiFile);
    }

    /** The PIN in a file named after its purpose (a name with the PIN in it would defeat the secrecy checks). */
    private SimSettings settings(String pin) throws IOException {
        Path file = dir.resolve(pin.equals("2580") ? "right.pin" : "wrong.pin");
        Files.writeString(file, pin + "\n");
        return new SimOptions("Test Reader", file.toString()).toSettings(dir, Map.of()).orElseThrow();
    }

    @Test
    void eachAskOpensTheCardAndClosesIt() throws IOException {
        ScriptedLink first = opening(UsimCardTest.IMSI_FILE);
        ScriptedLink second = opening(UsimCardTest.IMSI_FILE).then(AUTHENTICATE, SUCCESS);
        Links links = new Links().add(first).add(second);
        ReaderSim sim = ReaderSim.of(settings("2580"), links::open);
        assertThat(sim.description()).isEqualTo("SIM in reader 'Test Reader'");

        assertThat(sim.imsi().digits()).isEqualTo("262011234567890");
        assertThat(links.closed).containsExactly(true);
        assertThat(sim.description()).as("the full name once reached").isEqualTo("SIM in reader '" + READER + "'");
        assertThat(sim.imsi().digits()).as("kept, not read again").isEqualTo("262011234567890");

        AkaChallengeResult answer = sim.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN));
        assertThat(answer).isInstanceOf(AkaChallengeResult.Success.class);
        assertThat(HEX.formatHex(((AkaChallengeResult.Success) answer).res())).isEqualTo("A54211D5E3BA50BF");
        assertThat(links.closed).containsExactly(true, true);
        assertThat(links.choices).containsExactly("Test Reader", "Test Reader");
        assertThat(first.left()).isZero();
        assertThat(second.left()).isZero();
        assertThat(sim.toString()).doesNotContain("2580").doesNotContain("1234567890");
    }

    @Test
    void anotherCardInTheReaderIsRefusedBeforeItIsAsked() throws IOException {
        // IMSI 262019999999999: the same PLMN, another subscriber
        String otherImsi = "08 29 26 10 99 99 99 99 99 9000";
        Links links = new Links().add(opening(UsimCardTest.IMSI_FILE)).add(opening(otherImsi));
        ReaderSim sim = ReaderSim.of(settings("2580"), links::open);
        sim.imsi();
        SimException e = catchThrowableOfType(() -> sim.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN)),
                SimException.class);
        assertThat(e.reason()).isEqualTo(SimException.Reason.CARD_REMOVED);
        assertThat(e).hasMessage("the card in reader '" + READER + "' is not the SIM this check started with (its IMSI is "
                + "26201**********, not 26201**********): put the first SIM back and run again");
        assertThat(links.closed).containsExactly(true, true);
    }

    @Test
    void aRefusedPinIsNotSentAgainFromThisJvm() throws IOException {
        ScriptedLink wrong = new ScriptedLink()
                .then(SELECT_DIR, DIR_FCP)
                .then(readRecord(1, "26"), record(USIM_AID, "USIM"))
                .then(SELECT_ADF, ADF_FCP)
                .then(PIN_STATUS, "63C3")
                .then(verify("0000"), "63C2");
        Links links = new Links().add(wrong);
        SimSettings settings = settings("0000");
        SimException first = catchThrowableOfType(() -> ReaderSim.of(settings, links::open).imsi(), SimException.class);
        assertThat(first.reason()).isEqualTo(SimException.Reason.PIN_WRONG);
        assertThat(first).hasMessageStartingWith("wrong PIN for the SIM in reader '" + READER + "': 2 tries left");

        // a new check with the same reader and PIN file: the card is not opened at all
        SimException again = catchThrowableOfType(() -> ReaderSim.of(settings("0000"), links::open).imsi(),
                SimException.class);
        assertThat(again.reason()).isEqualTo(SimException.Reason.PIN_WRONG);
        assertThat(again).hasMessage(first.getMessage()
                + " (not sent again in this run: each wrong PIN costs one of the card's tries)");
        assertThat(links.choices).hasSize(1);
        assertThat(links.closed).containsExactly(true);
    }

    @Test
    void aCardPulledOutBetweenAsksIsNoCardAtTheNext() throws IOException {
        Links links = new Links().add(opening(UsimCardTest.IMSI_FILE));
        ReaderSim sim = ReaderSim.of(settings("2580"), choice -> {
            if (links.closed.isEmpty()) {
                return links.open(choice);
            }
            throw new SimException(SimException.Reason.NO_CARD, READER, "reader '" + READER + "' has no card in it");
        });
        sim.imsi();
        SimException e = catchThrowableOfType(() -> sim.authenticate(HEX.parseHex(RAND), HEX.parseHex(AUTN)),
                SimException.class);
        assertThat(e.reason()).isEqualTo(SimException.Reason.NO_CARD);
        assertThat(e).hasMessage("reader '" + READER + "' has no card in it");
    }

    @Test
    void aPinFileGoneSinceTheSettingsIsASimErrorNamingIt() throws IOException {
        SimSettings settings = settings("2580");
        Files.delete(dir.resolve("right.pin"));
        Links links = new Links().add(new ScriptedLink());
        SimException e = catchThrowableOfType(() -> ReaderSim.of(settings, links::open).imsi(), SimException.class);
        assertThat(e.reason()).isEqualTo(SimException.Reason.PIN_REQUIRED);
        assertThat(e).hasMessage("the PIN for the SIM in reader '" + READER + "' could not be read: wificall.sim.pinFile: "
                + dir.resolve("right.pin") + " does not exist; expected a file holding the SIM's PIN (4 to 8 digits) on one line");
        assertThat(links.closed).containsExactly(true);
    }
}
