package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;

import java.util.Map;

/** A URL found in a feed, a sitemap or a robots.txt, with what the document said about it. */
public record DiscoveredLink(String url, CrawlKind kind, Map<String, String> hints) {
    public DiscoveredLink {
        hints = Map.copyOf(hints);
    }
}
