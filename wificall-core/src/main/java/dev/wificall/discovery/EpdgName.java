package dev.wificall.discovery;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ePDG or N3IWF name a phone may resolve, with what it was built from.
 *
 * <p>Encoding (TS 23.003 §19.4.2.9.3, §28.3.2.2.3): the MNC always has 3 digits (262-01 gives
 * {@code mnc001}); each TAC byte is 2 hex digits and the LAC 4, zero-filled on the left. Hex is
 * written in lower case, as Android builds the names; DNS compares names without regard to case
 * (RFC 4343), so {@code tac-lb2B} and {@code tac-lb2b} are the same name.
 *
 * <p>Emergency names carry a {@code sos} label right before {@code epdg} (TS 23.003 §19.4.2.9A):
 * {@code sos.epdg.epc.mnc...}, {@code tac-lb2b.tac-hb1a.tac.sos.epdg.epc...},
 * {@code lac00ab.sos.epdg.epc...}, {@code sos.epdg.epc.mcc262.visited-country...}.
 *
 * @param fqdn      the name, without a trailing dot
 * @param form      which form it is
 * @param emergency whether it is the emergency ({@code sos}) variant
 * @param mcc       the MCC in the name: the operator's, or the visited country's
 * @param plmn      the operator the name belongs to; empty for the visited-country forms
 * @param area      the TAC, 5GS TAC or LAC in the name; empty for forms without one
 */
public record EpdgName(String fqdn, NameForm form, boolean emergency, String mcc, Optional<Plmn> plmn,
        OptionalInt area) {

    private static final String PUB = ".pub.3gppnetwork.org";

    public EpdgName {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(plmn, "plmn");
        Objects.requireNonNull(area, "area");
        String expected = form == NameForm.CONFIGURED ? configuredName(fqdn, emergency, plmn, area)
                : build(form, emergency, mcc, plmn.orElse(null), area);
        if (!expected.equals(fqdn)) {
            throw new IllegalArgumentException("'" + fqdn + "' is not the " + form.label() + " name for these"
                    + " values; expected '" + expected + "'");
        }
    }

    /** {@code epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org} (TS 23.003 §19.4.2.9.2). */
    public static EpdgName operatorIdentifier(Plmn plmn) {
        return operatorIdentifier(plmn, false);
    }

    /** The operator identifier name; with {@code emergency}, {@code sos.epdg.epc...} (§19.4.2.9A.2). */
    public static EpdgName operatorIdentifier(Plmn plmn, boolean emergency) {
        return of(NameForm.OPERATOR_IDENTIFIER, emergency, plmn, OptionalInt.empty());
    }

    /**
     * {@code tac-lb<low byte>.tac-hb<high byte>.tac.epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}
     * for an EPS (LTE) TAC of 16 bits (§19.4.2.9.3); TAC 0x1A2B gives {@code tac-lb2b.tac-hb1a}.
     */
    public static EpdgName trackingArea(Plmn plmn, int tac, boolean emergency) {
        return of(NameForm.TRACKING_AREA, emergency, plmn, OptionalInt.of(AreaCodes.Kind.TAC.check(tac)));
    }

    /** {@code lac<LAC, 4 hex>.epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org} (§19.4.2.9.3). */
    public static EpdgName locationArea(Plmn plmn, int lac, boolean emergency) {
        return of(NameForm.LOCATION_AREA, emergency, plmn, OptionalInt.of(AreaCodes.Kind.LAC.check(lac)));
    }

    /**
     * {@code tac-lb<..>.tac-mb<..>.tac-hb<..>.5gstac.epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}
     * for a 5GS (NR) TAC of 24 bits (§19.4.2.9.3); 0x0A1B2C gives {@code tac-lb2c.tac-mb1b.tac-hb0a}.
     */
    public static EpdgName trackingArea5gs(Plmn plmn, int tac, boolean emergency) {
        return of(NameForm.TRACKING_AREA_5GS, emergency, plmn,
                OptionalInt.of(AreaCodes.Kind.TAC_5GS.check(tac)));
    }

    /**
     * {@code epdg.epc.mcc<MCC>.visited-country.pub.3gppnetwork.org} (§19.4.2.9.4): a roaming phone
     * asks it for NAPTR records naming the PLMNs whose ePDG the visited country requires.
     */
    public static EpdgName visitedCountry(String mcc, boolean emergency) {
        return new EpdgName(build(NameForm.VISITED_COUNTRY, emergency, mcc, null, OptionalInt.empty()),
                NameForm.VISITED_COUNTRY, emergency, mcc, Optional.empty(), OptionalInt.empty());
    }

    /** {@code n3iwf.5gc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org} (§28.3.2.2.2). */
    public static EpdgName n3iwfOperatorIdentifier(Plmn plmn) {
        return of(NameForm.N3IWF_OPERATOR_IDENTIFIER, false, plmn, OptionalInt.empty());
    }

    /** {@code tac-lb<..>.tac-hb<..>.tac.n3iwf.5gc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}, 16-bit TAC (§28.3.2.2.3). */
    public static EpdgName n3iwfTrackingArea(Plmn plmn, int tac) {
        return of(NameForm.N3IWF_TRACKING_AREA, false, plmn, OptionalInt.of(AreaCodes.Kind.TAC.check(tac)));
    }

    /** {@code tac-lb<..>.tac-mb<..>.tac-hb<..>.5gstac.n3iwf.5gc.mnc<MNC>.mcc<MCC>.pub...}, 24-bit TAC (§28.3.2.2.3). */
    public static EpdgName n3iwfTrackingArea5gs(Plmn plmn, int tac) {
        return of(NameForm.N3IWF_TRACKING_AREA_5GS, false, plmn,
                OptionalInt.of(AreaCodes.Kind.TAC_5GS.check(tac)));
    }

    /** {@code n3iwf.5gc.mcc<MCC>.visited-country.pub.3gppnetwork.org} (§28.3.2.2.4), asked for NAPTR. */
    public static EpdgName n3iwfVisitedCountry(String mcc) {
        return new EpdgName(build(NameForm.N3IWF_VISITED_COUNTRY, false, mcc, null, OptionalInt.empty()),
                NameForm.N3IWF_VISITED_COUNTRY, false, mcc, Optional.empty(), OptionalInt.empty());
    }

    /**
     * A name the phone is configured with, used as given (lower case, without a trailing dot). Its
     * operator is read from {@code mnc<3 digits>} and {@code mcc<3 digits>} labels when it has both,
     * as 3GPP names do; an operator's own name ({@code epdg.example.net}) has none.
     *
     * @throws IllegalArgumentException naming the text when it is not a domain name
     */
    public static EpdgName configured(String fqdn) {
        String name = normalize(fqdn);
        Optional<Plmn> plmn = plmnIn(name);
        return new EpdgName(name, NameForm.CONFIGURED, false, plmn.map(Plmn::mcc).orElse(""), plmn, OptionalInt.empty());
    }

    private static String normalize(String fqdn) {
        if (fqdn == null || fqdn.isBlank()) {
            throw new IllegalArgumentException("empty ePDG name; expected a domain name such as epdg.example.net");
        }
        String name = fqdn.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        // RFC 1035 §2.3.1 host names (letters, digits, hyphens; 63 per label, 253 in all), as resolvers take them
        boolean valid = name.length() <= 253 && name.contains(".")
                && name.matches("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)+");
        if (!valid) {
            throw new IllegalArgumentException("'" + fqdn + "' is not a domain name; expected dot-separated labels of"
                    + " letters, digits and hyphens, e.g. epdg.example.net or epdg.epc.mnc001.mcc262.pub.3gppnetwork.org");
        }
        return name;
    }

    private static Optional<Plmn> plmnIn(String name) {
        Matcher m = Pattern.compile("(?:^|\\.)mnc(\\d{3})\\.mcc(\\d{3})\\.").matcher(name);
        return m.find() ? Optional.of(Plmn.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)))) : Optional.empty();
    }

    private static String configuredName(String fqdn, boolean emergency, Optional<Plmn> plmn, OptionalInt area) {
        if (emergency || area.isPresent()) {
            throw new IllegalArgumentException("a configured ePDG name is used as given; it has no sos label or area code");
        }
        String name = normalize(fqdn);
        if (!plmn.equals(plmnIn(name))) {
            throw new IllegalArgumentException("the operator of a configured name is read from its labels: "
                    + plmnIn(name).map(Plmn::toString).orElse("none") + ", not " + plmn.map(Plmn::toString).orElse("none"));
        }
        return name;
    }

    /**
     * The same name with a 2-digit MNC label ({@code mnc01} instead of {@code mnc001}): wrong by
     * TS 23.003, yet some operators publish it and some tools query it. A resolver may try it when
     * the correct name fails, to tell "the operator has no ePDG name" from "the operator published
     * the wrong name". Empty when the name has no MNC or its MNC has 3 significant digits (260).
     */
    public Optional<String> twoDigitMncMistake() {
        return plmn.filter(p -> p.mnc3().startsWith("0"))
                .map(p -> fqdn.replace(".mnc" + p.mnc3() + ".", ".mnc" + p.mnc3().substring(1) + "."));
    }

    /** The operator identifier name with a 2-digit MNC label, e.g. {@code epdg.epc.mnc01.mcc262...}. */
    public static Optional<String> twoDigitMncMistake(Plmn plmn) {
        return operatorIdentifier(plmn).twoDigitMncMistake();
    }

    /** The area in the form the standards write it, e.g. "TAC 0x1A2B", or empty. */
    public Optional<String> areaText() {
        if (area.isEmpty()) {
            return Optional.empty();
        }
        AreaCodes.Kind kind = kind(form);
        return Optional.of(kind.label + " " + kind.hex(area.getAsInt()));
    }

    @Override
    public String toString() {
        return fqdn;
    }

    private static EpdgName of(NameForm form, boolean emergency, Plmn plmn, OptionalInt area) {
        Objects.requireNonNull(plmn, "plmn");
        return new EpdgName(build(form, emergency, plmn.mcc(), plmn, area), form, emergency, plmn.mcc(),
                Optional.of(plmn), area);
    }

    private static AreaCodes.Kind kind(NameForm form) {
        return switch (form) {
            case TRACKING_AREA, N3IWF_TRACKING_AREA -> AreaCodes.Kind.TAC;
            case TRACKING_AREA_5GS, N3IWF_TRACKING_AREA_5GS -> AreaCodes.Kind.TAC_5GS;
            case LOCATION_AREA -> AreaCodes.Kind.LAC;
            default -> null;
        };
    }

    /** The one place the name texts are spelled; the constructor checks every name against it. */
    static String build(NameForm form, boolean emergency, String mcc, Plmn plmn, OptionalInt area) {
        if (emergency && !form.hasEmergencyVariant()) {
            throw new IllegalArgumentException("TS 23.003 §28.3.2.2 defines no emergency (sos) " + form.label()
                    + " name; an N3IWF for emergency services is selected with the ordinary names");
        }
        if (mcc == null || !mcc.matches("\\d{3}")) {
            throw new IllegalArgumentException("MCC '" + mcc + "' is not 3 digits; expected e.g. 262");
        }
        if (form.naptr() != (plmn == null)) {
            throw new IllegalArgumentException(form.naptr()
                    ? "the " + form.label() + " name has no operator; give only the visited country's MCC"
                    : "the " + form.label() + " name needs the operator's MCC-MNC");
        }
        if (plmn != null && !plmn.mcc().equals(mcc)) {
            throw new IllegalArgumentException("MCC " + mcc + " differs from the operator " + plmn + "'s");
        }
        AreaCodes.Kind kind = kind(form);
        if ((kind == null) != area.isEmpty()) {
            throw new IllegalArgumentException(kind == null
                    ? "the " + form.label() + " name has no area code"
                    : "the " + form.label() + " name needs a " + kind.label);
        }
        String sos = emergency ? "sos." : "";
        String operator = plmn == null ? "" : "mnc" + plmn.mnc3() + ".mcc" + mcc + PUB;
        int a = area.orElse(0);
        return switch (form) {
            case OPERATOR_IDENTIFIER -> sos + "epdg.epc." + operator;
            case TRACKING_AREA -> tac16(kind.check(a)) + ".tac." + sos + "epdg.epc." + operator;
            case LOCATION_AREA -> "lac" + hex(kind.check(a), 4) + "." + sos + "epdg.epc." + operator;
            case TRACKING_AREA_5GS -> tac24(kind.check(a)) + ".5gstac." + sos + "epdg.epc." + operator;
            case VISITED_COUNTRY -> sos + "epdg.epc.mcc" + mcc + ".visited-country" + PUB;
            case N3IWF_OPERATOR_IDENTIFIER -> "n3iwf.5gc." + operator;
            case N3IWF_TRACKING_AREA -> tac16(kind.check(a)) + ".tac.n3iwf.5gc." + operator;
            case N3IWF_TRACKING_AREA_5GS -> tac24(kind.check(a)) + ".5gstac.n3iwf.5gc." + operator;
            case N3IWF_VISITED_COUNTRY -> "n3iwf.5gc.mcc" + mcc + ".visited-country" + PUB;
            case CONFIGURED -> throw new IllegalArgumentException("a configured name is not built; use EpdgName.configured");
        };
    }

    private static String tac16(int tac) {
        return "tac-lb" + hex(tac & 0xFF, 2) + ".tac-hb" + hex(tac >>> 8, 2);
    }

    private static String tac24(int tac) {
        return "tac-lb" + hex(tac & 0xFF, 2) + ".tac-mb" + hex((tac >>> 8) & 0xFF, 2) + ".tac-hb"
                + hex(tac >>> 16, 2);
    }

    private static String hex(int value, int digits) {
        return String.format(Locale.ROOT, "%0" + digits + "x", value);
    }
}
