package io.newsloom.fetcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.newsloom.events.CrawlHints;
import io.newsloom.events.CrawlKind;
import io.newsloom.events.EventJson;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entries of a feed as page links with their title and date: RSS 0.9x/1.0/2.0 and Atom through ROME (which
 * refuses DOCTYPEs, so no external entities), JSON Feed through Jackson.
 */
public final class FeedReader {

    private FeedReader() {
    }

    /**
     * @throws IllegalArgumentException with a readable reason when the bytes are not a feed
     */
    public static List<DiscoveredLink> entries(byte[] body, String contentType, String feedUrl) {
        if (looksLikeJson(body, contentType)) {
            return jsonFeed(body, feedUrl);
        }
        try {
            SyndFeedInput input = new SyndFeedInput();
            var feed = input.build(new XmlReader(new ByteArrayInputStream(body), contentType, true));
            List<DiscoveredLink> links = new ArrayList<>();
            for (SyndEntry entry : feed.getEntries()) {
                String link = entry.getLink() != null ? entry.getLink() : entry.getUri();
                Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
                add(links, feedUrl, link, entry.getTitle(), date == null ? null
                        : date.toInstant().atOffset(ZoneOffset.UTC).toString());
            }
            return links;
        } catch (Exception e) {
            throw new IllegalArgumentException("not a readable RSS or Atom feed: " + e.getMessage(), e);
        }
    }

    private static List<DiscoveredLink> jsonFeed(byte[] body, String feedUrl) {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a readable JSON Feed: " + e.getMessage(), e);
        }
        if (root == null || !root.path("items").isArray()) {
            throw new IllegalArgumentException("not a JSON Feed: no \"items\" array");
        }
        List<DiscoveredLink> links = new ArrayList<>();
        for (JsonNode item : root.get("items")) {
            String url = item.path("url").asText(null);
            if (url == null) {
                url = item.path("external_url").asText(null);
            }
            String date = item.path("date_published").asText(null);
            add(links, feedUrl, url, item.path("title").asText(null), isoDate(date));
        }
        return links;
    }

    private static void add(List<DiscoveredLink> links, String feedUrl, String link, String title, String published) {
        if (link == null || link.isBlank()) {
            return;
        }
        String absolute;
        try {
            absolute = URI.create(feedUrl).resolve(link.trim()).toString();
        } catch (IllegalArgumentException e) {
            return;   // one bad entry does not spoil the feed
        }
        Map<String, String> hints = new HashMap<>();
        hints.put(CrawlHints.DISCOVERED_VIA, feedUrl);
        if (title != null && !title.isBlank()) {
            hints.put(CrawlHints.TITLE, title.strip());
        }
        if (published != null) {
            hints.put(CrawlHints.PUBLISHED, published);
        }
        links.add(new DiscoveredLink(absolute, CrawlKind.PAGE, hints));
    }

    private static String isoDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean looksLikeJson(byte[] body, String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b) && b != (byte) 0xef && b != (byte) 0xbb && b != (byte) 0xbf) {
                return b == '{';
            }
        }
        return false;
    }
}
