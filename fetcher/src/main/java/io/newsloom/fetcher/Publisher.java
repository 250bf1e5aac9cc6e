package io.newsloom.fetcher;

import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventHeaders;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.NativeLz4;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/** The fetcher's outgoing records; each send waits for the broker's acknowledgement. */
@ApplicationScoped
public class Publisher {

    private final MutinyEmitter<byte[]> pages;
    private final MutinyEmitter<String> discovered;
    private final MutinyEmitter<String> failures;
    private final String crawlRequestsTopic;

    @Inject
    public Publisher(@Channel("pages") MutinyEmitter<byte[]> pages,
                     @Channel("discovered") MutinyEmitter<String> discovered,
                     @Channel("fetch-failures") MutinyEmitter<String> failures,
                     @ConfigProperty(name = "newsloom.topics.crawl-requests") String crawlRequestsTopic) {
        this.pages = pages;
        this.discovered = discovered;
        this.failures = failures;
        this.crawlRequestsTopic = crawlRequestsTopic;
    }

    /** Native lz4 before the connectors start (see NativeLz4); static: this bean cannot be made that early. */
    static void useNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        NativeLz4.enable();
    }

    public void page(FetchedPage page) {
        send(pages, page.key(), page.toRecordValue(), EventHeaders.forSchema(FetchedPage.SCHEMA));
    }

    /** A URL found in a feed or sitemap, as a crawl request keyed by its own host. */
    public void crawlRequest(CrawlRequest request) {
        send(discovered, request.key(), EventJson.write(request), EventHeaders.forSchema(CrawlRequest.SCHEMA));
    }

    /** A request given up, on the dead-letter topic with the same headers the connector's dead letters carry. */
    public void deadLetter(CrawlRequest request, String reason) {
        Headers headers = EventHeaders.forSchema(CrawlRequest.SCHEMA)
                .add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8))
                .add("dead-letter-topic", crawlRequestsTopic.getBytes(StandardCharsets.UTF_8))
                .add("dead-letter-stage", "fetcher".getBytes(StandardCharsets.UTF_8));
        send(failures, request.key(), EventJson.write(request), headers);
    }

    private static <T> void send(MutinyEmitter<T> emitter, String key, T value, Headers headers) {
        emitter.sendMessageAndAwait(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build()));
    }
}
