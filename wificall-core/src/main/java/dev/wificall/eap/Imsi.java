package dev.wificall.eap;

import dev.wificall.discovery.Plmn;

/**
 * An International Mobile Subscriber Identity (TS 23.003 §2.2): MCC (3 digits), MNC (2 or 3) and
 * MSIN, at most 15 digits; 6 are accepted, as some lab SIMs carry short ones.
 *
 * <p>The IMSI identifies a person's subscription, so {@link #toString()} is {@link #masked()}: the
 * MCC and the first two MNC digits stay, every later digit becomes {@code *}, e.g.
 * {@code 26201**********}. That keeps the operator readable in a report and nothing of the MSIN
 * (not even its last digits: with a known prefix a few digits narrow a subscriber down). Only
 * {@link #digits()} gives the value, for the NAI that goes on the wire.
 *
 * <p>The MNC length cannot be derived from the IMSI alone; the methods that need it take it.
 */
public record Imsi(String digits) {

    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 15;
    private static final int KEPT = 5;

    /** Validates without echoing the value: an error names the length and what was wrong. */
    public Imsi {
        if (digits == null || digits.isEmpty()) {
            throw new IllegalArgumentException("no IMSI given; expected 6 to 15 digits (MCC, MNC, MSIN)");
        }
        boolean allDigits = digits.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!allDigits || digits.length() < MIN_LENGTH || digits.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("IMSI must be 6 to 15 digits (MCC, MNC, MSIN); got "
                    + digits.length() + " characters" + (allDigits ? "" : ", not all digits"));
        }
    }

    /** Parses text, ignoring surrounding white space. */
    public static Imsi parse(String text) {
        return new Imsi(text == null ? null : text.strip());
    }

    /** The mobile country code, the first 3 digits. */
    public String mcc() {
        return digits.substring(0, 3);
    }

    /** The mobile network code, the 2 or 3 digits after the MCC. */
    public String mnc(int mncLength) {
        checkMncLength(mncLength);
        return digits.substring(3, 3 + mncLength);
    }

    /** The operator this IMSI belongs to, given its MNC length (2 in most countries, 3 in North America). */
    public Plmn plmn(int mncLength) {
        return new Plmn(mcc(), mnc(mncLength));
    }

    /** MCC and the first two MNC digits, then one {@code *} per digit: {@code 26201**********}. */
    public String masked() {
        return mask(KEPT);
    }

    /** MCC and the whole MNC kept, the MSIN masked: {@code 310260*********} for a 3-digit MNC. */
    public String masked(int mncLength) {
        checkMncLength(mncLength);
        return mask(3 + mncLength);
    }

    @Override
    public String toString() {
        return masked();
    }

    private String mask(int kept) {
        return digits.substring(0, kept) + "*".repeat(digits.length() - kept);
    }

    private static void checkMncLength(int mncLength) {
        if (mncLength != 2 && mncLength != 3) {
            throw new IllegalArgumentException("MNC length must be 2 or 3; got " + mncLength);
        }
    }
}
