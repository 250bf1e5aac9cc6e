package io.newsloom.events;

import java.time.OffsetDateTime;

/**
 * A change to the registered sources (feeds and sitemaps polled on an interval), published by the api on
 * {@link Topics#SOURCE_COMMANDS} keyed by {@link #id()}; the fetcher keeps the sources and polls them.
 *
 * @param id       the source's id: {@link ArticleIds#fromUrl(String)} of its URL, so one URL is one source
 * @param action   {@link #REGISTER} (add, or change the kind and interval of an existing one) or {@link #REMOVE}
 * @param url      the feed or sitemap URL (for a sitemap, a site root means: the sitemaps its robots.txt lists);
 *                 null for remove
 * @param kind     feed or sitemap; null for remove
 * @param interval ISO 8601 duration between polls as registered, e.g. {@code PT15M}; null for remove
 * @param issuedAt when the api accepted the command
 */
public record SourceCommand(String id, String action, String url, CrawlKind kind, String interval,
                            OffsetDateTime issuedAt) {

    public static final String SCHEMA = "source-command/1";
    public static final String REGISTER = "register";
    public static final String REMOVE = "remove";

    public static SourceCommand register(String url, CrawlKind kind, String interval, OffsetDateTime at) {
        return new SourceCommand(ArticleIds.fromUrl(url), REGISTER, url, kind, interval, at);
    }

    public static SourceCommand remove(String id, OffsetDateTime at) {
        return new SourceCommand(id, REMOVE, null, null, null, at);
    }

    /** The Kafka key: the source id, so that the commands of one source stay in order. */
    public String key() {
        return id;
    }
}
