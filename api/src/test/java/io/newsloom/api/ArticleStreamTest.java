package io.newsloom.api;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.ArticleIds;
import io.newsloom.events.EventJson;
import io.newsloom.testkit.KafkaTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The article stream, fed from the real article topic, read as an outside SSE client would. */
@QuarkusTest
class ArticleStreamTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "newsloom.topics.articles")
    String articlesTopic;
    @TestHTTPResource("/api/v1/articles/stream")
    URL stream;

    /** One received SSE event. */
    record SseEvent(String id, String name, String data) {
    }

    /** Reads the stream in the background; events land in a queue. */
    final class Client implements AutoCloseable {
        final LinkedBlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;

        Client(String lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stream.toString()))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            // the stream never ends: read it on a thread of its own, never on the thread that completes the response
            Thread reader = new Thread(() -> read(response.join().body()), "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Stream<String> lines) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new SseEvent(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        }

        void awaitConnected() throws Exception {
            assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        }

        /** The next article event with one of these article ids (others, from other tests, are skipped). */
        SseEvent next(List<String> ids) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                SseEvent e = events.poll(1, TimeUnit.SECONDS);
                if (e != null && ids.contains(EventJson.read(e.data(), ArticleSummary.class).id())) {
                    return e;
                }
            }
            throw new AssertionError("no stream event for " + ids + " within " + WAIT);
        }

        @Override
        public void close() {
            response.cancel(true);
            if (response.isDone() && !response.isCompletedExceptionally()) {
                response.join().body().close();
            }
        }
    }

    @Test
    void newArticlesArriveAsEventsAndAReconnectResumesAfterTheLastEventId() throws Exception {
        ArticleEvent a = article("A");
        ArticleEvent b = article("B");
        ArticleEvent c = article("C");
        List<String> ours = List.of(a.id(), b.id(), c.id());
        String afterA;
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap); Client first = new Client(null)) {
            first.awaitConnected();
            kafka.send(articlesTopic, a.key(), EventJson.write(a));
            kafka.send(articlesTopic, b.key(), EventJson.write(b));
            SseEvent ea = first.next(ours);
            SseEvent eb = first.next(ours);
            assertEquals("article", ea.name());
            ArticleSummary summary = EventJson.read(ea.data(), ArticleSummary.class);
            assertEquals(a.id(), summary.id());
            assertEquals(a.title(), summary.title());
            assertEquals(b.id(), EventJson.read(eb.data(), ArticleSummary.class).id());
            assertNotNull(ea.id());
            afterA = ea.id();

            // the same content again is neither new nor updated
            kafka.send(articlesTopic, a.key(), EventJson.write(a));
            kafka.send(articlesTopic, c.key(), EventJson.write(c));
            assertEquals(c.id(), EventJson.read(first.next(ours).data(), ArticleSummary.class).id());
        }
        try (Client resumed = new Client(afterA)) {
            resumed.awaitConnected();
            List<String> replayed = new ArrayList<>();
            replayed.add(EventJson.read(resumed.next(ours).data(), ArticleSummary.class).id());
            replayed.add(EventJson.read(resumed.next(ours).data(), ArticleSummary.class).id());
            assertEquals(List.of(b.id(), c.id()), replayed, "everything after A, once, in order");
            assertTrue(resumed.events.stream().noneMatch(e -> e.data().contains(a.id())));
        }
    }

    static ArticleEvent article(String title) {
        String url = "https://stream.example/" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String text = "Story " + title + ".";
        return new ArticleEvent(ArticleIds.fromUrl(url), url, url, "stream.example", title, List.of(), now, null, now,
                "en", null, text, "<p>" + text + "</p>", null, List.of(), 2, ArticleIds.sha256Hex(title + "\n" + text),
                null, null);
    }
}
