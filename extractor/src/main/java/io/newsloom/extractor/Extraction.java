package io.newsloom.extractor;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the extractor found on a page. Absent values are null, absent lists empty.
 *
 * @param text      main body as plain text, one paragraph per line ("" when none)
 * @param html      the same body as sanitised HTML
 * @param language  BCP 47 tag (en, zh-Hant, zh-Hans, ...)
 * @param wordCount words in text; each CJK character counts as one word
 * @param charset   the charset the body was decoded with
 * @param error     why extraction failed, or null; when set, pageType is OTHER and text is ""
 */
public record Extraction(PageType pageType, String title, String text, String html, List<String> authors,
                         OffsetDateTime publishedAt, OffsetDateTime modifiedAt, String language, String description,
                         String imageUrl, String canonicalUrl, String siteName, List<String> tags, int wordCount,
                         String charset, String error) {

    public Extraction {
        text = text == null ? "" : text;
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A failed extraction with a readable reason. */
    public static Extraction failed(String reason) {
        return new Extraction(PageType.OTHER, null, "", null, List.of(), null, null, null, null, null, null, null,
                List.of(), 0, null, reason);
    }

    public boolean isArticle() {
        return error == null && pageType == PageType.ARTICLE;
    }
}
