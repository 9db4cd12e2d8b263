package dev.wificall.junit;

import dev.wificall.audit.AuditProfile;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the annotated test (or every test of the annotated class) when the operator's ePDG has a
 * finding at or above {@link #failOn} under the profiles given: the audit discovers the ePDG as a
 * phone does and asks every address on UDP/500 and UDP/4500 one IKE_SA_INIT question after another
 * (every DH group alone, all groups strongest and weakest first, the operator's phones' offers, each
 * IKE transform alone), then compares every KE value and nonce that came back. The audit runs once
 * per test run however many tests ask; inject its {@link dev.wificall.audit.AuditResult} to assert
 * more with {@link WifiCallingAssertions#assertThat(dev.wificall.audit.AuditResult)}.
 *
 * <pre>{@code
 * @EpdgCompliant(mcc = 262, mnc = 1, profile = AuditProfile.TS_33_210_REL16)
 * class TelekomEpdgTest {
 *     @Test
 *     void noWeakGroup(AuditResult audit) {
 *         WifiCallingAssertions.assertThat(audit).refuses("dh:1").refuses("dh:2").accepts("dh:19");
 *     }
 * }
 * }</pre>
 *
 * <p>Attributes left at their defaults take the configuration parameters {@code wificall.audit.failOn},
 * {@code wificall.audit.profiles}, {@code wificall.audit.baseline}, {@code wificall.audit.rate} and the
 * resolver and port settings of {@link EpdgReachable}, then the defaults.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(EpdgCompliant.List.class)
@ExtendWith(EpdgCompliantExtension.class)
public @interface EpdgCompliant {

    /** Mobile country code, e.g. 262; with {@link #mnc}. */
    int mcc() default -1;

    /** Mobile network code, e.g. 1 for 262-01. */
    int mnc() default -1;

    /** The operator as MCC-MNC ({@code "262-01"}) or by name from the bundled table. */
    String operator() default "";

    /** A configured ePDG name, asked as given. */
    String fqdn() default "";

    /** The profiles that judge; empty: {@code wificall.audit.profiles}, else RFC 8247 and the carrier's phones. */
    AuditProfile[] profile() default {};

    /**
     * The test fails on a finding at or above this severity: {@code "info"}, {@code "low"},
     * {@code "medium"}, {@code "high"}, {@code "critical"}, or {@code "none"} to never fail (the test
     * asserts itself); {@code ""}: {@code wificall.audit.failOn}, else high.
     */
    String failOn() default "";

    /** The ports to audit, 500 and/or 4500; empty: {@code wificall.ports}, else both. */
    int[] ports() default {};

    /** Per exchange, e.g. {@code "3s"}; {@code ""}: {@code wificall.probe.timeout}, else 3 s. */
    String probeTimeout() default "";

    /** How long to wait for each DNS answer; {@code ""}: {@code wificall.dns.timeout}, else 3 s. */
    String dnsTimeout() default "";

    /** Whether to ask each IKE transform alone (about 26 more exchanges per address and port). */
    boolean transforms() default true;

    /** Several audits on one element. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @ExtendWith(EpdgCompliantExtension.class)
    @interface List {
        EpdgCompliant[] value();
    }
}
