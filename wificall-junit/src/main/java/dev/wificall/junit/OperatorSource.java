package dev.wificall.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Operators for a {@code @ParameterizedTest}: one invocation per operator, given as MCC-MNC
 * ({@code "262-01"}), a name from the bundled table, or a configured ePDG name. A parameter of type
 * {@link WifiCallingResult} receives the operator's check (all operators probed together, once per
 * test run, with the {@code wificall.*} configuration parameters); a {@code String} parameter
 * receives the text as written. The test decides what passes: nothing fails on its own.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @OperatorSource({"262-01", "262-02", "310-260"})
 * void reachableOn4500(WifiCallingResult result) {
 *     WifiCallingAssertions.assertThat(result).isReachableOn(IkePort.UDP_4500);
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(OperatorArgumentsProvider.class)
public @interface OperatorSource {

    /** The operators, at least one. */
    String[] value();
}
