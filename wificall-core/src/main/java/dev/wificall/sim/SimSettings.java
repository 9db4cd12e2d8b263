package dev.wificall.sim;

import java.util.Objects;

/**
 * Which reader holds the SIM and where its PIN comes from, checked by {@link SimOptions}. Nothing in
 * it prints a PIN: {@link SimPin#toString()} names the source only.
 *
 * @param reader the choice {@link PcscReaders#open(String)} takes: a name, a unique part of one, or an index
 */
public record SimSettings(String reader, SimPin pin) {

    public SimSettings {
        if (reader == null || reader.isBlank()) {
            throw new IllegalArgumentException("no card reader named; expected a reader's name, a unique part of it, or its index");
        }
        Objects.requireNonNull(pin, "pin");
    }
}
