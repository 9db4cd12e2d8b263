package dev.wificall.verdict;

import dev.wificall.discovery.Operators;
import dev.wificall.discovery.Plmn;

import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.dns.ResolverComparison;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.Sentences;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.Offer;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sentences people read: what was tried, what was seen, what to do. A list of addresses, ports or
 * probes names at most {@link Sentences#SHOWN} and counts the rest, so a name with 1,000 addresses
 * gives a sentence of a few hundred characters.
 */
final class Explanations {

    private Explanations() {
    }

    /** No usable address: what each name gave, the resolvers' comparison, and any hint. */
    static String dnsFailure(Resolution r) {
        DnsOutcome dns = r.outcome();
        StringBuilder b = new StringBuilder(dnsFailure(r.input().label(), dns));
        if (r.attempts().size() > 1) {
            b.append(" Names tried in order: ").append(r.attempts().stream()
                    .map(a -> a.fqdn() + " " + a.primary().status()).collect(Collectors.joining(", "))).append('.');
        }
        comparison(b, r);
        r.hint().ifPresent(h -> b.append(" Hint: ").append(h).append('.'));
        return b.toString();
    }

    /** Discovery alone: "The ePDG of 262-01 ... can be discovered: ..." or the failure sentence. */
    static String discovery(Resolution r) {
        if (!r.resolved() || r.outcome().usableAddresses().isEmpty()) {
            return dnsFailure(r);
        }
        StringBuilder b = new StringBuilder("The ePDG of " + r.input().label() + " can be discovered: "
                + r.outcome().explain());
        discovered(b, r);
        r.hint().ifPresent(h -> b.append(" Hint: ").append(h).append('.'));
        return b.toString();
    }

    static String ready(Resolution r, List<PortResult> probes, List<IkePort> ports) {
        StringBuilder b = new StringBuilder(ready(r.input().label(), r.outcome(), probes, ports));
        discovered(b, r);
        return b.toString();
    }

    static String blocked(Resolution r, List<PortResult> probes, List<IkePort> ports) {
        StringBuilder b = new StringBuilder(blocked(r.input().label(), r.outcome(), probes, ports));
        if (!probes.isEmpty() && probes.stream().allMatch(p -> p.outcome() == PortOutcome.NO_ANSWER)) {
            b.append(' ').append(vantagePoint(r.input().plmn(), probes));
        }
        discovered(b, r);
        return b.toString();
    }

    /**
     * When the resolver answered but every address stayed silent, the firewall here may not be the
     * cause: operators drop IKE from abroad (roaming customers would avoid their fees) and often
     * from IPv6 sources; the MobiSys 2024 study measured geoblocking at the DNS or IKE level for
     * 14.6 % of operators over IPv4 and 65.2 % over IPv6 (Gegenhuber, Frenzel, Weippl: "Why E.T.
     * Can't Phone Home: A Global View on IP-based Geoblocking at VoWiFi").
     */
    static String vantagePoint(Plmn plmn, List<PortResult> probes) {
        String country = plmn == null ? null : Operators.country(plmn.mcc()).orElse(null);
        boolean v6 = probes.stream().anyMatch(p -> p.address() instanceof java.net.Inet6Address);
        return "Every address was silent although the resolver answered: the cause may be the operator, not this network."
                + " Some operators drop IKE from source addresses outside their country" + (v6 ? " or from IPv6" : "")
                + " (a MobiSys 2024 study, \"Why E.T. Can't Phone Home\", found such geoblocking for 14.6 % of operators"
                + " over IPv4 and 65.2 % over IPv6). Run the same check from a vantage point inside "
                + (country == null ? "the operator's country" : country)
                + " (a CI runner or a VPN exit there): if it passes there, the ePDG filters by origin; if it fails there"
                + " too, look at this network's firewall.";
    }

    /** Policy "all": some address works, so a phone would, but not every address is allowed through. */
    static String notAll(Resolution r, List<PortResult> probes, List<IkePort> ports) {
        String failing = failingAddresses(probes);
        StringBuilder b = new StringBuilder("Wi-Fi Calling to " + r.input().label()
                + " fails address policy 'all': every address of " + r.used().fqdn() + " (" + families(r.outcome()
                .usableAddresses()) + ", resolver " + r.outcome().resolver() + ") must answer on "
                + join(ports.stream().map(IkePort::toString).toList()) + ", but " + failing
                + ". A phone would still get through on another address; allow "
                + join(ports.stream().map(IkePort::toString).toList()) + " to every ePDG address.");
        discovered(b, r);
        return b.toString();
    }

    /** How the name was found when it was not the first one asked, and how the resolvers compare. */
    private static void discovered(StringBuilder b, Resolution r) {
        if (r.attempts().size() > 1) {
            b.append(" Discovery: ").append(r.before()).append("then ").append(r.used().fqdn()).append(" resolved (")
                    .append(r.used().why()).append(").");
        }
        comparison(b, r);
    }

    private static void comparison(StringBuilder b, Resolution r) {
        ResolverComparison c = r.used().comparison();
        if (c != null && !c.agree()) {
            b.append(" Resolvers disagree: ").append(c.explain());
            if (!c.explain().endsWith(".")) {
                b.append('.');
            }
        }
    }

    /** "IPv4 10.77.0.2, IPv6 fd77::2", each family listed apart. */
    static String families(List<InetAddress> addresses) {
        List<String> v4 = addresses.stream().filter(a -> a instanceof java.net.Inet4Address).map(AddressText::of).toList();
        List<String> v6 = addresses.stream().filter(a -> a instanceof java.net.Inet6Address).map(AddressText::of).toList();
        return (v4.isEmpty() ? "no IPv4" : "IPv4 " + listed(v4, ", ")) + "; "
                + (v6.isEmpty() ? "no IPv6" : "IPv6 " + listed(v6, ", "));
    }

    /** The resolver's answer in the dns package's words, after the verdict's head. */
    static String dnsFailure(String operator, DnsOutcome dns) {
        return "Wi-Fi Calling to " + operator + " will fail: " + dns.explain();
    }

    static String ready(String operator, DnsOutcome dns, List<PortResult> probes, List<IkePort> ports) {
        Map<InetAddress, List<PortResult>> byAddress = byAddress(probes);
        List<String> good = new ArrayList<>();
        byAddress.forEach((address, results) -> {
            if (results.stream().allMatch(PortResult::answered)) {
                good.add(AddressText.of(address));
            }
        });
        String bad = failingAddresses(probes);
        String sentence = "Wi-Fi Calling to " + operator + " can reach its ePDG: " + dns.fqdn() + " resolved to "
                + families(dns.addresses()) + " (resolver " + dns.resolver() + ") and " + join(good)
                + " answered IKE_SA_INIT on " + join(ports.stream().map(IkePort::toString).toList()) + ".";
        if (!bad.isEmpty()) {
            sentence += " Not every address works: " + bad + ".";
        }
        return sentence + caveats(probes);
    }

    /**
     * What a reachable port still says about the phone's chances: the ePDG refused the phone's
     * proposal, or answered only the broad re-check. The firewall is fine; the offer is not.
     */
    private static String caveats(List<PortResult> probes) {
        List<String> notes = new ArrayList<>();
        for (PortResult r : probes) {
            String where = r.port() + " on " + AddressText.of(r.address());
            if (r.response() != null && r.response().kind() == SaInitResponse.Kind.NO_PROPOSAL_CHOSEN) {
                notes.add(where + " is reachable, but the ePDG rejected the offered proposal (NO_PROPOSAL_CHOSEN)");
            } else if (r.answeredOffer() == Offer.BROAD) {
                notes.add(where + " answered only the broad re-check, not the phone's proposal");
            }
        }
        return notes.isEmpty() ? "" : " Note: " + listed(notes, "; ") + ".";
    }

    static String blocked(String operator, DnsOutcome dns, List<PortResult> probes, List<IkePort> ports) {
        List<IkePort> failing = ports.stream()
                .filter(port -> probes.stream().noneMatch(r -> r.port() == port && r.answered())).toList();
        List<IkePort> working = ports.stream().filter(p -> !failing.contains(p)).toList();
        String head = "Wi-Fi Calling to " + operator + " will fail: ";
        if (failing.isEmpty()) {
            return head + "no single address of " + dns.fqdn() + " answered on " + join(ports.stream()
                    .map(IkePort::toString).toList()) + ": " + listed(byAddress(probes).entrySet().stream()
                    .map(e -> AddressText.of(e.getKey()) + " answered only " + join(e.getValue().stream()
                            .filter(PortResult::answered).map(r -> r.port().toString()).toList()))
                    .toList(), ", ") + " (resolver " + dns.resolver() + "). Allow outbound "
                    + join(ports.stream().map(IkePort::toString).toList()) + " to " + addresses(dns.addresses()) + ".";
        }
        IkePort first = failing.get(0);
        List<PortResult> seen = probes.stream().filter(r -> r.port() == first).toList();
        StringBuilder s = new StringBuilder(head);
        s.append(join(failing.stream().map(IkePort::toString).toList())).append(" to ").append(dns.fqdn())
                .append(": ").append(grouped(seen));
        if (!working.isEmpty()) {
            s.append(", while ").append(join(working.stream().map(IkePort::toString).toList())).append(" answered");
        }
        s.append(" (resolver ").append(dns.resolver()).append("). ").append(cause(dominant(seen), first, failing, dns.addresses())).append('.');
        return s.toString();
    }

    /** One line per probe: address, port, outcome, details. */
    static String probeLine(String fqdn, PortResult r) {
        return r.port() + " to " + AddressText.of(r.address()) + " (" + fqdn + "): " + r.outcome() + ", "
                + r.detail() + " [" + r.requests() + " request" + (r.requests() == 1 ? "" : "s") + ", "
                + r.elapsed().toMillis() + " ms]";
    }

    /**
     * The addresses that did not answer on every port, those that failed alike together: "10.77.0.3 and
     * fd77::3 (UDP/4500 got no answer ...)", a handful named and the rest counted; "" when all answered.
     */
    private static String failingAddresses(List<PortResult> probes) {
        Map<String, List<String>> byFailure = new LinkedHashMap<>();
        byAddress(probes).forEach((address, results) -> {
            if (!results.stream().allMatch(PortResult::answered)) {
                String failure = results.stream().filter(r -> !r.answered()).map(r -> r.port() + " " + phrase(r))
                        .collect(Collectors.joining("; "));
                byFailure.computeIfAbsent(failure, k -> new ArrayList<>()).add(AddressText.of(address));
            }
        });
        return listed(byFailure.entrySet().stream().map(e -> join(e.getValue()) + " (" + e.getKey() + ")").toList(), ", ");
    }

    /** "10.77.0.3 and fd77::3 got no answer to 3 IKE_SA_INIT requests in 2.4 s; ..." */
    private static String grouped(List<PortResult> results) {
        Map<String, List<String>> byPhrase = new LinkedHashMap<>();
        for (PortResult r : results) {
            byPhrase.computeIfAbsent(phrase(r), k -> new ArrayList<>()).add(AddressText.of(r.address()));
        }
        return listed(byPhrase.entrySet().stream().map(e -> join(e.getValue()) + " " + e.getKey()).toList(), "; ");
    }

    private static String phrase(PortResult r) {
        return switch (r.outcome()) {
            case ANSWERED -> "answered";
            case NO_ANSWER -> "got no answer to " + phone(r) + " IKE_SA_INIT request" + (phone(r) == 1 ? "" : "s")
                    + " in " + seconds(r) + " s" + (r.broadRequests() == 0 ? ""
                    : " nor to " + r.broadRequests() + " re-check" + (r.broadRequests() == 1 ? "" : "s") + " with a broad proposal");
            case PORT_UNREACHABLE -> "was refused with ICMP port unreachable";
            case REJECTED -> "was refused (" + r.detail() + ")";
            case MALFORMED -> "answered with something that is not a valid IKEv2 response (" + r.detail() + ")";
            case NOT_SENT -> "could not be probed from this host (" + r.detail() + ")";
        };
    }

    /** Requests with the configured (phone) proposal; the broad re-check is told apart. */
    private static int phone(PortResult r) {
        return r.requests() - r.broadRequests();
    }

    private static String seconds(PortResult r) {
        return String.format(java.util.Locale.ROOT, "%.1f", r.elapsed().toMillis() / 1000.0);
    }

    /** The outcome most addresses saw, ignoring families this host cannot reach when others were tried. */
    private static PortOutcome dominant(List<PortResult> results) {
        Map<PortOutcome, Long> counts = results.stream()
                .collect(Collectors.groupingBy(PortResult::outcome, LinkedHashMap::new, Collectors.counting()));
        if (counts.size() > 1) {
            counts.remove(PortOutcome.NOT_SENT);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String cause(PortOutcome outcome, IkePort port, List<IkePort> failing, List<InetAddress> epdg) {
        String ports = join(failing.stream().map(IkePort::toString).toList());
        String what = port == IkePort.UDP_4500 && failing.size() == 1 ? "IKE NAT traversal (UDP/4500)"
                : "IKE (" + ports + ")";
        String targets = Sentences.addresses(epdg);
        String allow = "Allow outbound " + ports + " to " + targets;
        return switch (outcome) {
            case NO_ANSWER -> "A firewall on the path drops " + what + ". " + allow;
            case PORT_UNREACHABLE -> "A firewall rejects " + what + ", or nothing listens there. " + allow;
            case REJECTED -> "A firewall or router refuses the path. " + allow;
            case MALFORMED -> "Something on the path (an IPsec ALG, a captive portal, a proxy) answers in the"
                    + " ePDG's place or rewrites IKE. Turn off IKE/IPsec inspection for " + ports + " to " + targets;
            case NOT_SENT -> "This host has no route to those addresses. Run the check from a host that has one";
            case ANSWERED -> throw new IllegalStateException("not a failure");
        };
    }

    private static Map<InetAddress, List<PortResult>> byAddress(List<PortResult> probes) {
        return probes.stream().collect(Collectors.groupingBy(PortResult::address, LinkedHashMap::new, Collectors.toList()));
    }

    private static String addresses(List<InetAddress> addresses) {
        return listed(addresses.stream().map(AddressText::of).toList(), ", ");
    }

    /** "a", "a and b", "a, b and c"; past {@link Sentences#SHOWN} items "a, b, ..., h and 992 more". */
    static String join(List<String> items) {
        return Sentences.capped(items);
    }

    /** The items joined with {@code separator}, capped as {@link Sentences#listed} does. */
    /**
     * "Phones configured with wo.vzwwo.com (samsung VZW_US, samsung VZW_US:CCT and 9 more): " for a
     * carrier's own name; "" for the name a phone builds.
     */
    static String phones(CheckTarget check, String fqdn) {
        if (check.phones().isEmpty()) {
            return "";
        }
        return "Phones configured with " + fqdn + " (" + Sentences.capped(check.phones()) + "): ";
    }

    /** " IKE_SA_INIT offered what samsung VZW_US offers (aes256-sha256-modp2048)." when the target copies a phone. */
    static String offer(CheckTarget check) {
        return check.offer().map(o -> " IKE_SA_INIT offered what " + o.phone() + " offers (" + o.proposals() + ").")
                .orElse("");
    }

    static String listed(List<String> items, String separator) {
        return Sentences.listed(items, separator);
    }

    /**
     * " epdg... has 1,000 addresses; probed the first 16 (wificall.maxAddresses=16; raise it to probe
     * all)." when the cap left addresses out; "" when every usable address was probed.
     */
    static String capped(DnsOutcome dns, int probed, int maxAddresses) {
        int usable = dns.usableAddresses().size();
        if (usable <= probed) {
            return "";
        }
        return " " + dns.fqdn() + " has " + Sentences.count(usable) + (dns.sinkholed().isEmpty() ? "" : " usable")
                + " addresses; probed the first " + Sentences.count(probed) + " (" + CheckSettings.MAX_ADDRESSES_PROPERTY
                + "=" + maxAddresses + "; raise it to probe all).";
    }
}
