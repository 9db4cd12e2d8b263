package dev.wificall.junit;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateReport;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param verdict    the engine's verdict: DNS outcome, one result per address and port, the sentence
 * @param phoneNames the results for the other names the operator's phones use (Verizon's phones ask
 *                   {@code wo.vzwwo.com}, not the 3GPP name), as configuration parameter
 *                   {@code wificall.names} asks ({@code both} by default); empty for most operators
 */
public record WifiCallingResult(OperatorVerdict verdict, List<WifiCallingResult> phoneNames) {

    public WifiCallingResult {
        Objects.requireNonNull(verdict, "verdict");
        phoneNames = List.copyOf(phoneNames);
    }

    /** One name's result. */
    public WifiCallingResult(OperatorVerdict verdict) {
        this(verdict, List.of());
    }

    /** "262-01 T-Mobile(Telekom)", or the configured ePDG name. */
    public String operator() {
        return verdict.operator();
    }

    /** The ePDG name that was resolved. */
    public String fqdn() {
        return verdict.fqdn();
    }

    /**
     * Whether a phone could set up IKE under the address policy that applied, and, when IKE_AUTH was
     * asked for, pass it (probe: certificate, signature and EAP method; attach: the whole EAP-AKA).
     */
    public boolean ready() {
        return verdict.ready() && phoneNames.stream().allMatch(WifiCallingResult::ready);
    }

    /** What was tried, what was seen, what to do; for each other name its phones use, its own sentence after it. */
    public String sentence() {
        StringBuilder b = new StringBuilder(verdict.sentence());
        phoneNames.forEach(n -> b.append(' ').append(n.sentence()));
        return b.toString();
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

    /**
     * The IKE_AUTH probes or attaches, one per address tried (with address policy {@code any} address
     * after address until one passes, as a phone moves on); empty when IKE_AUTH was not asked for
     * ({@code ikeAuth} none) or no address answered IKE_SA_INIT.
     */
    public List<AttachResult> attaches() {
        return verdict.attaches();
    }

    /** The IKE_AUTH that decided: the first that passed, else the first tried; empty when none ran. */
    public Optional<AttachResult> attach() {
        return attaches().stream().filter(AttachResult::passed).findFirst().or(() -> attaches().stream().findFirst());
    }

    /** Whether an address attached with EAP-AKA ({@link AttachResult.Outcome#ATTACHED}) and passed. */
    public boolean attached() {
        return attaches().stream().anyMatch(a -> a.passed() && a.outcome() == AttachResult.Outcome.ATTACHED);
    }

    /** What the deciding IKE_AUTH answer's certificates say; empty when none arrived. */
    public Optional<CertificateReport> certificate() {
        return attach().flatMap(AttachResult::certificate);
    }

    /** The EAP method the deciding IKE_AUTH answer asked for, e.g. "EAP-AKA (23) AKA-Challenge". */
    public Optional<String> eapMethod() {
        return attach().flatMap(AttachResult::eapMethod);
    }

    /** The inner addresses assigned by every attach, in order (INTERNAL_IP4/6_ADDRESS). */
    public List<String> innerAddresses() {
        return attaches().stream().flatMap(a -> a.innerAddresses().stream()).distinct().toList();
    }

    /** The P-CSCF addresses assigned by every attach, in order (RFC 7651). */
    public List<String> pcscfServers() {
        return attaches().stream().flatMap(a -> a.pcscfServers().stream()).distinct().toList();
    }

    /**
     * The user-plane checks, one per tunnel they ran through (with address policy {@code any} the
     * attach that passed); empty when the user plane was not asked for or no attach passed.
     */
    public List<UserPlaneResult> userPlanes() {
        return verdict.userPlanes();
    }

    /** The user plane that decided: the first that passed, else the first that ran; empty when none ran. */
    public Optional<UserPlaneResult> userPlane() {
        return userPlanes().stream().filter(UserPlaneResult::passed).findFirst().or(() -> userPlanes().stream().findFirst());
    }

    /** The failure message the annotation gives: the sentence, then one line per probe or DNS answer. */
    public String message() {
        StringBuilder b = new StringBuilder(Checks.message(verdict));
        phoneNames.forEach(n -> b.append('\n').append(n.message()));
        return b.toString();
    }

    @Override
    public String toString() {
        return (ready() ? "READY " : "NOT READY ") + operator() + " " + fqdn()
                + String.join("", phoneNames.stream().map(n -> " and " + n.fqdn()).toList());
    }
}
