package io.newsloom.fetcher;

import io.newsloom.events.CrawlHints;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.DeadLetterHeaders;
import io.newsloom.events.EventJson;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka edge of the fetcher: each poll's crawl requests enter the frontier in one transaction, and the connector
 * commits the poll's offsets only after this method returns, that is after the commit and after every dead letter of
 * the poll is acknowledged. Fetching happens in the {@link FetchLoop}, so a slow host never holds a partition. A
 * request that cannot be read, or that the frontier refuses, goes to the dead-letter topic with the reason; the rest
 * of the poll is queued. While PostgreSQL is unreachable the poll is retried, so nothing is dead-lettered for that.
 */
@ApplicationScoped
public class CrawlRequestConsumer {

    private static final Logger LOG = Logger.getLogger(CrawlRequestConsumer.class);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(60);

    private final Frontier frontier;
    private final MutinyEmitter<String> deadLetters;

    @Inject
    public CrawlRequestConsumer(Frontier frontier, @Channel("fetch-failures") MutinyEmitter<String> deadLetters) {
        this.frontier = frontier;
        this.deadLetters = deadLetters;
    }

    private record DeadLetter(ConsumerRecord<String, String> record, String reason) {
    }

    @Incoming("crawl-requests")
    @Blocking
    public void onCrawlRequests(ConsumerRecords<String, String> records) throws InterruptedException, SQLException {
        List<ConsumerRecord<String, String>> accepted = new ArrayList<>();
        List<Frontier.Entry> entries = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                entries.add(entry(r.value()));
                accepted.add(r);
            } catch (EventJson.InvalidEventException e) {
                dead.add(new DeadLetter(r, e.getMessage()));
            }
        }
        List<String> refusals = entries.isEmpty() ? List.of()
                : DatabaseRetry.whileUnreachable("queue " + entries.size() + " crawl requests",
                        () -> frontier.enqueueAll(entries));
        for (int i = 0; i < refusals.size(); i++) {
            if (refusals.get(i) != null) {
                dead.add(new DeadLetter(accepted.get(i), "the frontier refused it: " + refusals.get(i)));
            }
        }
        sendDeadLetters(dead);
    }

    static Frontier.Entry entry(String json) {
        CrawlRequest request = EventJson.read(json, CrawlRequest.class);
        if (request.url() == null || request.kind() == null || request.id() == null) {
            throw new EventJson.InvalidEventException("not a valid CrawlRequest: id, url and kind are required");
        }
        String normalised = UrlNormaliser.normalise(request.url());
        String host = CrawlRequest.hostKey(request.url());
        if (normalised == null || host.isEmpty()) {
            throw new EventJson.InvalidEventException("not a valid CrawlRequest: cannot read the URL "
                    + request.url());
        }
        // a URL found in a feed or sitemap waits for its due time; one asked for directly is due now
        boolean explicit = !request.hints().containsKey(CrawlHints.DISCOVERED_VIA);
        return new Frontier.Entry(normalised, host, request.url(), request.id(), request.kind(), request.hints(),
                request.hints().get(CrawlHints.SOURCE_ID), explicit);
    }

    private void sendDeadLetters(List<DeadLetter> dead) {
        if (dead.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = dead.stream().map(d -> deadLetters.sendMessage(
                Message.of(d.record().value() == null ? "" : d.record().value()).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(d.record().key())
                                .withHeaders(DeadLetterHeaders.of(d.record(), d.reason())).build()))).toList();
        Uni.join().all(sends).andFailFast().await().atMost(DEAD_LETTER_TIMEOUT);
        dead.forEach(d -> LOG.warnf("dead letter from %s-%d@%d: %s", d.record().topic(), d.record().partition(),
                d.record().offset(), d.reason()));
    }
}
