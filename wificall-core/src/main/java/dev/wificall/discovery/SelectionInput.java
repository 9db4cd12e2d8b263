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
 * @param configured a name the phone is configured with, used instead of built names; then
 *                   {@code plmn} is the one its labels name, or for a name whose labels name none
 *                   the operator whose phones use it (null when unknown)
 */
public record SelectionInput(Plmn plmn, OptionalInt tac, OptionalInt tac5gs, OptionalInt lac, boolean emergency,
        Optional<String> visitedMcc, boolean n3iwf, Optional<EpdgName> configured) {

    public SelectionInput {
        Objects.requireNonNull(configured, "configured");
        if (configured.isPresent()) {
            // a name whose labels name no operator may still be the one an operator's phones are configured with
            if (configured.get().plmn().isPresent() && !configured.get().plmn().get().equals(plmn)) {
                throw new IllegalArgumentException("the operator of the configured name " + configured.get()
                        + " is the one its labels name, not " + plmn);
            }
            if (tac.isPresent() || tac5gs.isPresent() || lac.isPresent() || emergency || visitedMcc.isPresent() || n3iwf) {
                throw new IllegalArgumentException("a configured ePDG name (" + configured.get() + ") is used as given;"
                        + " area codes, emergency, visited country and N3IWF apply to built names only");
            }
        } else {
            Objects.requireNonNull(plmn, "plmn");
        }
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
                Optional.empty(), false, Optional.empty());
    }

    /**
     * A phone configured with this ePDG name (TS 24.302 §7.2.1), e.g. an operator's own name.
     *
     * @throws IllegalArgumentException naming the text when it is not a domain name
     */
    public static SelectionInput configured(String fqdn) {
        EpdgName name = EpdgName.configured(fqdn);
        return new SelectionInput(name.plmn().orElse(null), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                false, Optional.empty(), false, Optional.of(name));
    }

    /**
     * A phone of {@code plmn} configured with a name of its carrier's own, outside pub.3gppnetwork.org
     * (Verizon's phones with {@code wo.vzwwo.com}); see {@link PhoneNames}.
     *
     * @throws IllegalArgumentException when the name is not a domain name, or its labels name another operator
     */
    public static SelectionInput configured(String fqdn, Plmn plmn) {
        EpdgName name = EpdgName.configured(fqdn);
        return new SelectionInput(Objects.requireNonNull(plmn, "plmn"), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), false, Optional.empty(), false, Optional.of(name));
    }

    /** "262-01 T-Mobile(Telekom)"; a configured name without operator labels is its own label. */
    public String label() {
        if (plmn == null) {
            return configured.orElseThrow().fqdn();
        }
        return Operators.label(plmn);
    }

    public SelectionInput withTac(int tac) {
        return new SelectionInput(plmn, OptionalInt.of(tac), tac5gs, lac, emergency, visitedMcc, n3iwf, configured);
    }

    public SelectionInput withTac5gs(int tac5gs) {
        return new SelectionInput(plmn, tac, OptionalInt.of(tac5gs), lac, emergency, visitedMcc, n3iwf, configured);
    }

    public SelectionInput withLac(int lac) {
        return new SelectionInput(plmn, tac, tac5gs, OptionalInt.of(lac), emergency, visitedMcc, n3iwf, configured);
    }

    public SelectionInput withEmergency(boolean emergency) {
        return new SelectionInput(plmn, tac, tac5gs, lac, emergency, visitedMcc, n3iwf, configured);
    }

    /** Abroad, in the country with this MCC. */
    public SelectionInput visiting(String mcc) {
        return new SelectionInput(plmn, tac, tac5gs, lac, emergency, Optional.of(mcc), n3iwf, configured);
    }

    public SelectionInput withN3iwf(boolean n3iwf) {
        return new SelectionInput(plmn, tac, tac5gs, lac, emergency, visitedMcc, n3iwf, configured);
    }
}
