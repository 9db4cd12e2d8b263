package dev.wificall.maven;

import dev.wificall.discovery.AreaCodes;
import dev.wificall.discovery.Operators;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.probe.IkePort;
import dev.wificall.verdict.AddressPolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One {@code <operator>} of the {@code check} goal, in the short form {@code <operator>262-01</operator>}
 * or {@code <operator>epdg.example.net</operator>} (a configured ePDG name; Maven passes the text to
 * {@link #set(String)}; so does {@code -Dwificall.operators=262-01,262-02}, item by item) or in the
 * long form, one child element per field:
 *
 * <pre>{@code
 * <operator>
 *   <plmn>262-01</plmn>          <!-- or <name>Congstar</name>, or <fqdn>epdg.example.net</fqdn> -->
 *   <tac>0x1A2B</tac>            <!-- the area name first, the operator name as the fallback -->
 *   <emergency>true</emergency>  <!-- the sos names -->
 *   <ports>4500</ports>          <!-- this operator's ports; the goal's <ports> by default -->
 *   <addressPolicy>all</addressPolicy> <!-- this operator's policy; the goal's by default -->
 * </operator>
 * }</pre>
 *
 * Maven only stores the text here; {@link #selection()} checks it when the goal runs, so that a
 * mistake is a build error naming the element and the value, not a stack trace.
 */
public class Operator {

    /** The short form's text, or null for the long form. */
    private String text;
    /** MCC-MNC, e.g. 262-01. */
    private String plmn;
    /** An operator name from the bundled table, e.g. Congstar; used when {@code plmn} is absent. */
    private String name;
    /** EPS (LTE) tracking area code, decimal or 0x hex. */
    private String tac;
    /** 5GS (NR) tracking area code, decimal or 0x hex. */
    private String tac5gs;
    /** Location area code (GSM, UMTS), decimal or 0x hex. */
    private String lac;
    /** The MCC of the country the phone roams in. */
    private String visitedMcc;
    /** true for the emergency (sos) names. */
    private String emergency;
    /** A configured ePDG name, used as given instead of a built one. */
    private String fqdn;
    /** Ports for this operator, comma-separated: 500, 4500 or both. */
    private String ports;
    /** any or all, for this operator. */
    private String addressPolicy;

    public Operator() {
    }

    /** The short form: {@code <operator>262-01</operator>}. */
    public void set(String text) {
        this.text = text;
    }

    /** The short form, for tests and for building the list in code. */
    static Operator of(String text) {
        Operator o = new Operator();
        o.set(text);
        return o;
    }

    /** The long form, for tests: field name to text, in the order given. */
    static Operator of(Map<String, String> fields) {
        Operator o = new Operator();
        fields.forEach((field, value) -> {
            switch (field) {
                case "plmn" -> o.plmn = value;
                case "name" -> o.name = value;
                case "tac" -> o.tac = value;
                case "tac5gs" -> o.tac5gs = value;
                case "lac" -> o.lac = value;
                case "visitedMcc" -> o.visitedMcc = value;
                case "emergency" -> o.emergency = value;
                case "fqdn" -> o.fqdn = value;
                case "ports" -> o.ports = value;
                case "addressPolicy" -> o.addressPolicy = value;
                default -> throw new IllegalArgumentException("no field " + field);
            }
        });
        return o;
    }

    /**
     * What the phone knows for this operator.
     *
     * @throws MojoExecutionException naming the element and the value
     */
    SelectionInput selection() throws MojoExecutionException {
        if (isShortForm()) {
            try {
                return looksLikeName(text) ? SelectionInput.configured(text) : SelectionInput.of(Plmn.parse(text));
            } catch (IllegalArgumentException e) {
                throw mistake(e.getMessage() + (looksLikeName(text) ? "" : ", or an ePDG name such as epdg.example.net"));
            }
        }
        if (present(fqdn)) {
            return configured();
        }
        Plmn home = home();
        SelectionInput input = SelectionInput.of(home);
        input = area(input, "tac", tac, AreaCodes::parseTac, SelectionInput::withTac);
        input = area(input, "tac5gs", tac5gs, AreaCodes::parseTac5gs, SelectionInput::withTac5gs);
        input = area(input, "lac", lac, AreaCodes::parseLac, SelectionInput::withLac);
        if (present(emergency)) {
            String e = emergency.strip().toLowerCase(Locale.ROOT);
            if (!e.equals("true") && !e.equals("false")) {
                throw mistake(element("emergency") + ": '" + emergency + "' is not a boolean; expected true (the sos"
                        + " names, as a phone placing an emergency call asks) or false");
            }
            input = input.withEmergency(e.equals("true"));
        }
        if (present(visitedMcc)) {
            String mcc = visitedMcc.strip();
            try {
                SelectionInput.of(home).visiting(mcc); // the MCC alone: 3 digits, not the home country
            } catch (IllegalArgumentException e) {
                throw mistake(element("visitedMcc") + ": " + e.getMessage());
            }
            try {
                input = input.visiting(mcc);
            } catch (IllegalArgumentException e) {
                List<String> named = new ArrayList<>();
                for (String area : List.of("tac", "tac5gs", "lac")) {
                    if (present(fields().get(area))) {
                        named.add(element(area));
                    }
                }
                named.add(element("visitedMcc"));
                throw mistake(String.join(" with ", named) + ": " + e.getMessage());
            }
        }
        return input;
    }

    /**
     * What to check for this operator: {@link #selection()} with its own ports and address policy,
     * the goal's where it gives none.
     */
    CheckTarget target(CheckSettings defaults) throws MojoExecutionException {
        SelectionInput input = selection();
        List<IkePort> portList = defaults.ports();
        if (!isShortForm() && present(ports)) {
            try {
                portList = IkePort.parseList(ports);
            } catch (IllegalArgumentException e) {
                throw mistake(element("ports") + ": " + e.getMessage());
            }
        }
        AddressPolicy policy = defaults.addressPolicy();
        if (!isShortForm() && present(addressPolicy)) {
            try {
                policy = AddressPolicy.parse(addressPolicy);
            } catch (IllegalArgumentException e) {
                throw mistake(element("addressPolicy") + ": " + e.getMessage());
            }
        }
        return new CheckTarget(input, portList, policy);
    }

    /** A PLMN is digits; a name has a dot and a letter. */
    static boolean looksLikeName(String text) {
        return text != null && text.contains(".") && text.chars().anyMatch(Character::isLetter);
    }

    private SelectionInput configured() throws MojoExecutionException {
        for (String other : List.of("plmn", "name", "tac", "tac5gs", "lac", "visitedMcc", "emergency")) {
            if (present(fields().get(other))) {
                throw mistake(element("fqdn") + " with " + element(other) + ": a configured ePDG name is used as given;"
                        + " drop " + "<" + other + ">, or drop <fqdn> to have the name built from the operator");
            }
        }
        try {
            return SelectionInput.configured(fqdn);
        } catch (IllegalArgumentException e) {
            throw mistake(element("fqdn") + ": " + e.getMessage());
        }
    }

    private Plmn home() throws MojoExecutionException {
        if (present(plmn)) {
            Plmn parsed;
            try {
                parsed = Plmn.parse(plmn);
            } catch (IllegalArgumentException e) {
                throw mistake(element("plmn") + ": " + e.getMessage());
            }
            if (present(name)) {
                checkName(parsed);
            }
            return parsed;
        }
        if (present(name)) {
            try {
                return Operators.find(name);
            } catch (IllegalArgumentException e) {
                throw mistake(element("name") + ": " + e.getMessage());
            }
        }
        throw mistake("no <plmn>, <name> or <fqdn>: say which operator, e.g. <plmn>262-01</plmn>, <name>Congstar</name>"
                + " or <fqdn>epdg.example.net</fqdn>, or use the short form <operator>262-01</operator>");
    }

    /** Beside {@code <plmn>}, a name is a label; one that names another operator is a mistake. */
    private void checkName(Plmn parsed) throws MojoExecutionException {
        Plmn named;
        try {
            named = Operators.find(name);
        } catch (IllegalArgumentException ambiguousOrUnknown) {
            return;
        }
        if (!named.mcc().equals(parsed.mcc()) || !named.mnc3().equals(parsed.mnc3())) {
            throw mistake(element("name") + " is " + Operators.label(named) + ", but " + element("plmn") + " is "
                    + Operators.label(parsed) + "; drop one of them, or make them agree");
        }
    }

    private interface With {
        SelectionInput apply(SelectionInput input, int code);
    }

    private SelectionInput area(SelectionInput input, String field, String value, ToIntFunction<String> parse, With with)
            throws MojoExecutionException {
        if (!present(value)) {
            return input;
        }
        try {
            return with.apply(input, parse.applyAsInt(value));
        } catch (IllegalArgumentException e) {
            throw mistake(element(field) + ": " + e.getMessage());
        }
    }

    private boolean isShortForm() {
        return fields().values().stream().noneMatch(Operator::present);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("plmn", plmn);
        fields.put("name", name);
        fields.put("tac", tac);
        fields.put("tac5gs", tac5gs);
        fields.put("lac", lac);
        fields.put("visitedMcc", visitedMcc);
        fields.put("emergency", emergency);
        fields.put("fqdn", fqdn);
        fields.put("ports", ports);
        fields.put("addressPolicy", addressPolicy);
        return fields;
    }

    private String element(String field) {
        return "<" + field + ">" + fields().get(field) + "</" + field + ">";
    }

    private MojoExecutionException mistake(String problem) {
        return new MojoExecutionException(this + ": " + problem);
    }

    /** As written: {@code <operator>262-01</operator>} or {@code <operator><plmn>001-21</plmn><tac>0x1A2B</tac></operator>}. */
    @Override
    public String toString() {
        if (isShortForm()) {
            return "<operator>" + (text == null ? "" : text) + "</operator>";
        }
        StringBuilder b = new StringBuilder("<operator>");
        fields().forEach((field, value) -> {
            if (value != null) {
                b.append(element(field));
            }
        });
        return b.append("</operator>").toString();
    }
}
