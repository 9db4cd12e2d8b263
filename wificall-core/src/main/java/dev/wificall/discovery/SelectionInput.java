package dev.wificall.discovery;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a phone knows when it picks the names to resolve: its operator, the area it is camped in,
 * whether it calls for help, and the country it roams in. Build it with {@link #of(Plmn)} and the
 * {@code with...} methods; each returns a new value.
 *
 * @param plmn       the home operator (the SIM's MCC-MNC)
 * @param tac        the EPS (LTE) tracking area code, 16 bits
 * @param tac5gs     the 5GS (NR) tracking area code, 24 bits
 * @param lac        the location area code (GSM, UMTS), 16 bits
 * @param emergency  whether the names are for an emergency call ({@code sos} names)
 * @param visitedMcc the MCC of the country the phone roams in, when abroad
 * @param n3iwf      whether to build 5G N3IWF names instead of ePDG names
 */
public record SelectionInput(Plmn plmn, OptionalInt tac, OptionalInt tac5gs, OptionalInt lac, boolean emergency,
        Optional<String> visitedMcc, boolean n3iwf) {

    public SelectionInput {
        Objects.requireNonNull(plmn, "plmn");
        Objects.requireNonNull(tac, "tac");
        Objects.requireNonNull(tac5gs, "tac5gs");
        Objects.requireNonNull(lac, "lac");
        Objects.requireNonNull(visitedMcc, "visitedMcc");
        tac.ifPresent(AreaCodes.Kind.TAC::check);
        tac5gs.ifPresent(AreaCodes.Kind.TAC_5GS::check);
        lac.ifPresent(AreaCodes.Kind.LAC::check);
        if (visitedMcc.isPresent()) {
            String mcc = visitedMcc.get();
            if (!mcc.matches("\\d{3}")) {
                throw new IllegalArgumentException("visited MCC '" + mcc + "' is not 3 digits; expected e.g. 234");
            }
            if (mcc.equals(plmn.mcc())) {
                throw new IllegalArgumentException("visited MCC " + mcc + " is the home country of " + plmn
                        + "; a phone at home does not ask the visited-country name");
            }
            if (tac.isPresent() || tac5gs.isPresent() || lac.isPresent()) {
                throw new IllegalArgumentException("an area code abroad belongs to the visited network, not to "
                        + plmn + "; drop the area code, or give the visited network as the operator");
            }
        }
        if (n3iwf && lac.isPresent()) {
            throw new IllegalArgumentException("TS 23.003 §28.3.2.2 defines no location-area N3IWF name;"
                    + " drop the LAC or ask for ePDG names");
        }
        if (n3iwf && emergency) {
            throw new IllegalArgumentException("TS 23.003 §28.3.2.2 defines no emergency (sos) N3IWF name;"
                    + " ask for ordinary N3IWF names or for emergency ePDG names");
        }
    }

    /** A phone of this operator at home, without area information, for ordinary calls, via an ePDG. */
    public static SelectionInput of(Plmn plmn) {
        return new SelectionInput(plmn, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), false,
                Optional.empty(), false);
    }

    public SelectionInput withTac(int tac) {
        return new SelectionInput(plmn, OptionalInt.of(tac), tac5gs, lac, emergency, visitedMcc, n3iwf);
    }

    public SelectionInput withTac5gs(int tac5gs) {
        return new SelectionInput(plmn, tac, OptionalInt.of(tac5gs), lac, emergency, visitedMcc, n3iwf);
    }

    public SelectionInput withLac(int lac) {
        return new SelectionInput(plmn, tac, tac5gs, OptionalInt.of(lac), emergency, visitedMcc, n3iwf);
    }

    public SelectionInput withEmergency(boolean emergency) {
        return new SelectionInput(plmn, tac, tac5gs, lac, emergency, visitedMcc, n3iwf);
    }

    /** Abroad, in the country with this MCC. */
    public SelectionInput visiting(String mcc) {
        return new SelectionInput(plmn, tac, tac5gs, lac, emergency, Optional.of(mcc), n3iwf);
    }

    public SelectionInput withN3iwf(boolean n3iwf) {
        return new SelectionInput(plmn, tac, tac5gs, lac, emergency, visitedMcc, n3iwf);
    }
}
