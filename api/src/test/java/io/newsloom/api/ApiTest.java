package io.newsloom.api;

import io.newsloom.events.ArticleIds;
import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventJson;
import io.newsloom.events.Topics;
import io.newsloom.testkit.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The api against real PostgreSQL (with the store's schema) and the real broker. */
@QuarkusTest
class ApiTest {

    /** The key the test profile configures (newsloom.api.key). */
    static final Header KEY = new Header("X-API-Key", "test-api-key");

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "newsloom.topics.crawl-requests")
    String crawlTopic;

    StoredArticles stored;

    @BeforeEach
    void storeSchema() {
        stored = new StoredArticles(dataSource);
    }

    @Test
    void servesAStoredArticleByIdByUrlAndInTheNewestList() throws Exception {
        String url = "https://example.org/news/" + UUID.randomUUID();
        String canonical = url + "?amp=0";
        String id = ArticleIds.fromUrl(canonical);
        insert(id, url, canonical, "第一段。\n第二段。");

        given().when().get("/api/v1/articles/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("url", equalTo(url))
                .body("canonicalUrl", equalTo(canonical))
                .body("title", equalTo("標題"))
                .body("text", equalTo("第一段。\n第二段。"))
                .body("authors[0]", equalTo("王小明"))
                .body("publishedAt", equalTo("2022-11-30T02:21:00Z"))
                .body("modifiedAt", nullValue())
                .body("tags.size()", equalTo(0))
                .body("version", equalTo(1))
                .body("duplicateOf", nullValue());
        given().queryParam("url", url).when().get("/api/v1/articles/lookup").then().statusCode(200)
                .body("id", equalTo(id));
        given().queryParam("url", canonical).when().get("/api/v1/articles/lookup").then().statusCode(200)
                .body("id", equalTo(id));
        given().queryParam("limit", 100).when().get("/api/v1/articles").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void badReadsAreProblemsNotErrors() {
        given().when().get("/api/v1/articles/ffffffffffffffff").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(404));
        given().queryParam("url", "https://nowhere.example/x").when().get("/api/v1/articles/lookup").then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().when().get("/api/v1/articles/lookup").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        for (String limit : List.of("0", "1000", "abc", "99999999999999999999")) {
            given().queryParam("limit", limit).when().get("/api/v1/articles").then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE).body("detail", containsString("limit"));
        }
    }

    @Test
    void crawlPublishesOneRequestPerUrlKeyedByHost() {
        String marker = UUID.randomUUID().toString();
        String a = "https://Example.org/a-" + marker;
        String b = "http://news.example.net/b-" + marker;
        given().header(KEY).contentType(ContentType.JSON).body("{\"urls\": [\"" + a + "\", \"" + b + "\", \"" + a + "\"],"
                        + " \"kind\": \"page\"}")
                .when().post("/api/v1/crawl").then().statusCode(202).body("accepted", equalTo(2));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            List<ConsumerRecord<String, String>> records = kafka.await(crawlTopic,
                    r -> r.value().contains(marker), 2, Duration.ofSeconds(30));
            assertEquals(2, records.size());
            for (ConsumerRecord<String, String> r : records) {
                CrawlRequest request = EventJson.read(r.value(), CrawlRequest.class);
                assertEquals(CrawlRequest.hostKey(request.url()), r.key());
                assertEquals(CrawlKind.PAGE, request.kind());
                assertEquals(CrawlRequest.SCHEMA, KafkaTestClient.header(r, Topics.SCHEMA_HEADER));
            }
            assertEquals(List.of("example.org", "news.example.net"),
                    records.stream().map(ConsumerRecord::key).sorted().toList());
        }
    }

    @Test
    void badCrawlRequestsAreRefusedWithAReason() {
        for (String body : List.of("{}", "{\"urls\": []}", "{\"urls\": [\"ftp://x.org/a\"]}",
                "{\"urls\": [\"not a url\"]}", "{\"urls\": [\"https://a.org/\"], \"kind\": \"video\"}",
                "{\"urls\": \"https://a.org/\"}", "{nope", "")) {
            given().header(KEY).contentType(ContentType.JSON).body(body).when().post("/api/v1/crawl").then()
                    .log().ifValidationFails().statusCode(400).contentType(Problem.MEDIA_TYPE);
        }
        String many = "{\"urls\": [" + String.join(",", Collections.nCopies(1001, "\"https://a.org/x\"")) + "]}";
        given().header(KEY).contentType(ContentType.JSON).body(many).when().post("/api/v1/crawl").then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE);
        given().header(KEY).contentType(ContentType.TEXT).body("https://a.org/").when().post("/api/v1/crawl").then()
                .statusCode(415);
        byte[] huge = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        given().header(KEY).contentType(ContentType.JSON).body(huge).when().post("/api/v1/crawl").then()
                .statusCode(413).contentType(Problem.MEDIA_TYPE).body("status", equalTo(413));
    }

    @Test
    void healthChecksPostgresAndTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"));
    }

    private void insert(String id, String url, String canonical, String text) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO article (id, url, canonical_url, site, title, authors, published_at, fetched_at,
                                     language, text, word_count, content_hash)
                VALUES (?, ?, ?, 'example.org', '標題', ARRAY['王小明'], ?, now(), 'zh-Hant', ?, 6, ?)""")) {
            ps.setString(1, id);
            ps.setString(2, url);
            ps.setString(3, canonical);
            ps.setObject(4, OffsetDateTime.parse("2022-11-30T10:21:00+08:00"));
            ps.setString(5, text);
            ps.setString(6, ArticleIds.sha256Hex(text));
            ps.executeUpdate();
        }
        // as the store does: every URL of the article, the canonical one included, is in article_url
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO article_url (url, article_id) VALUES (?, ?)")) {
            for (String known : canonical.equals(url) ? List.of(url) : List.of(url, canonical)) {
                ps.setString(1, known);
                ps.setString(2, id);
                ps.executeUpdate();
            }
        }
    }
}
