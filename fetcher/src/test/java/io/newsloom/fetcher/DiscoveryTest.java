package io.newsloom.fetcher;

import io.newsloom.events.CrawlHints;
import io.newsloom.events.CrawlKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feeds and sitemaps read into page links with hints. */
class DiscoveryTest {

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>News</title><link>https://news.example.com/</link>
              <item><title>First story</title><link>https://news.example.com/1.html</link>
                <pubDate>Wed, 30 Nov 2022 10:21:00 +0800</pubDate></item>
              <item><title>Second story</title><link>/2.html</link></item>
            </channel></rss>""";
    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:x</id>
              <updated>2022-11-30T02:21:00Z</updated>
              <entry><title>Atom story</title><id>urn:1</id><link href="https://news.example.com/a.html"/>
                <published>2022-11-30T02:21:00Z</published><updated>2022-11-30T02:21:00Z</updated></entry>
            </feed>""";
    static final String JSON_FEED = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "News",
             "items": [{"id": "1", "url": "https://news.example.com/j.html", "title": "JSON story",
                        "date_published": "2022-11-30T10:21:00+08:00"}, {"id": "2"}]}""";

    @Test
    void rssEntriesBecomePagesWithTitleDateAndAbsoluteUrls() {
        List<DiscoveredLink> links = FeedReader.entries(RSS.getBytes(), "application/rss+xml",
                "https://news.example.com/feed.xml");
        assertEquals(2, links.size());
        assertEquals("https://news.example.com/1.html", links.get(0).url());
        assertEquals(CrawlKind.PAGE, links.get(0).kind());
        assertEquals("First story", links.get(0).hints().get(CrawlHints.TITLE));
        assertEquals("2022-11-30T02:21Z", links.get(0).hints().get(CrawlHints.PUBLISHED));
        assertEquals("https://news.example.com/feed.xml", links.get(0).hints().get(CrawlHints.DISCOVERED_VIA));
        assertEquals("https://news.example.com/2.html", links.get(1).url());
    }

    @Test
    void atomAndJsonFeedsToo() {
        List<DiscoveredLink> atom = FeedReader.entries(ATOM.getBytes(), "application/atom+xml",
                "https://news.example.com/atom");
        assertEquals("https://news.example.com/a.html", atom.get(0).url());
        assertEquals("Atom story", atom.get(0).hints().get(CrawlHints.TITLE));
        List<DiscoveredLink> json = FeedReader.entries(JSON_FEED.getBytes(), "application/feed+json",
                "https://news.example.com/feed.json");
        assertEquals(1, json.size(), "an item without url is skipped");
        assertEquals("2022-11-30T10:21+08:00", json.get(0).hints().get(CrawlHints.PUBLISHED));
    }

    @Test
    void notAFeedIsAReadableFailure() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FeedReader.entries("<html><body>no</body></html>".getBytes(), "text/html", "https://x.com/f"));
        assertTrue(e.getMessage().startsWith("not a readable RSS or Atom feed"), e.getMessage());
        // a text sitemap is one URL per line: a line that is no URL gives nothing
        assertEquals(List.of(), SitemapReader.links("nothing".getBytes(), "text/plain", "https://x.com/s"));
    }

    @Test
    void aSitemapIndexGivesSitemapsAndANewsSitemapGivesPagesWithHints() {
        String index = """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>https://news.example.com/s1.xml.gz</loc></sitemap>
                </sitemapindex>""";
        List<DiscoveredLink> children = SitemapReader.links(index.getBytes(), "application/xml",
                "https://news.example.com/index.xml");
        assertEquals(List.of(new DiscoveredLink("https://news.example.com/s1.xml.gz", CrawlKind.SITEMAP,
                java.util.Map.of(CrawlHints.DISCOVERED_VIA, "https://news.example.com/index.xml"))), children);

        String news = """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
                  <url><loc>https://news.example.com/n1.html</loc>
                    <news:news><news:publication><news:name>Ex</news:name><news:language>en</news:language>
                      </news:publication><news:publication_date>2022-11-30T10:21:00+08:00</news:publication_date>
                      <news:title>News title</news:title></news:news></url>
                </urlset>""";
        byte[] gz = HttpFetcherTest.gzip(news.getBytes());
        List<DiscoveredLink> pages = SitemapReader.links(gz, "application/gzip", "https://news.example.com/s1.xml.gz");
        assertEquals("https://news.example.com/n1.html", pages.get(0).url());
        assertEquals("News title", pages.get(0).hints().get(CrawlHints.TITLE));
        assertEquals("2022-11-30T10:21+08:00", pages.get(0).hints().get(CrawlHints.PUBLISHED));
    }
}
