package io.newsloom.fetcher;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Waits between retries: the initial delay doubled per earlier attempt, capped, with "equal jitter" (half fixed, half
 * random) so that many URLs failing together do not come back together. A server's Retry-After wins when it is
 * longer, up to the cap.
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1 or more). */
    public Duration delay(int attempt, Duration retryAfter) {
        long capMillis = max.toMillis();
        long exponential = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long base = Math.min(capMillis, exponential < 0 ? capMillis : exponential);
        long jittered = base / 2 + (long) (random.getAsDouble() * (base / 2.0));
        if (retryAfter != null) {
            jittered = Math.max(jittered, Math.min(retryAfter.toMillis(), capMillis));
        }
        return Duration.ofMillis(jittered);
    }
}
