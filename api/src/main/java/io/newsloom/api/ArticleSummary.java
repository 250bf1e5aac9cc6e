package io.newsloom.api;

import io.newsloom.events.ArticleEvent;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An article in a list: the fields of the article event without {@code html}, and {@code text} cut to a snippet.
 * {@code GET /api/v1/articles/{id}} has the whole article.
 */
public record ArticleSummary(String id, String url, String canonicalUrl, String site, String title,
                             List<String> authors, OffsetDateTime publishedAt, OffsetDateTime modifiedAt,
                             OffsetDateTime fetchedAt, String language, String description, String text,
                             String imageUrl, List<String> tags, int wordCount, String contentHash,
                             String duplicateOf, Integer version) {

    /** Characters a snippet keeps at most (plus an ellipsis). */
    static final int SNIPPET_LENGTH = 280;

    public static ArticleSummary of(ArticleEvent a) {
        return new ArticleSummary(a.id(), a.url(), a.canonicalUrl(), a.site(), a.title(), a.authors(),
                a.publishedAt(), a.modifiedAt(), a.fetchedAt(), a.language(), a.description(), snippet(a.text()),
                a.imageUrl(), a.tags(), a.wordCount(), a.contentHash(), a.duplicateOf(), a.version());
    }

    /**
     * The start of the text, one line, cut at a word boundary when there is one near the end (CJK text has none, so
     * it is cut at the length).
     */
    static String snippet(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replace('\n', ' ').strip();
        if (flat.codePointCount(0, flat.length()) <= SNIPPET_LENGTH) {
            return flat;
        }
        int end = flat.offsetByCodePoints(0, SNIPPET_LENGTH);
        int space = flat.lastIndexOf(' ', end);
        if (space > end - 40) {
            end = space;
        }
        return flat.substring(0, end).stripTrailing() + "…";
    }
}
