package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.newsloom.fetcher.Flows.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graceful shutdown: the running fetch loop is stopped (its shutdown observer, called directly: this profile's
 * application is used by this class alone) while a fetch hangs on a slow server. After the grace period the fetch is
 * interrupted and its URL goes back to the queue in PostgreSQL, no attempt counted, its host free again.
 */
@QuarkusTest
@TestProfile(GracefulShutdownTest.ShortGrace.class)
class GracefulShutdownTest extends FetcherServiceTest {

    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsloom.fetch.shutdown-grace", "300ms", "%test.newsloom.fetch.shutdown-grace", "300ms");
        }
    }

    @Inject
    FetchLoop loop;

    @Test
    void anInFlightFetchIsReleasedBackToTheQueueAtShutdown() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        TestSite site = TestSite.start("127.0.0.30").handler("/slow.html", exchange -> {
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            HttpFetcherTest.send(exchange, null, "<html><body>late</body></html>".getBytes());
        });
        try (site; KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            CrawlRequest request = Flows.send(kafka, requestsTopic, site.url("/slow.html"), CrawlKind.PAGE);
            await().atMost(WAIT).until(() -> site.hits("/slow.html") == 1);
            assertEquals("fetching", Flows.row(dataSource, site.url("/slow.html")).state());

            long t0 = System.nanoTime();
            loop.stop(null);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < 15_000, "stopped in " + millis + " ms (the hanging fetch holds 30 s)");

            Flows.Row row = Flows.row(dataSource, site.url("/slow.html"));
            assertEquals("queued", row.state());
            assertEquals(0, row.attempts(), "an interrupted fetch is no failed attempt");
            assertNull(row.reason());
            assertHostFree("127.0.0.30");
            assertTrue(kafka.await(deadLetters, r -> r.value().contains(request.id()), 1, Duration.ofSeconds(1))
                    .isEmpty(), "no dead letter");

            // a stopped loop claims nothing more
            Flows.send(kafka, requestsTopic, site.url("/after-stop.html"), CrawlKind.PAGE);
            await().atMost(WAIT).until(() -> Flows.row(dataSource, site.url("/after-stop.html")) != null);
            Thread.sleep(1000);
            assertEquals(0, site.hits("/after-stop.html"));
            assertEquals("queued", Flows.row(dataSource, site.url("/slow.html")).state());
        } finally {
            hold.countDown();
            Flows.forgetHost(dataSource, "127.0.0.30");
        }
    }

    private void assertHostFree(String host) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT lease_until, leased_by FROM fetcher.host WHERE host = ?")) {
            ps.setString(1, host);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertNull(rs.getObject(1), "lease_until");
                assertNull(rs.getObject(2), "leased_by");
            }
        }
    }
}
