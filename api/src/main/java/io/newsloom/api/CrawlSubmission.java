package io.newsloom.api;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /api/v1/crawl}: {@code {"urls": [...], "kind": "page"}}.
 *
 * @param urls absolute http(s) URLs; duplicates are sent once
 * @param kind page, feed or sitemap (default page)
 */
public record CrawlSubmission(List<String> urls, String kind) {

    static final int MAX_URL_LENGTH = 2048;

    /**
     * The crawl requests this submission asks for.
     *
     * @throws ProblemException (400) naming the first thing wrong with it
     */
    public List<CrawlRequest> toRequests(int maxUrls, OffsetDateTime now) {
        if (urls == null || urls.isEmpty()) {
            throw ProblemException.badRequest("'urls' must list at least one URL");
        }
        if (urls.size() > maxUrls) {
            throw new ProblemException(413, "Too many URLs",
                    "one request may list at most " + maxUrls + " URLs; it listed " + urls.size());
        }
        CrawlKind crawlKind = parseKind();
        List<CrawlRequest> requests = new ArrayList<>();
        for (String url : new LinkedHashSet<>(urls)) {
            requests.add(new CrawlRequest(UUID.randomUUID().toString(), checkUrl(url), crawlKind, now, Map.of()));
        }
        return requests;
    }

    private CrawlKind parseKind() {
        if (kind == null) {
            return CrawlKind.PAGE;
        }
        try {
            return CrawlKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'kind' must be page, feed or sitemap");
        }
    }

    /** The trimmed URL when it is an absolute http(s) URL of reasonable length; a 400 problem otherwise. */
    static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.badRequest("'urls' contains an empty URL");
        }
        String trimmed = url.trim();
        if (trimmed.length() > MAX_URL_LENGTH) {
            throw ProblemException.badRequest("a URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw ProblemException.badRequest("not an absolute http(s) URL: " + abbreviate(trimmed));
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
