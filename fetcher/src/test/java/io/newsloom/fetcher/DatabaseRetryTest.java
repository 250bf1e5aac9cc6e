package io.newsloom.fetcher;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseRetryTest {

    @Test
    void aLostConnectionIsRetriedUntilTheStepPasses() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = DatabaseRetry.whileUnreachable("test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new SQLException("Connection refused", "08001");
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, calls.get());
    }

    @Test
    void aDataErrorIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        SQLException thrown = assertThrows(SQLException.class, () -> DatabaseRetry.whileUnreachable("test", () -> {
            calls.incrementAndGet();
            throw new SQLException("invalid byte sequence", "22021");
        }));
        assertEquals("22021", thrown.getSQLState());
        assertEquals(1, calls.get());
    }

    @Test
    void shutdownsResourceShortagesAndConflictsAreTransientConstraintErrorsAreNot() {
        for (String state : new String[]{"08006", "57P01", "53300", "40001"}) {
            assertEquals(true, DatabaseRetry.isTransient(new SQLException("x", state)), state);
        }
        for (String state : new String[]{"23505", "23502", "22001", "42P01"}) {
            assertEquals(false, DatabaseRetry.isTransient(new SQLException("x", state)), state);
        }
    }
}
