package io.newsloom.events;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A page the fetcher got, published on {@link Topics#PAGES} keyed by host. The body is passed unchanged (the parser
 * decodes it); in JSON it is base64.
 *
 * @param requestId   id of the {@link CrawlRequest} this answers
 * @param url         the URL that was requested
 * @param finalUrl    the URL after redirects
 * @param status      HTTP status of the final response
 * @param contentType the Content-Type header as sent, or null
 * @param headers     the response headers that later stages use (lower-case names: content-type, content-language,
 *                    last-modified, etag, date), never null
 * @param body        the response body, at most the fetcher's size limit
 * @param truncated   true when the body was cut at the size limit
 * @param fetchedAt   when the response was received
 * @param hints       hints passed along from the crawl request, never null
 */
public record FetchedPage(String requestId, String url, String finalUrl, int status, String contentType,
                          Map<String, String> headers, byte[] body, boolean truncated, OffsetDateTime fetchedAt,
                          Map<String, String> hints) {

    public static final String SCHEMA = "fetched-page/1";

    public FetchedPage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
        body = body == null ? new byte[0] : body;
    }

    /** The Kafka key: the host of the requested URL (the same key as the crawl request). */
    public String key() {
        return CrawlRequest.hostKey(url);
    }
}
