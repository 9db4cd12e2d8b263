package dev.wificall.discovery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A public land mobile network: the operator a phone's SIM belongs to.
 *
 * @param mcc mobile country code, exactly 3 digits
 * @param mnc mobile network code, 2 or 3 digits as the operator writes it ("01" and "001" differ
 *            on the SIM, though both give the same ePDG name)
 */
public record Plmn(String mcc, String mnc) {

    private static final Pattern TEXT = Pattern.compile("(\\d{3})[-/ ]?(\\d{2,3})");
    private static final String EXPECTED =
            "expected MCC-MNC with a 3-digit MCC and a 2- or 3-digit MNC, e.g. 262-01 or 310-260";

    public Plmn {
        if (mcc == null || !mcc.matches("\\d{3}")) {
            throw new IllegalArgumentException("MCC '" + mcc + "' is not 3 digits; " + EXPECTED);
        }
        if (mnc == null || !mnc.matches("\\d{2,3}")) {
            throw new IllegalArgumentException("MNC '" + mnc + "' is not 2 or 3 digits; " + EXPECTED);
        }
    }

    /** Parses "262-01", "262-001", "26201" or "262 01". */
    public static Plmn parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no operator given; " + EXPECTED);
        }
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an operator; " + EXPECTED);
        }
        return new Plmn(m.group(1), m.group(2));
    }

    /**
     * From numbers, as annotations give them: an MNC below 100 is taken as 2 digits (01), as most
     * operators outside North America write it; 3-digit MNCs of 100 and up stay 3 digits.
     */
    public static Plmn of(int mcc, int mnc) {
        if (mcc < 0 || mcc > 999) {
            throw new IllegalArgumentException("MCC " + mcc + " is not 3 digits; " + EXPECTED);
        }
        if (mnc < 0 || mnc > 999) {
            throw new IllegalArgumentException("MNC " + mnc + " is not 2 or 3 digits; " + EXPECTED);
        }
        return new Plmn(String.format("%03d", mcc), String.format(mnc < 100 ? "%02d" : "%03d", mnc));
    }

    /** The MNC as 3 digits, the form every 3GPP domain name uses (TS 23.003 §19.4.2.9). */
    public String mnc3() {
        return mnc.length() == 3 ? mnc : "0" + mnc;
    }

    /** The operator-identifier ePDG FQDN (TS 23.003 §19.4.2.9.2). */
    public String epdgFqdn() {
        return EpdgName.operatorIdentifier(this).fqdn();
    }

    @Override
    public String toString() {
        return mcc + "-" + mnc;
    }
}
