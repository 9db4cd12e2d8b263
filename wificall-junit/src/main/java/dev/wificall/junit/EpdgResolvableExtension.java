package dev.wificall.junit;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.EpdgLookup.Resolution;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Discovers the ePDG of the nearest {@link EpdgResolvable} before each test, as a phone would, and
 * fails the test unless a usable address came back; no IKE packet is sent. Discoveries are kept in
 * the root context's store, so each runs once per run.
 */
final class EpdgResolvableExtension implements BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EpdgResolvableExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        OperatorSpec spec = OperatorSpec.find(context, EpdgResolvable.class)
                .map(found -> OperatorSpec.of(found.annotation(), found.where()))
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "@EpdgResolvable not found on " + context.getDisplayName() + " or its classes"));
        SelectionInput input = spec.selection();
        DnsConfiguration dns = DnsConfiguration.of(context);
        Resolution resolution = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(input + " @" + dns.key(), k -> Discovery.resolve(input, dns), Resolution.class);
        String sentence = Discovery.sentence(resolution);
        context.publishReportEntry("wificall " + input.plmn(), sentence);
        if (!resolution.resolved()) {
            StringBuilder b = new StringBuilder(sentence);
            Discovery.lines(resolution).forEach(line -> b.append("\n  ").append(line));
            throw new AssertionFailedError(b.toString());
        }
    }
}
