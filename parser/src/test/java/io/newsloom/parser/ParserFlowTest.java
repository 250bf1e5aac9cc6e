package io.newsloom.parser;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.ArticleIds;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.Topics;
import io.newsloom.testkit.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser against the real broker: pages in, articles and dead letters out. */
@QuarkusTest
class ParserFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final OffsetDateTime FETCHED = OffsetDateTime.of(2024, 3, 14, 9, 30, 0, 0, ZoneOffset.UTC);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "newsloom.topics.pages")
    String pagesTopic;
    @ConfigProperty(name = "newsloom.topics.articles")
    String articlesTopic;
    @ConfigProperty(name = "newsloom.topics.dead-letters")
    String deadLetters;

    @Test
    void publishesTheArticleOfAPageKeyedByItsCanonicalId() {
        String marker = UUID.randomUUID().toString();
        String canonical = "https://news.example.org/2024/03/storm-" + marker;
        FetchedPage page = page("https://www.news.example.org/s?id=" + marker, storyHtml(canonical, marker));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(pagesTopic, page.key(), page.toRecordValue());
            ConsumerRecord<String, String> record = kafka.awaitOne(articlesTopic,
                    r -> r.value().contains(marker), WAIT);
            ArticleEvent article = EventJson.read(record.value(), ArticleEvent.class);

            assertEquals(ArticleIds.fromUrl(canonical), record.key());
            assertEquals(record.key(), article.id());
            assertEquals(ArticleEvent.SCHEMA, KafkaTestClient.header(record, Topics.SCHEMA_HEADER));
            assertEquals(page.url(), article.url());
            assertEquals(canonical, article.canonicalUrl());
            assertEquals("news.example.org", article.site());
            assertEquals("Storm closes the coast road", article.title());
            assertEquals(FETCHED.toInstant(), article.fetchedAt().toInstant());
            String[] paragraphs = article.text().split("\n");
            assertEquals(3, paragraphs.length, article.text());
            assertTrue(paragraphs[0].startsWith("A winter storm closed"), paragraphs[0]);
            assertTrue(paragraphs[2].contains(marker), paragraphs[2]);
            assertFalse(article.text().contains("Subscribe"), "navigation and footer stay out");
            assertTrue(article.wordCount() > 40, "wordCount " + article.wordCount());
            assertEquals(ArticleAssembler.contentHash(article.title(), article.text()), article.contentHash());
            assertNull(article.version(), "the store assigns versions");
        }
    }

    @Test
    void badPagesBecomeDeadLettersAndThePartitionMovesOn() {
        String marker = UUID.randomUUID().toString();
        FetchedPage binary = page("https://bin.example.org/" + marker, new byte[]{0, 1, 2, 3, (byte) 0xff, 0, 0});
        String garbage = "{\"requestId\": " + marker;
        FetchedPage good = page("https://good.example.org/" + marker,
                storyHtml("https://good.example.org/" + marker, marker));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(pagesTopic, binary.key(), binary.toRecordValue());
            kafka.send(pagesTopic, "example.org", garbage);
            // a page of the former format (fetched-page/1: all JSON, the body in base64) left on the topic
            kafka.send(pagesTopic, good.key(), EventJson.write(good));

            ConsumerRecord<String, String> dead = kafka.awaitOne(deadLetters, r -> r.value().equals(garbage), WAIT);
            assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("not a valid FetchedPage"));
            assertEquals("example.org", dead.key(), "the original key is kept");
            kafka.awaitOne(articlesTopic, r -> r.value().contains("https://good.example.org/" + marker), WAIT);
            assertTrue(kafka.await(articlesTopic, r -> r.value().contains("https://bin.example.org/" + marker), 1,
                    Duration.ofSeconds(2)).isEmpty(), "a binary page is no article");
            ConsumerRecord<String, String> binaryDead = kafka.awaitOne(deadLetters,
                    r -> r.value().contains("https://bin.example.org/" + marker), WAIT);
            assertTrue(KafkaTestClient.header(binaryDead, "dead-letter-reason").contains("binary"),
                    KafkaTestClient.header(binaryDead, "dead-letter-reason"));
            assertEquals(binary.key(), binaryDead.key());
            assertEquals(pagesTopic, KafkaTestClient.header(binaryDead, "dead-letter-topic"));
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("newsloom_parser_pages_total"));
    }

    @Test
    void aPageThatIsNoArticleIsADeadLetterSayingWhatItIs() {
        String marker = UUID.randomUUID().toString();
        StringBuilder listing = new StringBuilder("<html><head><title>Latest news</title></head><body><ul>");
        for (int i = 0; i < 40; i++) {
            listing.append("<li><a href=\"/story/").append(i).append("\">Story number ").append(i)
                    .append(" of the day</a></li>");
        }
        FetchedPage page = page("https://list.example.org/" + marker,
                listing.append("</ul></body></html>").toString().getBytes(StandardCharsets.UTF_8));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(pagesTopic, page.key(), page.toRecordValue());
            ConsumerRecord<String, String> dead = kafka.awaitOne(deadLetters,
                    r -> r.value().contains("https://list.example.org/" + marker), WAIT);
            assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").startsWith("not an article ("),
                    KafkaTestClient.header(dead, "dead-letter-reason"));
        }
    }

    @Test
    void healthChecksTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    static FetchedPage page(String url, byte[] body) {
        return new FetchedPage(UUID.randomUUID().toString(), url, url, 200, "text/html; charset=utf-8",
                Map.of("content-type", "text/html; charset=utf-8"), body, false, FETCHED, Map.of());
    }

    static byte[] storyHtml(String canonical, String marker) {
        return ("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <title>Storm closes the coast road | The Example News</title>
                <link rel="canonical" href="%s"></head>
                <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
                <article><h1>Storm closes the coast road</h1>
                <p>A winter storm closed the coast road on Thursday, cutting off three villages for most of the day
                while crews cleared fallen trees and repaired a damaged culvert near the harbour.</p>
                <p>Police said no one was hurt, but drivers were told to stay away until the evening, when the wind
                was expected to drop and the tide to turn.</p>
                <p>The council will meet next week to discuss a permanent fix for the road, reference %s.</p>
                </article>
                <footer><a href="/subscribe">Subscribe</a> Copyright The Example News</footer></body></html>
                """).formatted(canonical, marker).getBytes(StandardCharsets.UTF_8);
    }
}
