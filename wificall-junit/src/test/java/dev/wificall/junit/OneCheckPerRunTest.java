package dev.wificall.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.TestAbortedException;

/**
 * The check runs once per run however many tests ask, in sequence and in parallel; abort instead
 * of fail where asked. The resolver is a closed loopback port, so every check fails fast (port
 * unreachable) without leaving the machine; the lab tests in {@code it} do the same with real peers.
 */
class OneCheckPerRunTest {

    /** Nothing listens on the discard port of loopback: DNS fails at once with an ICMP error. */
    private static final String DEAD_RESOLVER = "127.0.0.1:9";

    @Test
    void twoHundredTestsOneCheck() {
        EngineExecutionResults results = run(TwoHundred.class, Map.of());
        results.testEvents().assertStatistics(s -> s.started(200).aborted(200));
        assertThat(entries(results, Checks.PROBE_ENTRY)).hasSize(1);
        assertThat(entries(results, "wificall 262-01 T-Mobile(Telekom)")).hasSize(200);
    }

    @Test
    void twoHundredTestsInParallelOneCheck() {
        EngineExecutionResults results = run(TwoHundred.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "16"));
        results.testEvents().assertStatistics(s -> s.started(200).aborted(200));
        assertThat(entries(results, Checks.PROBE_ENTRY)).hasSize(1);
    }

    @Test
    void failsByDefaultAbortsWhenConfigured() {
        EngineExecutionResults failing = run(Plain.class, Map.of());
        failing.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = failing.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: ")
                .hasMessageContaining(DEAD_RESOLVER);

        EngineExecutionResults aborted = run(Plain.class, Map.of("wificall.abortWhenUnreachable", "true"));
        aborted.testEvents().assertStatistics(s -> s.started(1).aborted(1));
        Throwable reason = aborted.testEvents().aborted().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(reason).isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("aborted (abortWhenUnreachable): Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail");
    }

    @Test
    void everyOperatorOnMethodAndClassIsCheckedOnce() {
        EngineExecutionResults results = run(Repeated.class, Map.of());
        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        // 262-01 on the class, 262-02 and the class's 262-01 again on one method, 310-260 on the other
        assertThat(entries(results, Checks.PROBE_ENTRY)).hasSize(3);
        Throwable first = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(first.getMessage()).contains("Wi-Fi Calling to 262-01").contains("Wi-Fi Calling to 262-02");
    }

    @Test
    void subclassesAndNestedClassesInheritTheCheck() {
        EngineExecutionResults sub = run(Sub.class, Map.of());
        sub.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(entries(sub, Checks.PROBE_ENTRY)).singleElement().asString().contains("262-01");
        EngineExecutionResults nested = run(Plain.class, Map.of());
        nested.testEvents().assertStatistics(s -> s.started(1).failed(1));
        EngineExecutionResults inner = run(Outer.Inner.class, Map.of());
        inner.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(entries(inner, Checks.PROBE_ENTRY)).singleElement().asString().contains("262-03");
    }

    @Test
    void operatorSourceMistakesNameTheSource() {
        EngineExecutionResults empty = run(EmptySource.class, Map.of());
        Throwable e = empty.containerEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(e).isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessageContaining("@OperatorSource on ").hasMessageContaining("EmptySource.call(")
                .hasMessageContaining("no operator; name at least one");
        EngineExecutionResults bad = run(BadItemSource.class, Map.of());
        Throwable b = bad.containerEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(b).hasMessageContaining("item 2 \"26-1\": '26-1' is not an operator");
    }

    @Test
    void operatorSourceGivesTextsToAStringParameterWithoutProbing() {
        EngineExecutionResults texts = run(TextSource.class, Map.of());
        texts.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(entries(texts, Checks.PROBE_ENTRY)).isEmpty();
    }

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("wificall.dns.server", DEAD_RESOLVER);
        all.put("wificall.dns.timeout", "1s");
        return EngineTestKit.engine("junit-jupiter").configurationParameters(all).selectors(selectClass(fixture)).execute();
    }

    private static List<String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream().map(Event::getPayload)
                .flatMap(p -> p.map(ReportEntry.class::cast).stream())
                .flatMap(e -> e.getKeyValuePairs().entrySet().stream())
                .filter(kv -> kv.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    @EpdgReachable(mcc = 262, mnc = 1, abortWhenUnreachable = true)
    static class TwoHundred {
        @RepeatedTest(200)
        void call() {
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class Plain {
        @Test
        void call() {
        }
    }

    static class Sub extends Plain {
    }

    @EpdgReachable(mcc = 262, mnc = 3)
    static class Outer {
        @org.junit.jupiter.api.Nested
        class Inner {
            @Test
            void call() {
            }
        }
    }

    static class EmptySource {
        @org.junit.jupiter.params.ParameterizedTest
        @OperatorSource({})
        void call(WifiCallingResult result) {
        }
    }

    static class BadItemSource {
        @org.junit.jupiter.params.ParameterizedTest
        @OperatorSource({"262-01", "26-1"})
        void call(WifiCallingResult result) {
        }
    }

    static class TextSource {
        @org.junit.jupiter.params.ParameterizedTest
        @OperatorSource({"262-01", "Congstar"})
        void call(String operator) {
            assertThat(operator).isIn("262-01", "Congstar");
        }
    }

    @EpdgReachable(operator = "262-01")
    static class Repeated {
        @Test
        @EpdgReachable(mcc = 262, mnc = 2)
        @EpdgReachable(operator = "262-01")
        void two() {
        }

        @Test
        @EpdgReachable(mcc = 310, mnc = 260)
        void other() {
        }
    }
}
