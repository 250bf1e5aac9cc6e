package io.newsloom.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Limits crawl submissions per client ({@code newsloom.api.crawl-rate}, {@code .crawl-burst}): per API key when one
 * is configured (every writer that got past {@link ApiKeyFilter} holds it), else per client address.
 */
@ApplicationScoped
public class CrawlRateLimit {

    /** Buckets kept at most: beyond, refilled buckets are dropped (see {@link TokenBuckets}). */
    static final int MAX_CLIENTS = 100_000;

    private final TokenBuckets buckets;
    private final boolean perKey;

    @Inject
    public CrawlRateLimit(ApiConfig config) {
        this.buckets = config.crawlRate() > 0
                ? new TokenBuckets(config.crawlRate(), config.crawlBurst(), MAX_CLIENTS, System::nanoTime) : null;
        this.perKey = config.key().filter(k -> !k.isBlank()).isPresent();
    }

    /** Lets the submission through, or ends it with a 429 problem naming the wait. */
    public void admit(HttpServerRequest request) {
        if (buckets == null) {
            return;
        }
        String client = perKey ? "api-key"
                : request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Duration wait = buckets.take(client);
        if (!wait.isZero()) {
            throw ProblemException.tooManyRequests("too many crawl submissions; retry after the time in Retry-After",
                    wait);
        }
    }
}
