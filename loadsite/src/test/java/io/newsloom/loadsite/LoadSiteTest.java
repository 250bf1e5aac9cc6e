package io.newsloom.loadsite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadSiteTest {

    private static final String DOC_A = "<html><head><link rel=\"canonical\" href=\"https://origin.example/a\">"
            + "<meta property='og:url' content='https://origin.example/a'><title>A</title></head>"
            + "<body><p>First paragraph of A.</p><p>Second.</p></body></html>";
    private static final String DOC_B = "<html><head><title>B</title></head><body><div>No paragraphs</div></body></html>";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void copiesLoseTheOriginUrlAndGetTextOfTheirOwn() {
        CorpusPages pages = CorpusPages.of(List.of(DOC_A, DOC_B));
        String first = new String(pages.page(0));
        assertFalse(first.contains("origin.example"), first);
        assertTrue(first.contains("<p>First paragraph of A.</p>"), first);
        assertTrue(new String(pages.page(2)).contains("<p>First paragraph of A. Edition 2.</p>"));
        assertTrue(new String(pages.page(4)).contains("Edition 4."));
        assertEquals(DOC_B, new String(pages.page(3)), "a document without </p> is served unchanged");
    }

    @Test
    void planPlacesEachPageOnOneHost() {
        SitePlan plan = new SitePlan(10, 3, 10, 18600);
        assertEquals(List.of(1, 4, 7), plan.pagesOf(1).boxed().toList());
        assertEquals("http://127.0.0.11:18600/news/4.html", plan.pageUrl(4));
        assertEquals(4, plan.pageAt(1, "/news/4.html").orElseThrow());
        assertTrue(plan.pageAt(0, "/news/4.html").isEmpty(), "page 4 lives on host 1 only");
        assertTrue(plan.pageAt(1, "/news/10.html").isEmpty(), "beyond the last page");
        assertTrue(plan.pageAt(1, "/news/x.html").isEmpty());
    }

    @Test
    void servesPagesFeedsRobotsAndLogsEveryRequest(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        SitePlan plan = new SitePlan(7, 3, 20, port);
        Path logFile = dir.resolve("access.log");
        try (LoadSite site = new LoadSite(plan, CorpusPages.of(List.of(DOC_A, DOC_B)), new AccessLog(logFile), 2)) {
            HttpResponse<String> feed = get(plan.feedUrl(1), null);
            assertEquals(200, feed.statusCode());
            Matcher links = Pattern.compile("<item><title>[^<]*</title><link>([^<]+)</link>").matcher(feed.body());
            List<String> linked = links.results().map(m -> m.group(1)).toList();
            assertEquals(List.of(plan.pageUrl(4), plan.pageUrl(1)), linked, "newest first, only this host's pages");

            assertTrue(get(plan.origin(2) + "/robots.txt", null).body().contains("Sitemap: " + plan.origin(2)));
            assertTrue(get(plan.origin(0) + "/sitemap.xml", null).body().contains(plan.pageUrl(6)));

            HttpResponse<String> page = get(plan.pageUrl(4), null);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Edition 4."));
            String etag = page.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, get(plan.pageUrl(4), etag).statusCode());
            assertEquals(404, get(plan.origin(0) + "/news/4.html", null).statusCode());
        }
        List<String> lines = Files.readAllLines(logFile);
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(3).matches("\\d{16} 127\\.0\\.0\\.21 /news/4\\.html 200 \\d+"), lines.get(3));
        assertTrue(lines.get(4).endsWith(" 304 0"), lines.get(4));
    }

    private HttpResponse<String> get(String url, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
