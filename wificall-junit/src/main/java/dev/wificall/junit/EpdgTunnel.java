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
 * Fails the annotated test (or every test of the annotated class) unless a phone's calls would get
 * through the operator's ePDG from this host: {@link EpdgReachable} with {@code ikeAuth = IkeAuth.ATTACH}
 * (a full EAP-AKA attach with the subscriber's credentials) and {@code userPlane = true}, the user plane
 * through the tunnel: ESP both ways (an inner echo), the inner DNS, SIP OPTIONS to the P-CSCFs over UDP
 * and TCP, the largest inner packet, IKE beside ESP on UDP/4500 and, with a reflector behind the ePDG,
 * how long the NAT keeps the mapping. The failure message starts with the user plane's sentence
 * ("User plane failed: ...") and has a line per check.
 *
 * <pre>{@code
 * @EpdgTunnel(mcc = 262, mnc = 1, trustStore = "lab/ca.pem")
 * class LabTunnelTest {
 *     @Test
 *     void calls(WifiCallingResult result) {
 *         WifiCallingAssertions.assertThat(result).hasWorkingUserPlane();
 *     }
 * }
 * }</pre>
 *
 * <p>The credentials come, as for {@link IkeAuth#ATTACH}, from {@code wificall.imsi}, {@code wificall.k}
 * and {@code wificall.opc} or, better, the environment ({@code WIFICALL_IMSI}, {@code WIFICALL_K},
 * {@code WIFICALL_OPC}), or from the SIM in the card reader {@code wificall.sim.reader} (PIN from
 * {@code wificall.sim.pinFile} or {@code WIFICALL_SIM_PIN}). The user plane takes these configuration
 * parameters (system properties or {@code junit-platform.properties}), the same names as the Maven goal's properties and, in kebab case,
 * the command line's options:
 * <ul>
 * <li>{@code wificall.userPlane.timeout}: how long each inner request waits for its answer, e.g.
 *     {@code 3s} (the default);</li>
 * <li>{@code wificall.userPlane.dnsNames}: names the inner DNS must answer, comma-separated; default
 *     the PLMN's IMS domain ({@code ims.mncXXX.mccYYY.3gppnetwork.org});</li>
 * <li>{@code wificall.userPlane.reflector}: the reflector behind the ePDG, an address literal inside the
 *     tunnel with its port ({@code 10.46.0.20:7777}, {@code [fd46::20]:7777}); with it the mapping
 *     lifetime is measured (wificall-testkit's {@code Reflector});</li>
 * <li>{@code wificall.userPlane.reflectorKey}, or better the environment variable
 *     {@code WIFICALL_REFLECTOR_KEY}, or {@code wificall.userPlane.reflectorKeyFile} (a file, relative to
 *     the working directory): the reflector's key as hex or base64, at least 16 bytes; never shown;</li>
 * <li>{@code wificall.userPlane.lifetime}: the bounds searched, {@code LOWER..UPPER[/STEP]}, default
 *     {@code 2s..60s/1s};</li>
 * <li>{@code wificall.userPlane.lifetimeBudget}: how long the lifetime measurement may take, default
 *     {@code 150s};</li>
 * <li>{@code wificall.userPlane.keepAlive}: the keep-alive check's interval (after a loss, a last
 *     request waits twice the loss, at least 20 s and at most the upper bound, while NAT-keepalives go
 *     out at this interval; the answer must arrive), e.g. {@code 20s}; none by default.</li>
 * </ul>
 * {@code wificall.userPlane=true} asks for the user plane on every {@link EpdgReachable} check
 * that attaches; this annotation asks for it whatever that parameter says.
 *
 * @see EpdgReachable#userPlane() the same on the existing annotation
 * @see WifiCallingExtension.Builder#userPlane(boolean) the same in code
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(EpdgTunnel.List.class)
@ExtendWith(WifiCallingExtension.class)
public @interface EpdgTunnel {

    /** Mobile country code, e.g. 262 for Germany; with {@link #mnc}. */
    int mcc() default -1;

    /** Mobile network code, 0 to 999, e.g. 1 for 262-01. */
    int mnc() default -1;

    /** The operator as MCC-MNC ({@code "262-01"}) or by name from the bundled table ({@code "Congstar"}). */
    String operator() default "";

    /** A configured ePDG name, asked as given (e.g. {@code "epdg.example.net"}). */
    String fqdn() default "";

    /** How long to wait for each DNS answer, e.g. {@code "3s"}; {@code ""}: {@code wificall.dns.timeout}, else 3 s. */
    String dnsTimeout() default "";

    /** How long a port may stay silent after the first IKE_SA_INIT; {@code ""}: {@code wificall.probe.timeout}, else 2.4 s. */
    String probeTimeout() default "";

    /** The CA certificates the ePDG's chain must lead to, as for {@link EpdgReachable#trustStore()}. */
    String trustStore() default "";

    /** The APN asked for as IDr; {@code ""}: {@code wificall.apn}, else {@code ims}. */
    String apn() default "";

    /** How long the whole IKE_AUTH may take; {@code ""}: {@code wificall.attachTimeout}, else 15 s. */
    String attachTimeout() default "";

    /** Abort (skip with the reason) instead of failing when the ePDG is not reachable, as for {@link EpdgReachable}. */
    boolean abortWhenUnreachable() default false;

    /** Several {@link EpdgTunnel} on one element. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @ExtendWith(WifiCallingExtension.class)
    @interface List {
        EpdgTunnel[] value();
    }
}
