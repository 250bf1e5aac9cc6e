package io.newsloom.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/** Retries an action with exponential backoff for as long as its failures are transient. */
public final class RetryPolicy {

    @FunctionalInterface
    public interface SqlAction<T> {
        T run() throws SQLException;
    }

    private final Duration initialDelay;
    private final Duration maxDelay;

    public RetryPolicy(Duration initialDelay, Duration maxDelay) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * Runs the action until it succeeds or fails with an error that is not transient (thrown as it is).
     *
     * @throws InterruptedException when the thread is interrupted while waiting (the service is stopping)
     */
    public <T> T run(SqlAction<T> action, Predicate<SQLException> isTransient,
                     BiConsumer<Integer, SQLException> onRetry) throws SQLException, InterruptedException {
        long delay = initialDelay.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return action.run();
            } catch (SQLException e) {
                if (!isTransient.test(e)) {
                    throw e;
                }
                onRetry.accept(attempt, e);
                Thread.sleep(delay);
                delay = Math.min(delay * 2, maxDelay.toMillis());
            }
        }
    }
}
