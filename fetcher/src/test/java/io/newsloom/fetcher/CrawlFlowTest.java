package io.newsloom.fetcher;

import io.newsloom.events.CrawlHints;
import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.SourceCommand;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crawler against real local sites (each on its own 127.0.0.x address, so each is its own host), the real broker
 * and the real database: robots.txt, spacing, feeds, sitemaps, validators, Retry-After and sources.
 */
@QuarkusTest
class CrawlFlowTest extends FetcherServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final byte[] HTML = "<html><body><p>story</p></body></html>".getBytes();


    @Test
    void robotsTxtIsObeyedAndCrawlDelaySpacesTheRequestsToAHost() {
        TestSite site = site("127.0.0.3")
                .page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n".getBytes())
                .page("/private/secret.html", "text/html", HTML);
        List<String> paths = List.of("/a.html", "/b.html", "/c.html");
        paths.forEach(p -> site.page(p, "text/html", HTML));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            CrawlRequest secret = send(kafka, site.url("/private/secret.html"), CrawlKind.PAGE);
            List<CrawlRequest> requests = paths.stream().map(p -> send(kafka, site.url(p), CrawlKind.PAGE)).toList();
            for (CrawlRequest r : requests) {
                kafka.awaitOne(pagesTopic, rec -> rec.value().contains(r.id()), WAIT);
            }
            DeadLetters.assertReason(kafka, deadLetters, secret.id(), "disallowed by robots.txt", WAIT);
        }
        assertEquals(0, site.hits("/private/secret.html"), "a disallowed path is never requested");
        assertEquals(1, site.hits("/robots.txt"), "robots.txt is cached");
        List<TestSite.Request> log = site.requests();
        for (int i = 1; i < log.size(); i++) {
            long gap = Duration.between(log.get(i - 1).at(), log.get(i).at()).toMillis();
            // Crawl-delay: 1 (longer than the configured minimum) between any two requests to the host
            assertTrue(gap >= 950, "gap of " + gap + " ms between " + log.get(i - 1).path() + " and "
                    + log.get(i).path());
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("newsloom_fetcher_robots_denials_total"))
                .body(containsString("newsloom_fetcher_fetches_total{status=\"2xx\"}"));
    }

    @Test
    void rssAndAtomFeedsBringTheirEntriesAsPagesWithHints() {
        TestSite site = site("127.0.0.4");
        site.page("/rss.xml", "application/rss+xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                + "<title>T</title><link>" + site.url("/") + "</link>"
                + "<item><title>RSS one</title><link>" + site.url("/rss-1.html") + "</link>"
                + "<pubDate>Wed, 30 Nov 2022 10:21:00 GMT</pubDate></item></channel></rss>").getBytes());
        site.page("/atom.xml", "application/atom+xml", ("<?xml version=\"1.0\"?>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><id>urn:t</id>"
                + "<updated>2022-11-30T10:21:00Z</updated><entry><title>Atom one</title><id>urn:1</id>"
                + "<link href=\"" + site.url("/atom-1.html") + "\"/><updated>2022-11-30T10:21:00Z</updated>"
                + "</entry></feed>").getBytes());
        site.page("/rss-1.html", "text/html", HTML).page("/atom-1.html", "text/html", HTML);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            send(kafka, site.url("/rss.xml"), CrawlKind.FEED);
            send(kafka, site.url("/atom.xml"), CrawlKind.FEED);
            FetchedPage rss = page(kafka, site.url("/rss-1.html"));
            assertEquals("RSS one", rss.hints().get(CrawlHints.TITLE));
            assertEquals("2022-11-30T10:21Z", rss.hints().get(CrawlHints.PUBLISHED));
            assertEquals(site.url("/rss.xml"), rss.hints().get(CrawlHints.DISCOVERED_VIA));
            assertEquals("Atom one", page(kafka, site.url("/atom-1.html")).hints().get(CrawlHints.TITLE));
        }
    }

    @Test
    void aSitemapIndexWithAGzippedChildBringsItsPages() {
        TestSite site = site("127.0.0.5");
        site.page("/sitemap-index.xml", "application/xml", ("<?xml version=\"1.0\"?>"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>"
                + site.url("/child.xml.gz") + "</loc></sitemap></sitemapindex>").getBytes());
        site.page("/child.xml.gz", "application/gzip", HttpFetcherTest.gzip(("<?xml version=\"1.0\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>" + site.url("/sm-1.html")
                + "</loc><lastmod>2022-11-30</lastmod></url></urlset>").getBytes()));
        site.page("/sm-1.html", "text/html", HTML);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            send(kafka, site.url("/sitemap-index.xml"), CrawlKind.SITEMAP);
            FetchedPage page = page(kafka, site.url("/sm-1.html"));
            assertEquals(site.url("/child.xml.gz"), page.hints().get(CrawlHints.DISCOVERED_VIA));
        }
    }

    @Test
    void aConditionalGetAnswered304PublishesNoSecondPage() {
        TestSite site = site("127.0.0.6").handler("/validated.html", exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            exchange.getResponseHeaders().set("Last-Modified", "Wed, 30 Nov 2022 10:00:00 GMT");
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            HttpFetcherTest.send(exchange, null, HTML);
        });
        String url = site.url("/validated.html");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            send(kafka, url, CrawlKind.PAGE);
            page(kafka, url);
            send(kafka, url, CrawlKind.PAGE);
            await().atMost(WAIT).until(() -> site.hits("/validated.html") == 2);
            List<TestSite.Request> seen = site.requests("/validated.html");
            assertEquals("\"v1\"", seen.get(1).headers().get("if-none-match"));
            assertEquals("Wed, 30 Nov 2022 10:00:00 GMT", seen.get(1).headers().get("if-modified-since"));
            assertEquals(1, kafka.await(pagesTopic, r -> r.value().contains(url), 2, Duration.ofSeconds(5)).size());
        }
    }

    @Test
    void a503WithRetryAfterIsRetriedAfterTheServersWait() {
        AtomicInteger calls = new AtomicInteger();
        TestSite site = site("127.0.0.7").handler("/busy.html", exchange -> {
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "2");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            HttpFetcherTest.send(exchange, null, HTML);
        });
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            send(kafka, site.url("/busy.html"), CrawlKind.PAGE);
            page(kafka, site.url("/busy.html"));
        }
        List<TestSite.Request> tries = site.requests("/busy.html");
        assertEquals(2, tries.size());
        long waited = Duration.between(tries.get(0).at(), tries.get(1).at()).toMillis();
        assertTrue(waited >= 1900, "retried after " + waited + " ms");
    }

    @Test
    void aRegisteredSourceIsPolledAgainAndItsNewEntriesFetched() throws Exception {
        TestSite site = site("127.0.0.8");
        AtomicInteger version = new AtomicInteger(1);
        site.handler("/feed.json", exchange -> {
            StringBuilder items = new StringBuilder();
            for (int i = 1; i <= version.get(); i++) {
                items.append(i > 1 ? "," : "").append("{\"id\":\"").append(i).append("\",\"url\":\"")
                        .append(site.url("/src-" + i + ".html")).append("\",\"title\":\"Item ").append(i).append("\"}");
            }
            byte[] body = ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"S\",\"items\":[" + items
                    + "]}").getBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/feed+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.page("/src-1.html", "text/html", HTML).page("/src-2.html", "text/html", HTML);
        SourceCommand register = SourceCommand.register(site.url("/feed.json"), CrawlKind.FEED, "PT1S",
                OffsetDateTime.now());
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(sourceCommands, register.key(), EventJson.write(register));
            page(kafka, site.url("/src-1.html"));
            version.set(2);
            FetchedPage second = page(kafka, site.url("/src-2.html"));
            assertEquals("Item 2", second.hints().get(CrawlHints.TITLE));
        }
        await().atMost(WAIT).until(() -> polls(register.id()) >= 2);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT items_total, last_poll_at FROM fetcher.source WHERE id = ?")) {
            ps.setString(1, register.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(2, rs.getLong(1));
                assertTrue(rs.getObject(2, OffsetDateTime.class) != null);
            }
        }
        assertEquals(1, site.hits("/src-1.html"), "an entry already fetched is not fetched again");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            SourceCommand remove = SourceCommand.remove(register.id(), OffsetDateTime.now());
            kafka.send(sourceCommands, remove.key(), EventJson.write(remove));
        }
        await().atMost(WAIT).until(() -> polls(register.id()) < 0);
    }

    private int polls(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT polls FROM fetcher.source WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    private CrawlRequest send(KafkaTestClient kafka, String url, CrawlKind kind) {
        CrawlRequest request = new CrawlRequest(UUID.randomUUID().toString(), url, kind, OffsetDateTime.now(),
                Map.of());
        kafka.send(requestsTopic, request.key(), EventJson.write(request));
        return request;
    }

    private FetchedPage page(KafkaTestClient kafka, String url) {
        return Flows.page(kafka, pagesTopic, url);
    }
}
