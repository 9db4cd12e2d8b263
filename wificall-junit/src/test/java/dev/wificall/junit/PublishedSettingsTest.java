package dev.wificall.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Values another extension (wificall-testkit's simulation) publishes in a class's store: they hold
 * for that class and its nested classes, win over configuration parameters (also over
 * {@code wificall.dns.servers} when they publish {@code wificall.dns.server}), and yield to builder
 * settings. The published resolvers are closed loopback ports, so every check fails at once.
 */
class PublishedSettingsTest {

    private static final Map<String, String> CONFIGURED = Map.of("wificall.dns.servers", "127.0.0.1:11,127.0.0.1:13");

    @Test
    void publishedResolverWinsOverTheConfiguredOnes() {
        Throwable failure = failure(Published.class);

        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Wi-Fi Calling to 262-01 T-Mobile(Telekom) will fail: ")
                .hasMessageContaining("127.0.0.1:9");
        assertThat(failure.getMessage()).doesNotContain("127.0.0.1:11");
    }

    @Test
    void nestedClassesSeeWhatTheirOuterClassPublished() {
        Throwable failure = failure(Published.Inner.class);

        assertThat(failure).hasMessageContaining("127.0.0.1:9");
        assertThat(failure.getMessage()).doesNotContain("127.0.0.1:11");
    }

    @Test
    void otherClassesKeepTheConfiguredResolvers() {
        Throwable failure = failure(NotPublished.class);

        assertThat(failure).hasMessageContaining("127.0.0.1:11");
        assertThat(failure.getMessage()).doesNotContain("127.0.0.1:9");
    }

    @Test
    void builderSettingWinsOverThePublishedOne() {
        Throwable failure = failure(PublishedButBuilderSays.class);

        assertThat(failure).hasMessageContaining("127.0.0.1:7");
        assertThat(failure.getMessage()).doesNotContain("127.0.0.1:9");
    }

    @Test
    void badPublishedValueNamesItselfAndWhereItCameFrom() {
        Throwable failure = failure(PublishedBadOffset.class);

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("wificall.portOffset = 'ten' (published in the test's ExtensionContext store):"
                        + " 'ten' is not a port offset");
    }

    private static Throwable failure(Class<?> fixture) {
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(CONFIGURED)
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
        events.assertStatistics(s -> s.succeeded(0).aborted(0)); // Published runs its Inner test too
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** What wificall-testkit's EpdgSimulationExtension does, in a few lines. */
    static class Publisher implements BeforeAllCallback {
        private final Map<String, String> values;

        Publisher() {
            this(Map.of("wificall.dns.server", "127.0.0.1:9", "wificall.portOffset", "10000"));
        }

        Publisher(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            ExtensionContext.Store store = context.getStore(ExtensionContext.Namespace.create("dev.wificall", "configuration"));
            values.forEach(store::put);
        }
    }

    @ExtendWith(Publisher.class)
    @EpdgReachable(mcc = 262, mnc = 1)
    static class Published {
        @Test
        void call() {
        }

        @Nested
        class Inner {
            @Test
            void call() {
            }
        }
    }

    @EpdgReachable(mcc = 262, mnc = 1)
    static class NotPublished {
        @Test
        void call() {
        }
    }

    @ExtendWith(Publisher.class)
    static class PublishedButBuilderSays {
        @RegisterExtension
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").dnsServer("127.0.0.1:7")
                .build();

        @Test
        void call() {
        }
    }

    static class PublishedBadOffset {
        @RegisterExtension
        static Publisher publisher = new Publisher(Map.of("wificall.portOffset", "ten"));
        @RegisterExtension
        static WifiCallingExtension wifi = WifiCallingExtension.builder().operator("262-01").build();

        @Test
        void call() {
        }
    }
}
