package io.newsloom.api;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.EventJson;
import io.newsloom.events.SourceCommand;
import io.newsloom.events.Topics;
import io.newsloom.testkit.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Sources through the api: commands go to the fetcher over Kafka, the list comes from the fetcher's table. */
@QuarkusTest
class SourceApiTest {

    static boolean migrated;

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "newsloom.topics.source-commands")
    String commandsTopic;

    @BeforeEach
    void fetcherSchema() {
        if (!migrated) {
            // the fetcher owns the schema: apply its migrations, as the fetcher does at start
            Flyway.configure().dataSource(dataSource).schemas("fetcher").defaultSchema("fetcher")
                    .locations("filesystem:../fetcher/src/main/resources/db/migration").load().migrate();
            migrated = true;
        }
    }

    @Test
    void registeringAndRemovingASourcePublishesCommandsKeyedBySourceId() {
        String url = "https://news.example.org/feed-" + UUID.randomUUID() + ".xml";
        String body = "{\"url\": \"" + url + "\", \"kind\": \"feed\", \"interval\": \"PT30M\"}";
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/sources").then().statusCode(401);
        String id = given().header(ApiTest.KEY).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/sources").then().statusCode(202)
                .body("url", equalTo(url)).body("kind", equalTo("feed")).body("interval", equalTo("PT30M"))
                .extract().path("id");
        given().when().delete("/api/v1/sources/" + id).then().statusCode(401);
        given().header(ApiTest.KEY).when().delete("/api/v1/sources/" + id).then().statusCode(202)
                .body("id", equalTo(id));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            List<ConsumerRecord<String, String>> records = kafka.await(commandsTopic, r -> r.key().equals(id), 2,
                    Duration.ofSeconds(30));
            assertEquals(2, records.size());
            SourceCommand register = EventJson.read(records.get(0).value(), SourceCommand.class);
            assertEquals(SourceCommand.REGISTER, register.action());
            assertEquals(url, register.url());
            assertEquals(CrawlKind.FEED, register.kind());
            assertEquals(SourceCommand.SCHEMA, KafkaTestClient.header(records.get(0), Topics.SCHEMA_HEADER));
            SourceCommand remove = EventJson.read(records.get(1).value(), SourceCommand.class);
            assertEquals(SourceCommand.REMOVE, remove.action());
            assertNull(remove.url());
        }
    }

    @Test
    void theListShowsTheFetchersSourcesWithTheirLastPoll() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO fetcher.source (id, url, kind, interval_seconds, current_seconds, next_poll_at,
                                            last_poll_at, last_status, polls, items_last, items_new_last, items_total)
                VALUES (?, ?, 'feed', 900, 450, now(), now(), 'changed', 3, 20, 2, 42)""")) {
            ps.setString(1, id);
            ps.setString(2, "https://news.example.org/" + id + ".xml");
            ps.executeUpdate();
        }
        given().when().get("/api/v1/sources").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.interval", equalTo("PT15M"))
                .body("items.find { it.id == '" + id + "' }.currentInterval", equalTo("PT7M30S"))
                .body("items.find { it.id == '" + id + "' }.lastStatus", equalTo("changed"))
                .body("items.find { it.id == '" + id + "' }.itemsTotal", equalTo(42))
                .body("items.find { it.id == '" + id + "' }.polls", equalTo(3));
    }

    @Test
    void badRegistrationsAreRefusedWithAReason() {
        for (String body : List.of("{}", "{\"url\": \"https://a.org/f\", \"kind\": \"page\"}",
                "{\"url\": \"ftp://a.org/f\", \"kind\": \"feed\"}",
                "{\"url\": \"https://a.org/f\", \"kind\": \"feed\", \"interval\": \"soon\"}",
                "{\"url\": \"https://a.org/f\", \"kind\": \"feed\", \"interval\": \"PT1S\"}", "{nope")) {
            given().header(ApiTest.KEY).contentType(ContentType.JSON).body(body).when().post("/api/v1/sources").then()
                    .log().ifValidationFails().statusCode(400).contentType(Problem.MEDIA_TYPE);
        }
        given().header(ApiTest.KEY).when().delete("/api/v1/sources/not-an-id").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
    }
}
