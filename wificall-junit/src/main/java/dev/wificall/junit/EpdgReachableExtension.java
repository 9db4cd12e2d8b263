package dev.wificall.junit;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.DnsServer;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the readiness check for the nearest {@link EpdgReachable} before each test and fails the
 * test with the verdict's sentence. Verdicts are kept in the root context's store, so an operator
 * is probed once per run, also when tests run in parallel.
 */
final class EpdgReachableExtension implements BeforeEachCallback {

    static final String DNS_SERVER = "wificall.dns.server";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EpdgReachableExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        EpdgReachable annotation = find(context).orElseThrow(() -> new ExtensionConfigurationException(
                "@EpdgReachable not found on " + context.getDisplayName() + " or its classes"));
        Plmn plmn = plmn(annotation, context);
        DnsServer server = dnsServer(context);
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServer(server);
        String key = plmn + "@" + (server == null ? "system" : server);
        OperatorVerdict verdict = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> check(settings, plmn), OperatorVerdict.class);
        context.publishReportEntry("wificall " + plmn, verdict.sentence());
        if (!verdict.ready()) {
            throw new AssertionFailedError(message(verdict));
        }
    }

    private static OperatorVerdict check(CheckSettings settings, Plmn plmn) {
        try {
            return new ReadinessCheck(settings).check(plmn);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("configuration parameter " + DNS_SERVER + ": " + e.getMessage(), e);
        }
    }

    static String message(OperatorVerdict verdict) {
        StringBuilder b = new StringBuilder(verdict.sentence());
        verdict.probeLines().forEach(line -> b.append("\n  ").append(line));
        if (verdict.probes().isEmpty()) {
            b.append("\n  DNS ").append(verdict.dns().status()).append(" from ").append(verdict.dns().resolver())
                    .append(": ").append(verdict.dns().detail());
        }
        return b.toString();
    }

    /** The method's annotation wins over its class's, a nested class's over its enclosing class's. */
    private static Optional<EpdgReachable> find(ExtensionContext context) {
        Optional<EpdgReachable> found = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, EpdgReachable.class));
        for (Class<?> c = context.getTestClass().orElse(null); found.isEmpty() && c != null; c = c.getEnclosingClass()) {
            found = AnnotationSupport.findAnnotation(c, EpdgReachable.class);
        }
        return found;
    }

    private static Plmn plmn(EpdgReachable a, ExtensionContext context) {
        try {
            return Plmn.of(a.mcc(), a.mnc());
        } catch (IllegalArgumentException e) {
            AnnotatedElement where = context.getElement().orElse(null);
            throw new ExtensionConfigurationException("@EpdgReachable(mcc = " + a.mcc() + ", mnc = " + a.mnc()
                    + ")" + (where == null ? "" : " on " + where) + ": " + e.getMessage());
        }
    }

    private static DnsServer dnsServer(ExtensionContext context) {
        Optional<String> value = context.getConfigurationParameter(DNS_SERVER).filter(v -> !v.isBlank());
        try {
            return value.map(DnsServer::parse).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("configuration parameter " + DNS_SERVER + " = '"
                    + value.get() + "': " + e.getMessage());
        }
    }
}
