package io.newsloom.extractor;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The input of the extractor: a page as fetched.
 *
 * @param url       the page's final URL (after redirects); resolves relative links
 * @param body      raw bytes, charset unknown until decoded
 * @param headers   HTTP response headers with lower-case names (content-type, content-language, ...); may be empty
 * @param fetchedAt when the page was fetched (gives the year to dates such as "11月30日"); may be null
 */
public record Page(String url, byte[] body, Map<String, String> headers, OffsetDateTime fetchedAt) {
    public Page {
        body = body == null ? new byte[0] : body;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
