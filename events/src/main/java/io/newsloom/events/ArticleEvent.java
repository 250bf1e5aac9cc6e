package io.newsloom.events;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An article, as published on {@link Topics#ARTICLES} (keyed by {@link #id()}) and as served by the api: the same field
 * names in both places. Absent values are null, absent lists are empty.
 *
 * @param id           stable id derived from the canonical URL ({@link ArticleIds#fromUrl(String)})
 * @param url          the URL that was requested
 * @param canonicalUrl the page's canonical URL (link rel=canonical, og:url) or the final URL
 * @param site         the site's host or name
 * @param text         plain text, one paragraph per line
 * @param html         the body as sanitised HTML
 * @param wordCount    words in text (CJK characters count one each)
 * @param contentHash  SHA-256 (hex) of title and text, used to tell revisions apart
 * @param duplicateOf  id of an earlier article with nearly the same text, set by the store
 * @param version      revision number, set by the store (null on the topic until stored)
 */
public record ArticleEvent(String id, String url, String canonicalUrl, String site, String title,
                           List<String> authors, OffsetDateTime publishedAt, OffsetDateTime modifiedAt,
                           OffsetDateTime fetchedAt, String language, String description, String text, String html,
                           String imageUrl, List<String> tags, int wordCount, String contentHash, String duplicateOf,
                           Integer version) {

    public static final String SCHEMA = "article/1";

    public ArticleEvent {
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The Kafka key. */
    public String key() {
        return id;
    }

    /** This article with the fields the store assigns. */
    public ArticleEvent stored(int newVersion, String newDuplicateOf) {
        return new ArticleEvent(id, url, canonicalUrl, site, title, authors, publishedAt, modifiedAt, fetchedAt,
                language, description, text, html, imageUrl, tags, wordCount, contentHash, newDuplicateOf, newVersion);
    }
}
