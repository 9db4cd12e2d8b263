package dev.wificall.junit;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Every operator checked for a test, as a test parameter when it names several.
 *
 * @param all the results, nearest annotation first (the method's, then its classes')
 */
public record WifiCallingResults(List<WifiCallingResult> all) {

    public WifiCallingResults {
        all = List.copyOf(all);
    }

    /**
     * The result for an operator: its MCC-MNC ({@code "262-01"}), its label, or its ePDG name.
     *
     * @throws IllegalArgumentException listing the operators there are
     */
    public WifiCallingResult get(String operator) {
        String wanted = operator.strip().toLowerCase(Locale.ROOT);
        return all.stream().filter(r -> matches(r, wanted)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no result for '" + operator + "'; this test checked " + names()));
    }

    private static boolean matches(WifiCallingResult r, String wanted) {
        String label = r.operator().toLowerCase(Locale.ROOT);
        return label.equals(wanted) || label.startsWith(wanted + " ") || r.fqdn().equalsIgnoreCase(wanted);
    }

    /** Whether every operator is ready. */
    public boolean allReady() {
        return all.stream().allMatch(WifiCallingResult::ready);
    }

    String names() {
        return all.stream().map(WifiCallingResult::operator).collect(Collectors.joining(", "));
    }

    /** The one result of a test that checks one operator. */
    WifiCallingResult single(String parameter) {
        if (all.size() != 1) {
            throw new ParameterResolutionException(parameter + ": this test checks " + all.size() + " operators ("
                    + names() + "); take a WifiCallingResults parameter and pick one with get(\"262-01\")");
        }
        return all.get(0);
    }
}
