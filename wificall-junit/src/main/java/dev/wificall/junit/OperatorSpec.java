package dev.wificall.junit;

import dev.wificall.discovery.AreaCodes;
import dev.wificall.discovery.Operators;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.probe.IkePort;
import dev.wificall.verdict.AddressPolicy;
import dev.wificall.verdict.CheckSettings;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What an {@link EpdgReachable} or {@link EpdgResolvable} asks for, read from the annotation and
 * turned into a {@link Request}; every mistake becomes an {@link ExtensionConfigurationException}
 * that names the annotation, where it is, the attribute and the value.
 *
 * @param annotation    the annotation's simple name, for messages
 * @param where         the class or method the annotation was found on
 * @param mcc           as given, -1 for none
 * @param mnc           as given, -1 for none
 * @param operator      as given, "" for none
 * @param fqdn          as given, "" for none
 * @param tac           as given, "" for none
 * @param tac5gs        as given, "" for none
 * @param lac           as given, "" for none
 * @param visitedMcc    as given, "" for home
 * @param emergency     as given
 * @param ports         as given, empty for none; null for an annotation without ports
 * @param addressPolicy as given, "" for none; null for an annotation without one
 * @param dnsTimeout    as given, "" for none
 * @param probeTimeout  as given, "" for none; null for an annotation without one
 * @param abort         as given
 * @param ikeAuth       as given; null for an annotation that only resolves (and has none of the IKE_AUTH attributes)
 * @param trustStore    as given, "" for none
 * @param warningDays   as given, -1 for none
 * @param apn           as given, "" for none
 * @param attachTimeout as given, "" for none
 * @param userPlane     as given ({@link EpdgTunnel} always asks for it)
 */
record OperatorSpec(String annotation, AnnotatedElement where, int mcc, int mnc, String operator, String fqdn,
                    String tac, String tac5gs, String lac, String visitedMcc, boolean emergency, int[] ports,
                    String addressPolicy, String dnsTimeout, String probeTimeout, boolean abort, IkeAuth ikeAuth,
                    String trustStore, int warningDays, String apn, String attachTimeout, boolean userPlane) {

    private static final String TUNNEL = "EpdgTunnel";

    static OperatorSpec of(EpdgReachable a, AnnotatedElement where) {
        return new OperatorSpec("EpdgReachable", where, a.mcc(), a.mnc(), a.operator(), a.fqdn(), a.tac(), a.tac5gs(),
                a.lac(), a.visitedMcc(), a.emergency(), a.ports(), a.addressPolicy(), a.dnsTimeout(), a.probeTimeout(),
                a.abortWhenUnreachable(), a.ikeAuth(), a.trustStore(), a.certificateWarningDays(), a.apn(),
                a.attachTimeout(), a.userPlane());
    }

    /** A tunnel check: a full attach (ikeAuth ATTACH) and the user plane through it. */
    static OperatorSpec of(EpdgTunnel a, AnnotatedElement where) {
        return new OperatorSpec(TUNNEL, where, a.mcc(), a.mnc(), a.operator(), a.fqdn(), "", "", "", "", false, new int[0],
                "", a.dnsTimeout(), a.probeTimeout(), a.abortWhenUnreachable(), IkeAuth.ATTACH, a.trustStore(), -1, a.apn(),
                a.attachTimeout(), true);
    }

    /** The operator and ports of an audit; its audit attributes are read by {@link EpdgCompliantExtension}. */
    static OperatorSpec of(EpdgCompliant a, AnnotatedElement where) {
        return new OperatorSpec("EpdgCompliant", where, a.mcc(), a.mnc(), a.operator(), a.fqdn(), "", "", "", "", false,
                a.ports(), null, a.dnsTimeout(), a.probeTimeout(), false, null, null, -1, null, null, false);
    }

    static OperatorSpec of(EpdgResolvable a, AnnotatedElement where) {
        return new OperatorSpec("EpdgResolvable", where, a.mcc(), a.mnc(), a.operator(), a.fqdn(), a.tac(), a.tac5gs(),
                a.lac(), a.visitedMcc(), a.emergency(), null, null, a.dnsTimeout(), null, a.abortWhenUnresolvable(),
                null, null, -1, null, null, false);
    }

    /**
     * Every annotation of the type that applies to the test: on the method, then on its class (and
     * the classes it inherits them from), then on enclosing classes, nearest first; the same operator
     * named twice is checked once, as the nearest annotation says.
     */
    static <A extends Annotation> List<Found<A>> findAll(ExtensionContext context, Class<A> type) {
        List<Found<A>> found = new ArrayList<>();
        context.getTestMethod().ifPresent(m -> AnnotationSupport.findRepeatableAnnotations(m, type)
                .forEach(a -> found.add(new Found<>(a, m))));
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Class<?> owner = c;
            AnnotationSupport.findRepeatableAnnotations(c, type).forEach(a -> found.add(new Found<>(a, owner)));
        }
        return found;
    }

    record Found<A extends Annotation>(A annotation, AnnotatedElement where) {
    }

    /** The operator, what the phone knows, and the settings the annotation gives. */
    Request request() {
        SelectionInput input = selection();
        Optional<List<IkePort>> portList = Optional.empty();
        if (ports != null && ports.length > 0) {
            List<IkePort> list = new ArrayList<>();
            for (int p : ports) {
                IkePort port;
                try {
                    port = IkePort.parse(Integer.toString(p));
                } catch (IllegalArgumentException e) {
                    throw misuse(List.of("ports"), e.getMessage());
                }
                if (list.contains(port)) {
                    throw misuse(List.of("ports"), port + " is listed twice; name each port once");
                }
                list.add(port);
            }
            portList = Optional.of(List.copyOf(list));
        }
        Optional<AddressPolicy> policy = Optional.empty();
        if (addressPolicy != null && !addressPolicy.isBlank()) {
            try {
                policy = Optional.of(AddressPolicy.parse(addressPolicy));
            } catch (IllegalArgumentException e) {
                throw misuse(List.of("addressPolicy"), e.getMessage());
            }
        }
        return new Request(toString(), input, List.of(), portList, policy, duration("dnsTimeout", dnsTimeout),
                duration("probeTimeout", probeTimeout), OptionalInt.empty(), abort, OptionalInt.empty(), ikeAuthRequest(),
                userPlaneRequest());
    }

    /** {@code userPlane = true} or {@link EpdgTunnel}: on; else {@code wificall.userPlane} decides (no IKE_AUTH: never). */
    private UserPlaneRequest userPlaneRequest() {
        if (ikeAuth == null) {
            return UserPlaneRequest.NEVER;
        }
        if (!userPlane) {
            return UserPlaneRequest.FROM_CONFIGURATION;
        }
        String where = toString() + (where() == null ? "" : " on " + where());
        return new UserPlaneRequest(true, Optional.empty(), annotation.equals(TUNNEL) ? where : where + ": userPlane = true");
    }

    /** The IKE_AUTH attributes; what can be checked without the file system or the environment is checked here. */
    private IkeAuthRequest ikeAuthRequest() {
        if (ikeAuth == null) {
            return IkeAuthRequest.NEVER;
        }
        Map<String, String> written = new LinkedHashMap<>();
        if (annotation.equals(TUNNEL)) {
            // not written, but implied: messages name the annotation
            written.put(IkeAuthSettings.IKE_AUTH, toString() + (where == null ? "" : " on " + where)
                    + " (which attaches with ikeAuth = ATTACH)");
        } else if (ikeAuth != IkeAuth.DEFAULT) {
            written.put(IkeAuthSettings.IKE_AUTH, prefix() + attribute("ikeAuth"));
        }
        Optional<String> store = Optional.of(trustStore).filter(t -> !t.isBlank());
        store.ifPresent(t -> written.put(IkeAuthSettings.TRUST_STORE, prefix() + attribute("trustStore")));
        Optional<String> days = Optional.empty();
        if (warningDays != -1) {
            if (warningDays < 0 || warningDays > 3650) {
                throw misuse(List.of("certificateWarningDays"), "expected 0 to 3650 days before a certificate's expiry"
                        + " that are a warning (e.g. 30), or -1 for wificall.certificateWarningDays, else 30");
            }
            days = Optional.of(Integer.toString(warningDays));
            written.put(IkeAuthSettings.WARNING_DAYS, prefix() + attribute("certificateWarningDays"));
        }
        Optional<String> name = Optional.of(apn).filter(t -> !t.isBlank());
        name.ifPresent(t -> written.put(IkeAuthSettings.APN, prefix() + attribute("apn")));
        Optional<String> timeout = Optional.of(attachTimeout).filter(t -> !t.isBlank());
        if (timeout.isPresent()) {
            duration("attachTimeout", attachTimeout);
            written.put(IkeAuthSettings.TIMEOUT, prefix() + attribute("attachTimeout"));
        }
        return new IkeAuthRequest(true, ikeAuth, store, days, name, timeout, Optional.empty(), written);
    }

    private Optional<Duration> duration(String attribute, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CheckSettings.parseDuration(text));
        } catch (IllegalArgumentException e) {
            throw misuse(List.of(attribute), e.getMessage());
        }
    }

    /** The operator and what the phone knows, as the core takes it. */
    SelectionInput selection() {
        boolean numbers = mcc != -1 || mnc != -1;
        boolean named = !operator.isBlank();
        boolean configured = !fqdn.isBlank();
        List<String> ways = new ArrayList<>();
        if (numbers) {
            ways.add(mcc != -1 && mnc != -1 ? "mcc = " + mcc + ", mnc = " + mnc : mcc != -1 ? "mcc = " + mcc : "mnc = " + mnc);
        }
        if (named) {
            ways.add(attribute("operator"));
        }
        if (configured) {
            ways.add(attribute("fqdn"));
        }
        if (ways.isEmpty()) {
            throw misuse(null, "no operator named; give mcc and mnc (mcc = 262, mnc = 1), operator = \"262-01\" or"
                    + " a name such as operator = \"Congstar\", or a configured ePDG name fqdn = \"epdg.example.net\"");
        }
        if (ways.size() > 1) {
            throw misuse(null, String.join(" and ", ways) + " each name an operator; give one of them");
        }
        if (configured) {
            return configured();
        }
        Plmn plmn = named ? named() : numbered();
        SelectionInput input = SelectionInput.of(plmn);
        input = area(input, "tac", tac, AreaCodes::parseTac, SelectionInput::withTac);
        input = area(input, "tac5gs", tac5gs, AreaCodes::parseTac5gs, SelectionInput::withTac5gs);
        input = area(input, "lac", lac, AreaCodes::parseLac, SelectionInput::withLac);
        input = input.withEmergency(emergency);
        if (!visitedMcc.isBlank()) {
            String visited = visitedMcc.strip();
            try {
                SelectionInput.of(plmn).visiting(visited); // the MCC on its own: 3 digits, not the home country
            } catch (IllegalArgumentException e) {
                throw misuse(List.of("visitedMcc"), e.getMessage());
            }
            try {
                input = input.visiting(visited);
            } catch (IllegalArgumentException e) {
                List<String> areas = new ArrayList<>();
                for (String area : List.of("tac", "tac5gs", "lac")) {
                    if (!texts().get(area).isBlank()) {
                        areas.add(area);
                    }
                }
                areas.add("visitedMcc");
                throw misuse(areas, e.getMessage());
            }
        }
        return input;
    }

    private Plmn numbered() {
        if (mcc == -1) {
            throw misuse(null, "mnc = " + mnc + " without mcc; give both, e.g. mcc = 262, mnc = 1");
        }
        if (mnc == -1) {
            throw misuse(null, "mcc = " + mcc + " without mnc; give both, e.g. mcc = 262, mnc = 1");
        }
        // E.212: geographic MCCs are 2xx to 7xx, shared and international ones 9xx; 001 is the test network
        if (!(mcc == 1 || (mcc >= 200 && mcc <= 799) || (mcc >= 900 && mcc <= 999))) {
            throw misuse(null, "mcc = " + mcc + ": MCC " + String.format("%03d", Math.max(mcc, 0)) + " is not a mobile"
                    + " country code; expected 200 to 799 (e.g. 262 for Germany, 310 for the USA), 900 to 999, or 1"
                    + " for a test network");
        }
        try {
            return Plmn.of(mcc, mnc);
        } catch (IllegalArgumentException e) {
            throw misuse(null, "mcc = " + mcc + ", mnc = " + mnc + ": " + e.getMessage());
        }
    }

    private Plmn named() {
        try {
            return operator.strip().matches("\\d.*") ? Plmn.parse(operator) : Operators.find(operator);
        } catch (IllegalArgumentException e) {
            throw misuse(List.of("operator"), e.getMessage());
        }
    }

    private SelectionInput configured() {
        List<String> extra = new ArrayList<>();
        for (String name : List.of("tac", "tac5gs", "lac", "visitedMcc")) {
            if (!texts().get(name).isBlank()) {
                extra.add(name);
            }
        }
        if (emergency) {
            extra.add("emergency");
        }
        if (!extra.isEmpty()) {
            throw misuse(List.of("fqdn"), "a configured ePDG name is asked as given; drop " + String.join(", ", extra)
                    + ", or name the operator with mcc and mnc to have the name built");
        }
        try {
            return SelectionInput.configured(fqdn);
        } catch (IllegalArgumentException e) {
            throw misuse(List.of("fqdn"), e.getMessage());
        }
    }

    private interface With {
        SelectionInput apply(SelectionInput input, int code);
    }

    private SelectionInput area(SelectionInput input, String attribute, String text, ToIntFunction<String> parse, With with) {
        if (text.isBlank()) {
            return input;
        }
        try {
            return with.apply(input, parse.applyAsInt(text));
        } catch (IllegalArgumentException e) {
            throw misuse(List.of(attribute), e.getMessage());
        }
    }

    /**
     * "@EpdgReachable(mcc = 262, mnc = 1, tac = "1a2b") on class X: tac = "1a2b": TAC '1a2b' looks like
     * hex without 0x; ...".
     */
    private ExtensionConfigurationException misuse(List<String> attributes, String problem) {
        StringBuilder b = new StringBuilder(prefix());
        if (attributes != null) {
            b.append(String.join(" with ", attributes.stream().map(this::attribute).toList())).append(": ");
        }
        return new ExtensionConfigurationException(b.append(problem).toString());
    }

    /** "@EpdgReachable(...) on class X: ". */
    private String prefix() {
        return toString() + (where == null ? "" : " on " + where) + ": ";
    }

    /** The text attributes by name, in declaration order. */
    private Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("operator", operator);
        texts.put("fqdn", fqdn);
        texts.put("tac", tac);
        texts.put("tac5gs", tac5gs);
        texts.put("lac", lac);
        texts.put("visitedMcc", visitedMcc);
        if (addressPolicy != null) {
            texts.put("addressPolicy", addressPolicy);
        }
        texts.put("dnsTimeout", dnsTimeout);
        if (probeTimeout != null) {
            texts.put("probeTimeout", probeTimeout);
        }
        return texts;
    }

    /** The IKE_AUTH text attributes by name, in declaration order; empty for an annotation without them. */
    private Map<String, String> ikeAuthTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        if (ikeAuth != null) {
            texts.put("trustStore", trustStore);
            texts.put("apn", apn);
            texts.put("attachTimeout", attachTimeout);
        }
        return texts;
    }

    private String attribute(String name) {
        if (name.equals("ikeAuth")) {
            return "ikeAuth = " + ikeAuth;
        }
        if (name.equals("certificateWarningDays")) {
            return "certificateWarningDays = " + warningDays;
        }
        if (ikeAuthTexts().containsKey(name)) {
            return name + " = \"" + ikeAuthTexts().get(name) + "\"";
        }
        if (name.equals("ports")) {
            return "ports = " + (ports.length == 1 ? Integer.toString(ports[0])
                    : "{" + String.join(", ", Arrays.stream(ports).mapToObj(Integer::toString).toList()) + "}");
        }
        return name + " = \"" + texts().get(name) + "\"";
    }

    /** The annotation as written, default attributes left out: {@code @EpdgReachable(mcc = 1, mnc = 21, tac = "0x1A2B")}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (mcc != -1) {
            parts.add("mcc = " + mcc);
        }
        if (mnc != -1) {
            parts.add("mnc = " + mnc);
        }
        texts().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                parts.add(attribute(name));
            }
        });
        if (emergency) {
            parts.add("emergency = true");
        }
        if (ports != null && ports.length > 0) {
            parts.add(attribute("ports"));
        }
        if (ikeAuth != null) {
            if (ikeAuth != IkeAuth.DEFAULT && !annotation.equals(TUNNEL)) {
                parts.add(attribute("ikeAuth"));
            }
            for (String name : List.of("trustStore", "certificateWarningDays", "apn", "attachTimeout")) {
                if (name.equals("certificateWarningDays") ? warningDays != -1 : !ikeAuthTexts().get(name).isEmpty()) {
                    parts.add(attribute(name));
                }
            }
        }
        if (userPlane && !annotation.equals(TUNNEL)) {
            parts.add("userPlane = true");
        }
        if (abort) {
            parts.add(!annotation.equals("EpdgResolvable") ? "abortWhenUnreachable = true" : "abortWhenUnresolvable = true");
        }
        return "@" + annotation + "(" + String.join(", ", parts) + ")";
    }

    // arrays compare by identity in records; specs are compared by what they say
    @Override
    public boolean equals(Object o) {
        return o instanceof OperatorSpec other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
