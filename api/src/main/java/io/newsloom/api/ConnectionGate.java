package io.newsloom.api;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets at most as many requests use the database at once as the connection pool has connections, first come first
 * served. The pool itself hands a freed connection to whichever thread asks next, so under load (more requests in
 * flight than connections) a request could lose the race again and again and wait for seconds while later ones
 * pass it; waiting here, in order, bounds every wait by the queue ahead of it.
 */
final class ConnectionGate {

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Semaphore permits;
    private final long timeoutNanos;

    ConnectionGate(int connections, Duration timeout) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1: " + connections);
        }
        this.permits = new Semaphore(connections, true);
        this.timeoutNanos = timeout.toNanos();
    }

    /** Runs {@code work} once it is this caller's turn; an SQLException when the turn does not come in time. */
    <T> T call(Work<T> work) throws SQLException {
        boolean entered;
        try {
            entered = permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        if (!entered) {
            throw new SQLException("no database connection within " + Duration.ofNanos(timeoutNanos));
        }
        try {
            return work.run();
        } finally {
            permits.release();
        }
    }

    int available() {
        return permits.availablePermits();
    }
}
