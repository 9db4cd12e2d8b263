package dev.wificall.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the annotated test (or every test of the annotated class) unless Wi-Fi Calling can reach
 * the operator's ePDG from this host: the ePDG name a phone would ask for must resolve, and an ePDG
 * address must answer IKEv2 IKE_SA_INIT on UDP/500 and on UDP/4500. The failure message says what
 * was tried, what was seen and what to open in the firewall.
 *
 * <pre>{@code
 * @EpdgReachable(mcc = 262, mnc = 1)
 * class TelekomWifiCallingTest {
 *     @Test
 *     void officeNetworkCarriesWifiCalling() { }
 * }
 * }</pre>
 *
 * <p>Without area codes the name is the operator identifier
 * ({@code epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}); with {@link #tac}, {@link #tac5gs} or
 * {@link #lac} the area name is asked first and the operator identifier is the fallback, as a phone
 * whose operator configures area-based names does; with {@link #visitedMcc} the visited-country
 * name is asked for NAPTR records first (TS 23.003 §19.4.2.9, TS 24.302 §7.2.1).
 *
 * <p>The resolver is the system's unless the configuration parameter {@code wificall.dns.server}
 * ({@code host[:port]}) or {@code wificall.dns.servers} (a comma-separated list, the network's
 * resolver first, the others compared with it) names one; as a system property or in
 * {@code junit-platform.properties}. Each operator is checked once per test run, however many tests
 * ask.
 *
 * @see EpdgResolvable the same discovery without the IKE probe
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EpdgReachableExtension.class)
public @interface EpdgReachable {

    /** Mobile country code, 0 to 999, e.g. 262 for Germany. */
    int mcc();

    /** Mobile network code, 0 to 999, e.g. 1 for 262-01; written with 3 digits in the ePDG name. */
    int mnc();

    /**
     * The EPS (LTE) tracking area code of the cell the phone is camped on, decimal ({@code "6699"}) or
     * hex with {@code 0x} ({@code "0x1A2B"}); {@code ""} for none. The tracking-area name is asked
     * first, the operator identifier name if it does not resolve.
     */
    String tac() default "";

    /** The 5GS (NR) tracking area code, 24 bits, decimal or {@code 0x} hex; {@code ""} for none. */
    String tac5gs() default "";

    /** The location area code (GSM, UMTS), 16 bits, decimal or {@code 0x} hex; {@code ""} for none. */
    String lac() default "";

    /**
     * The MCC of the country the phone roams in, 3 digits (e.g. {@code "234"}); {@code ""} for at home.
     * Abroad the visited-country name is asked for NAPTR records first; no area code goes with it.
     */
    String visitedMcc() default "";

    /** Whether to ask the emergency ({@code sos}) names, as a phone placing an emergency call does. */
    boolean emergency() default false;

    /**
     * {@code "any"}: one address that answers on both ports is enough, as for a phone (the default);
     * {@code "all"}: every resolved address must answer on both ports, for firewall work.
     */
    String addressPolicy() default "any";
}
