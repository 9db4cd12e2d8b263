package dev.wificall.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated class's tests against a simulated network: before the first test an
 * {@link EpdgSimulator} starts on loopback with a {@link DnsStub} that points the operators' ePDG
 * names at it, and wificall's {@code @EpdgReachable} and {@code @EpdgResolvable} in the class (and
 * its nested classes) use that resolver and the simulator's ports. After the last test both stop.
 *
 * <pre>{@code
 * @EpdgSimulation(operators = "262-01", drop = 4500)      // a firewall that drops NAT traversal
 * @EpdgReachable(mcc = 262, mnc = 1, ports = 500)
 * class FirewallRuleTest {
 *     @Test
 *     void ikeStillGetsThrough(WifiCallingResult result, EpdgSimulator simulator) {
 *         assertThat(simulator.datagramsReceived(IkePort.UDP_500)).isPositive();
 *     }
 * }
 * }</pre>
 *
 * <p>Tests can take the {@link EpdgSimulator}, the {@link DnsStub} and the
 * {@link EpdgSimulationNetwork} as parameters. For behaviours beyond dropping a port (COOKIE,
 * INVALID_KE_PAYLOAD, delays, malformed answers), register
 * {@link EpdgSimulationExtension#builder()} in a static field instead.
 *
 * <p>wificall checks each operator once per test run and settings; each simulated network has its
 * own resolver port, so classes with different simulations are checked apart.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EpdgSimulationExtension.class)
public @interface EpdgSimulation {

    /**
     * The operators whose ePDG the simulator plays, as MCC-MNC ({@code "262-01"}) or a name from
     * wificall's operator table ({@code "Congstar"}); their operator-identifier names resolve to it.
     */
    String[] operators() default {};

    /** Other ePDG names that resolve to the simulator, e.g. {@code "epdg.example.net"}. */
    String[] fqdns() default {};

    /** The ports the simulated firewall drops: {@code 500}, {@code 4500} or both; none by default. */
    int[] drop() default {};

    /** The simulator listens on 500 and 4500 plus this; {@code 0} (the default): a free pair. */
    int portOffset() default 0;

    /** The proposals the simulator accepts, in strongSwan syntax; {@code ""}: its default. */
    String proposals() default "";
}
