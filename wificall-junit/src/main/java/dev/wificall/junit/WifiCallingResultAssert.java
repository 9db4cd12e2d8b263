package dev.wificall.junit;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateReport;
import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.NatStatus;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.userplane.UserPlaneResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
            expected.add(literal(a, "resolvedTo"));
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

    // --- IKE_AUTH ---

    /**
     * An address attached with EAP-AKA ({@code ikeAuth = ATTACH}): the ePDG's certificate accepted, both
     * AUTH payloads verified, an inner address assigned.
     */
    public WifiCallingResultAssert isAttached() {
        isNotNull();
        String expected = "to attach with EAP-AKA (IKE_AUTH to the end: the ePDG's certificate accepted, both AUTH"
                + " payloads verified, an inner address assigned)";
        List<AttachResult> attaches = ikeAuthRan(expected);
        if (!actual.attached()) {
            boolean withoutSim = attaches.stream().allMatch(a -> a.outcome() == AttachResult.Outcome.ANSWERED);
            fail(expected, withoutSim ? "IKE_AUTH ran without a SIM (ikeAuth probe), which stops at the ePDG's first"
                    + " answer; attach with ikeAuth = ATTACH and the subscriber's credentials:" : "no address attached:",
                    attachLines(attaches, a -> List.of(said(a))));
        }
        return this;
    }

    /**
     * Every IKE_AUTH answer carried a certificate a phone accepts: the chain validated against the trust
     * store ({@code trustStore}), a SAN naming the ePDG name that was resolved, no certificate error
     * (expired, not yet valid); at least one answer must have carried one.
     */
    public WifiCallingResultAssert hasTrustedCertificate() {
        isNotNull();
        String expected = "to present a certificate a phone accepts in every IKE_AUTH answer (its chain validated"
                + " against the trust store, a SAN naming " + actual.fqdn() + ", no certificate error)";
        List<AttachResult> attaches = ikeAuthRan(expected);
        List<CertificateReport> certificates = certificates(expected, attaches);
        long refused = certificates.stream().filter(c -> !accepted(c)).count();
        if (refused > 0) {
            boolean unchecked = certificates.stream().anyMatch(c -> c.trust() == CertificateReport.ChainStatus.NOT_CHECKED);
            fail(expected, refused + " of " + certificates.size() + " answers carried a certificate a phone would not"
                    + " accept" + (unchecked ? " (without a trust store the chain is not validated: set trustStore or"
                    + " wificall.trustStore to the operator's CA certificates)" : "") + ":",
                    attachLines(attaches, WifiCallingResultAssert::certificateLines));
        }
        return this;
    }

    /**
     * Every certificate of every chain the ePDG sent stays valid for at least {@code days} more days,
     * e.g. 30 to hear of a renewal in time; at least one answer must have carried a certificate.
     */
    public WifiCallingResultAssert certificateValidForAtLeast(int days) {
        isNotNull();
        String expected = "to have every certificate of the ePDG's chain valid for at least " + days + " more days";
        List<AttachResult> attaches = ikeAuthRan(expected);
        List<CertificateReport> certificates = certificates(expected, attaches);
        long soon = certificates.stream().filter(c -> c.chainDaysToExpiry() < days).count();
        if (soon > 0) {
            fail(expected, soon + " of " + certificates.size() + " chains expire sooner:", attachLines(attaches,
                    a -> a.certificate().map(c -> List.of("ePDG certificate " + days(c.daysToExpiry()) + ", first of its"
                            + " chain " + days(c.chainDaysToExpiry()) + ": " + c.sentence())).orElse(List.of(said(a)))));
        }
        return this;
    }

    /**
     * Every IKE_AUTH answer that arrived came in IKE fragments (RFC 7383), so that no IP packet of it was
     * larger than the path takes; at least one must have arrived.
     */
    public WifiCallingResultAssert answeredInIkeFragments() {
        isNotNull();
        String expected = "to have the ePDG's IKE_AUTH answer arrive in IKE fragments (RFC 7383), so that every IP"
                + " packet of it fits the path";
        List<AttachResult> attaches = ikeAuthRan(expected);
        List<AttachResult> answered = attaches.stream().filter(a -> a.delivery() != AttachResult.Delivery.NONE).toList();
        if (answered.isEmpty()) {
            fail(expected, "no IKE_AUTH answer arrived:", attachLines(attaches, a -> List.of(said(a))));
        }
        long whole = answered.stream().filter(a -> a.delivery() != AttachResult.Delivery.IKE_FRAGMENTS).count();
        if (whole > 0) {
            fail(expected, whole + " of " + answered.size() + " answers arrived as one IKE message:",
                    attachLines(attaches, a -> List.of(delivery(a))));
        }
        return this;
    }

    /**
     * Every IKE_AUTH answer with an EAP request asked for {@code method}, e.g. {@code "EAP-AKA"}: the
     * method's name as the result spells it ("EAP-AKA (23) AKA-Challenge"), without type and subtype, or
     * the whole text; at least one answer must have carried an EAP request.
     */
    public WifiCallingResultAssert asksForEap(String method) {
        Objects.requireNonNull(method, "method");
        isNotNull();
        String expected = "to ask for " + method + " in every IKE_AUTH answer";
        List<AttachResult> attaches = ikeAuthRan(expected);
        List<AttachResult> asking = attaches.stream().filter(a -> a.eapMethod().isPresent()).toList();
        if (asking.isEmpty()) {
            fail(expected, "no IKE_AUTH answer carried an EAP request:", attachLines(attaches, a -> List.of(said(a))));
        }
        long other = asking.stream().filter(a -> !eapMatches(a.eapMethod().get(), method)).count();
        if (other > 0) {
            fail(expected, other + " of " + asking.size() + " answers asked for another method:", attachLines(attaches,
                    a -> List.of(a.eapMethod().map(m -> "asked for " + m).orElse(said(a)))));
        }
        return this;
    }

    /** An attach was assigned an inner address (CP INTERNAL_IP4_ADDRESS or INTERNAL_IP6_ADDRESS). */
    public WifiCallingResultAssert assignedInnerAddress() {
        isNotNull();
        String expected = "to be assigned an inner address by the ePDG (CP INTERNAL_IP4/6_ADDRESS after EAP-AKA)";
        List<AttachResult> attaches = ikeAuthRan(expected);
        if (actual.innerAddresses().isEmpty()) {
            fail(expected, "no attach was assigned one:", attachLines(attaches, a -> List.of(said(a))));
        }
        return this;
    }

    /**
     * An attach was assigned an inner address in {@code prefix}, e.g. {@code "10.45.0.0/24"}.
     *
     * @throws IllegalArgumentException when {@code prefix} is no IPv4 or IPv6 prefix
     */
    public WifiCallingResultAssert assignedInnerAddressIn(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AddressPrefix range;
        try {
            range = AddressPrefix.parse(prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + prefix + "' is not a prefix; assignedInnerAddressIn takes one such"
                    + " as 10.45.0.0/24 or fd45::/64", e);
        }
        isNotNull();
        String expected = "to be assigned an inner address in " + range + " by the ePDG";
        List<AttachResult> attaches = ikeAuthRan(expected);
        if (actual.innerAddresses().stream().noneMatch(a -> address(a) != null && range.contains(address(a)))) {
            fail(expected, actual.innerAddresses().isEmpty() ? "no attach was assigned one:"
                    : "none of " + list(actual.innerAddresses()) + " is in it:", attachLines(attaches, a -> List.of(
                    a.innerAddresses().isEmpty() ? said(a) : "inner " + list(a.innerAddresses()))));
        }
        return this;
    }

    /** An attach was told at least one P-CSCF (RFC 7651), the IMS entry point a phone registers with. */
    public WifiCallingResultAssert hasPcscf() {
        isNotNull();
        String expected = "to be told a P-CSCF by the ePDG (CP P_CSCF_IP4/6_ADDRESS, RFC 7651)";
        List<AttachResult> attaches = ikeAuthRan(expected);
        if (actual.pcscfServers().isEmpty()) {
            fail(expected, "no attach was told one:", attachLines(attaches, a -> List.of(said(a))));
        }
        return this;
    }

    /**
     * The attaches were told every one of these P-CSCF addresses (others may come too), e.g.
     * {@code hasPcscf("10.46.0.10")}; IPv6 in any valid spelling.
     *
     * @throws IllegalArgumentException when one of {@code addresses} is no IPv4 or IPv6 literal
     */
    public WifiCallingResultAssert hasPcscf(String... addresses) {
        Objects.requireNonNull(addresses, "addresses");
        Set<String> wanted = new LinkedHashSet<>();
        for (String a : addresses) {
            wanted.add(literal(a, "hasPcscf"));
        }
        isNotNull();
        String expected = "to be told the P-CSCF " + list(wanted) + " by the ePDG";
        List<AttachResult> attaches = ikeAuthRan(expected);
        List<String> missing = wanted.stream().filter(a -> !actual.pcscfServers().contains(a)).toList();
        if (!missing.isEmpty()) {
            fail(expected, list(missing) + " not among " + list(actual.pcscfServers()) + ":", attachLines(attaches,
                    a -> List.of(a.pcscfServers().isEmpty() ? said(a) : "P-CSCF " + list(a.pcscfServers()))));
        }
        return this;
    }

    /**
     * The user plane through an attach's tunnel passed: ESP both ways, the inner DNS, a P-CSCF answering SIP
     * and, when measured, a mapping that outlives the phone's keep-alive, through every tunnel the check
     * opened. Fails with the user plane's sentence and a line per check.
     */
    public WifiCallingResultAssert hasWorkingUserPlane() {
        isNotNull();
        String expected = "to carry a phone's calls through the tunnel (the user plane: ESP both ways, inner DNS, SIP"
                + " OPTIONS answered by a P-CSCF)";
        List<UserPlaneResult> planes = actual.userPlanes();
        if (planes.isEmpty()) {
            List<AttachResult> attaches = ikeAuthRan(expected);
            if (!actual.attached()) {
                fail(expected, "no address attached, so no tunnel carried the user plane:",
                        attachLines(attaches, a -> List.of(said(a))));
            }
            fail(expected, "the user plane was not checked: ask for it with @EpdgTunnel, userPlane = true on"
                    + " @EpdgReachable, userPlane(true) on the builder, or the configuration parameter wificall.userPlane",
                    List.of());
        }
        // with address policy any the attaches stop at the first that passes, so every tunnel here must carry calls
        long failed = planes.stream().filter(u -> !u.passed()).count();
        if (failed > 0) {
            List<String> seen = new ArrayList<>();
            planes.forEach(u -> seen.addAll(Arrays.asList(Checks.userPlane(u).strip().split("\n"))));
            fail(expected, failed + " of " + planes.size() + " tunnels failed it:", seen);
        }
        return this;
    }

    /**
     * The IKE_AUTH results; fails, saying why, when there are none: DNS failed, no address answered
     * IKE_SA_INIT on every port, or IKE_AUTH was not asked for.
     */
    private List<AttachResult> ikeAuthRan(String expected) {
        List<AttachResult> attaches = actual.attaches();
        if (!attaches.isEmpty()) {
            return attaches;
        }
        probedOn(null, expected);
        List<InetAddress> addresses = actual.probes().stream().map(PortResult::address).distinct().toList();
        boolean someAnswered = addresses.stream().anyMatch(a -> actual.probes().stream()
                .filter(p -> p.address().equals(a)).allMatch(PortResult::answered));
        if (!someAnswered) {
            fail(expected, "no address answered IKE_SA_INIT on every port probed, so IKE_AUTH never started:",
                    lines(actual.probes(), WifiCallingResultAssert::outcome));
        }
        fail(expected, "no IKE_AUTH ran: it was not asked for; set ikeAuth = IkeAuth.PROBE (no SIM) or ATTACH on"
                + " @EpdgReachable, ikeAuth(...) on the builder, or the configuration parameter wificall.ikeAuth", List.of());
        return attaches;
    }

    /** The certificates of the answers that carried one; fails when none did. */
    private List<CertificateReport> certificates(String expected, List<AttachResult> attaches) {
        List<CertificateReport> certificates = attaches.stream().flatMap(a -> a.certificate().stream()).toList();
        if (certificates.isEmpty()) {
            fail(expected, "no IKE_AUTH answer carried a certificate:", attachLines(attaches, a -> List.of(said(a))));
        }
        return certificates;
    }

    private static boolean accepted(CertificateReport c) {
        return c.trust() == CertificateReport.ChainStatus.TRUSTED && c.nameMatches() && c.passed();
    }

    /** "TRUSTED, the ePDG for ... presented ...", then its errors and warnings. */
    private static List<String> certificateLines(AttachResult a) {
        if (a.certificate().isEmpty()) {
            return List.of(said(a));
        }
        CertificateReport c = a.certificate().get();
        List<String> out = new ArrayList<>();
        out.add(c.trust() + (c.nameMatches() ? "" : ", NAME_MISMATCH") + ", " + c.sentence());
        c.findings().stream().filter(f -> f.severity() != CertificateFinding.Severity.INFO)
                .forEach(f -> out.add(f.toString()));
        return out;
    }

    private static boolean eapMatches(String seen, String method) {
        String s = seen.toLowerCase(Locale.ROOT);
        String m = method.strip().toLowerCase(Locale.ROOT);
        return s.equals(m) || s.startsWith(m + " ");
    }

    // --- words ---

    /** "ANSWERED, the ePDG ... answered IKE_AUTH ...": the outcome and the attach's sentence. */
    private static String said(AttachResult a) {
        return a.outcome() + ", " + a.sentence();
    }

    /** "IKE_FRAGMENTS: 5 fragments, 6012 bytes", "WHOLE: one message of 1184 bytes". */
    private static String delivery(AttachResult a) {
        return switch (a.delivery()) {
            case IKE_FRAGMENTS -> "IKE_FRAGMENTS: " + a.answerFragments() + " fragments, " + a.answerBytes() + " bytes";
            case WHOLE -> "WHOLE: one message of " + a.answerBytes() + " bytes";
            case NONE -> "no answer: " + said(a);
        };
    }

    /** "397 days left", "expired 12 days ago". */
    private static String days(long left) {
        return left >= 0 ? left + (left == 1 ? " day" : " days") + " left"
                : "expired " + -left + (left == -1 ? " day" : " days") + " ago";
    }

    /** One line per IKE_AUTH, "10.77.9.2 IKE_AUTH: " and the first of {@code facts}; the others indented under it. */
    private static List<String> attachLines(List<AttachResult> attaches, Function<AttachResult, List<String>> facts) {
        List<String> out = new ArrayList<>();
        for (AttachResult a : attaches) {
            List<String> f = facts.apply(a);
            out.add(Checks.address(a) + " IKE_AUTH: " + f.get(0));
            f.subList(1, f.size()).forEach(line -> out.add("  " + line));
        }
        return out;
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
    private static String literal(String address, String method) {
        Objects.requireNonNull(address, "address");
        String expected = method + " takes IPv4 or IPv6 addresses such as 10.77.0.2 or fd77::2";
        if (address.indexOf('/') >= 0) {
            throw new IllegalArgumentException("'" + address + "' is a prefix, not an address; " + expected);
        }
        try {
            return AddressText.of(AddressPrefix.parse(address).network());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + address + "' is not an address; " + expected, e);
        }
    }

    /** An inner address as the engine reports it (a literal), or null when it is none. */
    private static InetAddress address(String literal) {
        try {
            return AddressPrefix.parse(literal).network();
        } catch (IllegalArgumentException e) {
            return null;
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
