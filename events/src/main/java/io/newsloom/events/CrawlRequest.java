package io.newsloom.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A request to fetch one URL, published by the api on {@link Topics#CRAWL_REQUESTS}, keyed by {@link #key()} (the host)
 * so that one fetcher instance owns each host.
 *
 * @param id          unique id of this request (UUID), carried into the fetched page for tracing
 * @param url         absolute http(s) URL to fetch
 * @param kind        what the URL points at
 * @param requestedAt when the request was accepted
 * @param hints       optional hints for later stages (for example a feed entry's title); never null
 */
public record CrawlRequest(String id, String url, CrawlKind kind, OffsetDateTime requestedAt, Map<String, String> hints) {

    public static final String SCHEMA = "crawl-request/1";

    public CrawlRequest {
        hints = hints == null ? Map.of() : Map.copyOf(hints);
    }

    /** The Kafka key: the lower-cased host of {@link #url()}. */
    public String key() {
        return hostKey(url);
    }

    /** Lower-cased host of an absolute URL, the key of crawl requests and pages; empty when the URL has none. */
    public static String hostKey(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
