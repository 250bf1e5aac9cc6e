package io.newsloom.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** API settings, under {@code newsloom.api.*} (environment: {@code NEWSLOOM_API_*}). */
@ConfigMapping(prefix = "newsloom.api")
public interface ApiConfig {

    /** Most URLs one {@code POST /crawl} may list; more is answered 413. */
    @WithDefault("1000")
    int maxCrawlUrls();

    /** How long a {@code POST /crawl} waits for the broker before answering 503. */
    @WithDefault("30s")
    Duration publishTimeout();

    /** The key writes must present in the header X-API-Key (environment: NEWSLOOM_API_KEY); unset: writes are open. */
    Optional<String> key();

    /** Article stream events kept for clients that reconnect with Last-Event-ID. */
    @WithDefault("1000")
    int streamReplay();

    /**
     * Crawl submissions per second one client may make on average (one client: the API key when one is set, else
     * the client's address); more are answered 429 with Retry-After. 0 switches the limit off.
     */
    @WithDefault("2")
    double crawlRate();

    /** Crawl submissions a client may make at once before {@link #crawlRate()} applies. */
    @WithDefault("20")
    int crawlBurst();

    /** Shortest poll interval a source may be registered with. */
    @WithDefault("1m")
    Duration minSourceInterval();
}
