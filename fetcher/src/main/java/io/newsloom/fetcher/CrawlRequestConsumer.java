package io.newsloom.fetcher;

import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.EventHeaders;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Kafka edge of the fetcher: one crawl request in, one page out. The request's offset is committed only after the
 * page is acknowledged by the broker; a request that cannot be fetched goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class CrawlRequestConsumer {

    private static final Logger LOG = Logger.getLogger(CrawlRequestConsumer.class);

    private final PageFetcher fetcher;
    private final MutinyEmitter<String> pages;

    @Inject
    public CrawlRequestConsumer(FetchConfig config, @Channel("pages") MutinyEmitter<String> pages) {
        this.fetcher = new PageFetcher(config, Clock.systemUTC());
        this.pages = pages;
    }

    @Incoming("crawl-requests")
    @Blocking
    public void onCrawlRequest(String json) {
        CrawlRequest request = EventJson.read(json, CrawlRequest.class);
        FetchedPage page = fetcher.fetch(request);
        LOG.debugf("fetched %s: HTTP %d, %d bytes", page.finalUrl(), page.status(), page.body().length);
        pages.sendMessageAndAwait(Message.of(EventJson.write(page)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(page.key())
                        .withHeaders(EventHeaders.forSchema(FetchedPage.SCHEMA))
                        .build()));
    }
}
