package dev.wificall.junit;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.verdict.AddressPolicy;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the readiness check for the nearest {@link EpdgReachable} before each test and fails the
 * test with the verdict's sentence. Verdicts are kept in the root context's store, so an operator
 * is probed once per run (per name form, resolvers and address policy), also when tests run in
 * parallel.
 */
final class EpdgReachableExtension implements BeforeEachCallback {

    static final String DNS_SERVER = DnsConfiguration.DNS_SERVER;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EpdgReachableExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        OperatorSpec spec = OperatorSpec.find(context, EpdgReachable.class)
                .map(found -> OperatorSpec.of(found.annotation(), found.where()))
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "@EpdgReachable not found on " + context.getDisplayName() + " or its classes"));
        SelectionInput input = spec.selection();
        AddressPolicy policy = spec.policy();
        DnsConfiguration dns = DnsConfiguration.of(context);
        CheckSettings settings = CheckSettings.DEFAULTS.withDnsServers(dns.servers()).withAddressPolicy(policy);
        String key = input + " policy " + policy + " @" + dns.key();
        OperatorVerdict verdict = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> check(settings, input, dns), OperatorVerdict.class);
        context.publishReportEntry("wificall " + verdict.plmn(), verdict.sentence());
        if (!verdict.ready()) {
            throw new AssertionFailedError(message(verdict));
        }
    }

    private static OperatorVerdict check(CheckSettings settings, SelectionInput input, DnsConfiguration dns) {
        ReadinessCheck check;
        try {
            check = new ReadinessCheck(settings);
        } catch (IllegalArgumentException e) {
            throw dns.unusable(e);
        }
        return check.check(input);
    }

    static String message(OperatorVerdict verdict) {
        StringBuilder b = new StringBuilder(verdict.sentence());
        verdict.probeLines().forEach(line -> b.append("\n  ").append(line));
        if (verdict.probes().isEmpty()) {
            if (verdict.discovery() != null) {
                Discovery.lines(verdict.discovery()).forEach(line -> b.append("\n  ").append(line));
            } else {
                b.append("\n  DNS ").append(verdict.dns().status()).append(" from ").append(verdict.dns().resolver())
                        .append(": ").append(verdict.dns().detail());
            }
        }
        return b.toString();
    }
}
