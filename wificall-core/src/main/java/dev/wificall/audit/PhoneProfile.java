package dev.wificall.audit;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeProposals;
import java.util.List;
import java.util.Objects;

/**
 * What one vendor's phones offer for one carrier profile (a row of phone-ike-profiles.csv).
 *
 * @param vendor  apple, samsung, qualcomm-mbn-xiaomi or qualcomm-mbn-oppo
 * @param name    the vendor's name for the carrier profile, e.g. "TMobile_Germany_iPhone"
 * @param plmns   the MCC-MNC it applies to, as the source writes them ("262-01", "262-001")
 * @param groups  the DH groups offered, in the phone's order (its first gets the KE)
 * @param offer   the phone's IKE proposal in strongSwan syntax
 * @param assumed what the profile left to the vendor default and the audit filled in ("" when nothing)
 */
public record PhoneProfile(String vendor, String name, List<String> plmns, List<DhGroup> groups, IkeProposals offer,
                           String assumed) {
    public PhoneProfile {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(name, "name");
        plmns = List.copyOf(plmns);
        groups = List.copyOf(groups);
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(assumed, "assumed");
    }

    /** "samsung TMobile_DE". */
    public String label() {
        return vendor + " " + name;
    }

    /** Whether the profile applies to MCC-MNC; MNCs compare by value ("01" is "001"), as the vendors write both. */
    public boolean appliesTo(String mcc, String mnc) {
        for (String p : plmns) {
            int dash = p.indexOf('-');
            if (dash > 0 && p.substring(0, dash).equals(mcc) && sameNumber(p.substring(dash + 1), mnc)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return Integer.parseInt(a) == Integer.parseInt(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
