package io.newsloom.events;

/** Names of the {@link CrawlRequest#hints()} the fetcher sets; later stages may use them, none may rely on them. */
public final class CrawlHints {
    /** The title a feed entry or news sitemap gave the page. */
    public static final String TITLE = "title";
    /** The publication date a feed entry or sitemap gave the page (ISO 8601). */
    public static final String PUBLISHED = "published";
    /** The feed or sitemap the URL was found in. A request with this hint is fetched only when its URL is due. */
    public static final String DISCOVERED_VIA = "discoveredVia";
    /** The id of the registered source whose poll this request is. */
    public static final String SOURCE_ID = "sourceId";

    private CrawlHints() {
    }
}
