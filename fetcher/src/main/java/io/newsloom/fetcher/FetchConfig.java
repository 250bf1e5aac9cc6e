package io.newsloom.fetcher;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Fetcher settings, under {@code newsloom.fetch.*} (environment: {@code NEWSLOOM_FETCH_*}). */
@ConfigMapping(prefix = "newsloom.fetch")
public interface FetchConfig {

    /** User-Agent sent with every request; its product token (before the slash) is the name robots.txt rules match. */
    @WithDefault("NewsloomBot/0.1 (+https://github.com/newsloom/newsloom)")
    String userAgent();

    /** Time to open the connection. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Time from sending the request to the response headers. */
    @WithDefault("15s")
    Duration readTimeout();

    /** Time for the whole fetch of one URL, every redirect, headers and body included. */
    @WithDefault("30s")
    Duration totalTimeout();

    /** Largest body kept, in bytes (after decompression). */
    @WithDefault("10485760")
    int maxBodyBytes();

    /**
     * What to do with a longer body: {@code truncate} (keep the first max-body-bytes, marked truncated) or
     * {@code reject}.
     */
    @WithDefault("truncate")
    OversizePolicy oversizeBody();

    /** A compressed body that inflates more than this many times over is refused as a decompression bomb. */
    @WithDefault("100")
    int maxCompressionRatio();

    /** Redirects followed before giving up. */
    @WithDefault("5")
    int maxRedirects();

    /** Whether hosts resolving to loopback, private, link-local or multicast addresses may be fetched (tests only). */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /**
     * Networks (CIDR, e.g. 10.20.0.0/16) the guard lets the fetcher reach although they are private: an intranet
     * news server, say. Everything else private stays refused, also behind a redirect.
     */
    Optional<List<String>> trustedNetworks();

    /** Fetches running at once (each on a different host). */
    @WithDefault("16")
    int concurrency();

    /** Least time between two requests to the same host. */
    @WithDefault("1s")
    Duration minHostDelay();

    /** Largest robots.txt Crawl-delay honoured; a longer one is cut to this. */
    @WithDefault("30s")
    Duration maxCrawlDelay();

    /** How long a host's robots.txt is trusted before it is fetched again. */
    @WithDefault("1h")
    Duration robotsCacheTtl();

    /** How long to wait before asking again for a robots.txt that answered 5xx or timed out. */
    @WithDefault("1m")
    Duration robotsRetryDelay();

    /** Attempts for a URL that fails transiently (timeouts, connection errors, 429, 5xx) before it is given up. */
    @WithDefault("4")
    int maxAttempts();

    /** Wait before the first retry; doubled for each further one, with jitter, up to retry-max-delay. */
    @WithDefault("10s")
    Duration retryInitialDelay();

    /** Longest wait between retries (also the cap of a Retry-After header). */
    @WithDefault("1h")
    Duration retryMaxDelay();

    /** When a fetched page discovered in a feed or sitemap is due again. */
    @WithDefault("30d")
    Duration revisitInterval();

    /** Shortest interval an often-changing source is polled at. */
    @WithDefault("1m")
    Duration sourceMinInterval();

    /** Longest interval a source that never changes backs off to. */
    @WithDefault("24h")
    Duration sourceMaxInterval();

    /** How often the fetch loop looks for due URLs and sources. */
    @WithDefault("200ms")
    Duration pollInterval();

    /**
     * How long a claimed host stays leased if its fetcher dies mid-fetch, before another may take it. A live fetcher
     * renews the leases of its running fetches every third of this, so it need not cover the longest fetch.
     */
    @WithDefault("30s")
    Duration leaseTimeout();

    /** At shutdown, how long in-flight fetches may finish before they are released back to the frontier. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /**
     * Records the stages after the fetcher may have left to take (the lag of the downstream groups) before the
     * fetcher stops claiming URLs; 0 for no limit. Beyond it the URLs wait in the frontier, where waiting costs a
     * row, rather than on the topics as whole pages that age while they wait.
     */
    @WithDefault("100")
    int maxDownstreamLag();

    /**
     * The consumer groups whose lag max-downstream-lag limits, each {@code group:topic}: the parsers on the pages
     * topic and the stores on the articles topic. A group with neither a commit on its topic nor a member running
     * counts 0.
     */
    @WithDefault("newsloom-parser:${newsloom.topics.pages},newsloom-store:${newsloom.topics.articles}")
    List<String> downstreamGroups();

    /** How often the downstream lag is read from the broker. */
    @WithDefault("100ms")
    Duration downstreamCheckInterval();

    enum OversizePolicy { TRUNCATE, REJECT }
}
