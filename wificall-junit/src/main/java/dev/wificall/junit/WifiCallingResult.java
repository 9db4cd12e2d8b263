package dev.wificall.junit;

import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * What the check found for one operator, as a test parameter: immutable, and the same object for
 * every test that asks about the same operator with the same settings in one run.
 *
 * <pre>{@code
 * @EpdgReachable(mcc = 262, mnc = 1)
 * @Test
 * void telekom(WifiCallingResult result) {
 *     WifiCallingAssertions.assertThat(result).isReachableOn(IkePort.UDP_4500).hasNoNat();
 * }
 * }</pre>
 *
 * @param verdict the engine's verdict: DNS outcome, one result per address and port, the sentence
 */
public record WifiCallingResult(OperatorVerdict verdict) {

    public WifiCallingResult {
        Objects.requireNonNull(verdict, "verdict");
    }

    /** "262-01 T-Mobile(Telekom)", or the configured ePDG name. */
    public String operator() {
        return verdict.operator();
    }

    /** The ePDG name that was resolved. */
    public String fqdn() {
        return verdict.fqdn();
    }

    /** Whether a phone could set up IKE under the address policy that applied. */
    public boolean ready() {
        return verdict.ready();
    }

    /** What was tried, what was seen, what to do. */
    public String sentence() {
        return verdict.sentence();
    }

    /** The network resolver's answer for the name used. */
    public DnsOutcome dns() {
        return verdict.dns();
    }

    public DnsStatus dnsStatus() {
        return verdict.dns().status();
    }

    /** The addresses the check probed (usable answers), in the resolver's order. */
    public List<InetAddress> addresses() {
        return verdict.dns().usableAddresses();
    }

    /** Every probe, address then port. */
    public List<PortResult> probes() {
        return verdict.probes();
    }

    /** The probes of one port, one per address. */
    public List<PortResult> probes(IkePort port) {
        return verdict.probes().stream().filter(p -> p.port() == port).toList();
    }

    /** The failure message the annotation gives: the sentence, then one line per probe or DNS answer. */
    public String message() {
        return Checks.message(verdict);
    }

    @Override
    public String toString() {
        return (ready() ? "READY " : "NOT READY ") + operator() + " " + fqdn();
    }
}
