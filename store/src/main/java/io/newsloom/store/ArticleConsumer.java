package io.newsloom.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsloom.events.ArticleEvent;
import io.newsloom.events.EventJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Kafka edge of the store. An article's offset is committed only after its transaction has committed (the method
 * returns after the commit, and the connector commits acknowledged offsets). While PostgreSQL is unreachable the
 * write is retried, so nothing is lost or dead-lettered because of an outage; an event that can never be stored goes
 * to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ArticleConsumer {

    private static final Logger LOG = Logger.getLogger(ArticleConsumer.class);

    private final ArticleRepository repository;
    private final RetryPolicy retry;
    private final MeterRegistry meters;

    @Inject
    public ArticleConsumer(ArticleRepository repository, StoreConfig config, MeterRegistry meters) {
        this.repository = repository;
        this.retry = new RetryPolicy(config.retryInitialDelay(), config.retryMaxDelay());
        this.meters = meters;
    }

    @Incoming("articles")
    @Blocking
    public void onArticle(String json) throws SQLException, InterruptedException {
        ArticleEvent article = ArticleValidator.validate(EventJson.read(json, ArticleEvent.class));
        StoreOutcome outcome = retry.run(() -> repository.upsert(article), ArticleConsumer::isTransient,
                (attempt, e) -> LOG.warnf("PostgreSQL unavailable (attempt %d), retrying: %s", attempt, e.getMessage()));
        meters.counter("newsloom.store.articles", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    /**
     * Connection failures, shutdowns and serialisation conflicts pass; constraint and data errors (SQLSTATE classes
     * 22 and 23) do not.
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40");
    }
}
