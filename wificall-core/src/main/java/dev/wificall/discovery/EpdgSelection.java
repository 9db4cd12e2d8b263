package dev.wificall.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which a phone tries ePDG (or N3IWF) names, as pure functions.
 *
 * <p>The rules (TS 23.402 §4.5.4 and TS 24.302 §7.2.1 for the ePDG; TS 23.501 §6.3.6 and TS 24.502
 * §7.2 for the N3IWF):
 * <ul>
 *   <li>At home, a phone whose operator configures Tracking/Location Area Identity names (the USIM's
 *       EF_ePDGSelection, TS 31.102 §4.2.104, or carrier configuration) resolves the area name of
 *       the cell it is camped on first, and falls back to the operator identifier name when that
 *       name does not resolve.</li>
 *   <li>Abroad, it asks the visited-country name for NAPTR records; records name the networks
 *       whose ePDG the visited country requires, and no records mean it may use its home
 *       operator's ePDG, by the operator identifier name.</li>
 *   <li>For an emergency call every name carries the {@code sos} label.</li>
 * </ul>
 * This class builds the names and their order only; resolving them is the DNS code's work.
 */
public final class EpdgSelection {

    /** The names to try, in order, each with the reason a phone tries it there. */
    public static List<Candidate> candidates(SelectionInput in) {
        if (in.configured().isPresent()) {
            return List.of(new Candidate(in.configured().get(), "configured name: a phone configured with an ePDG"
                    + " name uses it as given instead of building one (TS 24.302 §7.2.1)"));
        }
        List<Candidate> out = new ArrayList<>();
        Plmn plmn = in.plmn();
        boolean sos = in.emergency();
        String rules = in.n3iwf() ? "TS 23.501 §6.3.6, TS 24.502 §7.2" : "TS 23.402 §4.5.4, TS 24.302 §7.2.1";
        String purpose = sos ? " for emergency calls" : "";

        if (in.visitedMcc().isPresent()) {
            String mcc = in.visitedMcc().get();
            EpdgName name = in.n3iwf() ? EpdgName.n3iwfVisitedCountry(mcc) : EpdgName.visitedCountry(mcc, sos);
            String country = Operators.country(mcc).map(c -> " (" + c + ")").orElse("");
            out.add(new Candidate(name, "visited-country name" + purpose + " first: abroad in MCC " + mcc + country
                    + ", a phone asks its NAPTR records which networks' " + gateway(in)
                    + " the country requires (" + rules + ")"));
            out.add(new Candidate(operatorIdentifier(in), "home operator identifier name" + purpose
                    + ": used when the visited-country name returns no records (" + rules + ")"));
            return out;
        }

        List<EpdgName> areas = new ArrayList<>();
        in.tac5gs().ifPresent(t -> areas.add(in.n3iwf()
                ? EpdgName.n3iwfTrackingArea5gs(plmn, t) : EpdgName.trackingArea5gs(plmn, t, sos)));
        in.tac().ifPresent(t -> areas.add(in.n3iwf()
                ? EpdgName.n3iwfTrackingArea(plmn, t) : EpdgName.trackingArea(plmn, t, sos)));
        in.lac().ifPresent(l -> areas.add(EpdgName.locationArea(plmn, l, sos)));
        for (EpdgName area : areas) {
            boolean first = out.isEmpty();
            out.add(new Candidate(area, area.form().label() + " name" + purpose + (first ? " first" : " next")
                    + ", as a phone camped on " + radio(area.form()) + " with " + area.areaText().orElseThrow()
                    + " does where its operator configures area-based names (" + rules + ")"));
        }
        EpdgName operator = operatorIdentifier(in);
        out.add(new Candidate(operator, areas.isEmpty()
                ? "operator identifier name" + purpose + ": the name a phone of " + plmn + " resolves ("
                        + operator.form().clause(sos) + ", " + rules + ")"
                : "operator identifier name" + purpose + ": the fallback when the area name does not resolve ("
                        + rules + ")"));
        return out;
    }

    /**
     * The replacement names a phone uses from a visited-country NAPTR answer, best first: records
     * sorted by order, then preference (RFC 3403 §4.1); kept when the flag is "a" or "s" (in any
     * case), the regexp is empty and there is a replacement; the service field is not looked at,
     * because Android's resolver does not look at it either and zones fill it inconsistently.
     *
     * <p>Android keeps the answer's order instead of sorting, tries the network it is registered
     * on first, and resolves only "a" replacements; the notes say so where it matters.
     */
    public static NaptrTargets naptrTargets(List<NaptrRecord> records) {
        List<NaptrRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(NaptrRecord::order).thenComparingInt(NaptrRecord::preference));
        Set<String> fqdns = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        List<String> androidRefuses = new ArrayList<>();
        for (NaptrRecord r : sorted) {
            String flag = r.flags().strip().toLowerCase(Locale.ROOT);
            String replacement = stripDot(r.replacement().strip());
            if (!flag.equals("a") && !flag.equals("s")) {
                notes.add("skipped " + r + ": flag \"" + r.flags() + "\" is neither \"a\" nor \"s\"");
                androidRefuses.add("flag \"" + r.flags() + "\"");
            } else if (!r.regexp().isEmpty()) {
                notes.add("skipped " + r + ": it has a regexp; a phone uses only records with an empty regexp"
                        + " and a replacement");
                androidRefuses.add("a regexp");
            } else if (replacement.isEmpty()) {
                notes.add("skipped " + r + ": it has no replacement name");
                androidRefuses.add("no replacement");
            } else if (!fqdns.add(replacement)) {
                notes.add("skipped " + r + ": same replacement as a record before it");
            } else if (flag.equals("s")) {
                notes.add("kept " + r + " (flag \"s\": the replacement has SRV records); Android resolves only"
                        + " \"a\" replacements and would pass over it");
            }
        }
        if (fqdns.isEmpty()) {
            notes.add(records.isEmpty()
                    ? "no records: the visited country requires no local ePDG, so a phone uses its home operator's ePDG"
                    : "no usable record: a phone falls back to its home operator's ePDG");
        }
        Optional<String> android = androidRefuses.isEmpty() ? Optional.empty()
                : Optional.of("Android refuses the whole NAPTR answer when one record has "
                        + String.join(", ", new LinkedHashSet<>(androidRefuses))
                        + "; an Android phone would use none of these records and fall back to its home operator");
        return new NaptrTargets(new ArrayList<>(fqdns), notes, android);
    }

    private static EpdgName operatorIdentifier(SelectionInput in) {
        return in.n3iwf() ? EpdgName.n3iwfOperatorIdentifier(in.plmn())
                : EpdgName.operatorIdentifier(in.plmn(), in.emergency());
    }

    private static String gateway(SelectionInput in) {
        return in.n3iwf() ? "N3IWF" : "ePDG";
    }

    private static String radio(NameForm form) {
        return switch (form) {
            case TRACKING_AREA_5GS, N3IWF_TRACKING_AREA_5GS -> "NR (5G)";
            case TRACKING_AREA, N3IWF_TRACKING_AREA -> "LTE";
            default -> "GSM or UMTS";
        };
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private EpdgSelection() {}
}
