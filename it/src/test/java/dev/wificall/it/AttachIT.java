package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.attach.AttachProbe;
import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachResult.Delivery;
import dev.wificall.attach.AttachResult.Outcome;
import dev.wificall.attach.AttachSettings;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.attach.CertificateReport;
import dev.wificall.attach.TrustAnchors;
import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsServer;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * IKE_AUTH against strongSwan (charon with eap-aka-3gpp) in the attach lab: full EAP-AKA attaches with
 * the test subscriber, the probe without a SIM on each certificate scenario, and IP fragments dropped
 * by nftables inside the lab namespace with and without IKE fragmentation.
 */
@ExtendWith(AttachLab.class)
class AttachIT {
    private static final String FQDN_01 = "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org";

    private static AttachSettings noSim() {
        return AttachSettings.DEFAULTS.withTrust(TrustAnchors.load(AttachLab.TRUST)).withDeadline(Duration.ofSeconds(8),
                Duration.ofSeconds(3));
    }

    private static AttachSettings sim(String imsi, String k, String opc) {
        UsimCredentials credentials = UsimCredentials.parse(imsi, k, opc, null);
        return noSim().withCredentials(SoftUsim.builder(credentials).sqnCheck(SoftUsim.SqnCheck.ACCEPT_ANY).build());
    }

    private static AttachResult attach(AttachSettings settings, String mnc, String address) throws Exception {
        String fqdn = "epdg.epc.mnc0" + mnc + ".mcc262.pub.3gppnetwork.org";
        return new AttachProbe(settings).attach(fqdn, new Plmn("262", mnc), InetAddress.getByName(address));
    }

    private static String shown(AttachResult r) {
        return r.sentence() + "\n" + String.join("\n", r.transcript());
    }

    @Test
    void fullAttachWithTheRightKeysReportsTheInnerAddressDnsAndPcscf() throws Exception {
        AttachResult r = attach(sim(AttachLab.IMSI, AttachLab.K, AttachLab.OPC), "01", AttachLab.GOOD);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.ATTACHED);
        assertThat(r.passed()).as(shown(r)).isTrue();
        assertThat(r.innerAddresses()).as(shown(r)).anyMatch(a -> a.startsWith("10.45.0."))
                .allMatch(a -> a.startsWith("10.45.0.") || a.startsWith("fd45:"));
        assertThat(r.dnsServers()).contains("10.46.0.53");
        assertThat(r.pcscfServers()).contains("10.46.0.10", "10.46.0.11");
        assertThat(r.childProposal()).isPresent();
        assertThat(r.delivery()).isEqualTo(Delivery.WHOLE);
        assertThat(r.certificate().orElseThrow().trust()).isEqualTo(CertificateReport.ChainStatus.TRUSTED);
        assertThat(r.signature().orElseThrow().valid()).as(shown(r)).isTrue();
        assertThat(r.sentence()).startsWith("attached to the ePDG " + FQDN_01 + " at 10.77.9.2:4500 as 026201")
                .contains("with EAP-AKA (software USIM): inner address 10.45.0.").contains("DNS 10.46.0.53").contains("P-CSCF 10.46.0.10");
        assertThat(r.transcript()).anyMatch(l -> l.contains("AUTH of the ePDG verified with the EAP MSK"))
                .anyMatch(l -> l.contains("AKA-Challenge: AUTN and AT_MAC verified"));
        assertNoSecret(r);
    }

    @Test
    void wrongKFailsWithTheEapReason() throws Exception {
        AttachResult r = attach(sim(AttachLab.IMSI, "00112233445566778899aabbccddeeff", AttachLab.OPC), "01", AttachLab.GOOD);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.EAP_FAILED);
        assertThat(r.passed()).isFalse();
        assertThat(r.sentence()).contains("EAP-AKA for 026201").contains("failed: the network's AUTN did not verify with this "
                + "subscriber's K and OPc").contains("the configured K/OPc are wrong");
        assertThat(r.transcript()).anyMatch(l -> l.contains("AKA-Authentication-Reject"));
        assertNoSecret(r);
    }

    @Test
    void staleSequenceNumberIsResynchronisedWithAuts() throws Exception {
        // a USIM that has seen SQN 2^46 rejects strongSwan's time-based SQN; charon takes SQN_MS from AUTS
        UsimCredentials credentials = UsimCredentials.parse(AttachLab.IMSI, AttachLab.K, AttachLab.OPC, null);
        AttachSettings settings = noSim().withCredentials(SoftUsim.builder(credentials).highestSqn(1L << 46).build());
        AttachResult r = attach(settings, "01", AttachLab.GOOD);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.ATTACHED);
        assertThat(r.transcript()).anyMatch(l -> l.contains("answered with AKA-Synchronization-Failure and AT_AUTS"))
                .anyMatch(l -> l.contains("AKA-Challenge: AUTN and AT_MAC verified"));
        assertNoSecret(r);
    }

    @Test
    void anApnTheEpdgDoesNotServeIsRefusedBeforeEap() throws Exception {
        // charon finds no connection for IDr "internet" and answers N(AUTHENTICATION_FAILED) at once
        AttachResult r = attach(noSim().withApn("internet"), "01", AttachLab.GOOD);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.REJECTED);
        assertThat(r.errorNotifies()).containsExactly("AUTHENTICATION_FAILED");
        assertThat(r.sentence()).contains("refused IKE_AUTH before any EAP").contains("with IDr internet");
    }

    @Test
    void unknownSubscriberGetsEapFailure() throws Exception {
        AttachResult r = attach(sim("262019999999999", AttachLab.K, AttachLab.OPC), "01", AttachLab.GOOD);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.EAP_FAILED);
        assertThat(r.sentence()).contains("the ePDG ended EAP with EAP-Failure for 026201")
                .contains("the subscriber is unknown to its AAA/HSS");
    }

    @Test
    void probeWithoutSimReadsTheTrustedCertificateAndTheEapMethod() throws Exception {
        AttachResult r = attach(noSim(), "01", AttachLab.GOOD);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.ANSWERED);
        assertThat(r.passed()).as(shown(r)).isTrue();
        assertThat(r.eapMethod()).contains("EAP-AKA (23) AKA-Challenge");
        assertThat(r.signature().orElseThrow().valid()).isTrue();
        CertificateReport cert = r.certificate().orElseThrow();
        assertThat(cert.nameMatches()).isTrue();
        assertThat(cert.trust()).isEqualTo(CertificateReport.ChainStatus.TRUSTED);
        assertThat(r.sentence()).startsWith("the ePDG " + FQDN_01 + " at 10.77.9.2:4500 answered IKE_AUTH in one message of ")
                .contains("and asks for EAP-AKA (23) AKA-Challenge");
        assertThat(r.subscriber()).startsWith("026201").endsWith("@nai.epc.mnc001.mcc262.3gppnetwork.org")
                .doesNotContain("0000000000");
    }

    @Test
    void probeWithAnIdentityTheAaaRefusesSaysSoInsteadOfJudgingNoCertificate() throws Exception {
        AttachResult r = attach(noSim().withProbeImsi(dev.wificall.eap.Imsi.parse("262019999999999")), "01", AttachLab.GOOD);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.EAP_FAILED);
        assertThat(r.passed()).isFalse();
        assertThat(r.sentence()).contains("answered IKE_AUTH with EAP-Failure for 026201**********@nai.epc.mnc001.mcc262.3gppnetwork.org")
                .contains("set wificall.imsi (or WIFICALL_IMSI) to a subscriber of this operator");
        assertNoSecret(r);
    }

    @Test
    void expiredCertificateIsFlagged() throws Exception {
        AttachResult r = attach(noSim(), "07", AttachLab.EXPIRED);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.ANSWERED);
        assertThat(r.passed()).isFalse();
        assertThat(r.certificate().orElseThrow().findings()).extracting(CertificateFinding::kind)
                .contains(CertificateFinding.Kind.EXPIRED);
        assertThat(r.sentence()).containsIgnoringCase("expired");
    }

    @Test
    void wronglyNamedCertificateIsFlagged() throws Exception {
        AttachResult r = attach(noSim(), "08", AttachLab.WRONG_NAME);
        assertThat(r.passed()).as(shown(r)).isFalse();
        assertThat(r.certificate().orElseThrow().findings()).extracting(CertificateFinding::kind)
                .contains(CertificateFinding.Kind.NAME_MISMATCH);
        assertThat(r.sentence()).contains("epdg.epc.mnc008.mcc262.pub.3gppnetwork.org").contains("epdg.example.net");
    }

    @Test
    void certificateExpiringSoonIsAWarningNotAFailure() throws Exception {
        AttachResult r = attach(noSim(), "09", AttachLab.EXPIRING);
        assertThat(r.passed()).as(shown(r)).isTrue();
        assertThat(r.certificate().orElseThrow().findings()).extracting(CertificateFinding::kind)
                .contains(CertificateFinding.Kind.EXPIRES_SOON);
    }

    @Test
    void largeChainArrivesInIkeFragments() throws Exception {
        AttachResult r = attach(noSim(), "02", AttachLab.BIG_CHAIN);
        assertThat(r.outcome()).as(shown(r)).isEqualTo(Outcome.ANSWERED);
        assertThat(r.delivery()).isEqualTo(Delivery.IKE_FRAGMENTS);
        assertThat(r.answerFragments()).isGreaterThanOrEqualTo(4);
        assertThat(r.answerBytes()).isGreaterThan(5000);
        assertThat(r.certificate().orElseThrow().chain()).hasSize(4);
        assertThat(r.passed()).as(shown(r)).isTrue();
    }

    @Test
    void droppedIpFragmentsAreReportedAndIkeFragmentationGetsThrough(AttachLab.Handle lab) throws Exception {
        lab.lab().command("fragdrop", "on");
        try {
            AttachResult dropped = attach(noSim(), "03", AttachLab.BIG_CHAIN_NO_IKE_FRAGMENTS);
            assertThat(dropped.outcome()).as(shown(dropped)).isEqualTo(Outcome.NO_AUTH_ANSWER);
            assertThat(dropped.delivery()).isEqualTo(Delivery.NONE);
            assertThat(dropped.sentence()).contains("answered IKE_SA_INIT on UDP/500 but nothing came back to IKE_AUTH on UDP/4500")
                    .contains("the ePDG did not offer IKE fragmentation (RFC 7383)")
                    .contains("signature of a firewall or NAT that drops IP fragments").contains("10.77.9.4");
            AttachResult fragmented = attach(noSim(), "02", AttachLab.BIG_CHAIN);
            assertThat(fragmented.outcome()).as(shown(fragmented)).isEqualTo(Outcome.ANSWERED);
            assertThat(fragmented.delivery()).isEqualTo(Delivery.IKE_FRAGMENTS);
            assertThat(fragmented.passed()).isTrue();
        } finally {
            lab.lab().command("fragdrop", "off");
        }
        AttachResult whole = attach(noSim(), "03", AttachLab.BIG_CHAIN_NO_IKE_FRAGMENTS);
        assertThat(whole.outcome()).as(shown(whole)).isEqualTo(Outcome.ANSWERED);
        assertThat(whole.delivery()).isEqualTo(Delivery.WHOLE);
        assertThat(whole.answerBytes()).isGreaterThan(5000);
    }

    @Test
    void readinessCheckRunsIkeAuthAfterIkeSaInit() throws Exception {
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(AttachLab.DNS)).withAttach(noSim());
        ReadinessCheck check = new ReadinessCheck(settings);
        OperatorVerdict good = check.check(new Plmn("262", "01"));
        assertThat(good.ready()).as(good.sentence()).isTrue();
        assertThat(good.attaches()).hasSize(1);
        assertThat(good.sentence()).contains("IKE_AUTH: the ePDG " + FQDN_01 + " at ")
                .contains("asks for EAP-AKA (23) AKA-Challenge").contains("chain trusted");
        OperatorVerdict misnamed = check.check(new Plmn("262", "08"));
        assertThat(misnamed.ready()).isFalse();
        assertThat(misnamed.attaches()).hasSize(2).noneMatch(AttachResult::passed);
        assertThat(misnamed.sentence()).startsWith("IKE_AUTH failed: the ePDG epdg.epc.mnc008.mcc262.pub.3gppnetwork.org at ")
                .contains("IKE_SA_INIT alone: ");
    }

    /** Neither K, OPc nor the IMSI's digits appear in anything the probe reports. */
    static void assertNoSecret(AttachResult r) {
        String all = r.toString() + String.join("\n", r.transcript());
        assertThat(all).doesNotContainIgnoringCase(AttachLab.K).doesNotContainIgnoringCase(AttachLab.OPC)
                .doesNotContain(AttachLab.IMSI).doesNotContain(AttachLab.IMSI.substring(5));
    }
}
