package dev.wificall.junit;

import static dev.wificall.junit.AssertionsVerdicts.bare;
import static dev.wificall.junit.AssertionsVerdicts.ip;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachResult.Delivery;
import dev.wificall.attach.AttachResult.Outcome;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateFinding.Kind;
import dev.wificall.attach.CertificateFinding.Severity;
import dev.wificall.attach.CertificateReport;
import dev.wificall.attach.CertificateReport.ChainStatus;
import dev.wificall.attach.ResponderSignature.SignatureVerdict;
import dev.wificall.discovery.Plmn;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IKE_AUTH results built by hand, as the engine words them, on documentation addresses: an attach, a
 * probe whose answer came in IKE fragments, an expired certificate, a chain not checked, a wrong K,
 * an address that never answered IKE_AUTH beside one that did. No network.
 */
final class AttachVerdicts {

    static final String SUBSCRIBER = "026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org";
    private static final String RESOLVER = "127.0.0.77:15353";

    private AttachVerdicts() {
    }

    /** 262-01 at 198.51.100.7 attached: inner 10.45.0.7, DNS 10.46.0.53, P-CSCF 10.46.0.10 and .11. */
    static OperatorVerdict attached() {
        String fqdn = fqdn("262-01");
        AttachResult a = result(fqdn, "198.51.100.7", Outcome.ATTACHED, true, "attached to the ePDG " + fqdn
                        + " at 198.51.100.7:4500 as " + SUBSCRIBER + " with EAP-AKA (software USIM): inner address 10.45.0.7, DNS 10.46.0.53,"
                        + " P-CSCF 10.46.0.10, 10.46.0.11; " + trusted(fqdn).sentence(),
                Delivery.WHOLE, 0, 1184, Optional.of(trusted(fqdn)), Optional.of("EAP-AKA (23) AKA-Challenge"),
                List.of("10.45.0.7"), List.of("10.46.0.10", "10.46.0.11"));
        return verdict("262-01", true, "Wi-Fi Calling to 262-01 can reach its ePDG. Attach: " + a.sentence() + ".", a);
    }

    /** 262-02 at 198.51.100.8 answered without a SIM, in 5 IKE fragments, trusted. */
    static OperatorVerdict fragmented() {
        String fqdn = fqdn("262-02");
        AttachResult a = result(fqdn, "198.51.100.8", Outcome.ANSWERED, true, "the ePDG " + fqdn + " at 198.51.100.8:4500"
                        + " answered IKE_AUTH in 5 IKE fragments (6012 bytes, RFC 7383) and asks for EAP-AKA (23)"
                        + " AKA-Challenge; " + trusted(fqdn).sentence(),
                Delivery.IKE_FRAGMENTS, 5, 6012, Optional.of(trusted(fqdn)), Optional.of("EAP-AKA (23) AKA-Challenge"),
                List.of(), List.of());
        return verdict("262-02", true, "Wi-Fi Calling to 262-02 can reach its ePDG. IKE_AUTH: " + a.sentence() + ".", a);
    }

    /** 262-07 at 198.51.100.9: the ePDG certificate expired 12 days ago. */
    static OperatorVerdict expired() {
        String fqdn = fqdn("262-07");
        CertificateReport c = new CertificateReport(fqdn, List.of(), "ID_FQDN " + fqdn, true, true, ChainStatus.UNTRUSTED,
                -12, -12, List.of(new CertificateFinding(Severity.ERROR, Kind.EXPIRED, "the ePDG certificate CN=" + fqdn
                + " expired on 2025-11-16 (12 days ago, checked at 2025-11-28T04:30:00Z); phones reject it until the"
                + " operator renews it")), "the ePDG for " + fqdn + " presented CN=" + fqdn + " (SAN " + fqdn + ") issued by"
                + " CN=Lab CA, expired on 2025-11-16 (12 days ago), chain not trusted");
        AttachResult a = result(fqdn, "198.51.100.9", Outcome.ANSWERED, false, "the ePDG " + fqdn + " at 198.51.100.9:4500"
                        + " answered IKE_AUTH in one message of 1184 bytes and asks for EAP-AKA (23) AKA-Challenge; "
                        + c.sentence(), Delivery.WHOLE, 0, 1184, Optional.of(c), Optional.of("EAP-AKA (23) AKA-Challenge"),
                List.of(), List.of());
        return verdict("262-07", false, "IKE_AUTH failed: " + a.sentence() + ". IKE_SA_INIT alone: Wi-Fi Calling to"
                + " 262-07 can reach its ePDG.", a);
    }

    /** 262-08 at 198.51.100.10: no trust store, so the chain was not checked; asks for EAP-AKA' (50). */
    static OperatorVerdict unchecked() {
        String fqdn = fqdn("262-08");
        CertificateReport c = new CertificateReport(fqdn, List.of(), "ID_FQDN " + fqdn, true, true,
                ChainStatus.NOT_CHECKED, 400, 400, List.of(new CertificateFinding(Severity.INFO, Kind.CHAIN_NOT_CHECKED,
                "no trust anchors were configured, so the chain was not validated")), "the ePDG for " + fqdn
                + " presented CN=" + fqdn + " (SAN " + fqdn + ") issued by CN=Lab CA, valid until 2026-12-31 (400 days),"
                + " chain not checked (no trust anchors configured)");
        AttachResult a = result(fqdn, "198.51.100.10", Outcome.ANSWERED, true, "the ePDG " + fqdn
                        + " at 198.51.100.10:4500 answered IKE_AUTH in one message of 1184 bytes and asks for EAP-AKA' (50)"
                        + " AKA-Challenge; " + c.sentence(), Delivery.WHOLE, 0, 1184, Optional.of(c),
                Optional.of("EAP-AKA' (50) AKA-Challenge"), List.of(), List.of());
        return verdict("262-08", true, "Wi-Fi Calling to 262-08 can reach its ePDG. IKE_AUTH: " + a.sentence() + ".", a);
    }

    /** 262-01 at 198.51.100.7: the network's AUTN did not verify with the configured K. */
    static OperatorVerdict wrongK() {
        String fqdn = fqdn("262-01");
        AttachResult a = result(fqdn, "198.51.100.7", Outcome.EAP_FAILED, false, "EAP-AKA for " + SUBSCRIBER
                        + " at 198.51.100.7:4500 (" + fqdn + ") failed: the network's AUTN did not verify with this"
                        + " subscriber's K and OPc (MAC-A mismatch)", Delivery.WHOLE, 0, 1184, Optional.of(trusted(fqdn)),
                Optional.of("EAP-AKA (23) AKA-Challenge"), List.of(), List.of());
        return verdict("262-01", false, "Attach failed: " + a.sentence() + ". IKE_SA_INIT alone: Wi-Fi Calling to 262-01"
                + " can reach its ePDG.", a);
    }

    /** 262-03: 198.51.100.11 never answered IKE_AUTH (IP fragments dropped), 198.51.100.12 answered whole. */
    static OperatorVerdict oneSilent() {
        String fqdn = fqdn("262-03");
        AttachResult silent = result(fqdn, "198.51.100.11", Outcome.NO_AUTH_ANSWER, false, "the ePDG " + fqdn
                        + " at 198.51.100.11 answered IKE_SA_INIT on UDP/500 but nothing came back to IKE_AUTH on UDP/4500"
                        + " within 5 s (4 transmissions)", Delivery.NONE, 0, 0, Optional.empty(), Optional.empty(),
                List.of(), List.of());
        AttachResult whole = result(fqdn, "198.51.100.12", Outcome.ANSWERED, true, "the ePDG " + fqdn
                        + " at 198.51.100.12:4500 answered IKE_AUTH in one message of 6012 bytes and asks for EAP-AKA (23)"
                        + " AKA-Challenge; " + trusted(fqdn).sentence(), Delivery.WHOLE, 0, 6012, Optional.of(trusted(fqdn)),
                Optional.of("EAP-AKA (23) AKA-Challenge"), List.of(), List.of());
        return verdict("262-03", true, "Wi-Fi Calling to 262-03 can reach its ePDG. IKE_AUTH: " + whole.sentence() + ".",
                silent, whole);
    }

    /** 262-06 at 2001:db8::6, answered whole; the engine spells the address in full, as InetAddress does. */
    static OperatorVerdict ipv6() {
        String fqdn = fqdn("262-06");
        AttachResult a = result(fqdn, "2001:db8:0:0:0:0:0:6", Outcome.ANSWERED, true, "the ePDG " + fqdn
                        + " at [2001:db8:0:0:0:0:0:6]:4500 answered IKE_AUTH in one message of 1184 bytes",
                Delivery.WHOLE, 0, 1184, Optional.of(trusted(fqdn)), Optional.of("EAP-AKA (23) AKA-Challenge"),
                List.of(), List.of());
        return verdict("262-06", true, "Wi-Fi Calling to 262-06 can reach its ePDG. IKE_AUTH: " + a.sentence() + ".", a);
    }

    /** 262-04 at 198.51.100.13, both ports answered, no IKE_AUTH asked for. */
    static OperatorVerdict withoutIkeAuth() {
        return verdict("262-04", true, "Wi-Fi Calling to 262-04 can reach its ePDG: 198.51.100.13 answered IKE_SA_INIT on"
                + " UDP/500 and UDP/4500.", List.of(ip("198.51.100.13")), List.of());
    }

    /** 262-05 at 198.51.100.14: UDP/4500 silent, so IKE_AUTH never started. */
    static OperatorVerdict blocked4500() {
        InetAddress a = ip("198.51.100.14");
        Plmn plmn = Plmn.parse("262-05");
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns(plmn, List.of(a)), List.of(bare(a, IkePort.UDP_500,
                PortOutcome.ANSWERED), bare(a, IkePort.UDP_4500, PortOutcome.NO_ANSWER)), false, "Wi-Fi Calling to 262-05"
                + " will fail: UDP/4500 to its ePDG got no answer from 198.51.100.14.", Duration.ofMillis(2400));
    }

    static CertificateReport trusted(String fqdn) {
        return new CertificateReport(fqdn, List.of(), "ID_FQDN " + fqdn, true, true, ChainStatus.TRUSTED, 397, 397,
                List.of(), "the ePDG for " + fqdn + " presented CN=" + fqdn + " (SAN " + fqdn + ") issued by CN=Lab CA,"
                + " valid until 2026-12-31 (397 days), chain trusted (CN=Lab CA)");
    }

    private static AttachResult result(String fqdn, String address, Outcome outcome, boolean passed, String sentence,
                                       Delivery delivery, int fragments, int bytes, Optional<CertificateReport> certificate,
                                       Optional<String> eap, List<String> inner, List<String> pcscf) {
        List<String> transcript = new ArrayList<>();
        transcript.add("     0 ms  → IKE_SA_INIT request 0 to " + address + ":500");
        transcript.add("    12 ms  ← IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) ] (312 bytes)");
        transcript.add("    13 ms  → IKE_AUTH request 1 [ IDi IDr CP(CFG_REQUEST) SA TSi TSr ]");
        if (delivery != Delivery.NONE) {
            transcript.add("    31 ms  ← IKE_AUTH response 1 [ IDr CERT AUTH EAP ] (" + bytes + " bytes"
                    + (fragments > 0 ? " in " + fragments + " IKE fragments" : "") + ")");
        }
        if (outcome == Outcome.EAP_FAILED) {
            transcript.add("    32 ms  EAP: AKA-Challenge: AUTN did not verify; answered with AKA-Authentication-Reject");
        }
        return new AttachResult(fqdn, address, outcome, passed, sentence, Optional.of("aes256gcm16-prfsha256-ecp256"),
                delivery, fragments, bytes, certificate, certificate.map(c -> new SignatureVerdict(true,
                "ECDSA with SHA-256 (RFC 7427)", "the AUTH signature verifies")), eap, List.of(), Optional.empty(), inner,
                inner.isEmpty() ? List.of() : List.of("10.46.0.53"), pcscf, Optional.empty(), SUBSCRIBER, transcript,
                Duration.ofMillis(40));
    }

    private static OperatorVerdict verdict(String operator, boolean ready, String sentence, AttachResult... attaches) {
        List<InetAddress> addresses = java.util.Arrays.stream(attaches).map(a -> ip(a.address())).toList();
        return verdict(operator, ready, sentence, addresses, List.of(attaches));
    }

    private static OperatorVerdict verdict(String operator, boolean ready, String sentence, List<InetAddress> addresses,
                                           List<AttachResult> attaches) {
        Plmn plmn = Plmn.parse(operator);
        List<PortResult> probes = new ArrayList<>();
        for (InetAddress a : addresses) {
            probes.add(bare(a, IkePort.UDP_500, PortOutcome.ANSWERED));
            probes.add(bare(a, IkePort.UDP_4500, PortOutcome.ANSWERED));
        }
        return new OperatorVerdict(plmn, plmn.epdgFqdn(), dns(plmn, addresses), probes, ready, sentence,
                Duration.ofMillis(300), null, attaches);
    }

    private static DnsOutcome dns(Plmn plmn, List<InetAddress> addresses) {
        return new DnsOutcome(plmn.epdgFqdn(), RESOLVER, DnsStatus.ADDRESSES, addresses, List.of(),
                String.join("; ", addresses.stream().map(a -> "A: " + AddressText.of(a)).toList()), Duration.ofMillis(3));
    }

    private static String fqdn(String operator) {
        return Plmn.parse(operator).epdgFqdn();
    }
}
