package dev.wificall.probe;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One {@link ProbeEngine#probeAll} call: its targets, its global deadline, and the results as the
 * engine thread finishes them. The caller reads results after taking their index from
 * {@link #done}, which orders the engine's write before the caller's read.
 */
final class Batch {
    final List<ProbeTarget> targets;
    /** System.nanoTime() by which every target has a result. */
    final long globalDeadline;
    final AtomicReferenceArray<PortResult> results;
    final BlockingQueue<Integer> done = new LinkedBlockingQueue<>();
    /** Set by the caller when it gives up (interrupt); the engine then ends the batch at once. */
    volatile boolean cancelled;

    // engine thread only
    int unfinished;
    final Set<ProbeExchange> inFlight = new HashSet<>();
    EngineLoop.TimerSlot deadlineTimer;

    Batch(List<ProbeTarget> targets, long globalDeadline) {
        this.targets = List.copyOf(targets);
        this.globalDeadline = globalDeadline;
        this.results = new AtomicReferenceArray<>(targets.size());
        this.unfinished = targets.size();
    }

    /** Records a result once; later ones for the same index (a caller filling gaps) are dropped. */
    boolean complete(int index, PortResult result) {
        if (results.compareAndSet(index, null, result)) {
            done.add(index);
            return true;
        }
        return false;
    }
}
