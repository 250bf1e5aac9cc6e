package io.newsloom.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: a client may make {@code burst} requests at once, then {@code rate} per second. A bucket
 * that has filled up again is the same as none, so such buckets are dropped when the table is full; that keeps the
 * memory bounded whatever the number of clients.
 */
public final class TokenBuckets {

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final double perNano;
    private final double burst;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new HashMap<>();

    /**
     * @param ratePerSecond tokens added per second (must be positive)
     * @param burst         the most tokens a bucket holds, at least 1
     * @param maxClients    buckets kept at most
     * @param nanoTime      the clock, as {@link System#nanoTime()}
     */
    public TokenBuckets(double ratePerSecond, int burst, int maxClients, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0) || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate must be positive, burst and maxClients at least 1");
        }
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    /** Takes a token from the client's bucket: zero when there was one, else how long until there is. */
    public synchronized Duration take(String client) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.get(client);
        if (b == null) {
            if (buckets.size() >= maxClients) {
                makeRoom(now);
            }
            b = new Bucket(burst, now);
            buckets.put(client, b);
        }
        b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
        b.at = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - b.tokens) / perNano));
    }

    /** Buckets kept now. */
    public synchronized int size() {
        return buckets.size();
    }

    private void makeRoom(long now) {
        buckets.values().removeIf(b -> b.tokens + (now - b.at) * perNano >= burst);
        if (buckets.size() >= maxClients) {
            // every kept client is still limited: forget the one idle longest (it gets a full bucket back, no more)
            buckets.entrySet().stream().min((x, y) -> Long.compare(x.getValue().at, y.getValue().at))
                    .ifPresent(oldest -> buckets.remove(oldest.getKey()));
        }
    }
}
