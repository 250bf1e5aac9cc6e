package io.newsloom.loadsite;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Where every page of the load site lives: page {@code n} is {@code /news/n.html} on host {@code n % hosts}, hosts are
 * the loopback addresses {@code 127.0.0.firstOctet} upwards (different hosts to a crawler), all on one port. Each host
 * also serves {@code /robots.txt}, {@code /feed.xml} (RSS listing its pages, newest first) and {@code /sitemap.xml}.
 */
public record SitePlan(int pages, int hosts, int firstOctet, int port) {

    /** Feed dates count back from here, so a feed is the same bytes on every request. */
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    public SitePlan {
        if (pages < 1 || hosts < 1 || firstOctet < 1 || firstOctet + hosts > 255 || port < 1 || port > 65535) {
            throw new IllegalArgumentException("need pages >= 1, 1 <= hosts, 127.0.0.firstOctet.."
                    + "127.0.0.(firstOctet + hosts - 1) within 127.0.0.1-254 and a valid port");
        }
    }

    public String host(int hostIndex) {
        return "127.0.0." + (firstOctet + hostIndex);
    }

    public int hostOf(int page) {
        return page % hosts;
    }

    public String origin(int hostIndex) {
        return "http://" + host(hostIndex) + ":" + port;
    }

    public String pageUrl(int page) {
        return origin(hostOf(page)) + pagePath(page);
    }

    public static String pagePath(int page) {
        return "/news/" + page + ".html";
    }

    public String feedUrl(int hostIndex) {
        return origin(hostIndex) + "/feed.xml";
    }

    public IntStream pagesOf(int hostIndex) {
        return IntStream.iterate(hostIndex, p -> p < pages, p -> p + hosts);
    }

    /** The page a path names on a host, if that host serves it. */
    public OptionalInt pageAt(int hostIndex, String path) {
        if (!path.startsWith("/news/") || !path.endsWith(".html")) {
            return OptionalInt.empty();
        }
        String digits = path.substring("/news/".length(), path.length() - ".html".length());
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int page = Integer.parseInt(digits);
        return page < pages && hostOf(page) == hostIndex ? OptionalInt.of(page) : OptionalInt.empty();
    }

    /** The publication date the feed gives a page: one minute apart, page 0 the oldest. */
    public Instant published(int page) {
        return EPOCH.plusSeconds(60L * page);
    }

    public String robotsTxt(int hostIndex) {
        return "User-agent: *\nAllow: /\n\nSitemap: " + origin(hostIndex) + "/sitemap.xml\n";
    }

    public String rss(int hostIndex) {
        int[] oldestFirst = pagesOf(hostIndex).toArray();
        StringBuilder items = new StringBuilder(200 * oldestFirst.length);
        for (int i = oldestFirst.length - 1; i >= 0; i--) {
            int page = oldestFirst[i];
            rssItem(items, "Story " + page, pageUrl(page), published(page));
        }
        return rss(host(hostIndex), origin(hostIndex), items);
    }

    /** An RSS 2.0 document around the given items (made with {@link #rssItem}). */
    static String rss(String host, String origin, CharSequence items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Load site " + host
                + "</title><link>" + origin + "/</link><description>every page of this host</description>\n" + items
                + "</channel></rss>\n";
    }

    static void rssItem(StringBuilder xml, String title, String url, Instant published) {
        xml.append("<item><title>").append(title).append("</title><link>").append(url).append("</link><guid>")
                .append(url).append("</guid><pubDate>").append(RFC_1123.format(published)).append("</pubDate></item>\n");
    }

    public String sitemap(int hostIndex) {
        StringBuilder xml = new StringBuilder(128 + 100 * (pages / hosts + 1));
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        pagesOf(hostIndex).forEach(page -> xml.append("<url><loc>").append(pageUrl(page)).append("</loc></url>\n"));
        return xml.append("</urlset>\n").toString();
    }
}
