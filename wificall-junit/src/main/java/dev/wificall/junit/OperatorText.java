package dev.wificall.junit;

import dev.wificall.discovery.Operators;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;

/** An operator as people write it in a list: MCC-MNC, a name from the bundled table, or an ePDG name. */
final class OperatorText {

    private OperatorText() {
    }

    /** @throws IllegalArgumentException naming the text and what is expected */
    static SelectionInput parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d.*")) {
            return SelectionInput.of(Plmn.parse(t));
        }
        // a name with dots is an ePDG name, not an operator's
        return t.contains(".") ? SelectionInput.configured(t) : SelectionInput.of(Operators.find(t));
    }
}
