package dev.wificall.junit;

import dev.wificall.discovery.AreaCodes;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.verdict.AddressPolicy;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What an {@link EpdgReachable} or {@link EpdgResolvable} asks for, read from the annotation and
 * turned into the core's {@link SelectionInput}; every mistake becomes an
 * {@link ExtensionConfigurationException} that names the annotation, the attribute and the value.
 *
 * @param annotation    the annotation's simple name, for messages
 * @param where         the class or method the annotation was found on
 * @param mcc           as given
 * @param mnc           as given
 * @param tac           as given, "" for none
 * @param tac5gs        as given, "" for none
 * @param lac           as given, "" for none
 * @param visitedMcc    as given, "" for home
 * @param emergency     as given
 * @param addressPolicy as given; null for an annotation without one
 */
record OperatorSpec(String annotation, AnnotatedElement where, int mcc, int mnc, String tac, String tac5gs,
                    String lac, String visitedMcc, boolean emergency, String addressPolicy) {

    static OperatorSpec of(EpdgReachable a, AnnotatedElement where) {
        return new OperatorSpec("EpdgReachable", where, a.mcc(), a.mnc(), a.tac(), a.tac5gs(), a.lac(), a.visitedMcc(),
                a.emergency(), a.addressPolicy());
    }

    static OperatorSpec of(EpdgResolvable a, AnnotatedElement where) {
        return new OperatorSpec("EpdgResolvable", where, a.mcc(), a.mnc(), a.tac(), a.tac5gs(), a.lac(), a.visitedMcc(),
                a.emergency(), null);
    }

    /**
     * The nearest annotation: the method's wins over its class's, a nested class's over its enclosing
     * class's; with where it was found.
     */
    static <A extends Annotation> Optional<Found<A>> find(ExtensionContext context, Class<A> type) {
        Optional<Method> method = context.getTestMethod();
        if (method.isPresent()) {
            Optional<A> onMethod = AnnotationSupport.findAnnotation(method.get(), type);
            if (onMethod.isPresent()) {
                return Optional.of(new Found<>(onMethod.get(), method.get()));
            }
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<A> onClass = AnnotationSupport.findAnnotation(c, type);
            if (onClass.isPresent()) {
                return Optional.of(new Found<>(onClass.get(), c));
            }
        }
        return Optional.empty();
    }

    record Found<A extends Annotation>(A annotation, AnnotatedElement where) {
    }

    /** The operator and what the phone knows, as the core takes it. */
    SelectionInput selection() {
        Plmn plmn;
        try {
            plmn = Plmn.of(mcc, mnc);
        } catch (IllegalArgumentException e) {
            throw misuse(null, e.getMessage());
        }
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
                List<String> named = new ArrayList<>();
                for (String area : List.of("tac", "tac5gs", "lac")) {
                    if (!texts().get(area).isBlank()) {
                        named.add(area);
                    }
                }
                named.add("visitedMcc");
                throw misuse(named, e.getMessage());
            }
        }
        return input;
    }

    /** The address policy; {@code any} for an annotation without one. */
    AddressPolicy policy() {
        if (addressPolicy == null) {
            return AddressPolicy.ANY;
        }
        try {
            return AddressPolicy.parse(addressPolicy);
        } catch (IllegalArgumentException e) {
            throw misuse(List.of("addressPolicy"), e.getMessage());
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
        StringBuilder b = new StringBuilder(toString());
        if (where != null) {
            b.append(" on ").append(where);
        }
        b.append(": ");
        if (attributes != null) {
            b.append(String.join(" with ", attributes.stream().map(this::attribute).toList())).append(": ");
        }
        return new ExtensionConfigurationException(b.append(problem).toString());
    }

    /** The text attributes by name, in declaration order. */
    private Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("tac", tac);
        texts.put("tac5gs", tac5gs);
        texts.put("lac", lac);
        texts.put("visitedMcc", visitedMcc);
        if (addressPolicy != null) {
            texts.put("addressPolicy", addressPolicy);
        }
        return texts;
    }

    private String attribute(String name) {
        return name + " = \"" + texts().get(name) + "\"";
    }

    /** The annotation as written, default attributes left out: {@code @EpdgReachable(mcc = 1, mnc = 21, tac = "0x1A2B")}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(List.of("mcc = " + mcc, "mnc = " + mnc));
        for (String name : List.of("tac", "tac5gs", "lac", "visitedMcc")) {
            if (!texts().get(name).isEmpty()) {
                parts.add(attribute(name));
            }
        }
        if (emergency) {
            parts.add("emergency = true");
        }
        if (addressPolicy != null && !addressPolicy.equals("any")) {
            parts.add(attribute("addressPolicy"));
        }
        return "@" + annotation + "(" + String.join(", ", parts) + ")";
    }
}
