package dev.wificall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wificall.audit.AuditOutcome;
import dev.wificall.audit.AuditProfile;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.Severity;
import dev.wificall.junit.EpdgCompliant;
import dev.wificall.junit.WifiCallingAssertions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code @EpdgCompliant} against a simulated ePDG through EngineTestKit: the audit finds the simulator
 * through the published resolver and port offset, fails the test on findings at or above failOn, and
 * hands its result to AssertJ assertions.
 */
class EpdgCompliantTest {
    private static final String LEGACY = "aes256gcm16-prfsha256-ecp256-modp2048-modp1024-modp768,"
            + "aes256-aes128-3des-sha256-sha1-md5-prfsha256-prfsha1-prfmd5-ecp256-modp2048-modp1024-modp768";
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                .configurationParameter("wificall.audit.rate", "0").selectors(selectClass(fixture)).execute();
    }

    private static Throwable onlyFailure(Events events) {
        events.assertStatistics(s -> s.failed(1));
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    void weakGroupsFailTheTestNamingTheFinding() {
        Throwable t = onlyFailure(run(Legacy.class, Map.of()).testEvents());
        assertThat(t).isInstanceOf(org.opentest4j.AssertionFailedError.class).hasMessageStartingWith("ePDG audit failed:"
                + " @EpdgCompliant(mcc = 262, mnc = 1): ").hasMessageContaining("finding(s) at or above high (failOn)")
                .hasMessageContaining("HIGH dh:1 (RFC 8247): epdg.epc.mnc001.mcc262.pub.3gppnetwork.org at 127.0.0.1:")
                .hasMessageContaining("accepts DH group 1 (MODP-768), which RFC 8247 says MUST NOT be used");
    }

    @Test
    void failOnNoneHandsTheMatrixToAssertions() {
        run(LegacyAsserted.class, Map.of()).testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        AuditResult audit = (AuditResult) SEEN.get(0);
        assertThat(audit.cell("dh:2", ((AuditResult) SEEN.get(0)).checks().get(0).place())).isPresent();
        assertThat(SEEN.get(1)).asString().contains("expected every address and port to refuse dh:1, but 1 of 1 accepted it")
                .contains("262-01 127.0.0.1:");
        assertThat(audit).isSameAs(SEEN.get(2)).as("the audit runs once per test run");
    }

    @Test
    void baselineAcceptsFindingsUntilTheyExpire(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("baseline.txt");
        List<String> accepted = List.of("dh:2 262-01 * 2999-12-31 lab", "encr:des * * 2999-12-31 lab",
                "integ:md5 * * 2999-12-31 lab", "prf:md5 * * 2999-12-31 lab", "downgrade 262-01 * 2999-12-31 lab");
        Files.writeString(baseline, String.join("\n", accepted) + "\ndh:1 262-01 * 2999-12-31 lab: legacy phones\n",
                StandardCharsets.UTF_8);
        run(Legacy.class, Map.of("wificall.audit.baseline", baseline.toString())).testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
        // the same entry expired: its finding fails the test again
        Files.writeString(baseline, String.join("\n", accepted) + "\ndh:1 262-01 * 2020-01-31 lab: legacy phones\n",
                StandardCharsets.UTF_8);
        Throwable t = onlyFailure(run(Legacy.class, Map.of("wificall.audit.baseline", baseline.toString())).testEvents());
        assertThat(t.getMessage()).contains("HIGH dh:1 (RFC 8247)").doesNotContain("HIGH encr:des")
                .doesNotContain("HIGH integ:md5");
    }

    @EpdgSimulation(operators = "262-01", proposals = LEGACY)
    @EpdgCompliant(mcc = 262, mnc = 1, transforms = true)
    static class Legacy {
        @Test
        void call() {
        }
    }

    @EpdgSimulation(operators = "262-01", proposals = LEGACY)
    @EpdgCompliant(operator = "262-01", failOn = "none", profile = {AuditProfile.RFC_8247, AuditProfile.PHONES}, ports = 500)
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class LegacyAsserted {
        @Test
        @org.junit.jupiter.api.Order(1)
        void matrix(AuditResult audit) {
            SEEN.add(audit);
            WifiCallingAssertions.assertThat(audit).accepts("dh:19").accepts("dh:1").refuses("dh:20")
                    .hasOutcome("ke-reuse", AuditOutcome.NOT_FOUND).hasNoFindingAtOrAbove(Severity.CRITICAL);
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void weakGroupRefused(AuditResult audit) {
            try {
                WifiCallingAssertions.assertThat(audit).refuses("dh:1");
            } catch (AssertionError e) {
                SEEN.add(e.getMessage());
                SEEN.add(audit);
                throw e;
            }
        }
    }
}
