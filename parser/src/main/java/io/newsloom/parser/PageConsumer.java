package io.newsloom.parser;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsloom.events.ArticleEvent;
import io.newsloom.events.DeadLetterHeaders;
import io.newsloom.events.EventHeaders;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.NativeLz4;
import io.newsloom.extractor.Extraction;
import io.newsloom.extractor.Extractor;
import io.newsloom.extractor.Page;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kafka edge of the parser: one fetched page in, at most one article out. Pages are counted
 * ({@code newsloom.parser.pages} by type); a page that is no article (a listing, an error page) or cannot be parsed
 * goes to the dead-letter topic with the reason, so that none vanishes without one. A poll's articles and dead
 * letters are sent without waiting for each other (in order, so the order within a key holds) and the method
 * returns once the broker has acknowledged all of them; only then does the connector commit the poll's offsets.
 */
@ApplicationScoped
public class PageConsumer {

    private static final Logger LOG = Logger.getLogger(PageConsumer.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(120);

    private final Extractor extractor = new Extractor();
    private final MutinyEmitter<String> articles;
    private final MutinyEmitter<byte[]> deadLetters;
    private final MeterRegistry meters;

    @Inject
    public PageConsumer(@Channel("articles") MutinyEmitter<String> articles,
                        @Channel("dead-letters") MutinyEmitter<byte[]> deadLetters, MeterRegistry meters) {
        this.articles = articles;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /** Native lz4 before the connectors start (see NativeLz4); static: this bean cannot be made that early. */
    static void useNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        NativeLz4.enable();
    }

    @Incoming("pages")
    @Blocking
    public void onPages(ConsumerRecords<String, byte[]> records) {
        List<Uni<Void>> sends = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                ArticleEvent article = parse(r.value());
                if (article != null) {
                    sends.add(articles.sendMessage(Message.of(EventJson.write(article)).addMetadata(
                            OutgoingKafkaRecordMetadata.<String>builder()
                                    .withKey(article.key())
                                    .withHeaders(EventHeaders.forSchema(ArticleEvent.SCHEMA))
                                    .build())));
                }
            } catch (EventJson.InvalidEventException | UnusablePageException e) {
                LOG.warnf("dead letter from %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
                sends.add(deadLetters.sendMessage(Message.of(r.value() == null ? new byte[0] : r.value())
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.key())
                                .withHeaders(DeadLetterHeaders.of(r, e.getMessage())).build())));
            }
        }
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(ACK_TIMEOUT);
        }
    }

    /** The article of a page record, or null for a page that is no article. */
    private ArticleEvent parse(byte[] value) {
        FetchedPage page = FetchedPage.fromRecordValue(value);
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
        return ArticleAssembler.assemble(page, extraction);
    }

    private void count(Extraction extraction) {
        String type = extraction.error() != null ? "error" : extraction.pageType().name().toLowerCase(Locale.ROOT);
        meters.counter("newsloom.parser.pages", "type", type).increment();
    }
}
