package io.newsloom.fetcher;

import io.newsloom.events.CrawlHints;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Drives the fetching: every poll interval it turns due sources into queued URLs and claims due URLs of free hosts,
 * up to the configured concurrency and as far as the stages after it keep up ({@link DownstreamLag}), for the
 * worker threads. At shutdown it stops claiming, lets in-flight fetches finish for a grace period and releases what
 * is left back to the frontier.
 */
@ApplicationScoped
public class FetchLoop {

    private static final Logger LOG = Logger.getLogger(FetchLoop.class);
    static final int HOST_GAUGE_SIZE = 50;

    private final FetchConfig config;
    private final Frontier frontier;
    private final SourceStore sources;
    private final TaskProcessor processor;
    private final FetcherMetrics metrics;
    private final DownstreamLag downstream;
    private final String instance = "fetcher-" + UUID.randomUUID();
    private final Semaphore slots;
    private ScheduledExecutorService ticker;
    private ExecutorService workers;
    private volatile boolean stopping;
    private long ticks;
    // hosts whose fetch is running in this process, with how many tasks (a host freed by one task may be claimed
    // again before that task's worker has let go of it): only their leases are renewed, so that the lease of a task
    // whose result could not be recorded still runs out and its URL is released
    private final Map<String, Integer> hostsInFlight = new ConcurrentHashMap<>();
    private long leasesRenewedAt = System.nanoTime();

    @Inject
    public FetchLoop(FetchConfig config, Frontier frontier, SourceStore sources, TaskProcessor processor,
                     FetcherMetrics metrics, DownstreamLag downstream) {
        this.config = config;
        this.frontier = frontier;
        this.sources = sources;
        this.processor = processor;
        this.metrics = metrics;
        this.downstream = downstream;
        this.slots = new Semaphore(config.concurrency());
    }

    void start(@Observes StartupEvent event) {
        workers = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "fetch-worker");
            t.setDaemon(true);
            return t;
        });
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fetch-loop"));
        long every = Math.max(10, config.pollInterval().toMillis());
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("fetch loop %s started: %d at once, %s between requests to a host", instance, config.concurrency(),
                config.minHostDelay());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        ticker.shutdown();
        try {
            // a tick in progress hands its claimed tasks to the workers before they stop taking any
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            workers.shutdown();
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                // interrupted fetches record nothing (TaskProcessor): their URLs are released below
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            int released = frontier.release(instance);
            LOG.infof("fetch loop stopped; %d in-flight URLs released", released);
        } catch (Exception e) {
            LOG.warnf("cannot release in-flight URLs at shutdown (their leases expire): %s", e.getMessage());
        }
    }

    private void tick() {
        if (stopping) {
            return;
        }
        try {
            if (ticks++ % 20 == 0) {
                housekeeping();
            }
            queueDueSources();
            int free = slots.availablePermits();
            int claimable = downstream.claimable(free, config.concurrency() - free);
            renewLeasesWhenDue();
            for (Frontier.Task task : frontier.claim(instance, claimable, config.leaseTimeout())) {
                slots.acquireUninterruptibly();
                hostsInFlight.merge(task.host(), 1, Integer::sum);
                workers.execute(() -> {
                    try {
                        processor.process(task);
                    } finally {
                        hostsInFlight.computeIfPresent(task.host(), (host, tasks) -> tasks == 1 ? null : tasks - 1);
                        slots.release();
                    }
                });
            }
        } catch (Exception e) {
            // PostgreSQL away: try again next tick
            LOG.warnf("fetch loop tick failed: %s", e.getMessage());
        }
    }

    /**
     * A third of the lease after the last renewal, the leases of the hosts being fetched are extended: a lease can
     * then be short (a killed fetcher's hosts are free again after it) and still outlast a long fetch.
     */
    private void renewLeasesWhenDue() throws SQLException {
        long now = System.nanoTime();
        if (now - leasesRenewedAt < config.leaseTimeout().toNanos() / 3) {
            return;
        }
        leasesRenewedAt = now;
        if (!hostsInFlight.isEmpty()) {
            frontier.renewLeases(instance, List.copyOf(hostsInFlight.keySet()), config.leaseTimeout());
        }
    }

    /** Sources due for a poll go into the frontier as explicit requests, so they are fetched whatever their state. */
    private void queueDueSources() throws Exception {
        for (SourceStore.DueSource s : sources.takeDue(100)) {
            String normalised = UrlNormaliser.normalise(s.url());
            if (normalised == null) {
                continue;
            }
            frontier.enqueue(new Frontier.Entry(normalised, io.newsloom.events.CrawlRequest.hostKey(s.url()), s.url(),
                    UUID.randomUUID().toString(), s.kind(), Map.of(CrawlHints.SOURCE_ID, s.id()), s.id(), true));
        }
    }

    private void housekeeping() throws Exception {
        int recovered = frontier.release("");
        if (recovered > 0) {
            LOG.infof("%d URLs left in flight by a stopped fetch were queued again", recovered);
        }
        metrics.hostQueues(frontier.queueDepths(HOST_GAUGE_SIZE));
    }
}
