package dev.wificall.sim;

import java.io.IOException;
import java.util.Arrays;

/**
 * Sends commands over one {@link ApduLink} and returns whole answers: it follows 61xx with GET
 * RESPONSE and 6Cxx with the same command under the Le the card asked for (ISO 7816-4 §5.1.3,
 * TS 102 221 §7.3.1.1, the T=0 way a card says "there is more"), and turns a lost card into
 * CARD_REMOVED. Not thread-safe: the card holds one dialogue at a time, so its user serialises.
 */
final class CardExchange {
    private static final int INS_GET_RESPONSE = 0xc0;
    /** 61xx and 6Cxx rounds per command: a sane card needs one or two; a broken one must not loop us. */
    private static final int MAX_ROUNDS = 8;

    private final ApduLink link;
    private final String reader;

    CardExchange(ApduLink link, String reader) {
        this.link = link;
        this.reader = reader;
    }

    String reader() {
        return reader;
    }

    /**
     * Sends {@code command} and returns its answer, data gathered over any GET RESPONSE. The
     * encoded command is wiped after sending (it may hold the PIN); the data returned is the
     * caller's to wipe.
     */
    Response send(Command command) {
        byte[] data = new byte[0];
        Command next = command;
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                byte[] answer = transmit(next, command.name());
                int sw = Byte.toUnsignedInt(answer[answer.length - 2]) << 8 | Byte.toUnsignedInt(answer[answer.length - 1]);
                byte[] more = Arrays.copyOf(data, data.length + answer.length - 2);
                System.arraycopy(answer, 0, more, data.length, answer.length - 2);
                Arrays.fill(answer, (byte) 0);
                Arrays.fill(data, (byte) 0);
                data = more;
                int sw1 = sw >>> 8;
                int sw2 = sw & 0xff;
                if (sw1 == 0x61) {
                    next = new Command("GET RESPONSE after " + command.name(), INS_GET_RESPONSE, 0, 0, new byte[0], sw2);
                } else if (sw1 == 0x6c) {
                    next = next.withLe(sw2);
                } else {
                    return new Response(data.clone(), sw);
                }
            }
            throw new SimException(SimException.Reason.CARD_ERROR, reader, "the card in reader '" + reader + "' kept answering "
                    + command.name() + " with 'more data' (61xx/6Cxx) for " + MAX_ROUNDS + " rounds; the card or the reader "
                    + "is faulty: take the card out, put it back and run again");
        } finally {
            // what was gathered may hold RES, CK and IK: the copies returned are the only ones left
            Arrays.fill(data, (byte) 0);
        }
    }

    private byte[] transmit(Command command, String what) {
        byte[] apdu = command.encode();
        byte[] answer;
        try {
            answer = link.transmit(apdu);
        } catch (IOException e) {
            throw new SimException(SimException.Reason.CARD_REMOVED, reader, "the SIM was removed from reader '" + reader
                    + "' during " + what + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + ": put it back and run again");
        } finally {
            Arrays.fill(apdu, (byte) 0);
        }
        if (answer == null || answer.length < 2) {
            throw new SimException(SimException.Reason.CARD_ERROR, reader, "the card in reader '" + reader + "' answered "
                    + what + " with " + (answer == null ? "nothing" : answer.length + " byte") + "; a card answers at least "
                    + "the two status bytes SW1 SW2: the card or the reader is faulty");
        }
        return answer;
    }

    /** A CARD_ERROR for a status word the dialogue does not expect at this point. */
    SimException unexpected(Command command, int sw) {
        return new SimException(SimException.Reason.CARD_ERROR, reader, "the card in reader '" + reader + "' answered "
                + command.name() + " with status " + StatusWords.describe(sw) + "; a USIM answers 9000 here (TS 31.102)");
    }
}
