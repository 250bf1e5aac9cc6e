package io.newsloom.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsloom.events.ArticleEvent;
import io.newsloom.events.ArticleIds;
import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.Topics;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One news page the whole way: a real HTTP server serves the seed fixture, the api takes the crawl request, and
 * fetcher, parser and store (separate processes) carry it through the real broker into PostgreSQL, from where the api
 * serves it. The article event on the topic must carry the same fields. Records published before the services first
 * start are taken by each stage.
 */
class OnePageEndToEndIT {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final Path ROOT = Path.of(System.getProperty("newsloom.root", "..")).toAbsolutePath().normalize();
    static final Path FIXTURES = ROOT.resolve("extractor/src/test/resources/fixtures");
    static final String RUN = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    static final String ARTICLES_TOPIC = RUN + "-articles";
    /** Pages of the records published before the services start: one for each stage's topic. */
    static final String EARLY_REQUEST = "/news/early/request.html";
    static final String EARLY_PAGE = "/news/early/page.html";
    static final String EARLY_ARTICLE = "/news/early/article.html";

    static TestSite site;
    static ServiceProcesses services;
    static String bootstrap;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startEverything() throws Exception {
        bootstrap = ServiceProcesses.bootstrapOrSkip();
        byte[] seed = Files.readAllBytes(FIXTURES.resolve("seed-mirror.html"));
        site = TestSite.start().page("/news/2022/11/30/clusters.html", "text/html; charset=utf-8", seed);
        Map<String, String> env = ServiceProcesses.environment(RUN);
        publishBeforeTheServicesStart(seed, env);
        // a source polled every second or two, so that the feed test need not wait for minutes
        env.put("NEWSLOOM_API_MIN_SOURCE_INTERVAL", "PT1S");
        env.put("NEWSLOOM_FETCH_SOURCE_MIN_INTERVAL", "1s");
        env.put("NEWSLOOM_FETCH_SOURCE_MAX_INTERVAL", "3s");
        services = ServiceProcesses.start(ROOT, env, WAIT);
    }

    /**
     * A crawl request, a fetched page and an article, each on its stage's topic before any consumer group of this run
     * has an offset there: as after a first deployment, when requests come while the services are still starting.
     */
    static void publishBeforeTheServicesStart(byte[] seed, Map<String, String> env) {
        site.page(EARLY_REQUEST, "text/html; charset=utf-8", seed);
        OffsetDateTime now = OffsetDateTime.now();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            CrawlRequest request = new CrawlRequest(UUID.randomUUID().toString(), site.url(EARLY_REQUEST),
                    CrawlKind.PAGE, now, Map.of());
            kafka.send(env.get("NEWSLOOM_TOPICS_CRAWL_REQUESTS"), request.key(), EventJson.write(request));
            String pageUrl = site.url(EARLY_PAGE);
            FetchedPage page = new FetchedPage(UUID.randomUUID().toString(), pageUrl, pageUrl, 200,
                    "text/html; charset=utf-8", Map.of("content-type", "text/html; charset=utf-8"), seed, false, now,
                    Map.of());
            kafka.send(env.get("NEWSLOOM_TOPICS_PAGES"), page.key(), page.toRecordValue());
            String articleUrl = site.url(EARLY_ARTICLE);
            String text = "An article of run " + RUN + " was published before the store first started.";
            ArticleEvent article = new ArticleEvent(ArticleIds.fromUrl(articleUrl), articleUrl, articleUrl,
                    "127.0.0.1", "Early " + RUN, List.of(), null, null, now, "en", null, text, "<p>" + text + "</p>",
                    null, List.of(), text.split(" ").length, ArticleIds.sha256Hex("Early " + RUN + "\n" + text), null,
                    null);
            kafka.send(env.get("NEWSLOOM_TOPICS_ARTICLES"), article.key(), EventJson.write(article));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        ServiceProcesses.closeAll(services, site);
    }

    @Test
    void aCrawledPageBecomesAnArticleInTheApiAndOnTheTopic() throws Exception {
        String url = site.url("/news/2022/11/30/clusters.html");
        HttpResponse<String> accepted = post("/api/v1/crawl", "{\"urls\": [\"" + url + "\"], \"kind\": \"page\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(1, json(accepted.body()).get("accepted").asInt());

        String lookup = "/api/v1/articles/lookup?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> get(lookup).statusCode() == 200);
        JsonNode fromApi = json(get(lookup).body());

        String expectedText = Files.readString(FIXTURES.resolve("seed-mirror.expected.txt"), StandardCharsets.UTF_8)
                .strip();
        assertEquals(expectedText, fromApi.get("text").asText());
        assertEquals(8, fromApi.get("text").asText().split("\n").length);
        assertEquals("45個國家先進制造集群名單公布", fromApi.get("title").asText());
        assertEquals(url, fromApi.get("url").asText());
        assertEquals(1, fromApi.get("version").asInt());
        String id = fromApi.get("id").asText();
        assertEquals(fromApi, json(get("/api/v1/articles/" + id).body()));
        // the same story may be stored already (earlier runs on this database): then it is a near-duplicate of it
        JsonNode duplicateOf = fromApi.get("duplicateOf");
        if (!duplicateOf.isNull()) {
            assertEquals(200, get("/api/v1/articles/" + duplicateOf.asText()).statusCode());
        }
        assertTrue(json(get("/api/v1/articles?duplicates=include&limit=100").body()).get("items")
                .findValuesAsText("id").contains(id));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            ConsumerRecord<String, String> record = kafka.awaitOne(ARTICLES_TOPIC, r -> r.key().equals(id), WAIT);
            assertEquals(ArticleEvent.SCHEMA, KafkaTestClient.header(record, Topics.SCHEMA_HEADER));
            ArticleEvent fromTopic = EventJson.read(record.value(), ArticleEvent.class);
            ArticleEvent served = EventJson.mapper().treeToValue(fromApi, ArticleEvent.class);
            assertEquals(fromTopic.stored(1, served.duplicateOf()), sameInstants(served, fromTopic),
                    "the event on the topic has the fields the api serves");
        }

        // crawling the same page again changes nothing: one row, same version
        assertEquals(202, post("/api/v1/crawl", "{\"urls\": [\"" + url + "\"]}").statusCode());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                metrics("store").contains("newsloom_store_articles_total{outcome=\"unchanged\"} 1.0"));
        JsonNode again = json(get(lookup).body());
        assertEquals(id, again.get("id").asText());
        assertEquals(1, again.get("version").asInt());
    }

    @Test
    void recordsPublishedBeforeTheServicesFirstStartedAreTakenByEachStage() throws Exception {
        // with Kafka's default (auto.offset.reset=latest) a group's first start skipped them: none came
        for (String path : List.of(EARLY_REQUEST, EARLY_PAGE, EARLY_ARTICLE)) {
            String lookup = "/api/v1/articles/lookup?url=" + URLEncoder.encode(site.url(path), StandardCharsets.UTF_8);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> get(lookup).statusCode() == 200);
        }
        assertEquals(1, site.hits(EARLY_REQUEST));
    }

    @Test
    void aFeedRegisteredThroughTheApiBringsItsArticlesAndIsPolledAgainAfterAFetcherRestart() throws Exception {
        byte[] seed = Files.readAllBytes(FIXTURES.resolve("seed-mirror.html"));
        List<String> entries = new CopyOnWriteArrayList<>(List.of("/feed/1.html"));
        site.page("/feed/1.html", "text/html; charset=utf-8", seed)
                .page("/feed/2.html", "text/html; charset=utf-8", seed)
                .handler("/feed.json", exchange -> {
                    String items = entries.stream().map(p -> "{\"id\":\"" + p + "\",\"url\":\"" + site.url(p)
                            + "\",\"title\":\"Entry " + p + "\"}").collect(Collectors.joining(","));
                    byte[] body = ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"E2E\","
                            + "\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/feed+json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (var out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        String feed = site.url("/feed.json");
        HttpResponse<String> registered = post("/api/v1/sources",
                "{\"url\": \"" + feed + "\", \"kind\": \"feed\", \"interval\": \"PT2S\"}");
        assertEquals(202, registered.statusCode(), registered.body());
        String sourceId = json(registered.body()).get("id").asText();

        String first = "/api/v1/articles/lookup?url="
                + URLEncoder.encode(site.url("/feed/1.html"), StandardCharsets.UTF_8);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> get(first).statusCode() == 200);
        // the feed serves the seed page again, so its articles are near-duplicates: list them too
        assertTrue(json(get("/api/v1/articles?duplicates=include&limit=100").body()).get("items")
                .findValuesAsText("url").contains(site.url("/feed/1.html")));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode source = source(sourceId);
            return source != null && source.get("polls").asInt() >= 1 && source.get("itemsTotal").asInt() == 1;
        });

        // the source lives in the fetcher's database: after a restart it is polled again and finds the new entry
        services.restart("fetcher", WAIT);
        entries.add("/feed/2.html");
        String second = "/api/v1/articles/lookup?url="
                + URLEncoder.encode(site.url("/feed/2.html"), StandardCharsets.UTF_8);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> get(second).statusCode() == 200);
        assertEquals(1, site.hits("/feed/1.html"), "an entry fetched before the restart is not fetched again");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> source(sourceId).get("itemsTotal").asInt() == 2);
    }

    private JsonNode source(String id) throws Exception {
        for (JsonNode s : json(get("/api/v1/sources").body()).get("items")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** The served article with its dates in the event's offsets (PostgreSQL keeps instants, not offsets). */
    private static ArticleEvent sameInstants(ArticleEvent served, ArticleEvent event) {
        return new ArticleEvent(served.id(), served.url(), served.canonicalUrl(), served.site(), served.title(),
                served.authors(), sameInstant(served.publishedAt(), event.publishedAt()),
                sameInstant(served.modifiedAt(), event.modifiedAt()), sameInstant(served.fetchedAt(), event.fetchedAt()),
                served.language(), served.description(), served.text(), served.html(), served.imageUrl(),
                served.tags(), served.wordCount(), served.contentHash(), served.duplicateOf(), served.version());
    }

    private static java.time.OffsetDateTime sameInstant(java.time.OffsetDateTime served,
                                                        java.time.OffsetDateTime event) {
        if (served == null || event == null || !served.toInstant().equals(event.toInstant())) {
            return served;
        }
        return event;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(services.baseUrl("api") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String metrics(String service) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(services.baseUrl(service) + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(services.baseUrl("api") + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return EventJson.mapper().readTree(body);
    }
}
