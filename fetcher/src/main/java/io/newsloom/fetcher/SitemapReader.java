package io.newsloom.fetcher;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import io.newsloom.events.CrawlHints;
import io.newsloom.events.CrawlKind;

import java.net.URL;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The links of a sitemap (crawler-commons): a sitemap index gives its child sitemaps, a sitemap its pages, with the
 * Google News title and publication date (or else lastmod) as hints. Gzipped sitemaps are unpacked by the parser.
 */
public final class SitemapReader {

    private SitemapReader() {
    }

    /**
     * @throws IllegalArgumentException with a readable reason when the bytes are not a sitemap
     */
    public static List<DiscoveredLink> links(byte[] body, String contentType, String sitemapUrl) {
        AbstractSiteMap parsed;
        try {
            SiteMapParser parser = new SiteMapParser(false);
            parser.enableExtension(Extension.NEWS);
            parsed = parser.parseSiteMap(contentType == null ? "text/xml" : contentType, body, new URL(sitemapUrl));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a readable sitemap: " + e.getMessage(), e);
        }
        List<DiscoveredLink> links = new ArrayList<>();
        if (parsed instanceof SiteMapIndex index) {
            for (AbstractSiteMap child : index.getSitemaps()) {
                links.add(new DiscoveredLink(child.getUrl().toString(), CrawlKind.SITEMAP,
                        Map.of(CrawlHints.DISCOVERED_VIA, sitemapUrl)));
            }
        } else if (parsed instanceof SiteMap sitemap) {
            for (SiteMapURL entry : sitemap.getSiteMapUrls()) {
                links.add(new DiscoveredLink(entry.getUrl().toString(), CrawlKind.PAGE, hints(entry, sitemapUrl)));
            }
        }
        return links;
    }

    private static Map<String, String> hints(SiteMapURL entry, String sitemapUrl) {
        Map<String, String> hints = new HashMap<>();
        hints.put(CrawlHints.DISCOVERED_VIA, sitemapUrl);
        if (entry.getLastModified() != null) {
            hints.put(CrawlHints.PUBLISHED, entry.getLastModified().toInstant().atOffset(ZoneOffset.UTC).toString());
        }
        ExtensionMetadata[] news = entry.getAttributesForExtension(Extension.NEWS);
        if (news != null) {
            for (ExtensionMetadata m : news) {
                if (m instanceof NewsAttributes n) {
                    if (n.getTitle() != null) {
                        hints.put(CrawlHints.TITLE, n.getTitle().strip());
                    }
                    if (n.getPublicationDateTime() != null) {
                        hints.put(CrawlHints.PUBLISHED, n.getPublicationDateTime().toOffsetDateTime().toString());
                    }
                }
            }
        }
        return hints;
    }
}
