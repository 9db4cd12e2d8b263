package dev.wificall.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test unless the firewall rules kept in the repository allow UDP/500 and UDP/4500 to
 * every address the operators' ePDG names resolve to now. Rules that allow those ports to any
 * destination are too broad, allowed addresses that no longer resolve are stale: both are reported
 * (as report entries), and fail the test when asked. No IKE packet is sent.
 *
 * <pre>{@code
 * @FirewallAllowsEpdg(rules = "firewall/srx.set", operators = {"262-01", "262-02"})
 * class FirewallDriftTest {
 *     @Test
 *     void rulesFollowDns() { }
 * }
 * }</pre>
 *
 * The resolvers and the DNS timeout come from the configuration parameters, as for
 * {@link EpdgReachable}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FirewallAllowsEpdgExtension.class)
public @interface FirewallAllowsEpdg {

    /** The rules file, relative to the working directory (the project's, under Maven). */
    String rules();

    /**
     * srx-set, srx (hierarchical), nftables, iptables, ip6tables, asa, panos, fortios, pfsense, mikrotik,
     * terraform-aws or terraform-gcp; {@code ""}: from the file name.
     */
    String format() default "";

    /** The operators: MCC-MNC, a name from the bundled table, or a configured ePDG name. */
    String[] operators();

    /** Whether a rule allowing UDP/500 or UDP/4500 to any destination fails the test. */
    boolean broadRulesFail() default false;

    /** Whether an allowed address no ePDG name resolves to any more fails the test. */
    boolean staleRulesFail() default false;
}
