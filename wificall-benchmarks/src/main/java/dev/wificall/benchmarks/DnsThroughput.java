package dev.wificall.benchmarks;

import dev.wificall.dns.DnsLookup;
import dev.wificall.dns.DnsOutcome;
import dev.wificall.dns.DnsRecordType;
import dev.wificall.dns.DnsServer;
import dev.wificall.dns.DnsStatus;
import dev.wificall.dns.DnsTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolves every name of a file (one per line) through {@link DnsLookup} with bounded concurrency and
 * prints the wall time and the status counts: first A only, then A and AAAA, for some rounds in one
 * JVM. One lookup before the rounds pays the one-time costs (class loading, the reader thread, the
 * sockets) and is timed apart; round 1 is still cold (interpreted code, JIT at work).
 * scripts/bench-dns.sh sets it beside {@code dig -f} over the same names.
 *
 * <p>Usage: {@code DnsThroughput NAMES_FILE SERVER [CONCURRENCY, default 64] [ROUNDS, default 1]}
 */
public final class DnsThroughput {

    private DnsThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: DnsThroughput NAMES_FILE SERVER[:PORT] [CONCURRENCY] [ROUNDS]");
            System.exit(2);
        }
        List<String> names = Files.readAllLines(Path.of(args[0])).stream().map(String::strip)
                .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        if (names.isEmpty()) {
            System.err.println("DnsThroughput: no names in " + args[0] + "; expected one name per line");
            System.exit(2);
        }
        DnsServer server = DnsServer.parse(args[1]);
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        if (concurrency < 1 || rounds < 1) {
            throw new IllegalArgumentException("concurrency " + concurrency + " and rounds " + rounds + " must be at least 1");
        }
        DnsLookup lookup = DnsLookup.using(server, DnsLookup.DEFAULT_TIMEOUT);
        long first = System.nanoTime();
        DnsOutcome one = lookup.resolve(names.get(0), DnsRecordType.A);
        System.out.printf("first lookup (class loading, threads, sockets): %.1f ms, %s%n",
                (System.nanoTime() - first) / 1e6, one.status());
        for (int round = 1; round <= rounds; round++) {
            run(lookup, names, concurrency, round, "A", DnsRecordType.A);
            run(lookup, names, concurrency, round, "A+AAAA", DnsRecordType.A, DnsRecordType.AAAA);
        }
    }

    private static void run(DnsLookup lookup, List<String> names, int concurrency, int round, String mode,
                            DnsRecordType... types) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(names.size());
        AtomicIntegerArray counts = new AtomicIntegerArray(DnsStatus.values().length);
        AtomicLong tcp = new AtomicLong();
        long start = System.nanoTime();
        for (String name : names) {
            slots.acquire();
            lookup.resolveAsync(name, types).whenComplete((DnsOutcome o, Throwable e) -> {
                if (o != null) {
                    counts.incrementAndGet(o.status().ordinal());
                    tcp.addAndGet(o.answers().stream().filter(a -> a.transport() == DnsTransport.TCP).count());
                }
                slots.release();
                done.countDown();
            });
        }
        done.await();
        long micros = (System.nanoTime() - start) / 1_000;
        Map<DnsStatus, Integer> statuses = new EnumMap<>(DnsStatus.class);
        for (DnsStatus s : DnsStatus.values()) {
            if (counts.get(s.ordinal()) > 0) {
                statuses.put(s, counts.get(s.ordinal()));
            }
        }
        System.out.printf("mode=%s round=%d names=%d queries=%d concurrency=%d wall_ms=%.1f names_per_s=%.0f tcp=%d"
                        + " server=%s statuses=%s%n", mode, round, names.size(), names.size() * types.length, concurrency,
                micros / 1000.0, names.size() * 1e6 / Math.max(1, micros), tcp.get(), lookup.resolver(), statuses);
    }
}
