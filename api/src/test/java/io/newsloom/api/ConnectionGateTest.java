package io.newsloom.api;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionGateTest {

    @Test
    void noMoreCallersAtOnceThanConnections() throws Exception {
        ConnectionGate gate = new ConnectionGate(3, Duration.ofSeconds(10));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 12; i++) {
            threads.add(started(() -> call(gate, () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                Thread.sleep(20);
                inside.decrementAndGet();
            })));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(3, most.get());
        assertEquals(3, gate.available());
    }

    @Test
    void waitersEnterInTheOrderTheyCame() throws Exception {
        ConnectionGate gate = new ConnectionGate(1, Duration.ofSeconds(10));
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdTheOnlyTurn(gate, release);
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Thread> waiters = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            waiters.add(started(() -> call(gate, () -> order.add(n))));
            // the next waiter comes only once this one queues
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (waiters.get(n).getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        holder.join();
        for (Thread t : waiters) {
            t.join();
        }
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void aTurnThatDoesNotComeInTimeIsAnSqlException() throws Exception {
        ConnectionGate gate = new ConnectionGate(1, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdTheOnlyTurn(gate, release);
        SQLException e = assertThrows(SQLException.class, () -> gate.call(() -> "never"));
        assertTrue(e.getMessage().contains("no database connection"), e.getMessage());
        release.countDown();
        holder.join();
        assertEquals("ran", gate.call(() -> "ran"));
    }

    @Test
    void aFailingCallGivesItsTurnBack() {
        ConnectionGate gate = new ConnectionGate(1, Duration.ofSeconds(1));
        assertThrows(SQLException.class, () -> gate.call(() -> {
            throw new SQLException("boom");
        }));
        assertEquals(1, gate.available());
    }

    /** A thread that takes the gate's one turn and keeps it until {@code release}; returns once it holds it. */
    private static Thread holdTheOnlyTurn(ConnectionGate gate, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = started(() -> call(gate, () -> {
            holding.countDown();
            release.await();
        }));
        holding.await();
        return holder;
    }

    private static Thread started(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void call(ConnectionGate gate, Body body) {
        try {
            gate.call(() -> {
                try {
                    body.run();
                } catch (SQLException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
