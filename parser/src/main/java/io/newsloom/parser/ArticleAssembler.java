package io.newsloom.parser;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.ArticleIds;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.FetchedPage;
import io.newsloom.extractor.Extraction;

import java.net.URI;

/** Turns a fetched page and what the extractor found on it into the article event. */
public final class ArticleAssembler {

    private ArticleAssembler() {
    }

    public static ArticleEvent assemble(FetchedPage page, Extraction extraction) {
        String canonical = absoluteHttp(extraction.canonicalUrl()) ? extraction.canonicalUrl().trim()
                : page.finalUrl();
        String title = extraction.title();
        String text = extraction.text();
        return new ArticleEvent(ArticleIds.fromUrl(canonical), page.url(), canonical, site(canonical), title,
                extraction.authors(), extraction.publishedAt(), extraction.modifiedAt(), page.fetchedAt(),
                extraction.language(), extraction.description(), text, extraction.html(), extraction.imageUrl(),
                extraction.tags(), extraction.wordCount(), contentHash(title, text), null, null);
    }

    /** Hash of what a reader sees: a change of title or text is a new revision, a change of page chrome is not. */
    static String contentHash(String title, String text) {
        return ArticleIds.sha256Hex((title == null ? "" : title) + "\n" + text);
    }

    /** The host without a leading "www.", which names the site in filters. */
    static String site(String url) {
        String host = CrawlRequest.hostKey(url);
        if (host.isEmpty()) {
            return null;
        }
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static boolean absoluteHttp(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI u = URI.create(url.trim());
            return u.getHost() != null && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
