package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.Topics;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher against the real broker and a real HTTP server. */
@QuarkusTest
class FetcherFlowTest extends FetcherServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static TestSite site;
    static final byte[] BIG5_PAGE = "<html><body><p>中文</p></body></html>".getBytes(java.nio.charset.Charset.forName("Big5"));


    @BeforeAll
    static void startSite() {
        site = TestSite.start()
                .page("/story.html", "text/html; charset=big5", BIG5_PAGE)
                .redirect("/old", "/story.html")
                .redirect("/loop-a", "/loop-b")
                .redirect("/loop-b", "/loop-a")
                .page("/big.html", "text/html", new byte[11 * 1024 * 1024])
                .status("/gone", 410);
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @Test
    void fetchesAPageThroughARedirectAndPublishesItKeyedByHost() {
        CrawlRequest request = request(site.url("/old"));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(requestsTopic, request.key(), EventJson.write(request));
            ConsumerRecord<String, byte[]> record = kafka.awaitBytes(pagesTopic,
                    r -> FetchedPage.fromRecordValue(r.value()).requestId().equals(request.id()), 1, WAIT).get(0);
            FetchedPage page = FetchedPage.fromRecordValue(record.value());
            assertEquals("127.0.0.1", record.key());
            assertEquals(FetchedPage.SCHEMA, KafkaTestClient.header(record, Topics.SCHEMA_HEADER));
            assertEquals(request.url(), page.url());
            assertEquals(site.url("/story.html"), page.finalUrl());
            assertEquals(200, page.status());
            assertEquals("text/html; charset=big5", page.contentType());
            assertEquals("text/html; charset=big5", page.headers().get("content-type"));
            assertArrayEquals(BIG5_PAGE, page.body(), "bytes are passed unchanged");
            assertFalse(page.truncated());
            assertEquals("a hint", page.hints().get("title"));
        }
    }

    @Test
    void cutsABodyAtTheSizeLimit() {
        CrawlRequest request = request(site.url("/big.html"));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(requestsTopic, request.key(), EventJson.write(request));
            FetchedPage page = Flows.pages(kafka, pagesTopic, p -> p.requestId().equals(request.id()), 1, WAIT)
                    .get(0);
            assertTrue(page.truncated());
            assertEquals(10 * 1024 * 1024, page.body().length);
        }
    }

    @Test
    void unfetchableRequestsBecomeDeadLettersWithTheReasonAndThePartitionMovesOn() {
        CrawlRequest gone = request(site.url("/gone"));
        CrawlRequest loop = request(site.url("/loop-a"));
        CrawlRequest unreachable = request("http://127.0.0.1:9/nothing-listens-here");
        String garbage = "{not json " + UUID.randomUUID();
        CrawlRequest after = request(site.url("/story.html"));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            for (CrawlRequest r : new CrawlRequest[]{gone, loop, unreachable}) {
                kafka.send(requestsTopic, r.key(), EventJson.write(r));
            }
            kafka.send(requestsTopic, "127.0.0.1", garbage);
            kafka.send(requestsTopic, after.key(), EventJson.write(after));

            assertReason(kafka, gone.id(), "HTTP 410");
            assertReason(kafka, loop.id(), "redirect loop");
            assertReason(kafka, unreachable.id(), "cannot fetch");
            assertReason(kafka, garbage, "not a valid CrawlRequest");
            kafka.awaitOne(pagesTopic, r -> r.value().contains(after.id()), WAIT);
        }
    }

    @Test
    void healthChecksTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private void assertReason(KafkaTestClient kafka, String marker, String reason) {
        ConsumerRecord<String, String> dead = DeadLetters.assertReason(kafka, deadLetters, marker, reason, WAIT);
        assertEquals(requestsTopic, KafkaTestClient.header(dead, "dead-letter-topic"));
    }

    private static CrawlRequest request(String url) {
        return new CrawlRequest(UUID.randomUUID().toString(), url, CrawlKind.PAGE, OffsetDateTime.now(),
                Map.of("title", "a hint"));
    }

}
