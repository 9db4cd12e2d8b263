package dev.wificall.junit;

/**
 * AssertJ entry point for a {@link WifiCallingResult}, for tests that ask more than the annotation
 * does: a port, the NAT, the DH group or proposal, the DNS answer; with {@code ikeAuth} the ePDG's
 * certificate, EAP method and IKE fragments, and with a SIM the attach, its inner address and P-CSCF.
 *
 * <pre>{@code
 * @EpdgReachable(mcc = 262, mnc = 1)
 * @Test
 * void telekom(WifiCallingResult result) {
 *     WifiCallingAssertions.assertThat(result).isReachableOn(IkePort.UDP_4500).hasNoNat().acceptedGroup(19);
 * }
 *
 * @EpdgReachable(mcc = 262, mnc = 1, ikeAuth = IkeAuth.PROBE, trustStore = "src/test/resources/operator-ca.pem")
 * @Test
 * void certificate(WifiCallingResult result) {
 *     WifiCallingAssertions.assertThat(result).hasTrustedCertificate().certificateValidForAtLeast(30).asksForEap("EAP-AKA");
 * }
 * }</pre>
 *
 * <p>AssertJ is an optional dependency of this module: a project that uses these assertions
 * declares {@code org.assertj:assertj-core} itself (test scope).
 */
public final class WifiCallingAssertions {

    private WifiCallingAssertions() {
    }

    /** Assertions on {@code actual}; a null one fails the first assertion as AssertJ's isNotNull does. */
    public static WifiCallingResultAssert assertThat(WifiCallingResult actual) {
        return new WifiCallingResultAssert(actual);
    }

    /** Assertions on an audit ({@link EpdgCompliant}). */
    public static AuditResultAssert assertThat(dev.wificall.audit.AuditResult actual) {
        return new AuditResultAssert(actual);
    }
}
