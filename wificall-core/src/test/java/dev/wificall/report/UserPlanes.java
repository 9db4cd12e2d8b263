package dev.wificall.report;

import dev.wificall.attach.AttachResult;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.userplane.UserPlaneResult.Check;
import dev.wificall.userplane.UserPlaneResult.LifetimeFinding;
import dev.wificall.userplane.UserPlaneResult.Status;
import dev.wificall.userplane.UserPlaneResult.Step;
import dev.wificall.verdict.OperatorVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * User-plane results for the report tests, built by hand as the user-plane lab's scenarios come out:
 * a tunnel that works, a firewall that passes IKE but drops ESP in UDP (DPI), and a NAT that forgets
 * the UDP/4500 mapping after 6 to 7 s. A SIP server name carries markup, so the pages must escape it.
 */
final class UserPlanes {

    /** What a P-CSCF may put in its Server header: the reports must show it as text. */
    static final String SERVER = "kamailio <5.6.3> & \"lab\"";
    static final String DPI_SENTENCE = "IKE on UDP/4500 to 10.77.9.2:4500 gets through, but none of the 9 ESP packets sent"
            + " there came back (echo, DNS, SIP): a firewall on the path passes IKE (UDP/4500 with the non-ESP marker) but"
            + " drops ESP in UDP; allow ESP in UDP on port 4500 (PAN-OS: application ipsec-esp-udp beside ike; Junos:"
            + " application junos-ike-nat / ike-esp-nat; FortiOS and others: UDP/4500 without an IPsec ALG or DPI profile),"
            + " or the ePDG forwards nothing from its IMS network";

    private UserPlanes() {
    }

    static Step step(Check check, Status status, String sentence, long ms) {
        return new Step(check, status, sentence, Duration.ofMillis(ms));
    }

    static Step echoPassed() {
        return step(Check.ESP_ECHO, Status.PASSED, "an inner ICMP echo from 10.45.0.2 to 10.46.0.53 came back through the"
                + " tunnel in 3 ms: ESP in UDP passes both ways between here and 10.77.9.2:4500", 4);
    }

    static Step dnsPassed() {
        return step(Check.INNER_DNS, Status.PASSED, "the inner DNS answered through the tunnel: ims.mnc001.mcc262"
                + ".3gppnetwork.org → 10.46.0.10 (from 10.46.0.53)", 6);
    }

    static Step sipPassed(Check check, String transport) {
        return step(check, Status.PASSED, "SIP OPTIONS over " + transport + " through the tunnel: 10.46.0.10:5060 200 OK ("
                + SERVER + ")", 9);
    }

    static Step ikePassed() {
        return step(Check.IKE_ON_4500, Status.PASSED, "an INFORMATIONAL request (liveness check) on 10.77.9.2:4500 was"
                + " answered: IKE gets through on UDP/4500", 5);
    }

    /** Everything through: echo, DNS, SIP both ways, 1400-byte inner packets, a mapping of 40 to 45 s, IKE. */
    static UserPlaneResult passed() {
        LifetimeFinding lifetime = new LifetimeFinding(Optional.of(Duration.ofSeconds(40)), Optional.of(Duration.ofSeconds(45)),
                6, false, Optional.empty(), Optional.empty());
        String lifetimeSentence = "the network forgets the UDP/4500 path from here to 10.77.9.2:4500 after 40 s to 45 s of"
                + " silence (6 requests to the reflector 10.46.0.20:4500), longer than Android's default NAT-keepalive"
                + " interval (20 s): phones keep the path open";
        return new UserPlaneResult(Attaches.FQDN_01, "10.77.9.2:4500", List.of("10.45.0.2"), "ENCR_AES_GCM_16 256", true,
                "the user plane through 10.77.9.2:4500 works: ESP both ways (inner echo), inner DNS, SIP OPTIONS over UDP,"
                        + " SIP OPTIONS over TCP, largest inner packet, IKE on UDP/4500 beside ESP; " + lifetimeSentence,
                List.of(echoPassed(), dnsPassed(), sipPassed(Check.SIP_UDP, "UDP"), sipPassed(Check.SIP_TCP, "TCP"),
                        step(Check.MTU, Status.PASSED, "inner packets of up to 1400 bytes came back whole, and those"
                                + " fragments got through", 310),
                        step(Check.MAPPING_LIFETIME, Status.PASSED, lifetimeSentence, 241_000), ikePassed()),
                Optional.of(lifetime), Optional.of(1400), 64, 60, 3,
                Attaches.transcript("the reflector 10.46.0.20:4500 answered after 40012 ms (asked for 40000 ms idle)",
                        "no answer from the reflector 10.46.0.20:4500 after 45000 ms idle"),
                Duration.ofMillis(242_100));
    }

    /** IKE on UDP/4500 answered, no ESP back: a DPI firewall that knows IKE and drops ESP in UDP. */
    static UserPlaneResult dpiDropped() {
        return new UserPlaneResult(Attaches.FQDN_01, "10.77.9.2:4500", List.of("10.45.0.2"), "ENCR_AES_GCM_16 256", false,
                DPI_SENTENCE,
                List.of(step(Check.ESP_ECHO, Status.FAILED, "no inner ICMP echo came back from 10.46.0.53, 10.46.0.10 and"
                                + " 10.46.0.11 within 3 s each", 9001),
                        step(Check.INNER_DNS, Status.FAILED, "the inner DNS did not answer every IMS name: ims.mnc001.mcc262"
                                + ".3gppnetwork.org at 10.46.0.53: no answer to A within 3 s; a phone then cannot find its"
                                + " P-CSCF by name", 6002),
                        step(Check.SIP_UDP, Status.FAILED, "no SIP answer over UDP from 10.46.0.10:5060 and 10.46.0.11:5060",
                                6003),
                        step(Check.SIP_TCP, Status.FAILED, "no SIP answer over TCP from 10.46.0.10:5060 and 10.46.0.11:5060",
                                6004),
                        step(Check.MTU, Status.SKIPPED, "no IPv4 address behind the ePDG answered an echo, so the largest"
                                + " inner packet could not be measured", 0),
                        ikePassed()),
                Optional.empty(), Optional.empty(), 9, 0, 2,
                Attaches.transcript("ESP sent: 9 packets, none received"), Duration.ofMillis(27_020));
    }

    /** The NAT forgets the mapping after 6 to 7 s; keep-alives every 5 s hold it; the DNS was not assigned (SKIPPED). */
    static UserPlaneResult shortLifetime() {
        LifetimeFinding lifetime = new LifetimeFinding(Optional.of(Duration.ofSeconds(6)), Optional.of(Duration.ofSeconds(7)),
                5, false, Optional.of(Duration.ofSeconds(5)), Optional.of(true));
        String lifetimeSentence = "the network forgets the UDP/4500 path from here to [fd77:9::2]:4500 after 6 s to 7 s of"
                + " silence (5 requests to the reflector 10.46.0.20:4500): Android phones send NAT-keepalives only every 20 s"
                + " by default; raise the UDP idle timeout for port 4500 on the NAT or firewall above 20 s; with"
                + " NAT-keepalives every 5 s the packet after 7 s arrived";
        return new UserPlaneResult(Attaches.FQDN_01, "[fd77:9::2]:4500", List.of("10.45.0.3", "fd45::3"),
                "ENCR_AES_CBC 128, AUTH_HMAC_SHA2_256_128", false,
                "the user plane through [fd77:9::2]:4500 is broken: mapping lifetime: " + lifetimeSentence,
                List.of(echoPassed(), step(Check.INNER_DNS, Status.SKIPPED, "the ePDG assigned no inner DNS server"
                                + " (INTERNAL_IP4_DNS/INTERNAL_IP6_DNS) of the inner address's family", 0),
                        sipPassed(Check.SIP_UDP, "UDP"), sipPassed(Check.SIP_TCP, "TCP"),
                        step(Check.MTU, Status.WARNING, "inner packets of up to 1392 bytes came back; the path drops IP"
                                + " fragments, so the phone's tunnel MTU must be 1392 or less", 280),
                        step(Check.MAPPING_LIFETIME, Status.FAILED, lifetimeSentence, 38_500), ikePassed()),
                Optional.of(lifetime), Optional.of(1392), 40, 37, 11,
                Attaches.transcript("the reflector 10.46.0.20:4500 answered after 6010 ms (asked for 6000 ms idle)",
                        "no answer from the reflector 10.46.0.20:4500 after 7000 ms idle"),
                Duration.ofMillis(39_800));
    }

    /** The attach of {@link Attaches#attached()} at another address, for a tunnel to the IPv6 address. */
    static AttachResult attachedAt(String address) {
        AttachResult r = Attaches.attached();
        return new AttachResult(r.fqdn(), address, r.outcome(), r.passed(), r.sentence(), r.ikeProposal(), r.delivery(),
                r.answerFragments(), r.answerBytes(), r.certificate(), r.signature(), r.eapMethod(), r.errorNotifies(),
                r.eapFailure(), r.innerAddresses(), r.dnsServers(), r.pcscfServers(), r.childProposal(), r.subscriber(),
                r.transcript(), r.elapsed());
    }

    static OperatorVerdict withPlanes(OperatorVerdict v, UserPlaneResult... planes) {
        return new OperatorVerdict(v.plmn(), v.fqdn(), v.dns(), v.probes(), v.ready(), v.sentence(), v.elapsed(),
                v.discovery(), v.attaches(), List.of(planes));
    }

    /** 262-01 attached at 10.77.9.2, its user plane works. */
    static OperatorVerdict ready() {
        AttachResult a = Attaches.attached();
        UserPlaneResult u = passed();
        return withPlanes(Attaches.verdict("262-01", true, "Wi-Fi Calling to 262-01 can reach its ePDG. Attach: "
                + a.sentence() + ". User plane: " + u.sentence() + ".", a), u);
    }

    /** 262-02 attached at 10.77.9.2, ESP dropped on the way. */
    static OperatorVerdict dpi() {
        AttachResult a = Attaches.attached();
        UserPlaneResult u = dpiDropped();
        return withPlanes(Attaches.verdict("262-02", false, "User plane failed: " + u.sentence() + ". The attach itself"
                + " succeeded: " + a.sentence() + ".", a), u);
    }

    /** 262-03 with policy all: both addresses attached; the IPv6 tunnel's mapping is too short, the IPv4 one works. */
    static OperatorVerdict shortMapping() {
        AttachResult a4 = Attaches.attached();
        AttachResult a6 = attachedAt("fd77:9::2");
        UserPlaneResult bad = shortLifetime();
        return withPlanes(Attaches.verdict("262-03", false, "User plane failed: " + bad.sentence() + ". The attach itself"
                + " succeeded: " + a4.sentence() + ".", a4, a6), passed(), bad);
    }
}
