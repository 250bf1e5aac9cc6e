package io.newsloom.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With no broker to take them, writes are answered 503 after the publish timeout, and while many of them wait, the
 * reads are still answered at once: a write waits without holding one of the few worker threads.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
class BrokerDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // nothing listens on port 1: every connection attempt is refused (the channels are named too: the
            // connector's producers take the broker of the test environment otherwise)
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
                    "mp.messaging.outgoing.crawl-requests.bootstrap.servers", "127.0.0.1:1",
                    "mp.messaging.outgoing.source-commands.bootstrap.servers", "127.0.0.1:1",
                    "%test.newsloom.api.publish-timeout", "3s");
        }
    }

    @ConfigProperty(name = "quarkus.thread-pool.max-threads")
    int workers;

    /** A write's answer and how long after the first write was sent it came. */
    private record Answer(Response response, long millis) {
    }

    @Test
    void writesAre503AfterThePublishTimeoutAndReadsGoOnMeanwhile() throws Exception {
        given().get("/api/v1/articles?limit=1").then().statusCode(200);   // a first read opens a connection
        int writes = 3 * workers;
        ExecutorService clients = Executors.newFixedThreadPool(writes + 1);
        try {
            long start = System.nanoTime();
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                String body = "{\"urls\": [\"https://example.com/down/" + UUID.randomUUID() + "\"], \"kind\": \"page\"}";
                answers.add(clients.submit(() -> write("/api/v1/crawl", body, start)));
            }
            answers.add(clients.submit(() -> write("/api/v1/sources",
                    "{\"url\": \"https://example.com/down.xml\", \"kind\": \"feed\"}", start)));
            Thread.sleep(500);   // the writes are in, waiting for the broker

            for (int i = 0; i < 5; i++) {
                long read = System.nanoTime();
                given().get("/api/v1/articles?limit=1").then().statusCode(200);
                long readMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - read);
                assertTrue(readMillis < 1500, "a read waited " + readMillis + " ms behind the writes");
            }

            for (Future<Answer> f : answers) {
                Answer a = f.get(30, TimeUnit.SECONDS);
                assertEquals(503, a.response().statusCode(), a.response().asString());
                assertTrue(a.response().asString().contains("retry later"), a.response().asString());
                assertTrue(a.millis() >= 2500 && a.millis() < 15_000,
                        "answered after the 3 s publish timeout: " + a.millis() + " ms");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static Answer write(String path, String json, long start) {
        Response r = given().header("X-API-Key", "test-api-key").contentType(ContentType.JSON).body(json).post(path);
        return new Answer(r, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
