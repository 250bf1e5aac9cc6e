package io.newsloom.events;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;

/**
 * A page the fetcher got, published on {@link Topics#PAGES} keyed by host. The body is passed unchanged (the parser
 * decodes it). On the topic ({@link #SCHEMA}) the record value is the page's JSON with an empty body, a NUL byte,
 * then the body's bytes ({@link #toRecordValue()}): writing and reading the body as base64 in JSON took a sixth of
 * the fetcher's and the parser's CPU samples, and put a third more bytes through compression and the broker. Records
 * of {@code fetched-page/1}, the whole page as JSON with the body in base64, are still read.
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

    public static final String SCHEMA = "fetched-page/2";

    /** Ends the JSON in a record value; JSON text never holds a raw NUL (it is escaped in strings). */
    private static final byte END_OF_JSON = 0;

    public FetchedPage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
        body = body == null ? new byte[0] : body;
    }

    /** The Kafka key: the host of the requested URL (the same key as the crawl request). */
    public String key() {
        return CrawlRequest.hostKey(url);
    }

    /** The record value on the pages topic: this page's JSON with an empty body, a NUL byte, the body. */
    public byte[] toRecordValue() {
        byte[] json = EventJson.writeBytes(new FetchedPage(requestId, url, finalUrl, status, contentType, headers,
                new byte[0], truncated, fetchedAt, hints));
        byte[] value = new byte[json.length + 1 + body.length];
        System.arraycopy(json, 0, value, 0, json.length);
        value[json.length] = END_OF_JSON;
        System.arraycopy(body, 0, value, json.length + 1, body.length);
        return value;
    }

    /**
     * The page in a record value of the pages topic, written by {@link #toRecordValue()} or, without a NUL byte,
     * a {@code fetched-page/1} JSON page.
     *
     * @throws EventJson.InvalidEventException when the value holds no valid page
     */
    public static FetchedPage fromRecordValue(byte[] value) {
        int end = value == null ? -1 : indexOf(value, END_OF_JSON);
        if (end < 0) {
            return EventJson.read(value, FetchedPage.class);
        }
        FetchedPage page = EventJson.read(value, 0, end, FetchedPage.class);
        return new FetchedPage(page.requestId, page.url, page.finalUrl, page.status, page.contentType, page.headers,
                Arrays.copyOfRange(value, end + 1, value.length), page.truncated, page.fetchedAt, page.hints);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
