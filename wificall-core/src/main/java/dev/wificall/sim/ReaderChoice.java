package dev.wificall.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks one reader from the names PC/SC lists, by what a person typed: the whole name, else an
 * index into the list ("0" for the first), else a part of one name, ignoring case. Pure, so it is
 * tested without a reader; {@link PcscReaders} feeds it the live list.
 */
final class ReaderChoice {
    /** Readers named in a message; the rest are counted. */
    static final int SHOWN = 5;
    private static final String HOW = "set " + SimOptions.READER + " to a reader's name, a unique part of it, "
            + "or its index (0 for the first)";

    private ReaderChoice() {
    }

    /**
     * The name of the reader {@code choice} means.
     *
     * @throws SimException NO_READER for an empty list, READER_NOT_FOUND when the choice names none or several
     */
    static String choose(List<String> names, String choice) {
        if (names.isEmpty()) {
            throw new SimException(SimException.Reason.NO_READER, null,
                    "no card reader found: start pcscd, and plug the reader in");
        }
        String wanted = choice == null ? "" : choice.strip();
        if (wanted.isEmpty()) {
            throw new SimException(SimException.Reason.READER_NOT_FOUND, null, "no card reader chosen; readers seen: "
                    + listed(names, all(names)) + "; " + HOW);
        }
        if (names.contains(wanted)) {
            return wanted;
        }
        if (wanted.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int index = wanted.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(wanted);
            if (index < names.size()) {
                return names.get(index);
            }
            throw new SimException(SimException.Reason.READER_NOT_FOUND, null, "there is no card reader number " + wanted
                    + ": " + count(names.size()) + " seen, " + listed(names, all(names)) + "; " + HOW);
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).contains(lower)) {
                matches.add(i);
            }
        }
        if (matches.size() == 1) {
            return names.get(matches.get(0));
        }
        if (matches.isEmpty()) {
            throw new SimException(SimException.Reason.READER_NOT_FOUND, null, "no card reader matches '" + wanted
                    + "'; readers seen: " + listed(names, all(names)) + "; " + HOW);
        }
        throw new SimException(SimException.Reason.READER_NOT_FOUND, null, "'" + wanted + "' matches " + matches.size()
                + " card readers: " + listed(names, matches) + "; " + HOW);
    }

    /** "[0] 'A', [1] 'B', ... and 3 more" for the readers at {@code indexes}. */
    private static String listed(List<String> names, List<Integer> indexes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < indexes.size() && i < SHOWN; i++) {
            b.append(i == 0 ? "" : ", ").append('[').append(indexes.get(i)).append("] '").append(names.get(indexes.get(i)))
                    .append('\'');
        }
        if (indexes.size() > SHOWN) {
            b.append(" and ").append(indexes.size() - SHOWN).append(" more");
        }
        return b.toString();
    }

    private static List<Integer> all(List<String> names) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            indexes.add(i);
        }
        return indexes;
    }

    private static String count(int n) {
        return n + (n == 1 ? " reader" : " readers");
    }
}
