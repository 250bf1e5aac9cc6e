package io.newsloom.api;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.SourceCommand;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The body of {@code POST /api/v1/sources}: {@code {"url": ..., "kind": "feed"|"sitemap", "interval": "PT15M"}}.
 *
 * @param url      the feed or sitemap (a site root with kind sitemap: the sitemaps its robots.txt lists)
 * @param kind     feed or sitemap
 * @param interval ISO 8601 duration between polls (default PT15M); the fetcher adapts it to how often the source
 *                 changes
 */
public record SourceRegistration(String url, String kind, String interval) {

    static final String DEFAULT_INTERVAL = "PT15M";
    static final Duration MAX_INTERVAL = Duration.ofDays(7);

    /**
     * The command registering this source.
     *
     * @throws ProblemException (400) naming the first thing wrong
     */
    public SourceCommand toCommand(Duration minInterval, OffsetDateTime now) {
        String checked = CrawlSubmission.checkUrl(url);
        CrawlKind crawlKind;
        try {
            crawlKind = CrawlKind.parse(kind);
        } catch (IllegalArgumentException e) {
            crawlKind = null;
        }
        if (crawlKind != CrawlKind.FEED && crawlKind != CrawlKind.SITEMAP) {
            throw ProblemException.badRequest("'kind' must be feed or sitemap");
        }
        String text = interval == null ? DEFAULT_INTERVAL : interval.trim();
        Duration parsed;
        try {
            parsed = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'interval' must be an ISO 8601 duration such as PT15M");
        }
        if (parsed.compareTo(minInterval) < 0 || parsed.compareTo(MAX_INTERVAL) > 0) {
            throw ProblemException.badRequest("'interval' must be from " + minInterval + " to " + MAX_INTERVAL);
        }
        return SourceCommand.register(checked, crawlKind, parsed.toString(), now);
    }
}
