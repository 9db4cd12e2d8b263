package dev.wificall.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the annotated test (or every test of the annotated class) unless the operator's ePDG can be
 * discovered from this host: the names a phone asks for, in a phone's order, must lead to at least
 * one usable address through the configured resolvers. No IKE packet is sent; use
 * {@link EpdgReachable} for that. The failure message says which names were asked of which resolver,
 * what came back and what to do.
 *
 * <pre>{@code
 * @EpdgResolvable(mcc = 262, mnc = 1, tac = "0x1A2B")
 * class TelekomDnsTest {
 *     @Test
 *     void officeResolverFindsTheEpdg() { }
 * }
 * }</pre>
 *
 * <p>The attributes and the configuration parameters ({@code wificall.dns.server},
 * {@code wificall.dns.servers}) are those of {@link EpdgReachable}. Each discovery runs once per
 * test run, however many tests ask.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EpdgResolvableExtension.class)
public @interface EpdgResolvable {

    /** Mobile country code, 0 to 999, e.g. 262 for Germany. */
    int mcc();

    /** Mobile network code, 0 to 999, e.g. 1 for 262-01; written with 3 digits in the ePDG name. */
    int mnc();

    /** The EPS (LTE) tracking area code, decimal or {@code 0x} hex; {@code ""} for none. See {@link EpdgReachable#tac}. */
    String tac() default "";

    /** The 5GS (NR) tracking area code, 24 bits, decimal or {@code 0x} hex; {@code ""} for none. */
    String tac5gs() default "";

    /** The location area code (GSM, UMTS), 16 bits, decimal or {@code 0x} hex; {@code ""} for none. */
    String lac() default "";

    /** The MCC of the country the phone roams in, 3 digits; {@code ""} for at home. */
    String visitedMcc() default "";

    /** Whether to ask the emergency ({@code sos}) names. */
    boolean emergency() default false;
}
