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
 * the operator's ePDG from this host: its operator-identifier FQDN
 * ({@code epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}) must resolve, and an ePDG address must
 * answer IKEv2 IKE_SA_INIT on UDP/500 and on UDP/4500. The failure message says what was tried,
 * what was seen and what to open in the firewall.
 *
 * <pre>{@code
 * @EpdgReachable(mcc = 262, mnc = 1)
 * class TelekomWifiCallingTest {
 *     @Test
 *     void officeNetworkCarriesWifiCalling() { }
 * }
 * }</pre>
 *
 * <p>The resolver is the system's unless the configuration parameter {@code wificall.dns.server}
 * ({@code host[:port]}, as a system property or in {@code junit-platform.properties}) names one.
 * Each operator is checked once per test run, however many tests ask.
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
}
