package dev.wificall.audit;

import dev.wificall.audit.CheckResult.Answer;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Nonce;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.probe.GroupRetry;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeTarget;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an audit: every check of {@link AuditCheck} on every target, one IKE_SA_INIT exchange each
 * through one {@link ProbeEngine} (COOKIE and INVALID_KE_PAYLOAD handled there, every exchange under
 * its deadline), then the checks derived from all answers, then the profiles' findings.
 *
 * <p>Order: first the all-groups offer ("prefer"); a target that answers nothing to it is not asked
 * the rest (each would only wait out its deadline), and its other checks say so. Then every group
 * alone, the downgrade and the phones' offers; then each transform alone with a group the target
 * accepted. Each check is one round over the targets, so one exchange per address and port is in
 * flight unless {@link AuditSettings#exchangesPerAddress()} allows more.
 */
public final class Auditor {
    /** Called in the caller's thread after each round. */
    @FunctionalInterface
    public interface Progress {
        /** @param done exchanges finished so far, @param planned exchanges known so far */
        void round(String check, int done, int planned);
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final AuditSettings settings;
    private final PhoneProfiles phones;
    private final KnownStaticKeys known;

    public Auditor(AuditSettings settings) {
        this(settings, PhoneProfiles.load(), KnownStaticKeys.load());
    }

    /** With another list of shared keys than the shipped one (see {@link KnownStaticKeys#plus}). */
    public Auditor(AuditSettings settings, KnownStaticKeys known) {
        this(settings, PhoneProfiles.load(), known);
    }

    Auditor(AuditSettings settings, PhoneProfiles phones, KnownStaticKeys known) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.phones = phones;
        this.known = known;
    }

    public AuditResult run(List<AuditTarget> targets) {
        return run(targets, (c, d, p) -> { });
    }

    public AuditResult run(List<AuditTarget> targets, Progress progress) {
        long start = System.nanoTime();
        ProbeEngine engine = new ProbeEngine(settings.probe());
        Map<AuditTarget, List<CheckResult>> cells = new LinkedHashMap<>();
        targets.forEach(t -> cells.put(t, new ArrayList<>()));
        Counter counter = new Counter(targets.size() * (settings.transforms() ? 50 : 25));

        AuditCheck prefer = AuditCheck.ordering().get(0);
        rounds(engine, List.of(prefer), targets, cells, progress, counter);
        List<AuditTarget> live = targets.stream().filter(t -> answered(cells.get(t).get(0))).toList();
        for (AuditTarget t : targets) {
            if (!live.contains(t)) {
                CheckResult first = cells.get(t).get(0);
                for (AuditCheck c : firstChecks(t)) {
                    if (!c.id().equals(prefer.id())) {
                        cells.get(t).add(skipped(t, c, notAsked(first)));
                    }
                }
                if (settings.transforms()) {
                    AuditCheck.transforms().forEach(c -> cells.get(t).add(skipped(t, c, notAsked(first))));
                }
                if (settings.postQuantum()) {
                    HybridKeyExchange.checks().forEach(c -> cells.get(t).add(skipped(t, c, notAsked(first))));
                }
            }
        }
        // the same checks for every live target, except the phones of each one's operator
        rounds(engine, null, live, cells, progress, counter);
        if (settings.transforms()) {
            transformRounds(engine, live, cells, progress, counter);
        }
        // post-quantum: each check its own IKE_SA_INIT + IKE_INTERMEDIATE, outside the engine (HybridKeyExchange)
        if (settings.postQuantum()) {
            record(HybridKeyExchange.check(live, settings.probe()), cells, progress, counter);
        }
        List<CheckResult> all = new ArrayList<>();
        cells.values().forEach(all::addAll);
        all.addAll(new ReuseFinder(known).derive(targets, all));
        all.addAll(Signs.derive(targets, all));
        List<CheckResult> judged = Judge.judge(all, settings.profiles(), phones);
        int packets = judged.stream().mapToInt(CheckResult::packets).sum();
        return new AuditResult(judged, packets, Duration.ofNanos(System.nanoTime() - start), settings.profiles());
    }

    private static String notAsked(CheckResult first) {
        return "not asked: " + first.place() + " gave no answer to the all-groups offer (" + first.outcome().wire() + ": "
                + first.detail() + ")";
    }

    private List<AuditCheck> firstChecks(AuditTarget t) {
        List<AuditCheck> checks = new ArrayList<>(AuditCheck.ordering());
        checks.addAll(AuditCheck.groups());
        if (settings.phones() && t.plmn() != null) {
            phones.forPlmn(t.plmn().mcc(), t.plmn().mnc()).forEach(p -> checks.add(AuditCheck.phone(p)));
        }
        return checks;
    }

    private static final class Counter {
        int done;
        int planned;

        Counter(int planned) {
            this.planned = planned;
        }
    }

    /**
     * One round per check. With {@code fixed} the same checks go to every target; without it each
     * target gets its {@link #firstChecks} after the first (the all-groups offer it was already asked).
     */
    private void rounds(ProbeEngine engine, List<AuditCheck> fixed, List<AuditTarget> targets,
                        Map<AuditTarget, List<CheckResult>> cells, Progress progress, Counter counter) {
        Map<AuditTarget, List<AuditCheck>> plan = new LinkedHashMap<>();
        for (AuditTarget t : targets) {
            List<AuditCheck> first = fixed != null ? fixed : firstChecks(t);
            plan.put(t, fixed != null ? first : first.subList(1, first.size()));
        }
        runPlan(engine, plan, cells, progress, counter);
    }

    /**
     * Each transform alone with a group the target accepted beside a cipher of its kind (AEAD or
     * classic: responders bind groups to proposals), as its DH checks' chosen proposals show. An
     * address that accepted no classic cipher with any group never uses an integrity algorithm in IKE,
     * so those are not asked.
     */
    private void transformRounds(ProbeEngine engine, List<AuditTarget> live, Map<AuditTarget, List<CheckResult>> cells,
                                 Progress progress, Counter counter) {
        Map<AuditTarget, DhGroup[]> bases = new LinkedHashMap<>();
        for (AuditTarget t : live) {
            List<CheckResult> accepted = cells.get(t).stream()
                    .filter(r -> r.check().family() == AuditCheck.Family.DH && r.outcome() == AuditOutcome.ACCEPTED
                            && r.chosen() != null).toList();
            if (accepted.isEmpty()) {
                String why = "not asked: " + AddressName.of(t) + " accepted no DH group alone, so no known-good rest"
                        + " exists to try one transform against";
                AuditCheck.transforms().forEach(c -> cells.get(t).add(skipped(t, c, why)));
                continue;
            }
            List<DhGroup> aead = accepted.stream().filter(r -> aeadChosen(r.chosen())).map(r -> r.check().group()).toList();
            List<DhGroup> classic = accepted.stream().filter(r -> !aeadChosen(r.chosen())).map(r -> r.check().group())
                    .toList();
            bases.put(t, new DhGroup[] {aead.isEmpty() ? null : AuditCheck.base(aead),
                classic.isEmpty() ? null : AuditCheck.base(classic)});
        }
        Map<AuditTarget, List<AuditCheck>> plan = new LinkedHashMap<>();
        bases.forEach((t, b) -> plan.put(t, AuditCheck.encryption(b[0] != null ? b[0] : b[1], b[1] != null ? b[1] : b[0])));
        runPlan(engine, plan, cells, progress, counter);
        plan.clear();
        bases.forEach((t, b) -> {
            List<AuditCheck> next = new ArrayList<>();
            // no DH check chose a classic cipher, but one of the cipher checks (with the AEAD base group) took one
            boolean classicTaken = cells.get(t).stream().anyMatch(r -> r.check().family() == AuditCheck.Family.ENCR
                    && r.outcome() == AuditOutcome.ACCEPTED && !dev.wificall.ike.IkeProposals.aead(r.check().keyword()));
            if (b[1] != null || classicTaken) {
                next.addAll(AuditCheck.integrity(b[1] != null ? b[1] : b[0]));
            } else {
                String why = "not asked: " + AddressName.of(t) + " accepted no classic (non-AEAD) cipher with any group,"
                        + " so it never uses an integrity algorithm in IKE";
                AuditCheck.integrity(b[0]).forEach(c -> cells.get(t).add(skipped(t, c, why)));
            }
            next.addAll(AuditCheck.prfs(b[0] != null ? b[0] : b[1], b[1] != null ? b[1] : b[0]));
            plan.put(t, next);
        });
        runPlan(engine, plan, cells, progress, counter);
    }

    private static boolean aeadChosen(String chosen) {
        return dev.wificall.ike.IkeProposals.aead(chosen.substring(0, chosen.indexOf('-') < 0 ? chosen.length()
                : chosen.indexOf('-')));
    }

    /** Round i sends each target its i-th check; rounds run {@code exchangesPerAddress} at a time. */
    private void runPlan(ProbeEngine engine, Map<AuditTarget, List<AuditCheck>> plan,
                         Map<AuditTarget, List<CheckResult>> cells, Progress progress, Counter counter) {
        int rounds = plan.values().stream().mapToInt(List::size).max().orElse(0);
        List<List<Ask>> batches = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            List<Ask> batch = new ArrayList<>();
            for (Map.Entry<AuditTarget, List<AuditCheck>> e : plan.entrySet()) {
                if (i < e.getValue().size()) {
                    batch.add(new Ask(e.getKey(), e.getValue().get(i)));
                }
            }
            batches.add(batch);
        }
        int n = settings.exchangesPerAddress();
        if (n == 1) {
            for (List<Ask> batch : batches) {
                record(ask(engine, batch), cells, progress, counter);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "wificall-audit-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (int from = 0; from < batches.size(); from += n) {
                List<Future<List<CheckResult>>> running = new ArrayList<>();
                for (List<Ask> batch : batches.subList(from, Math.min(batches.size(), from + n))) {
                    running.add(pool.submit(() -> ask(engine, batch)));
                }
                for (Future<List<CheckResult>> f : running) {
                    record(f.get(), cells, progress, counter);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("audit round failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                // each round ends by its engine's global deadline; the pool's threads end with their round
                pool.awaitTermination(settings.probe().globalDeadline().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void record(List<CheckResult> results, Map<AuditTarget, List<CheckResult>> cells, Progress progress,
                               Counter counter) {
        for (CheckResult r : results) {
            cells.get(r.target()).add(r);
        }
        counter.done += results.size();
        counter.planned = Math.max(counter.planned, counter.done);
        if (!results.isEmpty()) {
            progress.round(results.get(0).check().id(), counter.done, counter.planned);
        }
    }

    private record Ask(AuditTarget target, AuditCheck check) {
    }

    private static List<CheckResult> ask(ProbeEngine engine, List<Ask> batch) {
        List<ProbeTarget> targets = batch.stream()
                .map(a -> new ProbeTarget(a.target().destination(), a.target().port(), a.check().offer())).toList();
        List<PortResult> results = engine.probeAll(targets);
        List<CheckResult> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            out.add(cell(batch.get(i).target(), batch.get(i).check(), results.get(i)));
        }
        return out;
    }

    /** What one exchange's result means for its check. */
    static CheckResult cell(AuditTarget t, AuditCheck c, PortResult r) {
        int wanted = r.groupRetries().isEmpty() ? 0 : r.groupRetries().get(0).group();
        SaInitResponse response = r.response();
        Answer answer = response == null ? null : answer(response, wanted);
        AuditOutcome o;
        String detail = r.detail();
        switch (r.outcome()) {
            case ANSWERED:
                break;
            case NO_ANSWER:
                return new CheckResult(t, c, AuditOutcome.SILENT, detail, null, r.requests(), List.of());
            case MALFORMED:
                return new CheckResult(t, c, AuditOutcome.MALFORMED, detail, answer, r.requests(), List.of());
            default:
                return new CheckResult(t, c, AuditOutcome.UNREACHABLE, detail, null, r.requests(), List.of());
        }
        switch (response.kind()) {
            case ACCEPTED:
                // a transform check asks whether the transform is taken: a retry with the group asked for answers it;
                // the ordering checks ask which group the responder wants, so its INVALID_KE_PAYLOAD is their outcome
                boolean retried = r.groupRetries().stream().anyMatch(GroupRetry::retried);
                boolean ordering = c.family() == AuditCheck.Family.PREFERENCE || c.family() == AuditCheck.Family.DOWNGRADE;
                o = retried && ordering ? AuditOutcome.INVALID_KE : AuditOutcome.ACCEPTED;
                detail = retried ? (ordering ? "INVALID_KE_PAYLOAD asked for DH group " + wanted + ", then chose "
                        + answer.chosen() : "chose " + answer.chosen() + " after INVALID_KE_PAYLOAD asked for DH group "
                        + wanted) : "chose " + answer.chosen();
                break;
            case INVALID_KE:
                o = AuditOutcome.INVALID_KE;
                detail = "INVALID_KE_PAYLOAD: wants DH group " + answer.wantedGroup();
                break;
            case NO_PROPOSAL_CHOSEN:
                o = AuditOutcome.NO_PROPOSAL_CHOSEN;
                detail = "NO_PROPOSAL_CHOSEN";
                break;
            default:
                o = AuditOutcome.NOTIFY;
        }
        return new CheckResult(t, c, o, detail, answer, r.requests(), List.of());
    }

    static Answer answer(SaInitResponse response, int firstWanted) {
        int wanted = firstWanted != 0 ? firstWanted : response.requestedGroup().orElse(0);
        return new Answer(response.selectedProposalText().orElse(null), wanted, response.keGroup().orElse(0),
                sha256(response, KeyExchange.class),
                sha256(response, Nonce.class), response.message().responderSpi(),
                response.vendorIds().stream().map(v -> v.describe()).toList(), response.notifyNames());
    }

    static CheckResult skipped(AuditTarget t, AuditCheck c, String why) {
        return new CheckResult(t, c, AuditOutcome.SKIPPED, why, null, 0, List.of());
    }

    private static boolean answered(CheckResult r) {
        return r.outcome() != AuditOutcome.SILENT && r.outcome() != AuditOutcome.UNREACHABLE;
    }

    private static String sha256(SaInitResponse response, Class<? extends dev.wificall.ike.IkePayload> kind) {
        byte[] data = response.message().payloads(kind).stream().findFirst()
                .map(p -> p instanceof KeyExchange k ? k.data() : ((Nonce) p).data()).orElse(null);
        if (data == null) {
            return null;
        }
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
