package io.newsloom.fetcher;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedBodySubscriberTest {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger requested = new AtomicInteger();

    private BoundedBodySubscriber.RawBody feed(BoundedBodySubscriber s, byte[] body, int chunk, boolean complete) {
        s.onSubscribe(new Flow.Subscription() {
            public void request(long n) {
                requested.incrementAndGet();
            }

            public void cancel() {
                cancelled.set(true);
            }
        });
        for (int i = 0; i < body.length && !cancelled.get(); i += chunk) {
            int n = Math.min(chunk, body.length - i);
            // two buffers per call, as the client hands them over
            s.onNext(List.of(ByteBuffer.wrap(body, i, n / 2), ByteBuffer.wrap(body, i + n / 2, n - n / 2)));
        }
        if (complete && !cancelled.get()) {
            s.onComplete();
        }
        return s.getBody().toCompletableFuture().join();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static HttpHeaders contentLength(String value) {
        return HttpHeaders.of(Map.of("content-length", List.of(value)), (a, b) -> true);
    }

    @Test
    void aBodyOfTheAnnouncedLengthArrivesWhole() {
        byte[] body = bytes(300_000);
        BoundedBodySubscriber.RawBody raw = feed(BoundedBodySubscriber.of(10_000_000, contentLength("300000")), body,
                16_384, true);
        assertArrayEquals(body, raw.bytes());
        assertFalse(raw.overLimit());
        assertFalse(cancelled.get());
    }

    @Test
    void aBodyLongerOrShorterThanAnnouncedArrivesWhole() {
        byte[] body = bytes(2_500_000);
        assertArrayEquals(body, feed(BoundedBodySubscriber.of(10_000_000, contentLength("1000")), body, 16_384, true)
                .bytes());
        byte[] small = bytes(5_000);
        assertArrayEquals(small, feed(new BoundedBodySubscriber(10_000_000, 9_000_000_000L), small, 1_000, true)
                .bytes());
        assertArrayEquals(small, feed(BoundedBodySubscriber.of(10_000_000, contentLength("not a number")), small, 700,
                true).bytes());
    }

    @Test
    void aBodyOverTheLimitIsCutThereAndTheRestCancelled() {
        byte[] body = bytes(100_000);
        BoundedBodySubscriber.RawBody raw = feed(new BoundedBodySubscriber(30_000, -1), body, 4_096, false);
        assertTrue(raw.overLimit());
        assertTrue(cancelled.get());
        assertArrayEquals(java.util.Arrays.copyOf(body, 30_000), raw.bytes());
    }
}
