package dev.wificall.junit;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.firewall.DriftCheck;
import dev.wificall.firewall.DriftPolicy;
import dev.wificall.firewall.DriftReport;
import dev.wificall.firewall.EpdgAddresses;
import dev.wificall.firewall.FirewallFormat;
import dev.wificall.firewall.ParsedRules;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/** Compares the rules file of the nearest {@link FirewallAllowsEpdg} with what DNS says now. */
final class FirewallAllowsEpdgExtension implements BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FirewallAllowsEpdgExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        FirewallAllowsEpdg a = nearest(context);
        String where = "@FirewallAllowsEpdg(rules = \"" + a.rules() + "\") on "
                + context.getTestMethod().map(Object::toString).orElse(context.getDisplayName());
        ParsedRules rules = rules(where, a);
        if (a.operators().length == 0) {
            throw new ExtensionConfigurationException(where + ": operators = {} names no operator; expected e.g."
                    + " operators = {\"262-01\"}");
        }
        List<EpdgAddresses> now = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (String text : a.operators()) {
            SelectionInput input = input(where, text);
            Settings settings = Settings.of(Request.of(where, input).resolveOnly(), context);
            Resolution r = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(input + " " + settings.check(),
                    k -> discover(settings, input), Resolution.class);
            if (!r.resolved() || r.outcome().usableAddresses().isEmpty()) {
                unresolved.add(ReadinessCheck.sentence(r));
            } else {
                now.add(new EpdgAddresses(input.label(), r.used().fqdn(), r.outcome().usableAddresses()));
            }
        }
        if (!unresolved.isEmpty()) {
            throw new AssertionFailedError("cannot compare " + a.rules() + " with DNS: " + String.join(" ", unresolved));
        }
        DriftReport report = DriftCheck.check(now, rules, DriftPolicy.DEFAULTS.withTooBroadIsViolation(a.broadRulesFail())
                .withStaleIsViolation(a.staleRulesFail()));
        context.publishReportEntry("wificall firewall " + a.rules(), report.text());
        if (!report.passed()) {
            throw new AssertionFailedError(report.text());
        }
    }

    private static FirewallAllowsEpdg nearest(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            var onMethod = AnnotationSupport.findAnnotation(context.getTestMethod().get(), FirewallAllowsEpdg.class);
            if (onMethod.isPresent()) {
                return onMethod.get();
            }
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            var onClass = AnnotationSupport.findAnnotation(c, FirewallAllowsEpdg.class);
            if (onClass.isPresent()) {
                return onClass.get();
            }
        }
        throw new ExtensionConfigurationException("@FirewallAllowsEpdg not found on " + context.getDisplayName());
    }

    private static ParsedRules rules(String where, FirewallAllowsEpdg a) {
        FirewallFormat format;
        try {
            format = a.format().isBlank() ? FirewallFormat.ofFileName(a.rules()).orElseThrow(() ->
                    new IllegalArgumentException("cannot tell the format from the name; set format to one of "
                            + FirewallFormat.readableIds())) : FirewallFormat.of(a.format());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage());
        }
        if (!format.parsable()) {
            throw new ExtensionConfigurationException(where + ": " + format.id() + " rules are written but not read back;"
                    + " keep " + FirewallFormat.readableIds() + " rules for the drift check");
        }
        Path file = Path.of(a.rules());
        if (!Files.isRegularFile(file)) {
            throw new ExtensionConfigurationException(where + ": " + file.toAbsolutePath() + " does not exist; expected the"
                    + " rules file relative to the working directory");
        }
        try {
            return format.parse(a.rules(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ExtensionConfigurationException(where + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static SelectionInput input(String where, String text) {
        try {
            return OperatorText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": operator \"" + text + "\": " + e.getMessage());
        }
    }

    private static Resolution discover(Settings settings, SelectionInput input) {
        try {
            return new ReadinessCheck(settings.check()).discover(input);
        } catch (IllegalArgumentException e) {
            throw settings.dns().unusable(e);
        }
    }
}
