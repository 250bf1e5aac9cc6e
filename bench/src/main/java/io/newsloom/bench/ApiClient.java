package io.newsloom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsloom.events.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The few calls of the public API the benchmark makes. */
final class ApiClient {

    /** A page of the newest-first article list: (id, url) pairs and the cursor of the next page. */
    record Listing(List<Map.Entry<String, String>> items, String nextCursor) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(String base) {
        this.base = base;
    }

    void registerFeed(String feedUrl) throws IOException, InterruptedException {
        post("/api/v1/sources", Map.of("url", feedUrl, "kind", "feed", "interval", "PT1M"));
    }

    /** Asynchronous, so that a slow answer does not lower the offered rate. */
    java.util.concurrent.CompletableFuture<Boolean> crawl(List<String> urls) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/crawl")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(Map.of("urls", urls, "kind", "page"))))
                        .build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 202).exceptionally(e -> false);
    }

    /** The most recently stored articles, near-duplicates included (the load site's pages are copies). */
    Listing newest(String cursor, int limit) throws IOException, InterruptedException {
        String query = "/api/v1/articles?limit=" + limit + "&duplicates=include"
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        JsonNode body = EventJson.mapper().readTree(get(query).body());
        List<Map.Entry<String, String>> items = new java.util.ArrayList<>();
        body.path("items").forEach(a -> items.add(Map.entry(a.path("id").asText(), a.path("url").asText())));
        JsonNode next = body.path("nextCursor");
        return new Listing(items, next.isTextual() ? next.asText() : null);
    }

    boolean lookup(String url) throws IOException, InterruptedException {
        return get("/api/v1/articles/lookup?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)).statusCode() == 200;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
