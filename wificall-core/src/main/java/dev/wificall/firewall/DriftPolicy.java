package dev.wificall.firewall;

/**
 * How strict a drift check is. A missing ePDG address is always a violation: Wi-Fi Calling to it
 * fails.
 *
 * @param tooBroadIsViolation a rule letting UDP/500 or UDP/4500 out to any host fails the check, not only warns
 * @param staleIsViolation    an allowed address no ePDG resolves to any more fails the check, not only warns
 * @param checkIpv6           IPv6 ePDG addresses must be allowed too; false where the network has no IPv6
 */
public record DriftPolicy(boolean tooBroadIsViolation, boolean staleIsViolation, boolean checkIpv6) {

    /** Missing addresses fail; too broad and stale rules warn; IPv6 counts. */
    public static final DriftPolicy DEFAULTS = new DriftPolicy(false, false, true);

    public DriftPolicy withTooBroadIsViolation(boolean violation) {
        return new DriftPolicy(violation, staleIsViolation, checkIpv6);
    }

    public DriftPolicy withStaleIsViolation(boolean violation) {
        return new DriftPolicy(tooBroadIsViolation, violation, checkIpv6);
    }

    public DriftPolicy withCheckIpv6(boolean ipv6) {
        return new DriftPolicy(tooBroadIsViolation, staleIsViolation, ipv6);
    }
}
