package dev.wificall.junit;

import dev.wificall.audit.AuditProfile;
import dev.wificall.audit.AuditResult;
import dev.wificall.audit.AuditSettings;
import dev.wificall.audit.AuditSummary;
import dev.wificall.audit.AuditTarget;
import dev.wificall.audit.Auditor;
import dev.wificall.audit.Baseline;
import dev.wificall.audit.CheckResult;
import dev.wificall.audit.Severity;
import dev.wificall.probe.ProbeSettings;
import dev.wificall.verdict.AuditTargets;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.ReadinessCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.AssertionFailedError;

/** Runs the audits of {@link EpdgCompliant}, once per run each, and fails tests on their findings. */
public final class EpdgCompliantExtension implements BeforeEachCallback, ParameterResolver {
    static final String FAIL_ON = "wificall.audit.failOn";
    static final String PROFILES = "wificall.audit.profiles";
    static final String BASELINE = "wificall.audit.baseline";
    static final String RATE = "wificall.audit.rate";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EpdgCompliantExtension.class);

    /** One audit and what fails it. */
    record Audit(String origin, AuditResult result, Severity failOn, List<String> unaudited, List<String> notes) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        List<String> failures = new ArrayList<>();
        for (Audit a : audits(context)) {
            context.publishReportEntry("wificall audit " + a.origin(), a.result().checks().stream().map(CheckResult::target).distinct().count() + " addresses"
                    + " and ports, " + a.result().checks().size() + " checks, " + a.result().packets() + " IKE_SA_INIT requests");
            a.notes().forEach(n -> context.publishReportEntry("wificall audit baseline", n));
            List<String> lines = new ArrayList<>(a.unaudited().stream().map(u -> "not audited: " + u).toList());
            if (a.failOn() != null) {
                lines.addAll(AuditSummary.findings(a.result(), a.failOn()));
            }
            if (!lines.isEmpty()) {
                failures.add(a.origin() + ": " + (a.failOn() == null ? "" : a.result().findingsAtLeast(a.failOn()).size()
                        + " finding(s) at or above " + a.failOn().wire() + " (failOn)") + ":\n- " + String.join("\n- ", lines));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionFailedError("ePDG audit failed: " + String.join("\n", failures));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AuditResult.class;
    }

    /** The audit of the one operator annotated, or of several joined in annotation order. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        List<Audit> audits = audits(context);
        if (audits.size() == 1) {
            return audits.get(0).result();
        }
        List<CheckResult> all = new ArrayList<>();
        int packets = 0;
        Duration elapsed = Duration.ZERO;
        for (Audit a : audits) {
            all.addAll(a.result().checks());
            packets += a.result().packets();
            elapsed = elapsed.plus(a.result().elapsed());
        }
        return new AuditResult(all, packets, elapsed, audits.get(0).result().profiles());
    }

    private static List<Audit> audits(ExtensionContext context) {
        List<OperatorSpec.Found<EpdgCompliant>> found = OperatorSpec.findAll(context, EpdgCompliant.class);
        if (found.isEmpty()) {
            throw new ExtensionConfigurationException("no @EpdgCompliant on " + context.getDisplayName() + " or its classes");
        }
        List<Audit> audits = new ArrayList<>();
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        for (OperatorSpec.Found<EpdgCompliant> f : found) {
            OperatorSpec spec = OperatorSpec.of(f.annotation(), f.where());
            String key = spec + Arrays.toString(f.annotation().profile()) + f.annotation().failOn() + f.annotation().transforms();
            audits.add(store.getOrComputeIfAbsent(key, k -> audit(context, spec, f.annotation()), Audit.class));
        }
        return audits;
    }

    private static Audit audit(ExtensionContext context, OperatorSpec spec, EpdgCompliant a) {
        Request request = spec.request();
        CheckSettings check = Settings.of(request, context).check();
        Severity failOn = failOn(context, spec, a);
        AuditSettings settings = AuditSettings.DEFAULTS.withProfiles(profiles(context, spec, a)).withTransforms(a.transforms());
        Duration timeout = request.probeTimeout().orElse(settings.probe().deadline());
        int rate = Settings.value(context, RATE).map(v -> parse(context, RATE, v, Integer::parseInt))
                .orElse(AuditSettings.DEFAULT_PACKETS_PER_SECOND);
        try {
            settings = settings.withProbe(new ProbeSettings(Duration.ofMillis(Math.min(500, timeout.toMillis())), timeout)
                    .withPacketsPerSecond(rate).withGlobalDeadline(Duration.ofHours(2)));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(spec + ": " + e.getMessage());
        }
        ReadinessCheck dns = new ReadinessCheck(check);
        AuditTargets targets = AuditTargets.of(dns, CheckTarget.of(request.operator(), check), check);
        List<AuditTarget> list = targets.targets();
        AuditResult result = new Auditor(settings).run(list);
        Baseline.Applied applied = baseline(context).apply(result, LocalDate.now());
        return new Audit(spec.toString(), applied.audit(), failOn, list.isEmpty() ? List.of(targets.sentence()) : List.of(),
                applied.notes());
    }

    private static Severity failOn(ExtensionContext context, OperatorSpec spec, EpdgCompliant a) {
        String text = !a.failOn().isBlank() ? a.failOn() : Settings.value(context, FAIL_ON).orElse("high");
        if (text.strip().equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(spec + " failOn: " + e.getMessage() + ", or none");
        }
    }

    private static List<AuditProfile> profiles(ExtensionContext context, OperatorSpec spec, EpdgCompliant a) {
        if (a.profile().length > 0) {
            return List.of(a.profile());
        }
        Optional<String> text = Settings.value(context, PROFILES);
        if (text.isEmpty()) {
            return AuditSettings.DEFAULTS.profiles();
        }
        List<AuditProfile> out = new ArrayList<>();
        for (String p : text.get().split(",")) {
            if (!p.isBlank()) {
                out.add(parse(context, PROFILES, p, AuditProfile::parse));
            }
        }
        return out;
    }

    private static Baseline baseline(ExtensionContext context) {
        Optional<String> file = Settings.value(context, BASELINE);
        if (file.isEmpty()) {
            return Baseline.EMPTY;
        }
        try {
            return Baseline.read(Path.of(file.get()));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(Settings.origin(context, BASELINE, file.get()) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ExtensionConfigurationException(Settings.origin(context, BASELINE, file.get()) + ": cannot read it: "
                    + e.getMessage());
        }
    }

    private static <T> T parse(ExtensionContext context, String name, String value, java.util.function.Function<String, T> f) {
        try {
            return f.apply(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(Settings.origin(context, name, value) + ": " + e.getMessage());
        }
    }
}
