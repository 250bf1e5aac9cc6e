package io.newsloom.fetcher;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Runs a database step again while PostgreSQL is away (connection lost, shutting down, out of resources, a
 * serialisation conflict), so that a consumer's poll waits instead of dead-lettering records that are fine. Any other
 * SQL error is about the data and is thrown at once.
 */
final class DatabaseRetry {

    @FunctionalInterface
    interface Step<T> {
        T run() throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);
    // the same waits as the store's defaults
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Math::random);

    private DatabaseRetry() {
    }

    /** @throws InterruptedException when the service stops while waiting; the poll is then not committed */
    static <T> T whileUnreachable(String what, Step<T> step) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.run();
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                Duration wait = BACKOFF.delay(attempt, null);
                LOG.warnf("cannot %s (attempt %d), retrying in %s: %s", what, attempt, wait, e.getMessage());
                Thread.sleep(wait.toMillis());
            }
        }
    }

    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40");
    }
}
