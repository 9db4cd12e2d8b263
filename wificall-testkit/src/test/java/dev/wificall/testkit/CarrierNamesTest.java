package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsServer;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.NamePolicy;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.wificall.junit.EpdgReachable;
import dev.wificall.junit.WifiCallingResult;
import org.junit.jupiter.api.Test;

/** The names a carrier's phones are configured with, probed beside the 3GPP name, against the simulated network. */
class CarrierNamesTest {

    private static List<OperatorVerdict> check(EpdgSimulationNetwork net, NamePolicy names, boolean phoneOffers) {
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServer(DnsServer.parse(net.dnsServer()))
                .withPortOffset(net.portOffset()).withProbeTimeout(Duration.ofMillis(800));
        List<CheckTarget> targets = CheckTarget.asPhonesSeeThem(
                List.of(CheckTarget.of(SelectionInput.of(Plmn.parse("311-480")), settings)), names, phoneOffers);
        return new ReadinessCheck(settings).checkTargets(targets, v -> { });
    }

    @Test
    void theCarrierNameIsProbedAndItsPhonesNamed() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("311-480").fqdn("wo.vzwwo.com").start()) {
            List<OperatorVerdict> verdicts = check(net, NamePolicy.BOTH, false);

            assertThat(verdicts).extracting(OperatorVerdict::fqdn)
                    .containsExactly("epdg.epc.mnc480.mcc311.pub.3gppnetwork.org", "wo.vzwwo.com");
            assertThat(verdicts).extracting(OperatorVerdict::operator).containsOnly("311-480 Verizon");
            assertThat(verdicts).allMatch(OperatorVerdict::ready);
            assertThat(verdicts.get(0).sentence()).startsWith("Wi-Fi Calling to 311-480 Verizon can reach its ePDG");
            assertThat(verdicts.get(1).sentence()).startsWith("Phones configured with wo.vzwwo.com (samsung VZW_US,"
                    + " samsung VZW_US:CCT, samsung VZW_US:TFN, samsung VZW_US:FKR, samsung VZW_US:Visible,"
                    + " samsung VZW_US:CHA, samsung VZW_US:GoogleGC, samsung VZW_US:Bluegrass and 3 more): Wi-Fi Calling"
                    + " to 311-480 Verizon can reach its ePDG");
            assertThat(net.dns().queries("wo.vzwwo.com")).isPositive();
        }
    }

    @Test
    void aMissingCarrierNameFailsWhileTheThreeGppNamePasses() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("311-480").start()) {
            List<OperatorVerdict> verdicts = check(net, NamePolicy.BOTH, false);

            assertThat(verdicts).extracting(OperatorVerdict::ready).containsExactly(true, false);
            assertThat(verdicts.get(1).sentence()).startsWith("Phones configured with wo.vzwwo.com (")
                    .contains("wo.vzwwo.com").contains("NXDOMAIN");
            assertThat(check(net, NamePolicy.THREE_GPP, false)).extracting(OperatorVerdict::ready).containsExactly(true);
        }
    }

    @Test
    void phoneOffersSendWhatTheOperatorsPhoneSends() throws IOException {
        try (EpdgSimulationNetwork net = EpdgSimulationNetwork.builder().operator("311-480").fqdn("wo.vzwwo.com").start()) {
            List<OperatorVerdict> verdicts = check(net, NamePolicy.CARRIER, true);

            assertThat(verdicts).hasSize(1);
            OperatorVerdict v = verdicts.get(0);
            assertThat(v.ready()).as(v.sentence()).isTrue();
            assertThat(v.sentence()).contains("IKE_SA_INIT offered what samsung VZW_US offers (").contains("modp2048");
            // the request sent was the phone's: MODP-2048 alone, answered as offered
            assertThat(v.probes()).allMatch(p -> p.answeredOffer() == dev.wificall.probe.Offer.CONFIGURED
                    && p.request().group() == dev.wificall.ike.DhGroup.MODP_2048);
        }
    }

    /** @EpdgReachable(mcc = 311, mnc = 480): the carrier's name is part of the result, and fails the test when it fails. */
    @Test
    void theAnnotationChecksTheNamesThePhonesUse() {
        org.junit.platform.testkit.engine.Events passing = junit(VerizonBoth.class, Map.of());
        passing.assertStatistics(s -> s.succeeded(1).failed(0));
        WifiCallingResult result = (WifiCallingResult) SEEN.get(0);
        assertThat(result.ready()).isTrue();
        assertThat(result.fqdn()).isEqualTo("epdg.epc.mnc480.mcc311.pub.3gppnetwork.org");
        assertThat(result.phoneNames()).extracting(WifiCallingResult::fqdn).containsExactly("wo.vzwwo.com");
        assertThat(result.sentence()).contains(" Phones configured with wo.vzwwo.com (samsung VZW_US,");

        Throwable failure = junit(VerizonWithoutCarrierName.class, Map.of()).failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Phones configured with wo.vzwwo.com (samsung VZW_US,").hasMessageContaining("NXDOMAIN");

        junit(VerizonWithoutCarrierName.class, Map.of("wificall.names", "3gpp")).assertStatistics(s -> s.succeeded(1));
        assertThat(((WifiCallingResult) SEEN.get(0)).phoneNames()).isEmpty();
    }

    static final List<Object> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static org.junit.platform.testkit.engine.Events junit(Class<?> fixture, Map<String, String> parameters) {
        SEEN.clear();
        Map<String, String> all = new java.util.HashMap<>(parameters);
        all.put("wificall.probe.timeout", "800ms");
        return org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter").configurationParameters(all)
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(fixture)).execute().testEvents();
    }

    @EpdgSimulation(operators = "311-480", fqdns = "wo.vzwwo.com")
    @EpdgReachable(mcc = 311, mnc = 480)
    static class VerizonBoth {
        @org.junit.jupiter.api.Test
        void reachable(WifiCallingResult result) {
            SEEN.add(result);
        }
    }

    @EpdgSimulation(operators = "311-480")
    @EpdgReachable(mcc = 311, mnc = 480)
    static class VerizonWithoutCarrierName {
        @org.junit.jupiter.api.Test
        void reachable(WifiCallingResult result) {
            SEEN.add(result);
        }
    }
}
