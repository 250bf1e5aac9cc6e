package io.newsloom.parser;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsloom.events.ArticleEvent;
import io.newsloom.events.EventHeaders;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.extractor.Extraction;
import io.newsloom.extractor.Extractor;
import io.newsloom.extractor.Page;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Locale;

/**
 * Kafka edge of the parser: one fetched page in, at most one article out. Pages are counted
 * ({@code newsloom.parser.pages} by type); a page that is no article (a listing, an error page) or cannot be parsed
 * goes to the dead-letter topic with the reason. The page's offset is committed only after the article is acknowledged.
 */
@ApplicationScoped
public class PageConsumer {

    private final Extractor extractor = new Extractor();
    private final MutinyEmitter<String> articles;
    private final MeterRegistry meters;

    @Inject
    public PageConsumer(@Channel("articles") MutinyEmitter<String> articles, MeterRegistry meters) {
        this.articles = articles;
        this.meters = meters;
    }

    @Incoming("pages")
    @Blocking
    public void onPage(String json) {
        FetchedPage page = EventJson.read(json, FetchedPage.class);
        Extraction extraction = extractor.extract(new Page(page.finalUrl(), page.body(), page.headers(),
                page.fetchedAt()));
        count(extraction);
        if (extraction.error() != null) {
            throw new UnusablePageException("extraction failed for " + page.finalUrl() + ": " + extraction.error());
        }
        if (!extraction.isArticle()) {
            // every page asked for ends as an article or a dead letter, so that none vanishes without a reason
            throw new UnusablePageException("not an article (" + extraction.pageType().name().toLowerCase(Locale.ROOT)
                    + " page): " + page.finalUrl());
        }
        ArticleEvent article = ArticleAssembler.assemble(page, extraction);
        articles.sendMessageAndAwait(Message.of(EventJson.write(article)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(article.key())
                        .withHeaders(EventHeaders.forSchema(ArticleEvent.SCHEMA))
                        .build()));
    }

    private void count(Extraction extraction) {
        String type = extraction.error() != null ? "error" : extraction.pageType().name().toLowerCase(Locale.ROOT);
        meters.counter("newsloom.parser.pages", "type", type).increment();
    }
}
