package dev.wificall.report;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachResult.Delivery;
import dev.wificall.attach.AttachResult.Outcome;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateFinding.Kind;
import dev.wificall.attach.CertificateFinding.Severity;
import dev.wificall.attach.CertificateReport;
import dev.wificall.attach.CertificateReport.ChainStatus;
import dev.wificall.attach.CertificateSummary;
import dev.wificall.attach.ResponderSignature.SignatureVerdict;
import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.eap.Imsi;
import dev.wificall.eap.Nai;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verdicts with IKE_AUTH results for the report tests, built by hand as the attach lab's scenarios
 * come out: a probe that reads a trusted certificate from IKE fragments, an expired certificate, a
 * full attach and a wrong K. The subscriber is the TS 35.208 test set 1's, masked as the engine
 * masks it; its K, OPc and IMSI are here only so that tests can show the reports never hold them.
 */
final class Attaches {

    /** TS 35.208 test set 1: public test values, the attach lab's subscriber. */
    static final String IMSI = "262011234567890";
    static final String MSIN = "1234567890";
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

    static final String FQDN_01 = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";
    static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");

    private Attaches() {
    }

    /** The NAI as AttachProbe reports it: the MSIN masked. */
    static String subscriber() {
        return Nai.eapAka(Imsi.parse(IMSI), 2).masked();
    }

    static CertificateSummary leaf(String fqdn, Instant notAfter) {
        return new CertificateSummary("CN=" + fqdn + ",O=wificall lab", "CN=wificall lab intermediate,O=wificall lab",
                List.of("DNS:" + fqdn), "1a2b3c", Instant.parse("2026-01-01T00:00:00Z"), notAfter, "EC P-256",
                "SHA256withECDSA", fingerprint(0x11), 612);
    }

    static CertificateSummary intermediate() {
        return new CertificateSummary("CN=wificall lab intermediate,O=wificall lab", "CN=wificall lab root,O=wificall lab",
                List.of(), "2", Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"), "RSA 4096",
                "SHA256withRSA", fingerprint(0x22), 1490);
    }

    static String fingerprint(int fill) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            pairs.add(String.format("%02X", (fill + i) & 0xFF));
        }
        return String.join(":", pairs);
    }

    static CertificateReport trusted(String fqdn, long days) {
        return new CertificateReport(fqdn, List.of(leaf(fqdn, NOT_AFTER), intermediate()), "ID_FQDN " + fqdn, true, true,
                ChainStatus.TRUSTED, days, days, List.of(),
                fqdn + ": certificate CN=" + fqdn + " (DNS:" + fqdn + ") from CN=wificall lab intermediate, expires "
                        + NOT_AFTER + " (in " + days + " days), chain trusted");
    }

    static SignatureVerdict validSignature() {
        return new SignatureVerdict(true, "ECDSA with SHA-256 (RFC 7427)",
                "the ePDG's AUTH signature, ECDSA with SHA-256 (RFC 7427), verifies with the key of CN=" + FQDN_01);
    }

    static List<String> transcript(String... lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            out.add(String.format("%6d ms  %s", i * 4, lines[i]));
        }
        return out;
    }

    /** 262-01 without a SIM: a 6120-byte answer in 5 IKE fragments, trusted chain, EAP-AKA asked for. */
    static AttachResult probeAnswered() {
        return new AttachResult(FQDN_01, "10.77.9.2", Outcome.ANSWERED, true,
                "the ePDG " + FQDN_01 + " at 10.77.9.2:4500 answered IKE_AUTH in 5 IKE fragments (6120 bytes, RFC 7383)"
                        + " and asks for EAP-AKA (23) AKA-Challenge; " + trusted(FQDN_01, 35).sentence(),
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.IKE_FRAGMENTS, 5, 6120,
                Optional.of(trusted(FQDN_01, 35)), Optional.of(validSignature()), Optional.of("EAP-AKA (23) AKA-Challenge"),
                List.of(), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(),
                Nai.eapAka(Imsi.parse("262010000000000"), 2).masked(),
                transcript("→ IKE_SA_INIT request to 10.77.9.2:500", "← IKE_SA_INIT response, aes256gcm16-prfsha256-ecp256",
                        "→ IKE_AUTH request to 10.77.9.2:4500 (IDi 026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org)",
                        "← IKE_AUTH response in 5 IKE fragments, 6120 bytes"),
                Duration.ofMillis(412));
    }

    /** 262-07 without a SIM: the ePDG's certificate expired 3 days ago. */
    static AttachResult probeExpired() {
        String fqdn = "epdg.epc.mnc007.mcc262.pub.3gppnetwork.org";
        Instant expired = Instant.parse("2026-11-24T00:00:00Z");
        CertificateFinding finding = new CertificateFinding(Severity.ERROR, Kind.EXPIRED,
                "the ePDG certificate CN=" + fqdn + " expired on " + expired + " (3 days ago); phones refuse it");
        CertificateReport report = new CertificateReport(fqdn, List.of(leaf(fqdn, expired), intermediate()), "ID_FQDN " + fqdn,
                true, true, ChainStatus.UNTRUSTED, -3, -3, List.of(finding),
                fqdn + ": certificate CN=" + fqdn + " expired " + expired + " (3 days ago), chain untrusted");
        return new AttachResult(fqdn, "10.77.9.5", Outcome.ANSWERED, false,
                "the ePDG " + fqdn + " at 10.77.9.5:4500 answered IKE_AUTH in one message of 1180 bytes and asks for"
                        + " EAP-AKA (23) AKA-Challenge; " + report.sentence(),
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.WHOLE, 0, 1180, Optional.of(report),
                Optional.of(validSignature()), Optional.of("EAP-AKA (23) AKA-Challenge"), List.of(), Optional.empty(),
                List.of(), List.of(), List.of(), Optional.empty(), Nai.eapAka(Imsi.parse("262070000000000"), 2).masked(),
                transcript("→ IKE_SA_INIT request to 10.77.9.5:500", "← IKE_AUTH response, 1180 bytes",
                        "certificate: ERROR EXPIRED"),
                Duration.ofMillis(230));
    }

    /** 262-01 with the test SIM: attached, inner address, DNS and P-CSCF assigned. */
    static AttachResult attached() {
        return new AttachResult(FQDN_01, "10.77.9.2", Outcome.ATTACHED, true,
                "attached to the ePDG " + FQDN_01 + " at 10.77.9.2:4500 as " + subscriber() + " with EAP-AKA (software USIM): inner address"
                        + " 10.45.0.2, DNS 10.46.0.53, P-CSCF 10.46.0.10, 10.46.0.11, child SA aes256gcm16-esn; "
                        + trusted(FQDN_01, 35).sentence(),
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.WHOLE, 0, 1420, Optional.of(trusted(FQDN_01, 35)),
                Optional.of(validSignature()), Optional.of("EAP-AKA (23) AKA-Challenge"), List.of(), Optional.empty(),
                List.of("10.45.0.2"), List.of("10.46.0.53"), List.of("10.46.0.10", "10.46.0.11"),
                Optional.of("aes256gcm16-esn"), subscriber(),
                transcript("→ IKE_AUTH request (IDi " + subscriber() + ")", "← EAP-Request AKA-Challenge",
                        "AKA-Challenge: AUTN and AT_MAC verified", "→ EAP-Response AKA-Challenge", "← EAP-Success",
                        "AUTH of the ePDG verified with the EAP MSK", "← CP: 10.45.0.2, DNS 10.46.0.53, P-CSCF 10.46.0.10"),
                Duration.ofMillis(655));
    }

    /** 262-01 with a wrong K: AUTN did not verify, the phone rejected the challenge. */
    static AttachResult wrongK() {
        String failure = "the network's AUTN did not verify with this subscriber's K and OPc";
        return new AttachResult(FQDN_01, "fd77:9::2", Outcome.EAP_FAILED, false,
                "EAP-AKA for " + subscriber() + " at [fd77:9::2]:4500 failed: " + failure
                        + "; the configured K/OPc are wrong for this IMSI",
                Optional.of("aes256gcm16-prfsha256-ecp256"), Delivery.WHOLE, 0, 1420, Optional.of(trusted(FQDN_01, 35)),
                Optional.of(validSignature()), Optional.of("EAP-AKA (23) AKA-Challenge"), List.of("AUTHENTICATION_FAILED"),
                Optional.of(failure), List.of(), List.of(), List.of(), Optional.empty(), subscriber(),
                transcript("← EAP-Request AKA-Challenge", "AKA-Challenge: AUTN did not verify",
                        "→ EAP-Response AKA-Authentication-Reject", "← EAP-Failure"),
                Duration.ofMillis(301));
    }

    /** A verdict for {@code plmn} on the results' addresses, both ports answered, with the results as attaches. */
    static OperatorVerdict verdict(String plmn, boolean ready, String sentence, AttachResult... results) {
        Plmn p = Plmn.parse(plmn);
        List<InetAddress> addresses = new ArrayList<>();
        List<PortResult> probes = new ArrayList<>();
        for (AttachResult r : results) {
            InetAddress a = address(r.address());
            if (!addresses.contains(a)) {
                addresses.add(a);
                probes.add(new PortResult(a, IkePort.UDP_500, PortOutcome.ANSWERED, 1, Duration.ofMillis(3),
                        "IKE_SA_INIT response", 320));
                probes.add(new PortResult(a, IkePort.UDP_4500, PortOutcome.ANSWERED, 1, Duration.ofMillis(3),
                        "IKE_SA_INIT response", 324));
            }
        }
        DnsOutcome dns = new DnsOutcome(p.epdgFqdn(), "127.0.0.81:15381", DnsStatus.ADDRESSES, addresses, List.of(),
                "A: " + addresses, Duration.ofMillis(2));
        return new OperatorVerdict(p, p.epdgFqdn(), dns, probes, ready, sentence, Duration.ofMillis(700), null,
                List.of(results));
    }

    static OperatorVerdict probedReady() {
        AttachResult r = probeAnswered();
        return verdict("262-01", true, "Wi-Fi Calling to 262-01 can reach its ePDG. IKE_AUTH: " + r.sentence() + ".", r);
    }

    static OperatorVerdict probedExpired() {
        AttachResult r = probeExpired();
        return verdict("262-07", false, "IKE_AUTH failed: " + r.sentence() + ". IKE_SA_INIT alone: Wi-Fi Calling to 262-07"
                + " can reach its ePDG.", r);
    }

    static OperatorVerdict attachedReady() {
        AttachResult r = attached();
        return verdict("262-01", true, "Wi-Fi Calling to 262-01 can reach its ePDG. Attach: " + r.sentence() + ".", r);
    }

    /** Policy all: the IPv6 address failed with a wrong K, the IPv4 one attached; not ready. */
    static OperatorVerdict attachedAndWrongK() {
        AttachResult ok = attached();
        AttachResult bad = wrongK();
        return verdict("262-01", false, "Attach failed: " + bad.sentence() + ". IKE_SA_INIT alone: Wi-Fi Calling to 262-01"
                + " can reach its ePDG.", ok, bad);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
