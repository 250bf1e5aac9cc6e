package io.newsloom.fetcher;

import io.newsloom.events.CrawlRequest;
import io.newsloom.events.FetchedPage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fetches one URL over HTTP: follows redirects itself (so that it can count them and spot loops), bounds the time and
 * the body size, and keeps the headers later stages use.
 */
public class PageFetcher {

    /** Response headers passed on to the parser. */
    static final List<String> KEPT_HEADERS = List.of("content-type", "content-language", "last-modified", "etag",
            "date");

    private final HttpClient client;
    private final FetchConfig config;
    private final Clock clock;

    public PageFetcher(FetchConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Fetches the request's URL.
     *
     * @throws FetchFailedException for anything but a 2xx answer in the limits, with the reason
     */
    public FetchedPage fetch(CrawlRequest request) {
        URI uri = httpUri(request.url());
        Set<URI> seen = new java.util.HashSet<>();
        for (int hop = 0; ; hop++) {
            if (!seen.add(uri)) {
                throw new FetchFailedException("redirect loop at " + uri);
            }
            HttpResponse<InputStream> response = send(uri);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
                close(response);
                if (hop >= config.maxRedirects()) {
                    throw new FetchFailedException("more than " + config.maxRedirects() + " redirects from "
                            + request.url());
                }
                uri = httpUri(uri.resolve(response.headers().firstValue("location").get().trim()).toString());
                continue;
            }
            if (status < 200 || status >= 300) {
                close(response);
                throw new FetchFailedException("HTTP " + status + " from " + uri);
            }
            return page(request, uri, response);
        }
    }

    private FetchedPage page(CrawlRequest request, URI finalUri, HttpResponse<InputStream> response) {
        Map<String, String> headers = new HashMap<>();
        for (String name : KEPT_HEADERS) {
            response.headers().firstValue(name).ifPresent(v -> headers.put(name, v));
        }
        BoundedBody body = readBody(response, finalUri);
        return new FetchedPage(request.id(), request.url(), finalUri.toString(), response.statusCode(),
                headers.get("content-type"), headers, body.bytes(), body.truncated(),
                // milliseconds: what every consumer (and PostgreSQL, in microseconds) keeps unchanged
                OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS),
                request.hints());
    }

    private HttpResponse<InputStream> send(URI uri) {
        HttpRequest httpRequest = HttpRequest.newBuilder(uri)
                .timeout(config.totalTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
                .GET()
                .build();
        try {
            return client.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new FetchFailedException("timed out fetching " + uri, e);
        } catch (IOException e) {
            throw new FetchFailedException("cannot fetch " + uri + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException("interrupted fetching " + uri, e);
        }
    }

    private BoundedBody readBody(HttpResponse<InputStream> response, URI uri) {
        int limit = config.maxBodyBytes();
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limit);
            boolean truncated = in.read() != -1;
            return new BoundedBody(bytes, truncated);
        } catch (IOException e) {
            throw new FetchFailedException("cannot read body of " + uri + ": " + describe(e), e);
        }
    }

    /** The URI of an absolute http(s) URL; anything else is refused. */
    static URI httpUri(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new FetchFailedException("not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchFailedException("only http and https URLs are fetched: " + url);
        }
        if (uri.getHost() == null) {
            throw new FetchFailedException("URL has no host: " + url);
        }
        return uri;
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private record BoundedBody(byte[] bytes, boolean truncated) {
    }
}
