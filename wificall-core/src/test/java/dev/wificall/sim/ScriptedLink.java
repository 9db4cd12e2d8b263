package dev.wificall.sim;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A canned card for unit tests: each step is the exact command expected and the answer to give (or
 * an IOException, a card pulled out). A command other than the next expected one fails the test with
 * both in hex; {@link #sent()} keeps copies of what arrived, as the sender wipes its arrays.
 */
final class ScriptedLink implements ApduLink {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private record Step(String command, String answer, IOException failure) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<byte[]> sent = new ArrayList<>();

    /** Expects {@code command} (hex, spaces ignored) and answers {@code answer} (hex, data then SW1 SW2). */
    ScriptedLink then(String command, String answer) {
        steps.add(new Step(clean(command), clean(answer), null));
        return this;
    }

    /** Expects {@code command} and fails as a removed card does. */
    ScriptedLink thenFail(String command, IOException failure) {
        steps.add(new Step(clean(command), null, failure));
        return this;
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        byte[] copy = command.clone();
        sent.add(copy);
        Step step = steps.poll();
        String got = HEX.formatHex(copy);
        if (step == null) {
            throw new AssertionError("the script has ended, yet the card got " + got);
        }
        if (!step.command().equals(got)) {
            throw new AssertionError("expected the command " + step.command() + " but the card got " + got);
        }
        if (step.failure() != null) {
            throw step.failure();
        }
        return HEX.parseHex(step.answer());
    }

    /** Every command that arrived, in order. */
    List<byte[]> sent() {
        return sent;
    }

    /** Commands still expected. */
    int left() {
        return steps.size();
    }

    static String clean(String hex) {
        return hex.replace(" ", "").toUpperCase();
    }
}
