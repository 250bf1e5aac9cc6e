package io.newsloom.fetcher;

import io.newsloom.events.CrawlHints;
import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.GroupLag;
import io.newsloom.events.SourceCommand;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.newsloom.fetcher.Flows.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How fetches end, through the whole fetcher (Kafka in, frontier in PostgreSQL, real HTTP servers on 127.0.0.x, Kafka
 * out): Brotli bodies, non-HTML answers, permanent HTTP failures, 429 with Retry-After, a site root registered as a
 * sitemap source, and the metrics all of this leaves.
 */
@QuarkusTest
class CrawlOutcomesTest extends FetcherServiceTest {

    static final byte[] HTML = "<html><body><p>story</p></body></html>".getBytes();

    @ConfigProperty(name = "mp.messaging.incoming.crawl-requests.group.id")
    String fetcherGroup;

    @Test
    void aBrotliPageIsPublishedDecodedAndABrotliBombIsGivenUpWithAReason() {
        TestSite site = site("127.0.0.20")
                .handler("/br.html", exchange -> HttpFetcherTest.send(exchange, "br",
                        HttpFetcherTest.resource("brotli/page.html.br")))
                .handler("/br-bomb.html", exchange -> HttpFetcherTest.send(exchange, "br",
                        HttpFetcherTest.resource("brotli/zeros-50mb.br")));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            CrawlRequest bomb = send(kafka, site.url("/br-bomb.html"), CrawlKind.PAGE);
            send(kafka, site.url("/br.html"), CrawlKind.PAGE);
            FetchedPage page = Flows.page(kafka, pagesTopic, site.url("/br.html"));
            assertArrayEquals(HttpFetcherTest.resource("brotli/page.html"), page.body());
            assertFalse(page.truncated());
            DeadLetters.assertReason(kafka, deadLetters, bomb.id(), "decompression bomb: 53 br bytes", WAIT);
        }
        assertEquals("gzip, deflate, br", site.requests("/br.html").get(0).headers().get("accept-encoding"));
        assertEquals(1, site.hits("/br-bomb.html"), "a bomb is not asked for again");
    }

    @Test
    void aNonHtmlAnswerIsGivenUpAtOnceWithAReason() throws Exception {
        TestSite site = site("127.0.0.21")
                .page("/photo.png", "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .page("/report.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes());
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            CrawlRequest png = send(kafka, site.url("/photo.png"), CrawlKind.PAGE);
            CrawlRequest pdf = send(kafka, site.url("/report.pdf"), CrawlKind.PAGE);
            DeadLetters.assertReason(kafka, deadLetters, png.id(), "not HTML content (image/png) at "
                    + site.url("/photo.png"), WAIT);
            DeadLetters.assertReason(kafka, deadLetters, pdf.id(), "not HTML content (application/pdf)", WAIT);
            assertTrue(kafka.await(pagesTopic, r -> r.value().contains(png.id()) || r.value().contains(pdf.id()),
                    1, Duration.ofSeconds(1)).isEmpty(), "nothing is published for them");
        }
        assertGivenUpAfterOneRequest(site, "/photo.png", "not HTML content (image/png)");
        assertGivenUpAfterOneRequest(site, "/report.pdf", "not HTML content (application/pdf)");
    }

    @Test
    void a404AndA410ArePermanentFailuresRecordedWithTheirReasonAndNotRetried() throws Exception {
        TestSite site = site("127.0.0.22").status("/gone.html", 410);   // anything else on the site is a 404
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            CrawlRequest missing = send(kafka, site.url("/missing.html"), CrawlKind.PAGE);
            CrawlRequest gone = send(kafka, site.url("/gone.html"), CrawlKind.PAGE);
            DeadLetters.assertReason(kafka, deadLetters, missing.id(), "HTTP 404 from " + site.url("/missing.html"),
                    WAIT);
            DeadLetters.assertReason(kafka, deadLetters, gone.id(), "HTTP 410 from " + site.url("/gone.html"), WAIT);
        }
        assertGivenUpAfterOneRequest(site, "/missing.html", "HTTP 404 from " + site.url("/missing.html"));
        assertGivenUpAfterOneRequest(site, "/gone.html", "HTTP 410 from " + site.url("/gone.html"));
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheServersWaitAndThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TestSite site = site("127.0.0.23").handler("/limited.html", exchange -> {
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "2");
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            HttpFetcherTest.send(exchange, null, HTML);
        });
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            send(kafka, site.url("/limited.html"), CrawlKind.PAGE);
            FetchedPage page = Flows.page(kafka, pagesTopic, site.url("/limited.html"));
            assertEquals(200, page.status());
        }
        List<TestSite.Request> tries = site.requests("/limited.html");
        assertEquals(2, tries.size());
        long waited = Duration.between(tries.get(0).at(), tries.get(1).at()).toMillis();
        // the configured retry delay (200 ms in tests) is far shorter: the wait is the server's
        assertTrue(waited >= 1950, "retried after " + waited + " ms");
        Flows.Row row = Flows.row(dataSource, site.url("/limited.html"));
        assertEquals("done", row.state());
        assertEquals(200, row.lastStatus());
    }

    @Test
    void aSiteRootRegisteredAsASitemapSourceBringsThePagesOfTheSitemapsItsRobotsTxtLists() throws Exception {
        TestSite listed = site("127.0.0.24");
        listed.page("/robots.txt", "text/plain", ("User-agent: *\nAllow: /\nSitemap: " + listed.url("/news-map.xml")
                + "\nSitemap: https://elsewhere.example.com/sitemap.xml\n").getBytes());
        listed.page("/news-map.xml", "application/xml", urlset(listed.url("/listed-1.html")));
        listed.page("/listed-1.html", "text/html", HTML);
        // a site whose robots.txt lists no sitemap (here: has none at all) stands for its /sitemap.xml
        TestSite unlisted = site("127.0.0.25");
        unlisted.page("/sitemap.xml", "application/xml", urlset(unlisted.url("/unlisted-1.html")));
        unlisted.page("/unlisted-1.html", "text/html", HTML);

        SourceCommand first = SourceCommand.register(listed.url("/"), CrawlKind.SITEMAP, "PT1H", OffsetDateTime.now());
        SourceCommand second = SourceCommand.register(unlisted.url("/"), CrawlKind.SITEMAP, "PT1H",
                OffsetDateTime.now());
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(sourceCommands, first.key(), EventJson.write(first));
            kafka.send(sourceCommands, second.key(), EventJson.write(second));
            FetchedPage page = Flows.page(kafka, pagesTopic, listed.url("/listed-1.html"));
            assertEquals(listed.url("/news-map.xml"), page.hints().get(CrawlHints.DISCOVERED_VIA));
            FetchedPage other = Flows.page(kafka, pagesTopic, unlisted.url("/unlisted-1.html"));
            assertEquals(unlisted.url("/sitemap.xml"), other.hints().get(CrawlHints.DISCOVERED_VIA));

            assertEquals(0, listed.hits("/"), "the root itself is not fetched, it stands for the sitemaps");
            assertEquals(0, listed.hits("/sitemap.xml"), "robots.txt named the sitemaps");
            assertEquals(1, listed.hits("/news-map.xml"));
            await().atMost(WAIT).until(() -> "sitemaps from robots.txt".equals(sourceStatus(first.id())));
            for (SourceCommand c : List.of(first, second)) {
                SourceCommand remove = SourceCommand.remove(c.id(), OffsetDateTime.now());
                kafka.send(sourceCommands, remove.key(), EventJson.write(remove));
            }
        }
        await().atMost(WAIT).until(() -> sourceStatus(first.id()) == null && sourceStatus(second.id()) == null);
    }

    @Test
    void metricsCountFetchesByStatusClassBytesRobotsDenialsRetriesAndQueueDepth() throws Exception {
        byte[] robots = "User-agent: *\nDisallow: /no/\n".getBytes();
        AtomicInteger laterCalls = new AtomicInteger();
        TestSite site = site("127.0.0.26")
                .page("/robots.txt", "text/plain", robots)
                .page("/m1.html", "text/html", HTML)
                .page("/m2.html", "text/html", HTML)
                .page("/no/hidden.html", "text/html", HTML)
                .handler("/later.html", exchange -> {
                    if (laterCalls.incrementAndGet() == 1) {
                        exchange.sendResponseHeaders(503, -1);
                        exchange.close();
                        return;
                    }
                    HttpFetcherTest.send(exchange, null, HTML);
                });
        awaitQuietFrontier();
        Map<String, Double> before = Flows.metrics();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            for (String p : List.of("/m1.html", "/m2.html", "/later.html")) {
                send(kafka, site.url(p), CrawlKind.PAGE);
            }
            CrawlRequest missing = send(kafka, site.url("/missing.html"), CrawlKind.PAGE);
            CrawlRequest denied = send(kafka, site.url("/no/hidden.html"), CrawlKind.PAGE);
            for (String p : List.of("/m1.html", "/m2.html", "/later.html")) {
                Flows.page(kafka, pagesTopic, site.url(p));
            }
            DeadLetters.assertReason(kafka, deadLetters, missing.id(), "HTTP 404", WAIT);
            DeadLetters.assertReason(kafka, deadLetters, denied.id(), "disallowed by robots.txt", WAIT);
        }
        Map<String, Double> after = Flows.metrics();
        // robots.txt, m1, m2 and the second try of later: 2xx; missing: 4xx; the first try of later: 5xx
        assertDelta(before, after, "newsloom_fetcher_fetches_total{status=\"2xx\"}", 4);
        assertDelta(before, after, "newsloom_fetcher_fetches_total{status=\"4xx\"}", 1);
        assertDelta(before, after, "newsloom_fetcher_fetches_total{status=\"5xx\"}", 1);
        assertDelta(before, after, "newsloom_fetcher_bytes_total", robots.length + 3 * HTML.length);
        assertDelta(before, after, "newsloom_fetcher_robots_denials_total", 1);
        assertDelta(before, after, "newsloom_fetcher_retries_total", 1);
        assertDelta(before, after, "newsloom_fetcher_failures_total", 2);
        assertEquals(0, site.hits("/no/hidden.html"));

        // queue depth: a host whose Crawl-delay holds its URLs back after robots.txt
        TestSite slow = site("127.0.0.27")
                .page("/robots.txt", "text/plain", "User-agent: *\nCrawl-delay: 30\n".getBytes());
        String gauge = "newsloom_fetcher_host_queue_depth{host=\"127.0.0.27\"}";
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            for (int i = 1; i <= 3; i++) {
                send(kafka, slow.url("/q" + i + ".html"), CrawlKind.PAGE);
            }
            await().atMost(WAIT).until(() -> slow.hits("/robots.txt") == 1
                    && Flows.value(Flows.metrics(), gauge) == 3.0);
            assertEquals(1, slow.requests().size(), "the pages wait for the Crawl-delay");
        } finally {
            Flows.forgetHost(dataSource, "127.0.0.27");
        }
        await().atMost(WAIT).until(() -> !Flows.metrics().containsKey(gauge));
    }

    /**
     * No URL in flight or due soon, no source due soon, and no crawl request waiting on the topic: the counters move
     * only for what the test does. What earlier tests left queued (retries, sources) is put off by a day rather than
     * waited for, so the test does not depend on the order the test classes run in. Quiet must hold for several looks
     * in a row: a fetch ending between two looks can queue a retry or publish links. (A URL left "fetching" by a
     * killed earlier run counts only once its lease is recovered and it is queued again.)
     */
    private void awaitQuietFrontier() {
        int[] quietLooks = {0};
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            GroupLag lag = new GroupLag(admin, Duration.ofSeconds(5));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                boolean quiet = lag.lag(fetcherGroup, requestsTopic) == 0 && frontierQuiet();
                quietLooks[0] = quiet ? quietLooks[0] + 1 : 0;
                return quietLooks[0] >= 5;
            });
        }
    }

    /** Puts off what is due soon, then looks in one snapshot for anything in flight or still due soon. */
    private boolean frontierQuiet() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE fetcher.url SET due_at = now() + interval '1 day' WHERE state = 'queued'"
                    + " AND due_at < now() + interval '1 hour'");
            st.executeUpdate("UPDATE fetcher.source SET next_poll_at = now() + interval '1 day'"
                    + " WHERE next_poll_at < now() + interval '1 hour'");
            // one statement: a fetch that ends between the update and this look shows as queued, not as nothing
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM fetcher.url WHERE (state = 'fetching'"
                    + " AND updated_at > now() - interval '1 minute') OR (state = 'queued'"
                    + " AND due_at < now() + interval '1 hour')")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        }
    }

    private static void assertDelta(Map<String, Double> before, Map<String, Double> after, String key, double delta) {
        assertTrue(after.containsKey(key), key + " is missing from /q/metrics");
        assertEquals(delta, Flows.value(after, key) - Flows.value(before, key), 0.001, key);
    }

    private void assertGivenUpAfterOneRequest(TestSite site, String path, String reason) throws Exception {
        Flows.Row row = Flows.row(dataSource, site.url(path));
        assertNotNull(row, path + " is in the frontier");
        assertEquals("failed", row.state());
        assertEquals(1, row.attempts());
        assertTrue(row.reason() != null && row.reason().contains(reason), "reason was: " + row.reason());
        Thread.sleep(1000);   // five times the retry delay of the tests: a retry would have come
        assertEquals(1, site.hits(path), path + " is not asked for again");
    }

    private String sourceStatus(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_status FROM fetcher.source WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : null;
            }
        }
    }

    private static byte[] urlset(String... urls) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (String u : urls) {
            s.append("<url><loc>").append(u).append("</loc></url>");
        }
        return s.append("</urlset>").toString().getBytes();
    }

    private CrawlRequest send(KafkaTestClient kafka, String url, CrawlKind kind) {
        return Flows.send(kafka, requestsTopic, url, kind);
    }
}
