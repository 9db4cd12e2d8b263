package dev.wificall.junit;

import dev.wificall.attach.AttachResult;
import dev.wificall.attach.CertificateFinding;
import dev.wificall.dns.AddressPrefix;
import dev.wificall.dns.AddressText;
import dev.wificall.probe.PortResult;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.verdict.CheckTarget;
import dev.wificall.verdict.OperatorVerdict;
import dev.wificall.verdict.ReadinessCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.MediaType;
import org.junit.platform.commons.JUnitException;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The checks of a test run, kept in the root context's store: an operator with the same settings
 * is probed once however many tests (and threads) ask. The test that runs the probe publishes a
 * {@code wificall.probe} report entry, so the number of probes can be counted from the outside.
 */
final class Checks {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Checks.class);
    /** Report entry key of the test whose request ran a probe. */
    static final String PROBE_ENTRY = "wificall.probe";

    private Checks() {
    }

    /**
     * The result of each request, in order. Each check has a slot in the root store; a thread claims
     * the slots nobody has claimed, probes them together in one engine run, and fills them; every
     * other thread waits for the slots it needs. So a check runs exactly once, also in parallel.
     */
    static List<WifiCallingResult> results(ExtensionContext context, List<Request> requests) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        List<Slot> slots = new ArrayList<>();
        Map<Slot, Request> mine = new LinkedHashMap<>();
        Map<Slot, Settings> settings = new LinkedHashMap<>();
        for (Request r : requests) {
            Settings s = Settings.of(r, context);
            Slot slot = store.getOrComputeIfAbsent(s.key(r), k -> new Slot(), Slot.class);
            slots.add(slot);
            if (slot.claim()) {
                mine.put(slot, r);
                settings.put(slot, s);
            }
        }
        try {
            probe(context, mine, settings);
        } catch (RuntimeException | Error e) {
            mine.keySet().forEach(slot -> slot.result.completeExceptionally(e));
            throw e;
        }
        List<WifiCallingResult> out = new ArrayList<>();
        for (Slot slot : slots) {
            try {
                out.add(slot.result.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re; // a configuration mistake found by the thread that probed
                }
                throw e;
            }
        }
        return out;
    }

    /** One check's result, filled once by the thread that claimed it. */
    static final class Slot {
        private final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<WifiCallingResult> result = new CompletableFuture<>();

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }

    /** Groups the claimed checks by what one engine must share (resolvers, timeouts) and runs each group once. */
    private static void probe(ExtensionContext context, Map<Slot, Request> mine, Map<Slot, Settings> settings) {
        Map<List<Object>, List<Slot>> groups = new LinkedHashMap<>();
        for (Slot slot : mine.keySet()) {
            Settings s = settings.get(slot);
            // ports and address policy travel per target
            // one engine runs one IKE_AUTH and one user-plane configuration
            groups.computeIfAbsent(List.of(s.check().dnsServers(), s.check().dnsTimeout(), s.check().probe(),
                            s.check().portOffset(), s.ikeAuth(), s.check().userPlane()),
                    g -> new ArrayList<>()).add(slot);
        }
        for (List<Slot> group : groups.values()) {
            ReadinessCheck check = readiness(settings.get(group.get(0)));
            // each check becomes the names its operator's phones use (wificall.names): one target or several
            List<CheckTarget> targets = new ArrayList<>();
            int[] first = new int[group.size() + 1];
            for (int i = 0; i < group.size(); i++) {
                Slot slot = group.get(i);
                CheckTarget given = new CheckTarget(mine.get(slot).operator(), settings.get(slot).check().ports(),
                        settings.get(slot).check().addressPolicy());
                first[i] = targets.size();
                targets.addAll(CheckTarget.asPhonesSeeThem(List.of(given), settings.get(slot).names(), false));
            }
            first[group.size()] = targets.size();
            List<OperatorVerdict> verdicts = check.checkTargets(targets, v -> { });
            for (int i = 0; i < group.size(); i++) {
                List<WifiCallingResult> others = verdicts.subList(first[i] + 1, first[i + 1]).stream()
                        .map(WifiCallingResult::new).toList();
                WifiCallingResult result = new WifiCallingResult(verdicts.get(first[i]), others);
                context.publishReportEntry(PROBE_ENTRY, probeEntry(result));
                group.get(i).result.complete(result);
            }
        }
    }

    private static ReadinessCheck readiness(Settings settings) {
        try {
            return new ReadinessCheck(settings.check());
        } catch (IllegalArgumentException e) {
            throw settings.dns().unusable(e);
        }
    }

    /**
     * Publishes each result (a report entry with the sentence, the transcripts as a file where the
     * JUnit version has files), then fails or aborts the test when one is not ready.
     */
    static void enforce(ExtensionContext context, List<Request> requests, List<WifiCallingResult> results) {
        List<String> failures = new ArrayList<>();
        boolean abort = true;
        for (int i = 0; i < results.size(); i++) {
            WifiCallingResult r = results.get(i);
            context.publishReportEntry("wificall " + r.operator(), r.sentence());
            publishTranscript(context, r);
            if (!r.ready()) {
                failures.add(r.message());
                abort &= Settings.of(requests.get(i), context).abort();
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        String message = String.join("\n", failures);
        if (abort) {
            throw new TestAbortedException("aborted (abortWhenUnreachable): " + message);
        }
        throw new AssertionFailedError(message);
    }

    /** The {@link #PROBE_ENTRY} value: "READY 262-01 ... fqdn", then each IKE_AUTH with its transcript. */
    static String probeEntry(WifiCallingResult r) {
        StringBuilder b = new StringBuilder(r.toString());
        r.attaches().forEach(a -> b.append("\n").append(ikeAuthTranscript(a)));
        return b.toString();
    }

    /** The transcript file's text: the failure message, each probe's transcript, each IKE_AUTH's. */
    static String transcript(WifiCallingResult r) {
        StringBuilder text = new StringBuilder(r.message()).append("\n");
        for (PortResult p : r.probes()) {
            text.append("\n").append(p.transcript().text());
        }
        for (AttachResult a : r.attaches()) {
            text.append("\n").append(ikeAuthTranscript(a)).append("\n");
        }
        for (UserPlaneResult u : r.userPlanes()) {
            text.append("\nuser plane through ").append(u.address()).append(" (").append(u.fqdn()).append("): ")
                    .append(u.passed() ? "PASSED" : "FAILED");
            u.transcript().forEach(line -> text.append("\n  ").append(line));
            text.append("\n");
        }
        return text.toString();
    }

    /** "IKE_AUTH to 10.77.9.2 (fqdn) as 26201*****...: ATTACHED in 412 ms", then the exchange, a line per message. */
    private static String ikeAuthTranscript(AttachResult a) {
        StringBuilder b = new StringBuilder("IKE_AUTH to ").append(address(a)).append(" (").append(a.fqdn()).append(") as ")
                .append(a.subscriber()).append(": ").append(a.outcome()).append(" in ").append(a.elapsed().toMillis())
                .append(" ms");
        a.transcript().forEach(line -> b.append("\n  ").append(line));
        return b.toString();
    }

    private static void publishTranscript(ExtensionContext context, WifiCallingResult r) {
        String name = "wificall-" + r.operator().replaceAll("[^A-Za-z0-9.-]+", "_").toLowerCase(Locale.ROOT) + ".txt";
        String text = transcript(r);
        try {
            context.publishFile(name, MediaType.TEXT_PLAIN_UTF_8,
                    file -> Files.writeString(file, text, StandardCharsets.UTF_8));
        } catch (LinkageError | UnsupportedOperationException olderJUnit) {
            // JUnit before 5.12 has no files; the report entry carries the sentence
        } catch (JUnitException noOutputDirectory) {
            // a launcher without an output directory (EngineTestKit by default) takes no files
        }
    }

    /** The IKE_AUTH's address as DNS answers are shown ("fd77:9::2", not "fd77:9:0:0:0:0:0:2"). */
    static String address(AttachResult a) {
        try {
            return AddressText.of(AddressPrefix.parse(a.address()).network());
        } catch (IllegalArgumentException notALiteral) {
            return a.address();
        }
    }

    /**
     * "  user plane through 10.77.9.2:4500 (fqdn): PASSED, sentence", then a line per check:
     * "    PASSED inner DNS: sentence".
     */
    static String userPlane(UserPlaneResult u) {
        StringBuilder b = new StringBuilder("  user plane through ").append(u.address()).append(" (").append(u.fqdn())
                .append("): ").append(u.passed() ? "PASSED, " : "FAILED, ").append(u.sentence());
        u.steps().forEach(s -> b.append("\n    ").append(s.status()).append(" ").append(s.check().label()).append(": ")
                .append(s.sentence()));
        return b.toString();
    }

    /**
     * The failure message: the sentence, then one line per probe or DNS answer, then one per IKE_AUTH
     * with the certificate's errors and warnings under it, then the user plane through each tunnel with a
     * line per check.
     */
    static String message(OperatorVerdict verdict) {
        StringBuilder b = new StringBuilder(verdict.sentence());
        verdict.probeLines().forEach(line -> b.append("\n  ").append(line));
        for (AttachResult a : verdict.attaches()) {
            b.append("\n  IKE_AUTH to ").append(address(a)).append(" (").append(a.fqdn()).append("): ").append(a.outcome())
                    .append(a.passed() ? ", " : ", failed: ").append(a.sentence());
            a.certificate().ifPresent(c -> c.findings().stream().filter(f -> f.severity() != CertificateFinding.Severity.INFO)
                    .forEach(f -> b.append("\n    ").append(f)));
        }
        verdict.userPlanes().forEach(u -> b.append("\n").append(userPlane(u)));
        if (verdict.probes().isEmpty()) {
            if (verdict.discovery() != null) {
                verdict.discovery().lines().forEach(line -> b.append("\n  ").append(line));
            } else {
                b.append("\n  DNS ").append(verdict.dns().status()).append(" from ").append(verdict.dns().resolver())
                        .append(": ").append(verdict.dns().detail());
            }
        }
        return b.toString();
    }
}
