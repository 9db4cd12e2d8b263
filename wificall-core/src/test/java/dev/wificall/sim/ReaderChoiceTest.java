package dev.wificall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reader a choice means: its whole name, an index, a unique part; and what a bad choice says. */
class ReaderChoiceTest {
    private static final List<String> READERS = List.of(
            "Identiv uTrust 3700 F CL Reader [uTrust 3700 F Contact Reader] 00 00",
            "Identiv uTrust 3700 F CL Reader [uTrust 3700 F CL Reader] 01 00",
            "Virtual PCD 00 00",
            "HID Global OMNIKEY 3x21 Smart Card Reader [OMNIKEY 3x21 Smart Card Reader] 00 00");
    private static final String HOW = "set wificall.sim.reader to a reader's name, a unique part of it, or its index "
            + "(0 for the first)";

    private static SimException refused(List<String> names, String choice) {
        SimException e = catchThrowableOfType(() -> ReaderChoice.choose(names, choice), SimException.class);
        assertThat(e).as(choice).isNotNull();
        return e;
    }

    @Test
    void byWholeNameIndexOrUniquePart() {
        assertThat(ReaderChoice.choose(READERS, "Virtual PCD 00 00")).isEqualTo("Virtual PCD 00 00");
        assertThat(ReaderChoice.choose(READERS, "0")).isEqualTo(READERS.get(0));
        assertThat(ReaderChoice.choose(READERS, " 3 ")).isEqualTo(READERS.get(3));
        assertThat(ReaderChoice.choose(READERS, "omnikey")).isEqualTo(READERS.get(3));
        assertThat(ReaderChoice.choose(READERS, "Contact")).isEqualTo(READERS.get(0));
        assertThat(ReaderChoice.choose(READERS, "virtual")).isEqualTo("Virtual PCD 00 00");
    }

    @Test
    void aWholeNameWinsOverAnIndexAndAPart() {
        List<String> names = List.of("Reader 1", "1", "Reader 10");
        assertThat(ReaderChoice.choose(names, "1")).isEqualTo("1");
        assertThat(ReaderChoice.choose(names, "0")).isEqualTo("Reader 1");
        assertThat(ReaderChoice.choose(names, "Reader 1")).isEqualTo("Reader 1");
    }

    @Test
    void anAmbiguousPartNamesTheReadersItMatches() {
        SimException e = refused(READERS, "uTrust");
        assertThat(e.reason()).isEqualTo(SimException.Reason.READER_NOT_FOUND);
        assertThat(e).hasMessage("'uTrust' matches 2 card readers: [0] '" + READERS.get(0) + "', [1] '" + READERS.get(1)
                + "'; " + HOW);
    }

    @Test
    void aChoiceThatMatchesNothingListsWhatIsThere() {
        SimException e = refused(READERS, "Gemalto");
        assertThat(e.reason()).isEqualTo(SimException.Reason.READER_NOT_FOUND);
        assertThat(e).hasMessage("no card reader matches 'Gemalto'; readers seen: [0] '" + READERS.get(0) + "', [1] '"
                + READERS.get(1) + "', [2] 'Virtual PCD 00 00', [3] '" + READERS.get(3) + "'; " + HOW);
        assertThat(refused(READERS, "4")).hasMessageStartingWith("there is no card reader number 4: 4 readers seen, [0] '");
        assertThat(refused(READERS, "99999999999").reason()).isEqualTo(SimException.Reason.READER_NOT_FOUND);
        assertThat(refused(READERS, " ")).hasMessageStartingWith("no card reader chosen; readers seen: [0] '");
    }

    @Test
    void aLongListIsCappedWithACount() {
        List<String> many = List.of("A 00", "A 01", "A 02", "A 03", "A 04", "A 05", "A 06", "A 07");
        assertThat(refused(many, "B")).hasMessage("no card reader matches 'B'; readers seen: [0] 'A 00', [1] 'A 01', "
                + "[2] 'A 02', [3] 'A 03', [4] 'A 04' and 3 more; " + HOW);
        assertThat(refused(many, "a 0")).hasMessageStartingWith("'a 0' matches 8 card readers: [0] 'A 00', [1] 'A 01', "
                + "[2] 'A 02', [3] 'A 03', [4] 'A 04' and 3 more; ");
    }

    @Test
    void noReaderAtAllIsNoReader() {
        SimException e = refused(List.of(), "0");
        assertThat(e.reason()).isEqualTo(SimException.Reason.NO_READER);
        assertThat(e).hasMessage("no card reader found: start pcscd, and plug the reader in");
        assertThat(e.reader()).isEmpty();
    }
}
