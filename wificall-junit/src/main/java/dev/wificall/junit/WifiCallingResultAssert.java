package dev.wificall.junit;

import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.NatStatus;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link WifiCallingResult}; start with {@link WifiCallingAssertions#assertThat}.
 * Every failure names the operator and ePDG name, says what was expected and what each address and
 * port showed, and ends with the message the annotation would give.
 *
 * <p>Not final, with a public constructor, so that AssertJ's soft assertions can proxy it:
 * {@code softly.proxy(WifiCallingResultAssert.class, WifiCallingResult.class, result)}.
 */
public class WifiCallingResultAssert extends AbstractAssert<WifiCallingResultAssert, WifiCallingResult> {

    public WifiCallingResultAssert(WifiCallingResult actual) {
        super(actual, WifiCallingResultAssert.class);
    }

    /** The verdict says a phone could set up IKE with the ePDG. */
    public WifiCallingResultAssert isReady() {
        isNotNull();
        if (!actual.ready()) {
            fail("to be ready for Wi-Fi Calling (a phone could set up IKE with its ePDG)", "it is not", List.of());
        }
        return this;
    }

    /** The verdict says a phone could not set up IKE with the ePDG. */
    public WifiCallingResultAssert isNotReady() {
        isNotNull();
        if (actual.ready()) {
            fail("not to be ready for Wi-Fi Calling", "it is: a phone could set up IKE with its ePDG", List.of());
        }
        return this;
    }

    /** At least one probed address answered IKE_SA_INIT on {@code port}: a phone needs one. */
    public WifiCallingResultAssert isReachableOn(IkePort port) {
        Objects.requireNonNull(port, "port");
        isNotNull();
        String expected = "to be reachable on " + port + " (at least one address answering IKE_SA_INIT there, as a"
                + " phone needs one)";
        List<PortResult> probes = probedOn(port, expected);
        if (probes.stream().noneMatch(PortResult::answered)) {
            fail(expected, "no address answered there:", lines(probes, WifiCallingResultAssert::outcome));
        }
        return this;
    }

    /** Every probed address answered IKE_SA_INIT on {@code port}. */
    public WifiCallingResultAssert isReachableOnEveryAddress(IkePort port) {
        Objects.requireNonNull(port, "port");
        isNotNull();
        String expected = "to be reachable on " + port + " at every address probed";
        probedOn(port, expected);
        List<String> seen = new ArrayList<>();
        int failing = 0;
        List<InetAddress> addresses = actual.probes().stream().map(PortResult::address).distinct().toList();
        for (InetAddress address : addresses) {
            List<PortResult> here = actual.probes(port).stream().filter(p -> p.address().equals(address)).toList();
            if (here.isEmpty()) {
                // probed on the other port only: it counts as not answering here
                seen.add(AddressText.of(address) + " " + port + ": not probed");
            }
            seen.addAll(lines(here, WifiCallingResultAssert::outcome));
            if (here.stream().noneMatch(PortResult::answered)) {
                failing++;
            }
        }
        if (failing > 0) {
            fail(expected, failing + " of " + addresses.size() + " addresses did not answer there:", seen);
        }
        return this;
    }

    /** At least one address was probed on {@code port} and none answered there. */
    public WifiCallingResultAssert isBlockedOn(IkePort port) {
        Objects.requireNonNull(port, "port");
        isNotNull();
        String expected = "to be blocked on " + port + " (probed there, and no address answering IKE_SA_INIT)";
        List<PortResult> probes = probedOn(port, expected);
        long answered = probes.stream().filter(PortResult::answered).count();
        if (answered > 0) {
            fail(expected, answered + " of " + probes.size() + " addresses answered there:",
                    lines(probes, WifiCallingResultAssert::outcome));
        }
        return this;
    }

    /**
     * No answer shows a NAT on our side: the responder saw the address and port we sent from. The
     * ePDG's own hash is not judged (many fake it to force UDP encapsulation). Answers without NAT
     * detection (refusals, cookies) cannot tell and are skipped, but at least one answer must be able to.
     */
    public WifiCallingResultAssert hasNoNat() {
        isNotNull();
        // only our side counts: many ePDGs fake their own hash to force UDP encapsulation, which is no NAT on our path
        String expected = "to show no NAT on our side (every answer's NAT_DETECTION_DESTINATION_IP the hash of the"
                + " address and port we sent from)";
        probedOn(null, expected);
        List<PortResult> judged = natJudged().stream().filter(p -> natOf(p).local() != NatStatus.Local.NOT_SUPPORTED)
                .toList();
        if (judged.isEmpty()) {
            fail(expected, "no answer carried NAT detection to tell:", lines(actual.probes(), this::nat));
        } else if (judged.stream().anyMatch(p -> natOf(p).localTranslated())) {
            long nat = judged.stream().filter(p -> natOf(p).localTranslated()).count();
            fail(expected, nat + " of " + judged.size() + " answers with NAT detection show a NAT on our side:",
                    lines(actual.probes(), this::nat));
        }
        return this;
    }

    /** At least one answer shows a NAT on our side (NatStatus.localTranslated()): address or port rewritten. */
    public WifiCallingResultAssert hasNat() {
        isNotNull();
        String expected = "to show a NAT on our side (an answer whose NAT_DETECTION_DESTINATION_IP is not the hash"
                + " of the address and port we sent from)";
        probedOn(null, expected);
        if (natJudged().stream().noneMatch(p -> natOf(p).localTranslated())) {
            fail(expected, "no answer shows one:", lines(actual.probes(), this::nat));
        }
        return this;
    }

    /**
     * Every answer that accepted a proposal carries a KE payload for DH {@code group}, e.g. 19 for
     * ECP-256; refusals are skipped, but at least one answer must have accepted.
     */
    public WifiCallingResultAssert acceptedGroup(int group) {
        isNotNull();
        String expected = "to have accepted " + groupName(group) + " in every answer that accepted a proposal";
        probedOn(null, expected);
        List<PortResult> accepted = accepted(expected);
        long other = accepted.stream().filter(p -> !p.response().keGroup().equals(OptionalInt.of(group))).count();
        if (other > 0) {
            fail(expected, other + " of " + accepted.size() + " accepting answers used another:",
                    lines(actual.probes(), p -> accepting(p) ? group(p.response().keGroup()) : outcome(p)));
        }
        return this;
    }

    /**
     * Every answer that accepted a proposal chose {@code strongSwanText}, in strongSwan syntax such as
     * "aes256gcm16-prfsha256-ecp256"; refusals are skipped, but at least one answer must have accepted.
     */
    public WifiCallingResultAssert acceptedProposal(String strongSwanText) {
        Objects.requireNonNull(strongSwanText, "strongSwanText");
        isNotNull();
        String expected = "to have accepted the proposal " + strongSwanText + " in every answer that accepted one";
        probedOn(null, expected);
        List<PortResult> accepted = accepted(expected);
        Optional<String> wanted = Optional.of(strongSwanText);
        long other = accepted.stream().filter(p -> !p.response().selectedProposalText().equals(wanted)).count();
        if (other > 0) {
            fail(expected, other + " of " + accepted.size() + " accepting answers chose another:",
                    lines(actual.probes(), p -> accepting(p)
                            ? p.response().selectedProposalText().orElse("no SA payload") : outcome(p)));
        }
        return this;
    }

    /**
     * The resolver answered exactly these addresses, in any order, sinkholes included, e.g.
     * {@code resolvedTo("10.77.0.2", "fd77::2")}; IPv6 in any valid spelling.
     *
     * @throws IllegalArgumentException when one of {@code addresses} is no IPv4 or IPv6 literal
     */
    public WifiCallingResultAssert resolvedTo(String... addresses) {
        Objects.requireNonNull(addresses, "addresses");
        Set<String> expected = new LinkedHashSet<>();
        for (String a : addresses) {
            expected.add(literal(a));
        }
        isNotNull();
        DnsOutcome dns = actual.dns();
        Set<String> seen = new LinkedHashSet<>();
        dns.addresses().forEach(a -> seen.add(AddressText.of(a)));
        if (!seen.equals(expected)) {
            List<String> lines = new ArrayList<>();
            expected.stream().filter(a -> !seen.contains(a)).forEach(a -> lines.add("missing:    " + a));
            seen.stream().filter(a -> !expected.contains(a)).forEach(a -> lines.add("unexpected: " + a));
            fail("to have resolved to exactly " + list(expected) + " (in any order)",
                    "resolver " + dns.resolver() + " answered " + dns.status()
                            + (seen.isEmpty() ? "" : " with " + list(seen)) + " (" + dns.detail() + "):", lines);
        }
        return this;
    }

    /** The resolver's overall answer for the ePDG name, e.g. {@code DnsStatus.NXDOMAIN}. */
    public WifiCallingResultAssert hasDnsStatus(DnsStatus status) {
        Objects.requireNonNull(status, "status");
        isNotNull();
        DnsOutcome dns = actual.dns();
        if (dns.status() != status) {
            fail("to have DNS status " + status, "resolver " + dns.resolver() + " answered " + dns.status() + " ("
                    + dns.detail() + ")", List.of());
        }
        return this;
    }

    // --- what was probed ---

    /**
     * The probes on {@code port} (every probe for null); fails, saying why, when there are none: DNS
     * failed, or the name resolved but that port was not probed.
     */
    private List<PortResult> probedOn(IkePort port, String expected) {
        List<PortResult> probes = port == null ? actual.probes() : actual.probes(port);
        if (!probes.isEmpty()) {
            return probes;
        }
        DnsOutcome dns = actual.dns();
        String but;
        if (!dns.resolved()) {
            but = "DNS failed: resolver " + dns.resolver() + " answered " + dns.status() + " (" + dns.detail()
                    + "), so no address was probed";
        } else if (actual.probes().isEmpty()) {
            but = "no address was probed, although DNS gave " + list(dns.usableAddresses().stream()
                    .map(AddressText::of).toList());
        } else {
            but = port + " was not probed (only " + actual.probes().stream().map(p -> p.port().toString()).distinct()
                    .collect(Collectors.joining(" and ")) + ")";
        }
        fail(expected, but, List.of());
        return probes;
    }

    /** Answers whose request and response are known and that carry NAT detection. */
    private List<PortResult> natJudged() {
        return actual.probes().stream()
                .filter(p -> p.answered() && p.request() != null && p.response() != null)
                .filter(p -> !natOf(p).notSupported()).toList();
    }

    private static NatStatus natOf(PortResult p) {
        return p.response().natStatus(p.request());
    }

    private String nat(PortResult p) {
        if (!p.answered() || p.request() == null || p.response() == null) {
            return outcome(p) + (p.answered() ? ", exchange not kept" : "");
        }
        NatStatus nat = natOf(p);
        // a refusal or cookie carries no NAT detection: say what it was instead
        return nat.notSupported() ? outcome(p) + ", without NAT detection" : nat.describe(p.request());
    }

    /** The answers that accepted a proposal; fails when there is none. */
    private List<PortResult> accepted(String expected) {
        List<PortResult> accepted = actual.probes().stream().filter(WifiCallingResultAssert::accepting).toList();
        if (accepted.isEmpty()) {
            fail(expected, "no answer accepted a proposal:", lines(actual.probes(), WifiCallingResultAssert::outcome));
        }
        return accepted;
    }

    private static boolean accepting(PortResult p) {
        return p.answered() && p.response() != null && p.response().kind() == SaInitResponse.Kind.ACCEPTED;
    }

    // --- words ---

    /** "ANSWERED (accepted aes256gcm16-prfsha256-ecp256)", "ANSWERED (NO_PROPOSAL_CHOSEN)", "NO_ANSWER". */
    private static String outcome(PortResult p) {
        if (!p.answered() || p.response() == null) {
            return p.outcome().name();
        }
        SaInitResponse r = p.response();
        String said = r.kind() == SaInitResponse.Kind.ACCEPTED
                ? "accepted " + r.selectedProposalText().orElse("a proposal") : r.describe();
        return p.outcome() + " (" + said + ")";
    }

    private static String group(OptionalInt ke) {
        return ke.isPresent() ? groupName(ke.getAsInt()) : "no KE payload";
    }

    private static String groupName(int id) {
        return DhGroup.byId(id).map(DhGroup::toString).orElse("DH group " + id);
    }

    /** One line per probe: "10.77.0.2 UDP/500: " and what {@code fact} says about it. */
    private static List<String> lines(List<PortResult> probes, Function<PortResult, String> fact) {
        return probes.stream().map(p -> AddressText.of(p.address()) + " " + p.port() + ": " + fact.apply(p)).toList();
    }

    private static String list(Iterable<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    /** The address in the form DNS answers are shown in; parsing a literal causes no look-up. */
    private static String literal(String address) {
        Objects.requireNonNull(address, "address");
        String expected = "resolvedTo takes IPv4 or IPv6 addresses such as 10.77.0.2 or fd77::2";
        if (address.indexOf('/') >= 0) {
            throw new IllegalArgumentException("'" + address + "' is a prefix, not an address; " + expected);
        }
        try {
            return AddressText.of(AddressPrefix.parse(address).network());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + address + "' is not an address; " + expected, e);
        }
    }

    /** "Wi-Fi Calling to 262-01 T-Mobile(Telekom) (ePDG epdg...)", or the ePDG name alone when it names no operator. */
    private String who() {
        String operator = actual.operator();
        String fqdn = actual.fqdn();
        return "Wi-Fi Calling to " + (operator.equals(fqdn) ? "ePDG " + fqdn : operator + " (ePDG " + fqdn + ")");
    }

    private void fail(String expected, String but, List<String> seen) {
        StringBuilder b = new StringBuilder("\nExpecting ").append(who()).append("\n").append(expected)
                .append(",\nbut ").append(but);
        seen.forEach(line -> b.append("\n  ").append(line));
        b.append("\nThe check said:");
        Arrays.stream(actual.message().split("\n", -1)).forEach(line -> b.append("\n  ").append(line));
        // AssertJ formats the message with String.format; a '%' from a peer or resolver must stay text
        failWithMessage(b.toString().replace("%", "%%"));
    }
}
