package dev.wificall.sim;

import dev.wificall.eap.AkaChallengeResult;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.Imsi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A real USIM behind an {@link ApduLink}: the card computes RES, CK and IK (or AUTS) and its K never
 * leaves it. {@link #open} runs the dialogue of TS 102 221 and TS 31.102 once: find the USIM in
 * EF_DIR, select it, verify PIN1 when the card asks for it, read EF_IMSI. Then each
 * {@link #authenticate} is one AUTHENTICATE command in 3G context (TS 31.102 §7.1.2.1).
 *
 * <p>Failures are {@link SimException}s whose sentences name the reader and say what to do. Nothing
 * secret leaves this class in a message or {@code toString()}: not the PIN, not the IMSI's digits
 * beyond the mask, not what the card computed. Thread-safe: one command at a time goes to the card.
 */
public final class UsimCard implements CredentialSource {
    private static final int INS_SELECT = 0xa4;
    private static final int INS_READ_RECORD = 0xb2;
    private static final int INS_READ_BINARY = 0xb0;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_AUTHENTICATE = 0x88;
    /** SELECT P1: by file id / by AID (DF name); P2 04: return the FCP (TS 102 221 §11.1.1.2). */
    private static final int BY_FID = 0x00;
    private static final int BY_AID = 0x04;
    private static final int RETURN_FCP = 0x04;
    /** READ RECORD P2 04: absolute record number in P1 (TS 102 221 §11.1.5.2). */
    private static final int ABSOLUTE = 0x04;
    /** VERIFY P2 01: PIN1, the application PIN (TS 102 221 §9.5.1). */
    private static final int PIN1 = 0x01;
    /** AUTHENTICATE P2 81: specific reference data, 3G security context (TS 31.102 §7.1.2). */
    private static final int CONTEXT_3G = 0x81;
    private static final byte[] EF_DIR = {0x2f, 0x00};
    private static final byte[] EF_IMSI = {0x6f, 0x07};
    private static final int PIN_FIELD = 8;
    private static final int TAG_SUCCESS = 0xdb;
    private static final int TAG_SYNC_FAILURE = 0xdc;
    private static final int CHALLENGE = 16;
    private static final int KEY = 16;
    private static final int KC = 8;
    private static final int AUTS = 14;
    private static final int MIN_RES = 4;
    private static final int MAX_RES = 16;
    /** Records a READ RECORD can address (P1 01..FE). */
    private static final int MAX_RECORDS = 254;
    /** Applications named when none is a USIM. */
    private static final int SHOWN_APPLICATIONS = 5;
    private static final String PIN_SETTINGS = SimOptions.ENV_PIN + " or " + SimOptions.PIN_FILE;

    private final CardExchange card;
    private final String reader;
    private final Imsi imsi;

    private UsimCard(CardExchange card, String reader, Imsi imsi) {
        this.card = card;
        this.reader = reader;
        this.imsi = imsi;
    }

    /**
     * Finds and opens the USIM on the card behind {@code link}, verifying PIN1 with {@code pin} when
     * the card asks for it. A PIN given to a card that does not ask is not sent; no PIN is sent to a
     * card that reports PIN1 blocked; a given PIN is sent once, never retried.
     *
     * @param pin    PIN1, 4 to 8 digits; the array is wiped before this method returns, whatever happens
     * @param reader the reader's name, for messages
     * @throws SimException            when the card cannot be used (the reason says why)
     * @throws IllegalArgumentException when the PIN is not 4 to 8 digits (nothing is sent then)
     */
    public static UsimCard open(ApduLink link, Optional<char[]> pin, String reader) {
        Objects.requireNonNull(pin, "pin");
        try {
            Objects.requireNonNull(link, "link");
            if (reader == null || reader.isBlank()) {
                throw new IllegalArgumentException("no reader name given; the messages about the SIM name its reader");
            }
            pin.ifPresent(SimPin::checkFormat);
            CardExchange card = new CardExchange(link, reader);
            Application usim = findUsim(card);
            selectUsim(card, usim);
            verifyPin(card, pin);
            return new UsimCard(card, reader, readImsi(card));
        } finally {
            pin.ifPresent(p -> Arrays.fill(p, '\0'));
        }
    }

    @Override
    public Imsi imsi() {
        return imsi;
    }

    /** The reader's name as given to {@link #open}. */
    public String reader() {
        return reader;
    }

    @Override
    public String description() {
        return "SIM in reader '" + reader + "'";
    }

    /**
     * Sends AUTHENTICATE (3G context) with RAND and AUTN and returns what the card computed.
     *
     * @throws SimException CARD_REMOVED when the card went away, PIN_REQUIRED when it lost its PIN
     *                      verification (a reset), CARD_ERROR for any other answer
     */
    @Override
    public synchronized AkaChallengeResult authenticate(byte[] rand, byte[] autn) {
        checkChallenge("RAND", rand);
        checkChallenge("AUTN", autn);
        byte[] data = new byte[1 + CHALLENGE + 1 + CHALLENGE];
        data[0] = CHALLENGE;
        System.arraycopy(rand, 0, data, 1, CHALLENGE);
        data[1 + CHALLENGE] = CHALLENGE;
        System.arraycopy(autn, 0, data, 2 + CHALLENGE, CHALLENGE);
        Command command = new Command("AUTHENTICATE", INS_AUTHENTICATE, 0x00, CONTEXT_3G, data, 0);
        Response answer = card.send(command);
        try {
            if (answer.ok()) {
                return challengeAnswer(new ResponseReader(answer.data(), reader, command.name()));
            }
            if (answer.sw() == 0x9862) {
                return new AkaChallengeResult.MacFailure();
            }
            if (answer.sw() == 0x6982) {
                throw new SimException(SimException.Reason.PIN_REQUIRED, reader, "the SIM in reader '" + reader
                        + "' refused AUTHENTICATE because PIN1 is not verified (6982): was the card reset or put back? "
                        + "Run again, with the PIN in " + PIN_SETTINGS);
            }
            throw card.unexpected(command, answer.sw());
        } finally {
            Arrays.fill(answer.data(), (byte) 0);
        }
    }

    @Override
    public String toString() {
        return description() + " (IMSI " + imsi.masked() + ")";
    }

    /** DB L RES L CK L IK [L Kc], or DC L AUTS (TS 31.102 §7.1.2.1). */
    private AkaChallengeResult challengeAnswer(ResponseReader in) {
        if (in.remaining() == 0) {
            throw in.malformed("no data with the success status; expected DB (RES, CK, IK) or DC (AUTS)");
        }
        int tag = in.u8("the answer tag");
        if (tag == TAG_SUCCESS) {
            int resLength = in.u8("the RES length");
            if (resLength < MIN_RES || resLength > MAX_RES) {
                throw in.malformed("RES is " + resLength + " bytes; a RES is 4 to 16");
            }
            byte[] res = in.bytes(resLength, "RES");
            byte[] ck = null;
            byte[] ik = null;
            try {
                ck = key(in, "CK");
                ik = key(in, "IK");
                if (in.remaining() > 0) {
                    int kcLength = in.u8("the Kc length");
                    if (kcLength != KC) {
                        throw in.malformed("Kc is " + kcLength + " bytes; expected 8");
                    }
                    in.skip(KC, "Kc");
                }
                if (in.remaining() > 0) {
                    throw in.malformed(in.remaining() + " bytes follow RES, CK, IK and Kc; expected none");
                }
                return new AkaChallengeResult.Success(res, ck, ik);
            } finally {
                wipe(res, ck, ik);
            }
        }
        if (tag == TAG_SYNC_FAILURE) {
            int length = in.u8("the AUTS length");
            if (length != AUTS) {
                throw in.malformed("AUTS is " + length + " bytes; expected 14");
            }
            byte[] auts = in.bytes(AUTS, "AUTS");
            try {
                if (in.remaining() > 0) {
                    throw in.malformed(in.remaining() + " bytes follow AUTS; expected none");
                }
                return new AkaChallengeResult.SynchronisationFailure(auts);
            } finally {
                wipe(auts);
            }
        }
        throw in.malformed("it starts with tag " + ResponseReader.hex(tag) + "; expected DB (RES, CK, IK) or DC (AUTS)");
    }

    private static byte[] key(ResponseReader in, String name) {
        int length = in.u8("the " + name + " length");
        if (length != KEY) {
            throw in.malformed(name + " is " + length + " bytes; expected 16");
        }
        return in.bytes(KEY, name);
    }

    /** SELECT EF_DIR, then READ RECORD until a USIM's AID. */
    private static Application findUsim(CardExchange card) {
        String reader = card.reader();
        Command select = new Command("SELECT EF_DIR", INS_SELECT, BY_FID, RETURN_FCP, EF_DIR, Command.NO_LE);
        Response answer = card.send(select);
        if (answer.sw() == 0x6a82) {
            throw new SimException(SimException.Reason.NOT_A_USIM, reader, "the card in reader '" + reader
                    + "' has no EF_DIR (SELECT 2F00 answered " + StatusWords.describe(answer.sw()) + "): it is no UICC, "
                    + "perhaps a 2G-only SIM; EAP-AKA needs a USIM, the SIM of a 3G, 4G or 5G subscription");
        }
        if (answer.sw() == 0x6e00 || answer.sw() == 0x6d00) {
            throw new SimException(SimException.Reason.NOT_A_USIM, reader, "the card in reader '" + reader
                    + "' does not take UICC commands (SELECT answered " + StatusWords.describe(answer.sw()) + "): it is a "
                    + "2G-only SIM or no SIM at all; EAP-AKA needs a USIM, the SIM of a 3G, 4G or 5G subscription");
        }
        if (!answer.ok()) {
            throw card.unexpected(select, answer.sw());
        }
        // an FCP is asked for; a card that sends none leaves the record size to its 6Cxx answers
        Fcp fcp = answer.data().length == 0 ? new Fcp(-1, 0, 0)
                : Fcp.decode(new ResponseReader(answer.data(), reader, select.name()));
        if (fcp.descriptor() >= 0 && !fcp.linearFixed()) {
            throw new ResponseReader(answer.data(), reader, select.name()).malformed("EF_DIR should be a linear fixed EF "
                    + "but its file descriptor is " + ResponseReader.hex(fcp.descriptor()));
        }
        if (fcp.recordLength() > 0xff) {
            throw new ResponseReader(answer.data(), reader, select.name()).malformed("EF_DIR records are "
                    + fcp.recordLength() + " bytes; READ RECORD reads at most 255");
        }
        int records = fcp.records() > 0 ? Math.min(fcp.records(), MAX_RECORDS) : MAX_RECORDS;
        List<Application> seen = new ArrayList<>();
        for (int n = 1; n <= records; n++) {
            Command read = new Command("READ RECORD " + n + " of EF_DIR", INS_READ_RECORD, n, ABSOLUTE, new byte[0],
                    fcp.recordLength());
            Response record = card.send(read);
            if (record.sw() == 0x6a83) {
                break;
            }
            if (!record.ok()) {
                throw card.unexpected(read, record.sw());
            }
            Optional<Application> app = Application.decode(new ResponseReader(record.data(), reader, read.name()));
            if (app.isPresent() && app.get().usim()) {
                return app.get();
            }
            app.ifPresent(seen::add);
        }
        String listed = seen.isEmpty() ? "no application" : seen.stream().limit(SHOWN_APPLICATIONS)
                .map(Application::describe).collect(Collectors.joining(", "))
                + (seen.size() > SHOWN_APPLICATIONS ? " and " + (seen.size() - SHOWN_APPLICATIONS) + " more" : "");
        throw new SimException(SimException.Reason.NOT_A_USIM, reader, "the card in reader '" + reader
                + "' has no USIM application (EF_DIR lists " + listed + "; a USIM's AID starts A0000000871002): "
                + "EAP-AKA needs the SIM of a 3G, 4G or 5G subscription");
    }

    private static void selectUsim(CardExchange card, Application usim) {
        String reader = card.reader();
        Command select = new Command("SELECT the USIM application", INS_SELECT, BY_AID, RETURN_FCP, usim.aid(), Command.NO_LE);
        Response answer = card.send(select);
        if (answer.sw() == 0x6a82) {
            throw new SimException(SimException.Reason.NOT_A_USIM, reader, "the card in reader '" + reader
                    + "' lists the USIM application " + usim.describe() + " in EF_DIR but does not select it ("
                    + StatusWords.describe(answer.sw()) + "): the card is faulty or its USIM disabled");
        }
        if (!answer.ok()) {
            throw card.unexpected(select, answer.sw());
        }
        if (answer.data().length > 0) {
            Fcp.decode(new ResponseReader(answer.data(), reader, select.name()));
        }
    }

    /** PIN status first (VERIFY without data, TS 102 221 §11.1.9); VERIFY with the PIN only when it is asked for. */
    private static void verifyPin(CardExchange card, Optional<char[]> pin) {
        String reader = card.reader();
        Command status = new Command("VERIFY PIN1 (status)", INS_VERIFY, 0x00, PIN1, new byte[0], Command.NO_LE);
        Response answer = card.send(status);
        if (answer.ok()) {
            return;
        }
        int tries = triesLeft(answer.sw());
        if (answer.sw() == 0x6983 || tries == 0) {
            throw blocked(reader, "PIN1 of the SIM in reader '" + reader + "' is blocked");
        }
        if (tries < 0) {
            throw card.unexpected(status, answer.sw());
        }
        if (pin.isEmpty()) {
            throw new SimException(SimException.Reason.PIN_REQUIRED, reader, "no PIN given: the SIM in reader '" + reader
                    + "' asks for PIN1 (" + tries(tries) + " left); set " + PIN_SETTINGS);
        }
        byte[] field = pinField(pin.get());
        Command verify = new Command("VERIFY PIN1", INS_VERIFY, 0x00, PIN1, field, Command.NO_LE);
        Response result;
        try {
            result = card.send(verify);
        } finally {
            Arrays.fill(field, (byte) 0);
        }
        if (result.ok()) {
            return;
        }
        int left = triesLeft(result.sw());
        if (result.sw() == 0x6983 || left == 0) {
            throw blocked(reader, "wrong PIN for the SIM in reader '" + reader + "': that was the last try, PIN1 is now blocked");
        }
        if (left < 0) {
            throw card.unexpected(verify, result.sw());
        }
        throw new SimException(SimException.Reason.PIN_WRONG, reader, "wrong PIN for the SIM in reader '" + reader + "': "
                + tries(left) + " left; after " + (left == 1 ? "one more wrong PIN" : left + " more wrong PINs")
                + " the card blocks PIN1 and needs its PUK in a phone; check " + PIN_SETTINGS);
    }

    private static Imsi readImsi(CardExchange card) {
        String reader = card.reader();
        Command select = new Command("SELECT EF_IMSI", INS_SELECT, BY_FID, RETURN_FCP, EF_IMSI, Command.NO_LE);
        Response selected = card.send(select);
        if (!selected.ok()) {
            throw card.unexpected(select, selected.sw());
        }
        Command read = new Command("READ BINARY of EF_IMSI", INS_READ_BINARY, 0x00, 0x00, new byte[0], EfImsi.SIZE);
        Response answer = card.send(read);
        try {
            if (answer.sw() == 0x6982) {
                throw new SimException(SimException.Reason.PIN_REQUIRED, reader, "the SIM in reader '" + reader
                        + "' refused to read its IMSI because PIN1 is not verified (6982); set " + PIN_SETTINGS);
            }
            if (!answer.ok()) {
                throw card.unexpected(read, answer.sw());
            }
            return EfImsi.decode(new ResponseReader(answer.data(), reader, read.name()));
        } finally {
            Arrays.fill(answer.data(), (byte) 0);
        }
    }

    /** x of 63Cx, or -1 for another status word. */
    private static int triesLeft(int sw) {
        return (sw & 0xfff0) == 0x63c0 ? sw & 0x0f : -1;
    }

    private static String tries(int n) {
        return n + (n == 1 ? " try" : " tries");
    }

    private static SimException blocked(String reader, String what) {
        return new SimException(SimException.Reason.PIN_BLOCKED, reader, what + ": unblock it with the PUK in a phone; "
                + "wificall sends no PIN to a blocked card");
    }

    /** The PIN as ASCII digits, padded with FF to 8 bytes (TS 102 221 §9.5.1). */
    private static byte[] pinField(char[] pin) {
        byte[] field = new byte[PIN_FIELD];
        Arrays.fill(field, (byte) 0xff);
        for (int i = 0; i < pin.length; i++) {
            field[i] = (byte) pin[i];
        }
        return field;
    }

    private static void checkChallenge(String name, byte[] value) {
        if (value == null || value.length != CHALLENGE) {
            throw new IllegalArgumentException(name + " must be 16 bytes; got " + (value == null ? "none" : value.length));
        }
    }

    private static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }
}
