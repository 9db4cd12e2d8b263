package dev.wificall.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateReport;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The IKE_AUTH assertions on results built by hand ({@link AttachVerdicts}): each passes on a result
 * that matches and fails on one that does not, saying what was expected and, per address, what
 * IKE_AUTH showed, then the check's whole message with its IKE_AUTH lines.
 */
class IkeAuthAssertionsTest {

    private static final WifiCallingResult ATTACHED = new WifiCallingResult(AttachVerdicts.attached());
    private static final WifiCallingResult FRAGMENTED = new WifiCallingResult(AttachVerdicts.fragmented());
    private static final WifiCallingResult EXPIRED = new WifiCallingResult(AttachVerdicts.expired());
    private static final WifiCallingResult UNCHECKED = new WifiCallingResult(AttachVerdicts.unchecked());
    private static final WifiCallingResult WRONG_K = new WifiCallingResult(AttachVerdicts.wrongK());
    private static final WifiCallingResult ONE_SILENT = new WifiCallingResult(AttachVerdicts.oneSilent());
    private static final WifiCallingResult NO_IKE_AUTH = new WifiCallingResult(AttachVerdicts.withoutIkeAuth());
    private static final WifiCallingResult BLOCKED = new WifiCallingResult(AttachVerdicts.blocked4500());

    private static AbstractThrowableAssert<?, ? extends Throwable> fails(ThrowingCallable call, WifiCallingResult on) {
        return assertThatThrownBy(call).isInstanceOf(AssertionError.class)
                .hasMessageContaining("\nThe check said:\n  " + on.message().replace("\n", "\n  "));
    }

    @Test
    void readsFluently() {
        WifiCallingAssertions.assertThat(ATTACHED).isReady().isAttached().hasTrustedCertificate()
                .certificateValidForAtLeast(30).asksForEap("EAP-AKA").assignedInnerAddress()
                .assignedInnerAddressIn("10.45.0.0/24").hasPcscf().hasPcscf("10.46.0.10");
    }

    @Test
    void resultAccessors() {
        assertThat(ATTACHED.attached()).isTrue();
        assertThat(ATTACHED.innerAddresses()).containsExactly("10.45.0.7");
        assertThat(ATTACHED.pcscfServers()).containsExactly("10.46.0.10", "10.46.0.11");
        assertThat(ATTACHED.eapMethod()).contains("EAP-AKA (23) AKA-Challenge");
        assertThat(ATTACHED.certificate()).map(CertificateReport::trust).contains(CertificateReport.ChainStatus.TRUSTED);
        assertThat(FRAGMENTED.attached()).isFalse();
        // the one that decided: the first that passed
        assertThat(ONE_SILENT.attach()).map(AttachResult::address).contains("198.51.100.12");
        assertThat(EXPIRED.attach()).map(AttachResult::address).contains("198.51.100.9");
        assertThat(NO_IKE_AUTH.attaches()).isEmpty();
        assertThat(NO_IKE_AUTH.attach()).isEmpty();
        assertThat(NO_IKE_AUTH.certificate()).isEmpty();
    }

    @Test
    void theMessageCarriesAnIkeAuthLinePerAddressWithTheCertificateErrors() {
        assertThat(EXPIRED.message()).contains("\n  IKE_AUTH to 198.51.100.9 (epdg.epc.mnc007.mcc262.pub.3gppnetwork.org):"
                + " ANSWERED, failed: the ePDG epdg.epc.mnc007.mcc262.pub.3gppnetwork.org at 198.51.100.9:4500 answered")
                .contains("\n    ERROR EXPIRED: the ePDG certificate CN=epdg.epc.mnc007.mcc262.pub.3gppnetwork.org expired"
                        + " on 2025-11-16");
        assertThat(UNCHECKED.message()).doesNotContain("CHAIN_NOT_CHECKED"); // INFO stays out of failure messages
    }

    @Test
    void ipv6AddressesAreShownAsDnsShowsThem() {
        WifiCallingResult v6 = new WifiCallingResult(AttachVerdicts.ipv6());
        assertThat(v6.message()).contains("\n  IKE_AUTH to 2001:db8::6 (epdg.epc.mnc006.mcc262.pub.3gppnetwork.org): ANSWERED");
        assertThat(Checks.probeEntry(v6)).contains("\nIKE_AUTH to 2001:db8::6 (");
        fails(() -> WifiCallingAssertions.assertThat(v6).answeredInIkeFragments(), v6)
                .hasMessageContaining("\n  2001:db8::6 IKE_AUTH: WHOLE: one message of 1184 bytes");
    }

    @Test
    void isAttached() {
        fails(() -> WifiCallingAssertions.assertThat(WRONG_K).isAttached(), WRONG_K)
                .hasMessageContaining("(ePDG epdg.epc.mnc001.mcc262.pub.3gppnetwork.org)\nto attach with EAP-AKA (IKE_AUTH"
                        + " to the end")
                .hasMessageContaining("but no address attached:\n  198.51.100.7 IKE_AUTH: EAP_FAILED, EAP-AKA for 026201"
                        + "**********@nai.epc.mnc001.mcc262.3gppnetwork.org at 198.51.100.7:4500"
                        + " (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org) failed: the network's AUTN did not verify");
        fails(() -> WifiCallingAssertions.assertThat(FRAGMENTED).isAttached(), FRAGMENTED)
                .hasMessageContaining("but IKE_AUTH ran without a SIM (ikeAuth probe), which stops at the ePDG's first"
                        + " answer; attach with ikeAuth = ATTACH and the subscriber's credentials:\n  198.51.100.8 IKE_AUTH:"
                        + " ANSWERED, the ePDG");
    }

    @Test
    void assertionsSayWhyNoIkeAuthRan() {
        fails(() -> WifiCallingAssertions.assertThat(NO_IKE_AUTH).hasTrustedCertificate(), NO_IKE_AUTH)
                .hasMessageContaining("but no IKE_AUTH ran: it was not asked for; set ikeAuth = IkeAuth.PROBE (no SIM) or"
                        + " ATTACH on @EpdgReachable, ikeAuth(...) on the builder, or the configuration parameter"
                        + " wificall.ikeAuth");
        fails(() -> WifiCallingAssertions.assertThat(BLOCKED).isAttached(), BLOCKED)
                .hasMessageContaining("but no address answered IKE_SA_INIT on every port probed, so IKE_AUTH never"
                        + " started:\n  198.51.100.14 UDP/500: ANSWERED\n  198.51.100.14 UDP/4500: NO_ANSWER");
        fails(() -> WifiCallingAssertions.assertThat(new WifiCallingResult(AssertionsVerdicts.nxdomain()))
                        .asksForEap("EAP-AKA"), new WifiCallingResult(AssertionsVerdicts.nxdomain()))
                .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered NXDOMAIN");
    }

    @Test
    void hasTrustedCertificate() {
        WifiCallingAssertions.assertThat(FRAGMENTED).hasTrustedCertificate();
        // the address that never answered carries no certificate and is not judged
        WifiCallingAssertions.assertThat(ONE_SILENT).hasTrustedCertificate();

        fails(() -> WifiCallingAssertions.assertThat(EXPIRED).hasTrustedCertificate(), EXPIRED)
                .hasMessageContaining("\nto present a certificate a phone accepts in every IKE_AUTH answer (its chain"
                        + " validated against the trust store, a SAN naming epdg.epc.mnc007.mcc262.pub.3gppnetwork.org, no"
                        + " certificate error),\nbut 1 of 1 answers carried a certificate a phone would not accept:\n"
                        + "  198.51.100.9 IKE_AUTH: UNTRUSTED, the ePDG for epdg.epc.mnc007.mcc262.pub.3gppnetwork.org"
                        + " presented")
                .hasMessageContaining("expired on 2025-11-16 (12 days ago), chain not trusted\n    ERROR EXPIRED: the ePDG"
                        + " certificate");
        fails(() -> WifiCallingAssertions.assertThat(UNCHECKED).hasTrustedCertificate(), UNCHECKED)
                .hasMessageContaining("(without a trust store the chain is not validated: set trustStore or"
                        + " wificall.trustStore to the operator's CA certificates):\n  198.51.100.10 IKE_AUTH: NOT_CHECKED,");
    }

    @Test
    void certificateValidForAtLeast() {
        WifiCallingAssertions.assertThat(ATTACHED).certificateValidForAtLeast(397);
        fails(() -> WifiCallingAssertions.assertThat(ATTACHED).certificateValidForAtLeast(398), ATTACHED)
                .hasMessageContaining("to have every certificate of the ePDG's chain valid for at least 398 more days,\n"
                        + "but 1 of 1 chains expire sooner:\n  198.51.100.7 IKE_AUTH: ePDG certificate 397 days left, first"
                        + " of its chain 397 days left: the ePDG for");
        fails(() -> WifiCallingAssertions.assertThat(EXPIRED).certificateValidForAtLeast(0), EXPIRED)
                .hasMessageContaining("198.51.100.9 IKE_AUTH: ePDG certificate expired 12 days ago");
    }

    @Test
    void answeredInIkeFragments() {
        WifiCallingAssertions.assertThat(FRAGMENTED).answeredInIkeFragments();

        fails(() -> WifiCallingAssertions.assertThat(ONE_SILENT).answeredInIkeFragments(), ONE_SILENT)
                .hasMessageContaining("to have the ePDG's IKE_AUTH answer arrive in IKE fragments (RFC 7383)")
                .hasMessageContaining("but 1 of 1 answers arrived as one IKE message:\n"
                        + "  198.51.100.11 IKE_AUTH: no answer: NO_AUTH_ANSWER, the ePDG"
                        + " epdg.epc.mnc003.mcc262.pub.3gppnetwork.org at 198.51.100.11 answered IKE_SA_INIT on UDP/500 but"
                        + " nothing came back to IKE_AUTH")
                .hasMessageContaining("\n  198.51.100.12 IKE_AUTH: WHOLE: one message of 6012 bytes\n");
        fails(() -> WifiCallingAssertions.assertThat(WRONG_K).answeredInIkeFragments(), WRONG_K)
                .hasMessageContaining("198.51.100.7 IKE_AUTH: WHOLE: one message of 1184 bytes");
    }

    @Test
    void asksForEap() {
        WifiCallingAssertions.assertThat(FRAGMENTED).asksForEap("EAP-AKA").asksForEap("eap-aka (23) aka-challenge");
        WifiCallingAssertions.assertThat(UNCHECKED).asksForEap("EAP-AKA'");

        // EAP-AKA is not EAP-AKA'
        fails(() -> WifiCallingAssertions.assertThat(UNCHECKED).asksForEap("EAP-AKA"), UNCHECKED)
                .hasMessageContaining("to ask for EAP-AKA in every IKE_AUTH answer,\nbut 1 of 1 answers asked for another"
                        + " method:\n  198.51.100.10 IKE_AUTH: asked for EAP-AKA' (50) AKA-Challenge");
        fails(() -> WifiCallingAssertions.assertThat(FRAGMENTED).asksForEap("EAP-AKA'"), FRAGMENTED)
                .hasMessageContaining("asked for EAP-AKA (23) AKA-Challenge");
    }

    @Test
    void innerAddressAndPcscf() {
        fails(() -> WifiCallingAssertions.assertThat(FRAGMENTED).assignedInnerAddress(), FRAGMENTED)
                .hasMessageContaining("to be assigned an inner address by the ePDG (CP INTERNAL_IP4/6_ADDRESS after"
                        + " EAP-AKA),\nbut no attach was assigned one:\n  198.51.100.8 IKE_AUTH: ANSWERED, the ePDG");
        fails(() -> WifiCallingAssertions.assertThat(ATTACHED).assignedInnerAddressIn("10.45.1.0/24"), ATTACHED)
                .hasMessageContaining("to be assigned an inner address in 10.45.1.0/24 by the ePDG,\nbut none of"
                        + " [10.45.0.7] is in it:\n  198.51.100.7 IKE_AUTH: inner [10.45.0.7]");
        fails(() -> WifiCallingAssertions.assertThat(WRONG_K).hasPcscf(), WRONG_K)
                .hasMessageContaining("but no attach was told one:\n  198.51.100.7 IKE_AUTH: EAP_FAILED, EAP-AKA for");
        fails(() -> WifiCallingAssertions.assertThat(ATTACHED).hasPcscf("10.46.0.10", "10.46.0.12"), ATTACHED)
                .hasMessageContaining("to be told the P-CSCF [10.46.0.10, 10.46.0.12] by the ePDG,\nbut [10.46.0.12] not"
                        + " among [10.46.0.10, 10.46.0.11]:\n  198.51.100.7 IKE_AUTH: P-CSCF [10.46.0.10, 10.46.0.11]");
        assertThatThrownBy(() -> WifiCallingAssertions.assertThat(ATTACHED).assignedInnerAddressIn("10.45.0.7/24"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'10.45.0.7/24' is not a prefix");
        assertThatThrownBy(() -> WifiCallingAssertions.assertThat(ATTACHED).hasPcscf("pcscf.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hasPcscf takes IPv4 or IPv6 addresses");
    }

    @Test
    void transcriptsCarryTheIkeAuthExchangeAndTheMaskedSubscriber() {
        assertThat(Checks.probeEntry(WRONG_K)).startsWith("NOT READY 262-01")
                .contains("\nIKE_AUTH to 198.51.100.7 (epdg.epc.mnc001.mcc262.pub.3gppnetwork.org) as "
                        + AttachVerdicts.SUBSCRIBER + ": EAP_FAILED in 40 ms\n")
                .contains("\n      32 ms  EAP: AKA-Challenge: AUTN did not verify; answered with AKA-Authentication-Reject");
        assertThat(Checks.transcript(ONE_SILENT)).startsWith(ONE_SILENT.message())
                .contains("IKE_AUTH to 198.51.100.11 (epdg.epc.mnc003.mcc262.pub.3gppnetwork.org)")
                .contains("IKE_AUTH to 198.51.100.12").contains("← IKE_AUTH response 1 [ IDr CERT AUTH EAP ] (6012 bytes)");
        assertThat(Checks.probeEntry(NO_IKE_AUTH)).isEqualTo("READY 262-04 Vodafone epdg.epc.mnc004.mcc262.pub.3gppnetwork.org");
    }
}
