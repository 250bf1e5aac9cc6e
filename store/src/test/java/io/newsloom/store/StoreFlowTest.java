package io.newsloom.store;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.ArticleIds;
import io.newsloom.events.EventJson;
import io.newsloom.testkit.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store against the real broker and PostgreSQL. */
@QuarkusTest
class StoreFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "newsloom.topics.articles")
    String articlesTopic;
    @ConfigProperty(name = "newsloom.topics.dead-letters")
    String deadLetters;
    @Inject
    DataSource dataSource;

    @Test
    void theSameEventDeliveredTwiceLeavesOneRowAndChangedContentMakesANewVersion() throws Exception {
        ArticleEvent first = article("https://example.org/" + UUID.randomUUID(), "Water levels rose again.");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(articlesTopic, first.key(), EventJson.write(first));
            kafka.send(articlesTopic, first.key(), EventJson.write(first));
            // a marker event behind the duplicate: once it is stored, the duplicate has been handled too
            ArticleEvent marker = article("https://example.org/" + UUID.randomUUID(), "Marker.");
            kafka.send(articlesTopic, first.key(), EventJson.write(marker));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", marker.id()) == 1);

            assertEquals(1, count("SELECT count(*) FROM article WHERE id = ?", first.id()));
            assertEquals(1, count("SELECT version FROM article WHERE id = ?", first.id()));
            assertEquals(1, count("SELECT count(*) FROM article_url WHERE url = ?", first.url()));

            ArticleEvent revised = revise(first, "Water levels rose again, and the dam held.");
            kafka.send(articlesTopic, revised.key(), EventJson.write(revised));
            await().atMost(WAIT).until(() -> count("SELECT version FROM article WHERE id = ?", first.id()) == 2);
            assertEquals(revised.text(), text(first.id()));
            assertEquals(1, count("SELECT count(*) FROM article WHERE id = ?", first.id()));
        }
    }

    @Test
    void eventsThatCannotBeStoredBecomeDeadLettersAndThePartitionMovesOn() throws Exception {
        ArticleEvent good = article("https://example.org/" + UUID.randomUUID(), "Fine.");
        String badId = EventJson.write(good).replace(good.id(), "NOT-AN-ID");
        String notJson = "<html>" + UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(articlesTopic, good.key(), notJson);
            kafka.send(articlesTopic, good.key(), badId);
            kafka.send(articlesTopic, good.key(), EventJson.write(good));
            ConsumerRecord<String, String> dead = kafka.awaitOne(deadLetters, r -> r.value().equals(notJson), WAIT);
            assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("not a valid ArticleEvent"));
            dead = kafka.awaitOne(deadLetters, r -> r.value().equals(badId), WAIT);
            assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("id must be"));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", good.id()) == 1);
        }
    }

    @Test
    void nulCharactersDoNotLoseTheArticle() throws Exception {
        ArticleEvent withNul = article("https://example.org/" + UUID.randomUUID(), "Before\0after.");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(articlesTopic, withNul.key(), EventJson.write(withNul));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", withNul.id()) == 1);
            assertEquals("Beforeafter.", text(withNul.id()));
        }
    }

    @Test
    void healthChecksPostgresAndTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    static ArticleEvent article(String url, String text) {
        OffsetDateTime t = OffsetDateTime.of(2024, 3, 14, 9, 30, 0, 0, ZoneOffset.ofHours(8));
        return new ArticleEvent(ArticleIds.fromUrl(url), url, url, "example.org", "Dam", List.of("Ann Lee"), t, null,
                t, "en", null, text, "<p>" + text + "</p>", null, List.of("weather"), text.split(" ").length,
                ArticleIds.sha256Hex("Dam\n" + text), null, null);
    }

    static ArticleEvent revise(ArticleEvent a, String text) {
        return new ArticleEvent(a.id(), a.url(), a.canonicalUrl(), a.site(), a.title(), a.authors(), a.publishedAt(),
                a.modifiedAt(), a.fetchedAt(), a.language(), a.description(), text, a.html(), a.imageUrl(), a.tags(),
                a.wordCount(), ArticleIds.sha256Hex(a.title() + "\n" + text), null, null);
    }

    private int count(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private String text(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT text FROM article WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
