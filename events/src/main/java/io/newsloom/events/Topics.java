package io.newsloom.events;

/**
 * Default topic names. Services read the names from configuration ({@code newsloom.topics.*}, defaults in this
 * module's {@code META-INF/microprofile-config.properties}), so a deployment can rename them.
 */
public final class Topics {
    /** {@link CrawlRequest}s, keyed by host. */
    public static final String CRAWL_REQUESTS = "crawl-requests";
    /** {@link FetchedPage}s, keyed by host. */
    public static final String PAGES = "pages";
    /** {@link ArticleEvent}s, keyed by article id. */
    public static final String ARTICLES = "articles";
    /** {@link SourceCommand}s, keyed by source id. */
    public static final String SOURCE_COMMANDS = "source-commands";
    /** Messages a stage could not handle; the reason is in the headers. */
    public static final String DEAD_LETTERS = "dead-letters";

    /** Kafka header naming the schema of a record's value, for example {@code article/1}. */
    public static final String SCHEMA_HEADER = "newsloom-schema";

    private Topics() {
    }
}
