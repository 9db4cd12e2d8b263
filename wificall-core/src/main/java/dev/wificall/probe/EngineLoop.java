package dev.wificall.probe;

import dev.wificall.ike.DhGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The engine thread: one Selector for every probe's socket, one priority queue of timers, targets
 * started in order while fewer than {@code maxInFlight} run and the rate cap has a token. Each turn
 * handles cancellations, due timers, new starts, then waits on the selector until the next timer.
 * Everything here runs on that one thread; {@link ProbeEngine} hands batches over under its lock.
 */
final class EngineLoop implements Runnable {
    /** Opening a target costs a key generation (about 2 ms): look at sockets and timers in between. */
    private static final int STARTS_PER_TURN = 8;
    /** Longest selector wait; timers and wake-ups end it sooner. */
    private static final long MAX_WAIT_MILLIS = 1000;

    /** A target waiting for its turn. */
    private record Pending(Batch batch, int index) {
    }

    /** A re-armable timer: arming again or cancelling makes earlier queue entries stale. */
    static final class TimerSlot {
        final LongConsumer action;
        long seq = -1;

        TimerSlot(LongConsumer action) {
            this.action = action;
        }
    }

    private record Timer(long due, long seq, TimerSlot slot) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due - o.due, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final ProbeEngine front;
    private final ProbeSettings settings;
    private final TokenBucket tokens;
    private final Selector selector;
    private final SecureRandom random = new SecureRandom();
    private final SplittableRandom uniform = new SplittableRandom();
    /** One buffer for every receive: only this thread reads, and each datagram is copied out at once. */
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(65_535);
    private final boolean sharedSourcePort;

    private final List<Batch> batches = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** With a shared source port two probes to one destination would be one 4-tuple: they take turns. */
    private final Map<InetSocketAddress, ArrayDeque<Pending>> waiting = new HashMap<>();
    private final Set<InetSocketAddress> busy = new HashSet<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timerSeq;
    private int inFlight;

    EngineLoop(ProbeEngine front, ProbeSettings settings, TokenBucket tokens, Selector selector) {
        this.front = front;
        this.settings = settings;
        this.tokens = tokens;
        this.selector = selector;
        this.sharedSourcePort = settings.source().policy() == SourcePortPolicy.PHONE_PORTS_IF_POSSIBLE;
    }

    @Override
    public void run() {
        Throwable failure = null;
        try {
            while (front.adopt(this)) {
                turn();
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            shutdown(failure);
        }
    }

    // --- batches in, called by ProbeEngine under its lock ---

    void accept(Batch batch) {
        batches.add(batch);
        for (int i = 0; i < batch.targets.size(); i++) {
            pending.add(new Pending(batch, i));
        }
        batch.deadlineTimer = new TimerSlot(now -> expire(batch));
        arm(batch.deadlineTimer, batch.globalDeadline);
    }

    boolean idle() {
        return batches.isEmpty();
    }

    void wakeup() {
        selector.wakeup();
    }

    // --- one turn ---

    private void turn() throws IOException {
        Thread.interrupted(); // nobody should interrupt this thread; a stray interrupt must not make select() spin
        long now = System.nanoTime();
        for (Batch b : List.copyOf(batches)) {
            if (b.cancelled) {
                cancel(b, now);
            }
        }
        fireDue(now);
        if (idle()) {
            return; // a timer ended the last batch: back to adopt at once, not after a select of up to a second
        }
        boolean more = startSome();
        now = System.nanoTime();
        long wait = more ? 0 : nextWake(now) - now;
        if (wait <= 0) {
            selector.selectNow();
        } else {
            selector.select(Math.min(MAX_WAIT_MILLIS, Math.max(1, (wait + 999_999) / 1_000_000)));
        }
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            if (key.isValid() && key.isReadable()) {
                ((ProbeExchange) key.attachment()).onReadable();
            }
        }
    }

    /** Starts waiting targets; true when more could start at once (the per-turn limit was hit). */
    private boolean startSome() {
        int started = 0;
        while (!pending.isEmpty() && inFlight < settings.maxInFlight()) {
            long now = System.nanoTime();
            if (started == STARTS_PER_TURN || timerDue(now)) {
                return true;
            }
            // the exchange takes the token when it sends; only look here, so retransmissions go first
            if (tokens.nextAt(now) - now > 0) {
                return false;
            }
            Pending p = pending.poll();
            InetSocketAddress destination = p.batch.targets.get(p.index).destination();
            if (sharedSourcePort && !busy.add(destination)) {
                waiting.computeIfAbsent(destination, d -> new ArrayDeque<>()).add(p);
                continue;
            }
            ProbeExchange x = new ProbeExchange(this, p.batch, p.index, now);
            inFlight++;
            p.batch.inFlight.add(x);
            x.open(now);
            started++;
        }
        return false;
    }

    private long nextWake(long now) {
        long wake = now + MAX_WAIT_MILLIS * 1_000_000;
        Timer head = timers.peek();
        while (head != null && head.seq != head.slot.seq) {
            timers.poll();
            head = timers.peek();
        }
        if (head != null && head.due - wake < 0) {
            wake = head.due;
        }
        if (!pending.isEmpty() && inFlight < settings.maxInFlight()) {
            long token = tokens.nextAt(now);
            wake = token - wake < 0 ? token : wake;
        }
        return wake;
    }

    // --- timers ---

    void arm(TimerSlot slot, long due) {
        slot.seq = ++timerSeq;
        timers.add(new Timer(due, slot.seq, slot));
    }

    void cancel(TimerSlot slot) {
        slot.seq = -1;
    }

    private boolean timerDue(long now) {
        Timer head = timers.peek();
        return head != null && head.due - now <= 0;
    }

    private void fireDue(long now) {
        // timers armed while firing wait for the next turn, so a timer re-armed for "now" cannot spin here
        long limit = timerSeq;
        List<Timer> later = new ArrayList<>();
        Timer t;
        while ((t = timers.peek()) != null && t.due - now <= 0) {
            timers.poll();
            if (t.seq != t.slot.seq) {
                continue;
            }
            if (t.seq > limit) {
                later.add(t);
                continue;
            }
            t.slot.seq = -1;
            t.slot.action.accept(now);
        }
        timers.addAll(later);
    }

    // --- what exchanges use ---

    ProbeSettings settings() {
        return settings;
    }

    Selector selector() {
        return selector;
    }

    SecureRandom random() {
        return random;
    }

    /** The engine's KE public value for the group (see {@link ProbeEngine#publicValue}). */
    byte[] publicValue(DhGroup group) {
        return front.publicValue(group);
    }

    ByteBuffer receiveBuffer() {
        return receiveBuffer;
    }

    /** Uniform in [0, 1), for jitter. */
    double uniform() {
        return uniform.nextDouble();
    }

    boolean takeToken(long now) {
        return tokens.tryTake(now);
    }

    long tokenTime(long now) {
        return tokens.nextAt(now);
    }

    /** Called once per exchange, from its finish. */
    void finished(ProbeExchange x, PortResult result) {
        inFlight--;
        x.batch.inFlight.remove(x);
        if (sharedSourcePort) {
            InetSocketAddress destination = x.target.destination();
            busy.remove(destination);
            ArrayDeque<Pending> next = waiting.get(destination);
            if (next != null) {
                pending.addFirst(next.poll());
                if (next.isEmpty()) {
                    waiting.remove(destination);
                }
            }
        }
        complete(x.batch, x.index, result);
    }

    private void complete(Batch b, int index, PortResult result) {
        b.complete(index, result);
        // counted even when a caller that gave up filled the slot first: every index ends here exactly once
        if (--b.unfinished == 0) {
            batches.remove(b);
            cancel(b.deadlineTimer);
        }
    }

    // --- ending batches early ---

    /** The batch's global deadline: targets still waiting are not sent; running ones end by their own deadline. */
    private void expire(Batch b) {
        String why = "not sent: global deadline reached (" + ProbeExchange.seconds(settings.globalDeadline())
                + " s) before this target's turn";
        for (Pending p : drop(b)) {
            complete(b, p.index, ProbeEngine.unsent(p.batch.targets.get(p.index), why));
        }
    }

    /** The caller gave up: end everything of the batch now. */
    private void cancel(Batch b, long now) {
        for (Pending p : drop(b)) {
            complete(b, p.index, ProbeEngine.unsent(p.batch.targets.get(p.index), "not sent: probe interrupted before it started"));
        }
        for (ProbeExchange x : List.copyOf(b.inFlight)) {
            x.interrupt(now);
        }
    }

    private List<Pending> drop(Batch b) {
        List<Pending> dropped = new ArrayList<>();
        pending.removeIf(p -> p.batch == b && dropped.add(p));
        for (Iterator<ArrayDeque<Pending>> it = waiting.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Pending> queue = it.next();
            queue.removeIf(p -> p.batch == b && dropped.add(p));
            if (queue.isEmpty()) {
                it.remove();
            }
        }
        return dropped;
    }

    private void shutdown(Throwable failure) {
        try {
            if (failure != null) {
                // a bug: whatever is left gets a result, so no caller waits for the grace period
                batches.addAll(front.detach(this));
                long now = System.nanoTime();
                for (Batch b : List.copyOf(batches)) {
                    for (ProbeExchange x : List.copyOf(b.inFlight)) {
                        x.abort(now, failure);
                    }
                    for (int i = 0; i < b.targets.size(); i++) {
                        b.complete(i, ProbeEngine.unsent(b.targets.get(i), "not completed: probe engine failed (" + failure + ")"));
                    }
                }
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException e) {
                    // closing a datagram socket only fails if it is already gone
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
