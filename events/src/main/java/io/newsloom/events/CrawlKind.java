package io.newsloom.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a crawl request points at. Serialised in lower case: {@code page}, {@code feed}, {@code sitemap}. */
public enum CrawlKind {
    PAGE, FEED, SITEMAP;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CrawlKind parse(String value) {
        if (value == null) {
            return null;
        }
        for (CrawlKind k : values()) {
            if (k.json().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + value + "' (expected page, feed or sitemap)");
    }
}
