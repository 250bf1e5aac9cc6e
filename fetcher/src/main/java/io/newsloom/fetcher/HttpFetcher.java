package io.newsloom.fetcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one URL over HTTP within limits: follows redirects itself (to count them, spot loops and check every hop
 * against the {@link AddressGuard}), sends the validators of the last fetch, bounds the time of the whole fetch and
 * the size of the body (also after decompression), and sorts failures into retryable and permanent ones.
 */
public final class HttpFetcher {

    /** The encodings {@link BodyDecoder} undoes. */
    static final String ACCEPT_ENCODING = "gzip, deflate, br";

    /** Response headers kept for later stages and for the next conditional request. */
    static final List<String> KEPT_HEADERS = List.of("content-type", "content-language", "last-modified", "etag",
            "date");

    /**
     * The limits of one fetch.
     *
     * @param maxCompressionRatio a compressed body inflating beyond this ratio (and 1 MiB) is a decompression bomb
     */
    public record Limits(String userAgent, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                         int maxBodyBytes, FetchConfig.OversizePolicy oversize, int maxCompressionRatio,
                         int maxRedirects) {

        static Limits of(FetchConfig c) {
            return new Limits(c.userAgent(), c.connectTimeout(), c.readTimeout(), c.totalTimeout(), c.maxBodyBytes(),
                    c.oversizeBody(), c.maxCompressionRatio(), c.maxRedirects());
        }
    }

    /** The validators of an earlier fetch, sent as If-None-Match and If-Modified-Since; either may be null. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    private final HttpClient client;
    private final Limits limits;
    private final AddressGuard guard;
    private final Clock clock;

    public HttpFetcher(Limits limits, AddressGuard guard, Clock clock) {
        this.limits = limits;
        this.guard = guard;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Fetches a URL; never throws for anything the network or the server does. */
    public FetchOutcome fetch(String url, Validators validators, String accept) {
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        URI uri;
        try {
            uri = httpUri(url);
        } catch (IllegalArgumentException e) {
            return FetchOutcome.Failed.permanent(e.getMessage());
        }
        Set<URI> seen = new HashSet<>();
        for (int hop = 0; ; hop++) {
            if (!seen.add(uri)) {
                return FetchOutcome.Failed.permanent("redirect loop at " + uri);
            }
            String refusal = guard.refusal(uri.getHost());
            if (refusal != null) {
                return FetchOutcome.Failed.permanent(refusal);
            }
            Exchange exchange = exchange(uri, hop == 0 ? validators : Validators.NONE, accept, deadline);
            if (exchange.failure() != null) {
                return exchange.failure();
            }
            HttpResponse<BoundedBodySubscriber.RawBody> response = exchange.response();
            int status = response.statusCode();
            var location = response.headers().firstValue("location");
            if (status >= 300 && status < 400 && status != 304 && location.isPresent()) {
                if (hop >= limits.maxRedirects()) {
                    return FetchOutcome.Failed.permanent("more than " + limits.maxRedirects() + " redirects from "
                            + url);
                }
                try {
                    uri = httpUri(uri.resolve(location.get().trim()).toString());
                } catch (IllegalArgumentException e) {
                    return FetchOutcome.Failed.permanent("bad redirect from " + uri + ": " + e.getMessage());
                }
                continue;
            }
            return outcome(uri, response);
        }
    }

    private FetchOutcome outcome(URI uri, HttpResponse<BoundedBodySubscriber.RawBody> response) {
        int status = response.statusCode();
        if (status == 304) {
            return new FetchOutcome.NotModified(uri);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return FetchOutcome.Failed.httpStatus(status, "HTTP " + status + " from " + uri, true,
                    retryAfter(response.headers().firstValue("retry-after").orElse(null), clock));
        }
        if (status < 200 || status >= 300) {
            return FetchOutcome.Failed.httpStatus(status, "HTTP " + status + " from " + uri, false, null);
        }
        BoundedBodySubscriber.RawBody raw = response.body();
        BodyDecoder.Decoded body = BodyDecoder.decode(response.headers().firstValue("content-encoding").orElse(null),
                raw.bytes(), raw.overLimit(), limits.maxBodyBytes(), limits.maxCompressionRatio());
        if (body.refusal() != null) {
            return FetchOutcome.Failed.permanent(body.refusal() + " from " + uri);
        }
        if (body.overLimit() && limits.oversize() == FetchConfig.OversizePolicy.REJECT) {
            return FetchOutcome.Failed.permanent("body of " + uri + " is larger than " + limits.maxBodyBytes()
                    + " bytes");
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : KEPT_HEADERS) {
            response.headers().firstValue(name).ifPresent(v -> headers.put(name, v));
        }
        return new FetchOutcome.Fetched(uri, status, headers, body.bytes(), body.overLimit());
    }

    private record Exchange(HttpResponse<BoundedBodySubscriber.RawBody> response, FetchOutcome.Failed failure) {
    }

    private Exchange exchange(URI uri, Validators validators, String accept, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return new Exchange(null, timedOut(uri));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(min(limits.readTimeout(), Duration.ofNanos(remaining)))
                .header("User-Agent", limits.userAgent())
                .header("Accept", accept)
                .header("Accept-Encoding", ACCEPT_ENCODING)
                .GET();
        if (validators.etag() != null) {
            request.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            request.header("If-Modified-Since", validators.lastModified());
        }
        int bodyLimit = limits.maxBodyBytes();
        CompletableFuture<HttpResponse<BoundedBodySubscriber.RawBody>> future;
        try {
            future = client.sendAsync(request.build(), info -> BoundedBodySubscriber.of(bodyLimit, info.headers()));
        } catch (IllegalArgumentException e) {
            return new Exchange(null, FetchOutcome.Failed.permanent("cannot request " + uri + ": " + e.getMessage()));
        }
        try {
            // the request timeout covers the headers only; this bounds the body too (a server stalling mid-body)
            return new Exchange(future.get(remaining, TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Exchange(null, timedOut(uri));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Exchange(null, FetchOutcome.Failed.transientFailure("interrupted fetching " + uri));
        } catch (ExecutionException e) {
            return new Exchange(null, failure(uri, e.getCause()));
        }
    }

    private FetchOutcome.Failed timedOut(URI uri) {
        return FetchOutcome.Failed.transientFailure("timed out after " + limits.totalTimeout().toMillis()
                + " ms fetching " + uri);
    }

    private static FetchOutcome.Failed failure(URI uri, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return FetchOutcome.Failed.transientFailure("connect timed out fetching " + uri);
        }
        if (cause instanceof HttpTimeoutException) {
            return FetchOutcome.Failed.transientFailure("timed out waiting for the response of " + uri);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return FetchOutcome.Failed.transientFailure("cannot fetch " + uri + ": " + message);
        }
        return FetchOutcome.Failed.permanent("cannot fetch " + uri + ": " + cause);
    }

    /** The absolute http(s) URI of a URL. */
    static URI httpUri(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs are fetched: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URL has no host: " + url);
        }
        return uri;
    }

    /** A Retry-After header (seconds or an HTTP date) as a wait from now, or null when absent or unreadable. */
    static Duration retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            // an HTTP date, below
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
