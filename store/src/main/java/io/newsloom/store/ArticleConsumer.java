package io.newsloom.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsloom.events.ArticleEvent;
import io.newsloom.events.DeadLetterHeaders;
import io.newsloom.events.EventJson;
import io.newsloom.events.NativeLz4;
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

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kafka edge of the store. Each poll's records are written in one transaction; the method returns after the commit
 * and after every dead letter of the batch is acknowledged by the broker, and only then does the connector commit the
 * batch's offsets. While PostgreSQL is unreachable the batch is retried, so nothing is lost or dead-lettered because of
 * an outage; an event that can never be stored (bad JSON, invalid, refused by the table) goes to the dead-letter topic
 * with the reason, and the rest of the batch is stored.
 */
@ApplicationScoped
public class ArticleConsumer {

    private static final Logger LOG = Logger.getLogger(ArticleConsumer.class);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(60);

    private final ArticleRepository repository;
    private final RetryPolicy retry;
    private final MeterRegistry meters;
    private final MutinyEmitter<String> deadLetters;

    @Inject
    public ArticleConsumer(ArticleRepository repository, StoreConfig config, MeterRegistry meters,
                           @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.repository = repository;
        this.retry = new RetryPolicy(config.retryInitialDelay(), config.retryMaxDelay());
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    /** Native lz4 before the connectors start (see NativeLz4); static: this bean cannot be made that early. */
    static void useNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        NativeLz4.enable();
    }

    private record DeadLetter(ConsumerRecord<String, String> record, String reason) {
    }

    @Incoming("articles")
    @Blocking
    public void onArticles(ConsumerRecords<String, String> records) throws SQLException, InterruptedException {
        List<ConsumerRecord<String, String>> accepted = new ArrayList<>();
        List<ArticleEvent> articles = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                articles.add(ArticleValidator.validate(EventJson.read(r.value(), ArticleEvent.class)));
                accepted.add(r);
            } catch (EventJson.InvalidEventException e) {
                dead.add(new DeadLetter(r, e.getMessage()));
            }
        }
        List<ArticleRepository.Written> written = articles.isEmpty() ? List.of()
                : retry.run(() -> repository.storeAll(articles, ArticleConsumer::isTransient),
                ArticleConsumer::isTransient,
                (attempt, e) -> LOG.warnf("PostgreSQL unavailable (attempt %d), retrying: %s", attempt, e.getMessage()));
        for (int i = 0; i < written.size(); i++) {
            ArticleRepository.Written w = written.get(i);
            if (w.refused()) {
                dead.add(new DeadLetter(accepted.get(i), "the article table refused it: " + w.refusal()));
            } else {
                count(w.outcome().name());
            }
        }
        sendDeadLetters(dead);
    }

    private void sendDeadLetters(List<DeadLetter> dead) {
        if (dead.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = dead.stream().map(this::send).toList();
        Uni.join().all(sends).andFailFast().await().atMost(DEAD_LETTER_TIMEOUT);
        dead.forEach(d -> {
            LOG.warnf("dead letter from %s-%d@%d: %s", d.record().topic(), d.record().partition(),
                    d.record().offset(), d.reason());
            count("dead_letter");
        });
    }

    private Uni<Void> send(DeadLetter d) {
        ConsumerRecord<String, String> r = d.record();
        return deadLetters.sendMessage(Message.of(r.value() == null ? "" : r.value()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(r.key())
                        .withHeaders(DeadLetterHeaders.of(r, d.reason())).build()));
    }

    private void count(String outcome) {
        meters.counter("newsloom.store.articles", "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
    }

    /**
     * Connection failures, shutdowns, serialisation conflicts and a concurrent insert of the same id (the retry sees
     * the other writer's row) pass; other constraint and data errors (SQLSTATE classes 22 and 23) do not.
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40")
                || state.equals("23505");
    }
}
