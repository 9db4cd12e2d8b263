package dev.wificall.discovery;

/**
 * The forms of ePDG and N3IWF names a phone builds (TS 23.003 §19.4.2.9, §19.4.2.9A, §28.3.2.2).
 * Each has an emergency variant with a {@code sos} label, except the N3IWF forms, for which
 * §28.3.2.2 defines none.
 */
public enum NameForm {
    /** {@code epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}. */
    OPERATOR_IDENTIFIER("operator identifier", "TS 23.003 §19.4.2.9.2", "TS 23.003 §19.4.2.9A.2"),
    /** {@code tac-lb<TAC low byte>.tac-hb<TAC high byte>.tac.epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}. */
    TRACKING_AREA("tracking area", "TS 23.003 §19.4.2.9.3", "TS 23.003 §19.4.2.9A.3"),
    /** {@code lac<LAC>.epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}. */
    LOCATION_AREA("location area", "TS 23.003 §19.4.2.9.3", "TS 23.003 §19.4.2.9A.3"),
    /** {@code tac-lb<..>.tac-mb<..>.tac-hb<..>.5gstac.epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}. */
    TRACKING_AREA_5GS("5GS tracking area", "TS 23.003 §19.4.2.9.3", "TS 23.003 §19.4.2.9A.3"),
    /** {@code epdg.epc.mcc<MCC>.visited-country.pub.3gppnetwork.org}, queried for NAPTR records. */
    VISITED_COUNTRY("visited country", "TS 23.003 §19.4.2.9.4", "TS 23.003 §19.4.2.9A.4"),
    /** {@code n3iwf.5gc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}. */
    N3IWF_OPERATOR_IDENTIFIER("N3IWF operator identifier", "TS 23.003 §28.3.2.2.2", null),
    /** {@code tac-lb<..>.tac-hb<..>.tac.n3iwf.5gc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}. */
    N3IWF_TRACKING_AREA("N3IWF tracking area", "TS 23.003 §28.3.2.2.3", null),
    /** {@code tac-lb<..>.tac-mb<..>.tac-hb<..>.5gstac.n3iwf.5gc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}. */
    N3IWF_TRACKING_AREA_5GS("N3IWF 5GS tracking area", "TS 23.003 §28.3.2.2.3", null),
    /** {@code n3iwf.5gc.mcc<MCC>.visited-country.pub.3gppnetwork.org}, queried for NAPTR records. */
    N3IWF_VISITED_COUNTRY("N3IWF visited country", "TS 23.003 §28.3.2.2.4", null),
    /**
     * A name the phone is configured with (TS 24.302 §7.2.1: an ePDG identifier in the USIM or the
     * carrier configuration), used as given instead of a built name; e.g. an operator's own
     * {@code epdg.example.net} or a geo name such as {@code ss.epdg.epc.geo.mnc260.mcc310.pub.3gppnetwork.org}.
     */
    CONFIGURED("configured", "TS 24.302 §7.2.1", null);

    private final String label;
    private final String clause;
    private final String emergencyClause;

    NameForm(String label, String clause, String emergencyClause) {
        this.label = label;
        this.clause = clause;
        this.emergencyClause = emergencyClause;
    }

    /** A short label for reports, e.g. "tracking area". */
    public String label() {
        return label;
    }

    /** Where the form is defined, e.g. "TS 23.003 §19.4.2.9.3"; the emergency variant's clause if asked. */
    public String clause(boolean emergency) {
        return emergency && emergencyClause != null ? emergencyClause : clause;
    }

    /** Whether the standard defines an emergency ({@code sos}) variant of this form. */
    public boolean hasEmergencyVariant() {
        return emergencyClause != null;
    }

    /** Whether a phone asks this name for NAPTR records (the PLMNs to use) rather than for addresses. */
    public boolean naptr() {
        return this == VISITED_COUNTRY || this == N3IWF_VISITED_COUNTRY;
    }

    /** Whether the name is for a 5G N3IWF rather than an ePDG. */
    public boolean n3iwf() {
        return name().startsWith("N3IWF");
    }
}
