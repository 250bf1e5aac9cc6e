package io.newsloom.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketsTest {

    final AtomicLong now = new AtomicLong();

    @Test
    void aClientGetsItsBurstThenTheRateAndOthersAreNotAffected() {
        TokenBuckets buckets = new TokenBuckets(2, 3, 100, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, buckets.take("a"));
        }
        assertEquals(Duration.ofMillis(500), buckets.take("a"), "one token every half second");
        assertEquals(Duration.ZERO, buckets.take("b"));
        now.addAndGet(Duration.ofMillis(499).toNanos());
        assertTrue(buckets.take("a").compareTo(Duration.ZERO) > 0);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(Duration.ZERO, buckets.take("a"));
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, buckets.take("a"), "a long pause gives the burst back, not more");
        }
        assertTrue(buckets.take("a").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void theTableStaysBoundedWithManyClients() {
        TokenBuckets buckets = new TokenBuckets(1, 2, 10, now::get);
        for (int i = 0; i < 1000; i++) {
            buckets.take("client-" + i);
            buckets.take("client-" + i);
            now.addAndGet(1000);
        }
        assertTrue(buckets.size() <= 10, "kept " + buckets.size());
        // a client still limited keeps its bucket while refilled ones make room
        assertTrue(buckets.take("client-999").compareTo(Duration.ZERO) > 0);
    }
}
