package dev.wificall.verdict;

import dev.wificall.attach.AttachProbe;
import dev.wificall.attach.AttachResult;
import dev.wificall.attach.Attachment;
import dev.wificall.userplane.UserPlaneProbe;
import dev.wificall.userplane.UserPlaneResult;
import dev.wificall.attach.AttachSettings;
import dev.wificall.discovery.Plmn;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.EpdgLookup;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.dns.ResolverSet;
import dev.wificall.dns.SinkholePolicy;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.probe.IkePort;
import dev.wificall.probe.PortResult;
import dev.wificall.probe.ProbeEngine;
import dev.wificall.probe.ProbeTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The whole check, in the order a phone goes: build each operator's ePDG name, resolve it, send
 * IKE_SA_INIT to every address on every port (the first {@link CheckSettings#maxAddresses} of a name
 * that has more), and judge. The lookups run in parallel; then every
 * address and port of every operator goes through one {@link ProbeEngine} run, so a check takes
 * about one DNS timeout and one probe deadline however many operators and addresses there are.
 */
public final class ReadinessCheck {

    /** Enough parallel discoveries for a few operators at once. */
    private static final int PARALLEL_LOOKUPS = 8;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final CheckSettings settings;
    private final EpdgLookup discovery;
    private final ProbeEngine engine;

    /** @throws IllegalArgumentException when the settings name a resolver that cannot be used */
    public ReadinessCheck(CheckSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.userPlane().isPresent() && settings.attach().map(a -> !a.withSim()).orElse(true)) {
            throw new IllegalArgumentException("the user-plane check runs through the tunnel of a full attach: set IKE_AUTH "
                    + "to attach with the SIM's credentials (wificall.ikeAuth=attach, WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC)");
        }
        // with a port offset the ePDG is a simulator on this host, which DNS names by a loopback address
        SinkholePolicy sinkholes = settings.portOffset() != 0 ? settings.sinkholes().allowLoopback() : settings.sinkholes();
        List<DnsLookup> lookups = settings.dnsServers().isEmpty()
                ? List.of(DnsLookup.system(settings.dnsTimeout()).withSinkholePolicy(sinkholes))
                : DnsLookup.each(settings.dnsServers(), settings.dnsTimeout(), sinkholes);
        this.discovery = new EpdgLookup(ResolverSet.of(lookups));
        this.engine = new ProbeEngine(settings.probe());
    }

    /** Which resolvers the check asks, the network's first, for messages and reports. */
    public String resolver() {
        return String.join(" and ", discovery.resolverNames());
    }

    /** Discovery only, no probe: the names in a phone's order through every resolver. */
    public Resolution discover(SelectionInput operator) {
        try (DnsLookup.Hold h = DnsLookup.hold()) { // no DNS thread outlives the call
            return discovery.resolve(operator);
        }
    }

    /** The sentence for a discovery alone: what was asked of which resolver, what came back, what to do. */
    public static String sentence(Resolution resolution) {
        return Explanations.discovery(resolution);
    }

    public OperatorVerdict check(Plmn plmn) {
        return check(SelectionInput.of(plmn));
    }

    public OperatorVerdict check(SelectionInput operator) {
        return checkEach(List.of(operator), v -> { }).get(0);
    }

    /** Every operator by its operator-identifier name, as {@link #checkEach} does. */
    public List<OperatorVerdict> checkAll(List<Plmn> plmns, Consumer<OperatorVerdict> onEach) {
        return checkEach(plmns.stream().map(SelectionInput::of).toList(), onEach);
    }

    /**
     * Checks every operator, calling {@code onEach} (in the calling thread, one call at a time) as each
     * finishes; returns the verdicts in the order given.
     */
    public List<OperatorVerdict> checkEach(List<SelectionInput> operators, Consumer<OperatorVerdict> onEach) {
        return checkTargets(operators.stream().map(o -> CheckTarget.of(o, settings)).toList(), onEach);
    }

    /**
     * The verdicts of a check, and the operators a check that stops at the first failure left out.
     *
     * @param notChecked the labels of the targets after the first failure, in their order; empty unless failFast
     */
    public record Checked(List<OperatorVerdict> verdicts, List<String> notChecked) {
        public Checked {
            verdicts = List.copyOf(verdicts);
            notChecked = List.copyOf(notChecked);
        }
    }

    /**
     * As {@link #checkTargets(List, Consumer)}; with {@code failFast}, one target at a time in their
     * order until the first that is not ready.
     */
    public Checked checkTargets(List<CheckTarget> checks, boolean failFast, Consumer<OperatorVerdict> onEach) {
        if (!failFast) {
            return new Checked(checkTargets(checks, onEach), List.of());
        }
        List<OperatorVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            OperatorVerdict v = checkTargets(List.of(checks.get(i)), onEach).get(0);
            verdicts.add(v);
            if (!v.ready()) {
                return new Checked(verdicts, checks.subList(i + 1, checks.size()).stream()
                        .map(t -> t.operator().label()).toList());
            }
        }
        return new Checked(verdicts, List.of());
    }

    /**
     * As {@link #checkEach}, with each operator's own ports and address policy: still one DNS round
     * and one probe run for all of them.
     */
    public List<OperatorVerdict> checkTargets(List<CheckTarget> checks, Consumer<OperatorVerdict> onEach) {
        long start = System.nanoTime();
        List<SelectionInput> operators = checks.stream().map(CheckTarget::operator).toList();
        List<Resolution> found = discoverAll(operators);
        OperatorVerdict[] verdicts = new OperatorVerdict[operators.size()];
        List<ProbeTarget> targets = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        int[] open = new int[operators.size()];
        for (int i = 0; i < operators.size(); i++) {
            Resolution resolution = found.get(i);
            List<InetAddress> usable = resolution.outcome().usableAddresses();
            if (!resolution.resolved() || usable.isEmpty()) {
                verdicts[i] = verdict(checks.get(i), resolution, List.of(), settings.maxAddresses(), start);
                onEach.accept(verdicts[i]);
                continue;
            }
            // a phone tries the first address or a few: past the cap, the rest are counted, not probed
            List<InetAddress> probed = usable.size() > settings.maxAddresses()
                    ? usable.subList(0, settings.maxAddresses()) : usable;
            for (InetAddress address : probed) {
                for (IkePort port : checks.get(i).ports()) {
                    targets.add(new ProbeTarget(new InetSocketAddress(address, settings.destinationPort(port)), port,
                            checks.get(i).offer().map(CheckTarget.PhoneOffer::proposals).orElse(null)));
                    owner.add(i);
                    open[i]++;
                }
            }
        }
        // results come back in target order: address, then port, as OperatorVerdict documents
        PortResult[] results = new PortResult[targets.size()];
        engine.probeAll(targets, (index, result) -> {
            results[index] = result;
            int i = owner.get(index);
            if (--open[i] == 0) {
                List<PortResult> mine = new ArrayList<>();
                for (int t = 0; t < targets.size(); t++) {
                    if (owner.get(t) == i) {
                        mine.add(results[t]);
                    }
                }
                verdicts[i] = verdict(checks.get(i), found.get(i), mine, settings.maxAddresses(), start);
                if (settings.attach().isEmpty()) {
                    onEach.accept(verdicts[i]);
                }
            }
        });
        Optional<AttachSettings> attach = settings.attachSettings();
        if (attach.isPresent()) {
            // IKE_AUTH runs after the probe run, outside the engine's thread: each attach takes a few exchanges
            AttachProbe probe = new AttachProbe(attach.get());
            UserPlaneProbe userPlane = settings.userPlane().map(UserPlaneProbe::new).orElse(null);
            for (int i = 0; i < verdicts.length; i++) {
                if (!verdicts[i].probes().isEmpty()) {
                    verdicts[i] = attach(probe, userPlane, checks.get(i), verdicts[i], start);
                    onEach.accept(verdicts[i]);
                }
            }
        }
        return List.of(verdicts);
    }

    /**
     * IKE_AUTH on the addresses that answered every probed port: with policy {@code any} address after
     * address until one passes, as a phone moves on; with {@code all} on each of them.
     */
    private static OperatorVerdict attach(AttachProbe probe, UserPlaneProbe userPlane, CheckTarget check,
                                          OperatorVerdict verdict, long start) {
        // only the probed addresses: one past the cap has no result, and no result is not an answer
        List<InetAddress> working = verdict.probedAddresses().stream()
                .filter(a -> verdict.probes().stream().filter(r -> r.address().equals(a)).allMatch(PortResult::answered))
                .toList();
        if (working.isEmpty()) {
            return verdict;
        }
        List<AttachResult> results = new ArrayList<>();
        List<UserPlaneResult> planes = new ArrayList<>();
        for (InetAddress address : working) {
            AttachResult r;
            boolean through = true;
            if (userPlane == null) {
                r = probe.attach(verdict.fqdn(), verdict.plmn(), address);
            } else {
                // the tunnel stays up for the user plane and is deleted at the ePDG when it is done
                try (Attachment a = probe.open(verdict.fqdn(), verdict.plmn(), address)) {
                    r = a.result();
                    if (a.tunnel().isPresent()) {
                        UserPlaneResult u = userPlane.run(a.tunnel().get(), verdict.fqdn(), verdict.plmn());
                        planes.add(u);
                        through = u.passed();
                    } else if (r.passed()) {
                        through = false;
                        r = withSentence(r, r.sentence() + "; but the user plane cannot be checked: " + a.noTunnel().orElse(""));
                    }
                }
            }
            results.add(r);
            if (r.passed() && through && check.addressPolicy() == AddressPolicy.ANY) {
                break;
            }
        }
        boolean attached = check.addressPolicy() == AddressPolicy.ALL
                ? results.stream().allMatch(AttachResult::passed) : results.stream().anyMatch(AttachResult::passed);
        boolean planeOk = userPlane == null || (check.addressPolicy() == AddressPolicy.ALL
                ? !planes.isEmpty() && planes.size() == results.size() && planes.stream().allMatch(UserPlaneResult::passed)
                : planes.stream().anyMatch(UserPlaneResult::passed));
        boolean ready = verdict.ready() && attached && planeOk;
        String step = probe.settings().withSim() ? "attach" : "IKE_AUTH";
        String sentence;
        if (ready) {
            AttachResult passed = results.stream().filter(AttachResult::passed).findFirst().orElseThrow();
            sentence = verdict.sentence() + " " + capitalised(step) + ": " + passed.sentence() + "."
                    + planes.stream().filter(UserPlaneResult::passed).findFirst().map(u -> " User plane: " + u.sentence() + ".")
                    .orElse("");
        } else if (attached && !planeOk) {
            List<String> broken = planes.stream().filter(u -> !u.passed()).map(UserPlaneResult::sentence).toList();
            sentence = "User plane failed: " + (broken.isEmpty() ? "no tunnel could be checked"
                    : Explanations.listed(broken, "; ")) + ". The attach itself succeeded: "
                    + results.stream().filter(AttachResult::passed).findFirst().map(AttachResult::sentence).orElse("") + ".";
        } else {
            List<String> failed = results.stream().filter(r -> !r.passed()).map(AttachResult::sentence).toList();
            sentence = capitalised(step) + " failed: " + Explanations.listed(failed, "; ") + ". IKE_SA_INIT alone: "
                    + verdict.sentence();
        }
        return new OperatorVerdict(verdict.plmn(), verdict.fqdn(), verdict.dns(), verdict.probes(), ready, sentence,
                since(start), verdict.discovery(), results, planes);
    }

    private static AttachResult withSentence(AttachResult r, String sentence) {
        return new AttachResult(r.fqdn(), r.address(), r.outcome(), false, sentence, r.ikeProposal(), r.delivery(),
                r.answerFragments(), r.answerBytes(), r.certificate(), r.signature(), r.eapMethod(), r.errorNotifies(),
                r.eapFailure(), r.innerAddresses(), r.dnsServers(), r.pcscfServers(), r.childProposal(), r.subscriber(),
                r.transcript(), r.elapsed());
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private List<Resolution> discoverAll(List<SelectionInput> operators) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_LOOKUPS, Math.max(1, operators.size())), r -> {
            Thread t = new Thread(r, "wificall-dns-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // discovery ends within the same global deadline as the probe run, however many names hang
        Duration budget = settings.probe().globalDeadline();
        long deadline = System.nanoTime() + budget.toNanos();
        DnsLookup.Hold hold = DnsLookup.hold(); // the lookups share sockets; closed last, it ends the DNS thread
        try {
            List<CompletableFuture<Resolution>> lookups = new ArrayList<>();
            for (SelectionInput operator : operators) {
                lookups.add(CompletableFuture.supplyAsync(() -> discovery.resolve(operator), pool));
            }
            List<Resolution> out = new ArrayList<>();
            for (int i = 0; i < operators.size(); i++) {
                try {
                    out.add(lookups.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    out.add(discovery.timedOut(operators.get(i), budget));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(discovery.timedOut(operators.get(i), budget));
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
            hold.close();
        }
    }

    /** The lookup threads end within milliseconds of the interrupt: wait for them, so none outlives the call. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OperatorVerdict verdict(CheckTarget check, Resolution resolution, List<PortResult> results,
                                           int maxAddresses, long start) {
        Plmn plmn = resolution.input().plmn();
        DnsOutcome answer = resolution.outcome();
        String fqdn = resolution.used().fqdn();
        String phones = Explanations.phones(check, fqdn);
        if (results.isEmpty()) {
            return new OperatorVerdict(plmn, fqdn, answer, List.of(), false, phones + Explanations.dnsFailure(resolution),
                    since(start), resolution);
        }
        // the addresses judged are the ones probed: all of them, or the first maxAddresses
        List<InetAddress> usable = results.stream().map(PortResult::address).distinct().toList();
        java.util.function.Predicate<InetAddress> works = address -> results.stream()
                .filter(r -> r.address().equals(address)).allMatch(PortResult::answered);
        boolean anyWorks = usable.stream().anyMatch(works);
        boolean ready = check.addressPolicy() == AddressPolicy.ALL ? usable.stream().allMatch(works) : anyWorks;
        String sentence;
        if (ready) {
            sentence = Explanations.ready(resolution, results, check.ports());
        } else if (anyWorks) {
            sentence = Explanations.notAll(resolution, results, check.ports());
        } else {
            sentence = Explanations.blocked(resolution, results, check.ports());
        }
        sentence = phones + sentence + Explanations.capped(answer, usable.size(), maxAddresses) + Explanations.offer(check);
        return new OperatorVerdict(plmn, fqdn, answer, results, ready, sentence, since(start), resolution);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
