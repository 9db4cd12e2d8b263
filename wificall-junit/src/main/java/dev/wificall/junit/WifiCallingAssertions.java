package dev.wificall.junit;

/**
 * AssertJ entry point for a {@link WifiCallingResult}, for tests that ask more than the annotation
 * does: a port, the NAT, the DH group or proposal, the DNS answer.
 *
 * <pre>{@code
 * @EpdgReachable(mcc = 262, mnc = 1)
 * @Test
 * void telekom(WifiCallingResult result) {
 *     WifiCallingAssertions.assertThat(result).isReachableOn(IkePort.UDP_4500).hasNoNat().acceptedGroup(19);
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
}
