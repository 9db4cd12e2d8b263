package dev.wificall.probe;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeProposals;
import java.io.IOException;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes many ePDG addresses and ports at once: one daemon thread with one Selector drives every
 * probe as a state machine (see {@link ProbeExchange}), with timers in a priority queue, at most
 * {@link ProbeSettings#maxInFlight()} probes open, a token bucket for
 * {@link ProbeSettings#packetsPerSecond()} over everything the engine sends, and each call ending by
 * its {@link ProbeSettings#globalDeadline()}.
 *
 * <p>Thread-safe: concurrent calls share the one thread, the rate cap and the in-flight cap. The
 * thread starts with the first call and ends when no call is left; every socket is closed by then,
 * also when a caller is interrupted, and the last call returns only after the thread has ended.
 */
public final class ProbeEngine {
    /** How long a caller waits past the global deadline before it stops trusting the engine (a bug). */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long a finished call waits for the engine's threads to end: they end within milliseconds. */
    private static final long JOIN_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final AtomicInteger THREADS = new AtomicInteger();
    static final String THREAD_NAME = "wificall-probe-engine-";

    /** Called in the caller's thread, one result at a time, in the order the probes finish. */
    @FunctionalInterface
    public interface Progress {
        /** @param index the target's position in the list given to {@link #probeAll} */
        void finished(int index, PortResult result);
    }

    private final ProbeSettings settings;
    /** Outlives engine threads, so a new thread cannot restart the rate with a fresh burst. */
    private final TokenBucket tokens;
    private final Object lock = new Object();
    private final ArrayDeque<Batch> incoming = new ArrayDeque<>();
    private EngineLoop running;
    /** The latest engine thread, for {@link #running()}. */
    private Thread thread;
    /** Calls of {@link #probeAll} under way, under {@code lock}. */
    private int calls;

    private final Map<DhGroup, byte[]> publicValues = new ConcurrentHashMap<>();
    private final SecureRandom keyRandom = new SecureRandom();
    /** Makes the first keys beside DNS; joined before the first call returns. */
    private final Thread keys;

    public ProbeEngine(ProbeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = new TokenBucket(settings.packetsPerSecond());
        // the first offer's key and the broad re-check's are made now, beside DNS, not before the first packet
        keys = new Thread(() -> {
            publicValue(settings.proposals().firstGroup());
            if (settings.broadRecheck()) {
                publicValue(IkeProposals.BROAD.firstGroup());
            }
        }, "wificall-keys");
        keys.setDaemon(true);
        keys.start();
    }

    /**
     * One KE public value per group for this engine: a probe never completes the exchange, so a fresh
     * key per target only costs time (an ECP-256 key takes about a millisecond, a MODP-2048 one tens),
     * which capped the engine below ike-scan's rate. SPIs and nonces stay fresh per request.
     */
    byte[] publicValue(DhGroup group) {
        return publicValues.computeIfAbsent(group, g -> g.generatePublicValue(keyRandom));
    }

    public ProbeSettings settings() {
        return settings;
    }

    /** Probes one target; never throws for network conditions. */
    public PortResult probe(ProbeTarget target) {
        return probeAll(List.of(target)).get(0);
    }

    /** Probes every target and returns their results in the same order; blocks until all are done. */
    public List<PortResult> probeAll(List<ProbeTarget> targets) {
        return probeAll(targets, (i, r) -> { });
    }

    /**
     * Probes every target, reporting each result to {@code progress} as it finishes; returns them in
     * the order given. Returns by the global deadline. When the calling thread is interrupted, the
     * remaining probes end at once (NOT_SENT or NO_ANSWER "probe interrupted") and the interrupt
     * status is kept. An exception from {@code progress} ends the remaining probes and propagates.
     */
    public List<PortResult> probeAll(List<ProbeTarget> targets, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        targets.forEach(t -> Objects.requireNonNull(t, "target"));
        if (targets.isEmpty()) {
            return List.of();
        }
        Batch batch = new Batch(targets, System.nanoTime() + settings.globalDeadline().toNanos());
        submit(batch);
        boolean interrupted = false;
        boolean complete = false;
        try {
            long giveUp = batch.globalDeadline + GRACE_NANOS;
            for (int received = 0; received < targets.size(); ) {
                Integer index;
                try {
                    index = batch.done.poll(giveUp - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel(batch);
                    giveUp = Math.min(giveUp, System.nanoTime() + GRACE_NANOS);
                    continue;
                }
                if (index == null) {
                    cancel(batch);
                    for (int i = 0; i < targets.size(); i++) {
                        batch.complete(i, unsent(targets.get(i), "not completed: the probe engine missed the global"
                                + " deadline by " + Duration.ofNanos(GRACE_NANOS).toSeconds() + " s"));
                    }
                    continue;
                }
                received++;
                progress.finished(index, batch.results.get(index));
            }
            complete = true;
        } finally {
            if (!complete) {
                cancel(batch);
            }
            awaitThreads();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        List<PortResult> results = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            results.add(batch.results.get(i));
        }
        return List.copyOf(results);
    }

    /**
     * Waits (bounded) for the threads this engine started to end once no call is left, so that a caller
     * (a Maven goal, a test) that returns leaves no thread of ours behind: the loop closes its sockets
     * and ends right after the last batch, the key thread after its first keys.
     */
    private void awaitThreads() {
        long until = System.nanoTime() + JOIN_NANOS;
        Thread loop;
        synchronized (lock) {
            loop = --calls == 0 ? thread : null;
        }
        try {
            // in short steps: a call that starts meanwhile keeps the loop, and then it is not ours to wait for
            while (loop != null && loop.isAlive() && System.nanoTime() < until) {
                loop.join(10);
                synchronized (lock) {
                    if (calls > 0) {
                        break;
                    }
                }
            }
            long left = until - System.nanoTime();
            if (keys != Thread.currentThread() && left > 0) {
                keys.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(Batch batch) {
        synchronized (lock) {
            calls++;
            if (running != null) {
                incoming.add(batch);
                running.wakeup();
                return;
            }
            Selector selector;
            try {
                selector = Selector.open();
            } catch (IOException e) {
                for (int i = 0; i < batch.targets.size(); i++) {
                    batch.complete(i, unsent(batch.targets.get(i), "not sent: cannot open a selector (" + e.getMessage() + ")"));
                }
                return;
            }
            incoming.add(batch);
            running = new EngineLoop(this, settings, tokens, selector);
            thread = new Thread(running, THREAD_NAME + THREADS.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void cancel(Batch batch) {
        batch.cancelled = true;
        synchronized (lock) {
            if (running != null) {
                running.wakeup();
            }
        }
    }

    /** Hands new batches to the loop; false, and the loop is no longer the engine's, when it has nothing to do. */
    boolean adopt(EngineLoop loop) {
        synchronized (lock) {
            while (!incoming.isEmpty()) {
                loop.accept(incoming.poll());
            }
            if (loop.idle()) {
                running = null;
                return false;
            }
            return true;
        }
    }

    /** A failing loop lets go; batches it had not adopted are its to fail. */
    List<Batch> detach(EngineLoop loop) {
        synchronized (lock) {
            if (running == loop) {
                running = null;
            }
            List<Batch> left = new ArrayList<>(incoming);
            incoming.clear();
            return left;
        }
    }

    /** Whether an engine thread is alive; it closes every socket and its selector before it ends. */
    boolean running() {
        synchronized (lock) {
            return thread != null && thread.isAlive();
        }
    }

    static PortResult unsent(ProbeTarget target, String why) {
        return new PortResult(target.destination().getAddress(), target.port(), PortOutcome.NOT_SENT, 0, Duration.ZERO,
                why, 0);
    }
}
