package dev.wificall.junit;

import static dev.wificall.junit.AssertionsVerdicts.at;
import static dev.wificall.junit.AssertionsVerdicts.bare;
import static dev.wificall.junit.AssertionsVerdicts.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsStatus;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortOutcome;
import dev.wificall.probe.PortResult;
import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each assertion passes on a result that matches and fails, naming the operator, the ePDG name and
 * what each address and port showed, on one that does not. The results come from real probes on
 * loopback (see {@link AssertionsVerdicts}).
 */
class WifiCallingAssertionsTest {

    private static final String TELEKOM = "Wi-Fi Calling to 262-01 T-Mobile(Telekom) (ePDG epdg.epc.mnc001.mcc262.pub.3gppnetwork.org)";

    private static AssertionsVerdicts probes;
    private static WifiCallingResult ready;
    private static WifiCallingResult blocked4500;
    private static WifiCallingResult partly4500;
    private static WifiCallingResult natted;
    private static WifiCallingResult mixedGroups;
    private static WifiCallingResult refused;
    private static WifiCallingResult only500;
    private static WifiCallingResult nxdomain;

    @BeforeAll
    static void probe() throws Exception {
        probes = new AssertionsVerdicts();
        ready = new WifiCallingResult(probes.ready());
        blocked4500 = new WifiCallingResult(probes.blocked4500());
        partly4500 = new WifiCallingResult(probes.partly4500());
        natted = new WifiCallingResult(probes.natted());
        mixedGroups = new WifiCallingResult(probes.mixedGroups());
        refused = new WifiCallingResult(probes.refused());
        only500 = new WifiCallingResult(probes.only500());
        nxdomain = new WifiCallingResult(AssertionsVerdicts.nxdomain());
    }

    /** A failure of {@code call}: an AssertionError that ends with the annotation's whole message. */
    private static AbstractThrowableAssert<?, ? extends Throwable> fails(ThrowingCallable call, WifiCallingResult on) {
        return assertThatThrownBy(call).isInstanceOf(AssertionError.class)
                .hasMessageContaining("\nThe check said:\n  " + on.message().replace("\n", "\n  "));
    }

    @Test
    void readsFluently() {
        WifiCallingAssertions.assertThat(ready).isReady().isReachableOn(IkePort.UDP_4500).hasNoNat().acceptedGroup(19)
                .acceptedProposal("aes256gcm16-prfsha256-ecp256").resolvedTo("198.51.100.7", "2001:db8::7")
                .hasDnsStatus(DnsStatus.ADDRESSES);
    }

    @Nested
    class Readiness {

        @Test
        void isReady() {
            WifiCallingAssertions.assertThat(ready).isReady();
            WifiCallingAssertions.assertThat(refused).isReady();

            fails(() -> WifiCallingAssertions.assertThat(blocked4500).isReady(), blocked4500)
                    .hasMessageStartingWith("\nExpecting Wi-Fi Calling to 262-02 Vodafone (ePDG"
                            + " epdg.epc.mnc002.mcc262.pub.3gppnetwork.org)\nto be ready for Wi-Fi Calling")
                    .hasMessageContaining("but it is not\nThe check said:\n  Wi-Fi Calling to 262-02 will fail:"
                            + " UDP/4500 to its ePDG got no answer")
                    .hasMessageContaining("    UDP/4500 to 198.51.100.8 (epdg.epc.mnc002.mcc262.pub.3gppnetwork.org):"
                            + " NO_ANSWER, no answer to 3 IKE_SA_INIT requests");
        }

        @Test
        void isNotReady() {
            WifiCallingAssertions.assertThat(blocked4500).isNotReady();
            WifiCallingAssertions.assertThat(nxdomain).isNotReady();

            fails(() -> WifiCallingAssertions.assertThat(ready).isNotReady(), ready)
                    .hasMessageStartingWith("\nExpecting " + TELEKOM + "\nnot to be ready for Wi-Fi Calling,\n"
                            + "but it is: a phone could set up IKE with its ePDG");
        }
    }

    @Nested
    class Reachability {

        @Test
        void isReachableOn() {
            WifiCallingAssertions.assertThat(ready).isReachableOn(IkePort.UDP_500).isReachableOn(IkePort.UDP_4500);
            // one address is enough for a phone
            WifiCallingAssertions.assertThat(partly4500).isReachableOn(IkePort.UDP_4500);
            // refusing the proposal is still an answer: the path is open
            WifiCallingAssertions.assertThat(refused).isReachableOn(IkePort.UDP_4500);

            fails(() -> WifiCallingAssertions.assertThat(blocked4500).isReachableOn(IkePort.UDP_4500), blocked4500)
                    .hasMessageContaining("262-02 Vodafone (ePDG epdg.epc.mnc002.mcc262.pub.3gppnetwork.org)\n"
                            + "to be reachable on UDP/4500 (at least one address answering IKE_SA_INIT there")
                    .hasMessageContaining("but no address answered there:\n"
                            + "  198.51.100.8 UDP/4500: NO_ANSWER\n"
                            + "  2001:db8::8 UDP/4500: PORT_UNREACHABLE\n");
        }

        @Test
        void isReachableOnFailsSayingDnsFailed() {
            fails(() -> WifiCallingAssertions.assertThat(nxdomain).isReachableOn(IkePort.UDP_500), nxdomain)
                    .hasMessageContaining("Wi-Fi Calling to 262-99 (ePDG epdg.epc.mnc099.mcc262.pub.3gppnetwork.org)\n"
                            + "to be reachable on UDP/500")
                    .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered NXDOMAIN"
                            + " (A: NXDOMAIN; AAAA: NXDOMAIN), so no address was probed")
                    .hasMessageContaining("    DNS NXDOMAIN from 127.0.0.77:15353: A: NXDOMAIN; AAAA: NXDOMAIN");
            WifiCallingResult sinkhole = new WifiCallingResult(AssertionsVerdicts.sinkhole());
            fails(() -> WifiCallingAssertions.assertThat(sinkhole).isReachableOn(IkePort.UDP_4500), sinkhole)
                    .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered SINKHOLE");
        }

        @Test
        void isReachableOnAPortNotProbed() {
            fails(() -> WifiCallingAssertions.assertThat(only500).isReachableOn(IkePort.UDP_4500), only500)
                    .hasMessageContaining("but UDP/4500 was not probed (only UDP/500)");
        }

        @Test
        void isReachableOnEveryAddress() {
            WifiCallingAssertions.assertThat(ready).isReachableOnEveryAddress(IkePort.UDP_500)
                    .isReachableOnEveryAddress(IkePort.UDP_4500);
            WifiCallingAssertions.assertThat(partly4500).isReachableOnEveryAddress(IkePort.UDP_500);

            fails(() -> WifiCallingAssertions.assertThat(partly4500).isReachableOnEveryAddress(IkePort.UDP_4500),
                    partly4500)
                    .hasMessageContaining("262-03 E-Plus (ePDG epdg.epc.mnc003.mcc262.pub.3gppnetwork.org)\n"
                            + "to be reachable on UDP/4500 at every address probed,\n"
                            + "but 1 of 2 addresses did not answer there:\n"
                            + "  198.51.100.9 UDP/4500: ANSWERED (accepted aes256gcm16-prfsha256-ecp256)\n"
                            + "  198.51.100.10 UDP/4500: NO_ANSWER\n");
            fails(() -> WifiCallingAssertions.assertThat(nxdomain).isReachableOnEveryAddress(IkePort.UDP_500), nxdomain)
                    .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered NXDOMAIN");
        }

        @Test
        void anAddressProbedOnTheOtherPortOnlyHasNotAnswered() {
            InetAddress a = ip("198.51.100.20");
            InetAddress b = ip("198.51.100.21");
            WifiCallingResult result = result("262-01", List.of(a, b),
                    List.of(at(probes.noNat500, a), at(probes.noNat4500, a), at(probes.noNat500, b)));

            WifiCallingAssertions.assertThat(result).isReachableOn(IkePort.UDP_4500);
            fails(() -> WifiCallingAssertions.assertThat(result).isReachableOnEveryAddress(IkePort.UDP_4500), result)
                    .hasMessageContaining("but 1 of 2 addresses did not answer there:\n"
                            + "  198.51.100.20 UDP/4500: ANSWERED (accepted aes256gcm16-prfsha256-ecp256)\n"
                            + "  198.51.100.21 UDP/4500: not probed\n");
        }

        @Test
        void isBlockedOn() {
            WifiCallingAssertions.assertThat(blocked4500).isBlockedOn(IkePort.UDP_4500);

            fails(() -> WifiCallingAssertions.assertThat(blocked4500).isBlockedOn(IkePort.UDP_500), blocked4500)
                    .hasMessageContaining("to be blocked on UDP/500 (probed there, and no address answering"
                            + " IKE_SA_INIT),\nbut 2 of 2 addresses answered there:\n"
                            + "  198.51.100.8 UDP/500: ANSWERED (accepted aes256gcm16-prfsha256-ecp256)\n"
                            + "  2001:db8::8 UDP/500: ANSWERED (accepted aes256gcm16-prfsha256-ecp256)\n");
            fails(() -> WifiCallingAssertions.assertThat(partly4500).isBlockedOn(IkePort.UDP_4500), partly4500)
                    .hasMessageContaining("but 1 of 2 addresses answered there:\n"
                            + "  198.51.100.9 UDP/4500: ANSWERED (accepted aes256gcm16-prfsha256-ecp256)\n"
                            + "  198.51.100.10 UDP/4500: NO_ANSWER\n");
            // nothing probed is no proof of a block
            fails(() -> WifiCallingAssertions.assertThat(nxdomain).isBlockedOn(IkePort.UDP_4500), nxdomain)
                    .hasMessageContaining("to be blocked on UDP/4500")
                    .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered NXDOMAIN");
            fails(() -> WifiCallingAssertions.assertThat(only500).isBlockedOn(IkePort.UDP_4500), only500)
                    .hasMessageContaining("but UDP/4500 was not probed (only UDP/500)");
        }
    }

    @Nested
    class Nat {

        @Test
        void hasNoNat() {
            WifiCallingAssertions.assertThat(ready).hasNoNat();
            // a refusal carries no NAT detection and is skipped when another answer can tell
            WifiCallingAssertions.assertThat(mixedGroups).hasNoNat();

            int port500 = probes.nat500.request().local().getPort();
            int port4500 = probes.nat4500.request().local().getPort();
            fails(() -> WifiCallingAssertions.assertThat(natted).hasNoNat(), natted)
                    .hasMessageContaining(TELEKOM + "\nto show no NAT")
                    .hasMessageContaining("but 2 of 2 answers with NAT detection show a NAT on our side:\n"
                            + "  198.51.100.7 UDP/500: NAT on our side: the responder saw 127.0.0.1 with port "
                            + AssertionsResponder.mapped(port500) + ", not " + port500 + "\n"
                            + "  198.51.100.7 UDP/4500: NAT on our side: the responder saw 127.0.0.1 with port "
                            + AssertionsResponder.mapped(port4500) + ", not " + port4500 + "\n");
        }

        @Test
        void hasNoNatNeedsAnAnswerThatCanTell() {
            fails(() -> WifiCallingAssertions.assertThat(refused).hasNoNat(), refused)
                    .hasMessageContaining("but no answer carried NAT detection to tell:\n"
                            + "  198.51.100.13 UDP/500: ANSWERED (NO_PROPOSAL_CHOSEN), without NAT detection\n"
                            + "  198.51.100.13 UDP/4500: ANSWERED (NO_PROPOSAL_CHOSEN), without NAT detection\n");
            // results read back from a report keep no exchange
            InetAddress a = ip("198.51.100.22");
            WifiCallingResult readBack = result("262-01", List.of(a), List.of(bare(a, IkePort.UDP_500, PortOutcome.ANSWERED)));
            fails(() -> WifiCallingAssertions.assertThat(readBack).hasNoNat(), readBack)
                    .hasMessageContaining("  198.51.100.22 UDP/500: ANSWERED, exchange not kept\n");
            fails(() -> WifiCallingAssertions.assertThat(nxdomain).hasNoNat(), nxdomain)
                    .hasMessageContaining("to show no NAT")
                    .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered NXDOMAIN");
        }

        @Test
        void hasNat() {
            WifiCallingAssertions.assertThat(natted).hasNat();

            fails(() -> WifiCallingAssertions.assertThat(ready).hasNat(), ready)
                    .hasMessageContaining(TELEKOM + "\nto show a NAT on our side")
                    .hasMessageContaining("but no answer shows one:\n"
                            + "  198.51.100.7 UDP/500: no NAT\n"
                            + "  198.51.100.7 UDP/4500: no NAT\n"
                            + "  2001:db8::7 UDP/500: no NAT\n"
                            + "  2001:db8::7 UDP/4500: no NAT\n");
            // the unanswered port is listed too: a NAT cannot show where nothing came back
            fails(() -> WifiCallingAssertions.assertThat(blocked4500).isBlockedOn(IkePort.UDP_4500).hasNat(), blocked4500)
                    .hasMessageContaining("  198.51.100.8 UDP/500: no NAT\n  198.51.100.8 UDP/4500: NO_ANSWER\n");
            fails(() -> WifiCallingAssertions.assertThat(nxdomain).hasNat(), nxdomain)
                    .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered NXDOMAIN");
        }
    }

    @Nested
    class Proposals {

        @Test
        void acceptedGroup() {
            WifiCallingAssertions.assertThat(ready).acceptedGroup(19);
            // refusals are skipped: they chose no group
            InetAddress a = ip("198.51.100.23");
            InetAddress b = ip("198.51.100.24");
            WifiCallingResult withRefusal = result("262-01", List.of(a, b),
                    List.of(at(probes.noNat500, a), at(probes.refused500, b)));
            WifiCallingAssertions.assertThat(withRefusal).acceptedGroup(19);

            fails(() -> WifiCallingAssertions.assertThat(mixedGroups).acceptedGroup(19), mixedGroups)
                    .hasMessageContaining("262-07 O2 (ePDG epdg.epc.mnc007.mcc262.pub.3gppnetwork.org)\n"
                            + "to have accepted DH group 19 (ECP-256) in every answer that accepted a proposal,\n"
                            + "but 1 of 3 accepting answers used another:\n"
                            + "  198.51.100.11 UDP/500: DH group 19 (ECP-256)\n"
                            + "  198.51.100.11 UDP/4500: DH group 19 (ECP-256)\n"
                            + "  198.51.100.12 UDP/500: DH group 14 (MODP-2048)\n"
                            + "  198.51.100.12 UDP/4500: ANSWERED (NO_PROPOSAL_CHOSEN)\n");
            fails(() -> WifiCallingAssertions.assertThat(ready).acceptedGroup(14), ready)
                    .hasMessageContaining("to have accepted DH group 14 (MODP-2048)")
                    .hasMessageContaining("but 4 of 4 accepting answers used another:\n"
                            + "  198.51.100.7 UDP/500: DH group 19 (ECP-256)\n");
            fails(() -> WifiCallingAssertions.assertThat(ready).acceptedGroup(99), ready)
                    .hasMessageContaining("to have accepted DH group 99 in every answer");
        }

        @Test
        void acceptedGroupNeedsAnAcceptingAnswer() {
            fails(() -> WifiCallingAssertions.assertThat(refused).acceptedGroup(19), refused)
                    .hasMessageContaining("262-06 T-Mobile(Telekom) (ePDG epdg.epc.mnc006.mcc262.pub.3gppnetwork.org)\n"
                            + "to have accepted DH group 19 (ECP-256)")
                    .hasMessageContaining("but no answer accepted a proposal:\n"
                            + "  198.51.100.13 UDP/500: ANSWERED (NO_PROPOSAL_CHOSEN)\n"
                            + "  198.51.100.13 UDP/4500: ANSWERED (NO_PROPOSAL_CHOSEN)\n");
            fails(() -> WifiCallingAssertions.assertThat(nxdomain).acceptedGroup(19), nxdomain)
                    .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered NXDOMAIN");
        }

        @Test
        void acceptedProposal() {
            WifiCallingAssertions.assertThat(ready).acceptedProposal("aes256gcm16-prfsha256-ecp256");

            fails(() -> WifiCallingAssertions.assertThat(mixedGroups).acceptedProposal("aes256gcm16-prfsha256-ecp256"),
                    mixedGroups)
                    .hasMessageContaining("to have accepted the proposal aes256gcm16-prfsha256-ecp256 in every answer"
                            + " that accepted one,\nbut 1 of 3 accepting answers chose another:\n"
                            + "  198.51.100.11 UDP/500: aes256gcm16-prfsha256-ecp256\n"
                            + "  198.51.100.11 UDP/4500: aes256gcm16-prfsha256-ecp256\n"
                            + "  198.51.100.12 UDP/500: aes256gcm16-prfsha256-modp2048\n"
                            + "  198.51.100.12 UDP/4500: ANSWERED (NO_PROPOSAL_CHOSEN)\n");
            fails(() -> WifiCallingAssertions.assertThat(refused).acceptedProposal("aes256gcm16-prfsha256-ecp256"),
                    refused)
                    .hasMessageContaining("but no answer accepted a proposal:");
            fails(() -> WifiCallingAssertions.assertThat(nxdomain).acceptedProposal("aes256gcm16-prfsha256-ecp256"),
                    nxdomain)
                    .hasMessageContaining("but DNS failed: resolver 127.0.0.77:15353 answered NXDOMAIN");
        }
    }

    @Nested
    class Dns {

        @Test
        void resolvedTo() {
            // any order, any IPv6 spelling
            WifiCallingAssertions.assertThat(ready).resolvedTo("2001:DB8:0:0::7", "198.51.100.7");
            WifiCallingAssertions.assertThat(nxdomain).resolvedTo();
            // a sinkhole is what the resolver answered, though not worth probing
            WifiCallingAssertions.assertThat(new WifiCallingResult(AssertionsVerdicts.sinkhole())).resolvedTo("0.0.0.0");

            fails(() -> WifiCallingAssertions.assertThat(ready).resolvedTo("198.51.100.7", "198.51.100.8"), ready)
                    .hasMessageContaining(TELEKOM + "\nto have resolved to exactly [198.51.100.7, 198.51.100.8]"
                            + " (in any order),\nbut resolver 127.0.0.77:15353 answered ADDRESSES with"
                            + " [198.51.100.7, 2001:db8::7] (A: 198.51.100.7; AAAA: 2001:db8::7):\n"
                            + "  missing:    198.51.100.8\n"
                            + "  unexpected: 2001:db8::7\n");
            fails(() -> WifiCallingAssertions.assertThat(nxdomain).resolvedTo("10.77.0.2"), nxdomain)
                    .hasMessageContaining("but resolver 127.0.0.77:15353 answered NXDOMAIN (A: NXDOMAIN; AAAA: NXDOMAIN):\n"
                            + "  missing:    10.77.0.2\n");
        }

        @Test
        void resolvedToTakesAddressesOnly() {
            assertThatThrownBy(() -> WifiCallingAssertions.assertThat(ready).resolvedTo("epdg.example.net"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'epdg.example.net' is not an address; resolvedTo takes IPv4 or IPv6 addresses such as"
                            + " 10.77.0.2 or fd77::2");
            assertThatThrownBy(() -> WifiCallingAssertions.assertThat(ready).resolvedTo("198.51.100.0/24"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("'198.51.100.0/24' is a prefix, not an address");
        }

        @Test
        void hasDnsStatus() {
            WifiCallingAssertions.assertThat(ready).hasDnsStatus(DnsStatus.ADDRESSES);
            WifiCallingAssertions.assertThat(nxdomain).hasDnsStatus(DnsStatus.NXDOMAIN);

            fails(() -> WifiCallingAssertions.assertThat(nxdomain).hasDnsStatus(DnsStatus.ADDRESSES), nxdomain)
                    .hasMessageContaining("262-99 (ePDG epdg.epc.mnc099.mcc262.pub.3gppnetwork.org)\n"
                            + "to have DNS status ADDRESSES,\n"
                            + "but resolver 127.0.0.77:15353 answered NXDOMAIN (A: NXDOMAIN; AAAA: NXDOMAIN)\n");
            fails(() -> WifiCallingAssertions.assertThat(ready).hasDnsStatus(DnsStatus.NXDOMAIN), ready)
                    .hasMessageContaining("but resolver 127.0.0.77:15353 answered ADDRESSES");
        }
    }

    @Nested
    class AsAssertJ {

        @Test
        void nullActualFailsAsIsNotNullDoes() {
            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> WifiCallingAssertions.assertThat((WifiCallingResult) null).isReady(),
                    () -> WifiCallingAssertions.assertThat((WifiCallingResult) null).isReachableOn(IkePort.UDP_4500),
                    () -> WifiCallingAssertions.assertThat((WifiCallingResult) null).hasNoNat(),
                    () -> WifiCallingAssertions.assertThat((WifiCallingResult) null).acceptedGroup(19),
                    () -> WifiCallingAssertions.assertThat((WifiCallingResult) null).resolvedTo("10.77.0.2"),
                    () -> WifiCallingAssertions.assertThat((WifiCallingResult) null).hasDnsStatus(DnsStatus.ADDRESSES))) {
                assertThatThrownBy(call).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("Expecting actual not to be null");
            }
        }

        @Test
        void aConfiguredNameIsNamedOnce() {
            WifiCallingResult configured = new WifiCallingResult(probes.configuredName());
            fails(() -> WifiCallingAssertions.assertThat(configured).isNotReady(), configured)
                    .hasMessageStartingWith("\nExpecting Wi-Fi Calling to ePDG epdg.example.net\nnot to be ready");
        }

        @Test
        void descriptionAndOverridingMessageAreKept() {
            assertThatThrownBy(() -> WifiCallingAssertions.assertThat(blocked4500).as("Vodafone from the office")
                    .isReachableOn(IkePort.UDP_4500))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("[Vodafone from the office] \nExpecting Wi-Fi Calling to 262-02 Vodafone");
            assertThatThrownBy(() -> WifiCallingAssertions.assertThat(blocked4500).withFailMessage("no UDP/4500")
                    .isReachableOn(IkePort.UDP_4500))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("no UDP/4500");
        }

        @Test
        void aPercentSignFromThePeerStaysText() {
            InetAddress a = ip("198.51.100.25");
            PortResult odd = new PortResult(a, IkePort.UDP_4500, PortOutcome.MALFORMED, 1, Duration.ofMillis(3),
                    "peer said 100%s %d %n", 12);
            WifiCallingResult result = result("262-01", List.of(a), List.of(odd));
            fails(() -> WifiCallingAssertions.assertThat(result).isReachableOn(IkePort.UDP_4500), result)
                    .hasMessageContaining("MALFORMED, peer said 100%s %d %n [1 request, 3 ms]");
        }

        @Test
        void softAssertionsCollectEveryFailure() {
            SoftAssertions softly = new SoftAssertions();
            softly.proxy(WifiCallingResultAssert.class, WifiCallingResult.class, nxdomain)
                    .isReady().isReachableOn(IkePort.UDP_500).hasDnsStatus(DnsStatus.NXDOMAIN);
            assertThat(softly.errorsCollected()).hasSize(2);
            assertThat(softly.errorsCollected().get(1)).hasMessageContaining("but DNS failed");
        }
    }

    private static WifiCallingResult result(String operator, List<InetAddress> addresses, List<PortResult> probes) {
        Plmn plmn = Plmn.parse(operator);
        DnsOutcome dns = new DnsOutcome(plmn.epdgFqdn(), "127.0.0.77:15353", DnsStatus.ADDRESSES, addresses, List.of(),
                "A: " + addresses.get(0).getHostAddress(), Duration.ofMillis(2));
        return new WifiCallingResult(new OperatorVerdict(plmn, plmn.epdgFqdn(), dns, probes,
                probes.stream().anyMatch(PortResult::answered), "Wi-Fi Calling to " + operator + ": built in the test.",
                Duration.ofMillis(9)));
    }
}
