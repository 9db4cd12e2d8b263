package dev.wificall.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
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
 *     void officeResolverFindsTheEpdg(EpdgLookup.Resolution discovery) { }
 * }
 * }</pre>
 *
 * <p>The operator attributes and the configuration parameters are those of {@link EpdgReachable};
 * repeatable and inherited the same way. Each discovery runs once per test run, however many tests
 * ask; with one operator it can be injected as a {@code dev.wificall.dns.EpdgLookup.Resolution}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(EpdgResolvable.List.class)
@ExtendWith(EpdgResolvableExtension.class)
public @interface EpdgResolvable {

    /** Mobile country code, e.g. 262 for Germany: 200 to 799, 900 to 999, or 1 for test networks. */
    int mcc() default -1;

    /** Mobile network code, 0 to 999, e.g. 1 for 262-01. */
    int mnc() default -1;

    /** The operator as MCC-MNC ({@code "262-01"}) or by name from the bundled table. */
    String operator() default "";

    /** A configured ePDG name, asked as given. */
    String fqdn() default "";

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

    /** How long to wait for each DNS answer, e.g. {@code "3s"}; {@code ""}: {@code wificall.dns.timeout}, else 3 s. */
    String dnsTimeout() default "";

    /** Abort instead of fail when the ePDG cannot be discovered; also {@code wificall.abortWhenUnreachable=true}. */
    boolean abortWhenUnresolvable() default false;

    /** Several {@link EpdgResolvable} on one element. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @ExtendWith(EpdgResolvableExtension.class)
    @interface List {
        EpdgResolvable[] value();
    }
}
