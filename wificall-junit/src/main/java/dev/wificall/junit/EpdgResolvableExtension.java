package dev.wificall.junit;

import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.verdict.ReadinessCheck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Discovers the ePDG of every {@link EpdgResolvable} that applies before each test, as a phone
 * would, and fails the test unless each gave a usable address; no IKE packet is sent. Discoveries
 * are kept in the root context's store, so each runs once per run; with one operator the discovery
 * can be injected as a {@link Resolution}.
 */
final class EpdgResolvableExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EpdgResolvableExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        List<Request> requests = requests(context);
        List<Resolution> found = resolutions(context, requests);
        List<String> failures = new ArrayList<>();
        boolean abort = true;
        for (int i = 0; i < found.size(); i++) {
            Resolution r = found.get(i);
            String sentence = ReadinessCheck.sentence(r);
            context.publishReportEntry("wificall " + r.input().label(), sentence);
            if (!r.resolved() || r.outcome().usableAddresses().isEmpty()) {
                StringBuilder b = new StringBuilder(sentence);
                r.lines().forEach(line -> b.append("\n  ").append(line));
                failures.add(b.toString());
                abort &= Settings.of(requests.get(i), context).abort();
            }
        }
        if (!failures.isEmpty()) {
            String message = String.join("\n", failures);
            if (abort) {
                throw new TestAbortedException("aborted (abortWhenUnresolvable): " + message);
            }
            throw new AssertionFailedError(message);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Resolution.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        List<Request> requests = requests(context);
        if (requests.size() != 1) {
            throw new ParameterResolutionException(parameter.getParameter() + ": this test"
                    + " discovers " + requests.size() + " operators; a Resolution parameter needs exactly one");
        }
        return resolutions(context, requests).get(0);
    }

    private static List<Resolution> resolutions(ExtensionContext context, List<Request> requests) {
        List<Resolution> out = new ArrayList<>();
        for (Request r : requests) {
            Settings s = Settings.of(r, context);
            String key = r.operator() + " @" + s.dns().key() + " " + s.check().dnsTimeout();
            out.add(context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> {
                ReadinessCheck check;
                try {
                    check = new ReadinessCheck(s.check());
                } catch (IllegalArgumentException e) {
                    throw s.dns().unusable(e);
                }
                return check.discover(r.operator());
            }, Resolution.class));
        }
        return out;
    }

    private static List<Request> requests(ExtensionContext context) {
        Set<OperatorSpec> specs = new LinkedHashSet<>();
        OperatorSpec.findAll(context, EpdgResolvable.class).forEach(f -> specs.add(OperatorSpec.of(f.annotation(), f.where())));
        if (specs.isEmpty()) {
            throw new ExtensionConfigurationException("@EpdgResolvable not found on " + context.getDisplayName()
                    + " or its classes");
        }
        return specs.stream().map(OperatorSpec::request).toList();
    }
}
