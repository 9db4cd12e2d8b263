package dev.wificall.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate cap on a made-up clock. */
class TokenBucketTest {
    private static final long MS = 1_000_000;

    @Test
    void aBurstThenOnePerInterval() {
        TokenBucket bucket = new TokenBucket(100, 5); // 10 ms apart after 5 at once
        long t = 1_000 * MS;
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(t)).as("burst token %d", i).isTrue();
        }
        assertThat(bucket.tryTake(t)).isFalse();
        assertThat(bucket.nextAt(t)).isEqualTo(t + 10 * MS);
        assertThat(bucket.tryTake(t + 10 * MS - 1)).isFalse();
        assertThat(bucket.tryTake(t + 10 * MS)).isTrue();
        assertThat(bucket.tryTake(t + 10 * MS)).isFalse();
    }

    @Test
    void neverMoreThanBurstPlusRateInAnyWindow() {
        TokenBucket bucket = new TokenBucket(200); // burst 10, 5 ms apart
        List<Long> taken = new ArrayList<>();
        // a greedy sender polling every 0.3 ms for 2 s
        for (long t = 0; t < 2_000 * MS; t += 300_000) {
            while (bucket.tryTake(t)) {
                taken.add(t);
            }
        }
        for (int i = 0; i < taken.size(); i++) {
            for (int j = i; j < taken.size(); j++) {
                long window = taken.get(j) - taken.get(i);
                assertThat(j - i + 1L).isLessThanOrEqualTo(10 + window / (5 * MS));
            }
        }
        // and it does not starve: about 10 + 2 s x 200/s
        assertThat(taken).hasSizeBetween(405, 411);
    }

    @Test
    void idleTimeRefillsOnlyUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(100, 3);
        assertThat(bucket.tryTake(0)).isTrue();
        long later = 10_000 * MS;
        int n = 0;
        while (bucket.tryTake(later)) {
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void zeroMeansNoCap() {
        TokenBucket bucket = new TokenBucket(0);
        for (int i = 0; i < 100_000; i++) {
            assertThat(bucket.tryTake(0)).isTrue();
        }
        assertThat(bucket.nextAt(42)).isEqualTo(42);
    }
}
