package io.newsloom.store;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.EventJson.InvalidEventException;

import java.util.regex.Pattern;

/** Checks what the table needs of an article event, so that a bad event is refused with a reason. */
public final class ArticleValidator {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private ArticleValidator() {
    }

    public static ArticleEvent validate(ArticleEvent a) {
        require(a.id() != null && ID.matcher(a.id()).matches(), "id must be 16 lower-case hex characters");
        require(a.url() != null && !a.url().isBlank(), "url is missing");
        require(a.canonicalUrl() != null && !a.canonicalUrl().isBlank(), "canonicalUrl is missing");
        require(a.text() != null, "text is missing");
        require(a.wordCount() >= 0, "wordCount is negative");
        require(a.contentHash() != null && HASH.matcher(a.contentHash()).matches(),
                "contentHash must be 64 lower-case hex characters");
        return a;
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new InvalidEventException("invalid article: " + reason);
        }
    }
}
