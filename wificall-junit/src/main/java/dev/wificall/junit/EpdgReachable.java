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
 * Fails the annotated test (or every test of the annotated class) unless Wi-Fi Calling can reach
 * the operator's ePDG from this host: the ePDG name a phone would ask for must resolve, and an ePDG
 * address must answer IKEv2 IKE_SA_INIT on UDP/500 and on UDP/4500. The failure message says what
 * was tried, what was seen and what to open in the firewall.
 *
 * <pre>{@code
 * @EpdgReachable(mcc = 262, mnc = 1)
 * @EpdgReachable(operator = "Vodafone.de", ports = 4500)
 * class OfficeWifiCallingTest {
 *     @Test
 *     void telekom(WifiCallingResult result) {
 *         WifiCallingAssertions.assertThat(result).hasNoNat();
 *     }
 * }
 * }</pre>
 *
 * <p>Name the operator one way: {@link #mcc} and {@link #mnc}, {@link #operator} (MCC-MNC or a name
 * from the bundled operator table), or {@link #fqdn} (a configured ePDG name, asked as given).
 * Without area codes the name is the operator identifier
 * ({@code epdg.epc.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org}); with {@link #tac}, {@link #tac5gs} or
 * {@link #lac} the area name is asked first and the operator identifier is the fallback; with
 * {@link #visitedMcc} the visited-country name is asked for NAPTR records first (TS 23.003
 * §19.4.2.9, TS 24.302 §7.2.1).
 *
 * <p>Repeatable; on a class, its subclasses and nested classes, and on methods: a test checks every
 * operator named on it and on its classes. Each check runs once per test run, however many tests
 * ask, and its result can be injected as a {@link WifiCallingResult} (one operator) or
 * {@link WifiCallingResults} (several). With {@link #ikeAuth} the check goes on to IKE_AUTH as a
 * phone: without a SIM ({@link IkeAuth#PROBE}) the ePDG's certificate, signature and EAP method must
 * pass, with one ({@link IkeAuth#ATTACH}) the whole EAP-AKA attach. Attributes left at their defaults take the configuration
 * parameters ({@code wificall.*}, as system properties or in {@code junit-platform.properties}; see
 * the README), then the defaults.
 *
 * @see EpdgResolvable the same discovery without the IKE probe
 * @see WifiCallingExtension#builder() the same in code
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(EpdgReachable.List.class)
@ExtendWith(WifiCallingExtension.class)
public @interface EpdgReachable {

    /** Mobile country code, e.g. 262 for Germany: 200 to 799, 900 to 999, or 1 for test networks. */
    int mcc() default -1;

    /** Mobile network code, 0 to 999, e.g. 1 for 262-01 (below 100 written with 2 digits). */
    int mnc() default -1;

    /** The operator as MCC-MNC ({@code "262-01"}) or by name from the bundled table ({@code "Congstar"}). */
    String operator() default "";

    /** A configured ePDG name, asked as given (e.g. {@code "epdg.example.net"}); no area or country with it. */
    String fqdn() default "";

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

    /** The ports to probe, 500 and/or 4500; empty: {@code wificall.ports}, else both. */
    int[] ports() default {};

    /**
     * {@code "any"}: one address that answers on every port is enough, as for a phone;
     * {@code "all"}: every resolved address must answer, for firewall work; {@code ""}:
     * {@code wificall.addressPolicy}, else {@code any}.
     */
    String addressPolicy() default "";

    /** How long to wait for each DNS answer, e.g. {@code "3s"}; {@code ""}: {@code wificall.dns.timeout}, else 3 s. */
    String dnsTimeout() default "";

    /**
     * How long a port may stay silent after the first IKE_SA_INIT before it counts as blocked, e.g.
     * {@code "5s"}; {@code ""}: {@code wificall.probe.timeout}, else 2.4 s.
     */
    String probeTimeout() default "";

    /**
     * Abort the test (reported as skipped, with the reason) instead of failing it when the ePDG is
     * not reachable, for suites that also run where Wi-Fi Calling is not expected to work; also
     * {@code wificall.abortWhenUnreachable=true}. Configuration mistakes still fail.
     */
    boolean abortWhenUnreachable() default false;

    /**
     * How far past IKE_SA_INIT to go on the addresses that answered: {@link IkeAuth#PROBE} asks IKE_AUTH
     * as a phone without a SIM (the ePDG's certificate chain, its AUTH signature, the EAP method, IKE
     * fragmentation); {@link IkeAuth#ATTACH} attaches with EAP-AKA, with the subscriber's credentials
     * from {@code wificall.imsi}, {@code wificall.k} and {@code wificall.opc} or, better, the environment
     * ({@code WIFICALL_IMSI}, {@code WIFICALL_K}, {@code WIFICALL_OPC}), or from the SIM in the card reader
     * {@code wificall.sim.reader} (PIN from {@code wificall.sim.pinFile} or {@code WIFICALL_SIM_PIN});
     * {@link IkeAuth#NONE} stops at IKE_SA_INIT; {@link IkeAuth#DEFAULT}: {@code wificall.ikeAuth}, else none.
     */
    IkeAuth ikeAuth() default IkeAuth.DEFAULT;

    /**
     * The CA certificates the ePDG's chain must lead to, as a phone has them: a PEM or DER file, a
     * directory of them, or a PKCS#12 key store without password, relative to the working directory;
     * {@code ""}: {@code wificall.trustStore}, else none (the chain is reported, not judged).
     */
    String trustStore() default "";

    /**
     * A certificate expiring within this many days is a warning, 0 to 3650; -1:
     * {@code wificall.certificateWarningDays}, else 30.
     */
    int certificateWarningDays() default -1;

    /** The APN asked for as IDr; {@code ""}: {@code wificall.apn}, else {@code ims}. */
    String apn() default "";

    /** How long the whole IKE_AUTH may take, e.g. {@code "20s"}; {@code ""}: {@code wificall.attachTimeout}, else 15 s. */
    String attachTimeout() default "";

    /**
     * With {@code ikeAuth = IkeAuth.ATTACH}: after the attach, check the user plane through its tunnel (ESP
     * both ways, inner DNS, SIP OPTIONS to the P-CSCFs over UDP and TCP, the largest inner packet, IKE beside
     * ESP and, with {@code wificall.userPlane.reflector}, the NAT mapping's lifetime); a failed user plane
     * fails the test with its sentence. {@code false}: {@code wificall.userPlane}, else off. Its settings
     * are the configuration parameters {@code wificall.userPlane.*} listed on {@link EpdgTunnel}, which
     * implies both.
     */
    boolean userPlane() default false;

    /** Several {@link EpdgReachable} on one element. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @ExtendWith(WifiCallingExtension.class)
    @interface List {
        EpdgReachable[] value();
    }
}
