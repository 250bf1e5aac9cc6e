package io.newsloom.fetcher;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsloom.events.GroupLag;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the stages after the fetcher have not taken yet (the parsers' lag on the pages topic plus the stores' lag on
 * the articles topic, by default), read from the broker every downstream-check-interval, and how many URLs the fetch
 * loop may claim with it. Keeping that lag short keeps the queue in the frontier: a page fetched while the pipeline
 * is behind only waits on a topic and ages there. While the lag cannot be read (the broker away), nothing is held
 * back: the publisher's own retries apply.
 */
@ApplicationScoped
public class DownstreamLag {

    private static final Logger LOG = Logger.getLogger(DownstreamLag.class);

    /** A downstream reader as configured, {@code group:topic}. */
    static GroupLag.GroupTopic groupTopic(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("not group:topic: " + spec);
        }
        return new GroupLag.GroupTopic(spec.substring(0, colon).trim(), spec.substring(colon + 1).trim());
    }

    private final FetchConfig config;
    private final String bootstrapServers;
    private final List<GroupLag.GroupTopic> downstream;
    private volatile long lag;
    private volatile boolean readable = true;
    private volatile boolean holding;
    private Admin admin;
    private ScheduledExecutorService checker;

    @Inject
    public DownstreamLag(FetchConfig config, MeterRegistry registry,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.downstream = config.downstreamGroups().stream().map(DownstreamLag::groupTopic).toList();
        Gauge.builder("newsloom.fetcher.downstream.lag", this, d -> d.lag)
                .description("Records the stages after the fetcher have not committed yet (last reading)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (config.maxDownstreamLag() <= 0 || downstream.isEmpty()) {
            return;
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "newsloom-fetcher-downstream-lag"));
        GroupLag groups = new GroupLag(admin, Duration.ofSeconds(5));
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "downstream-lag");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(() -> read(groups), 0,
                Math.max(10, config.downstreamCheckInterval().toMillis()), TimeUnit.MILLISECONDS);
        LOG.infof("fetching pauses while %s have %d or more records to take", downstream,
                config.maxDownstreamLag());
    }

    void stop(@Observes ShutdownEvent event) {
        if (checker != null) {
            checker.shutdownNow();
            admin.close(Duration.ofSeconds(2));
        }
    }

    private void read(GroupLag groups) {
        try {
            lag = groups.lag(downstream);
            if (!readable) {
                LOG.info("the downstream lag can be read again");
            }
            readable = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (readable) {
                LOG.warnf("cannot read the downstream lag, fetching without that limit until it can: %s", e);
            }
            readable = false;
        }
    }

    /** URLs the fetch loop may claim now, with {@code free} worker slots and {@code inFlight} fetches running. */
    int claimable(int free, int inFlight) {
        int allowed = allowance(free, inFlight, readable ? lag : 0, config.maxDownstreamLag());
        boolean held = allowed == 0 && free > 0;
        if (held != holding) {
            holding = held;
            LOG.debugf(held ? "fetching paused: downstream lag %d" : "fetching resumed: downstream lag %d", lag);
        }
        return allowed;
    }

    /**
     * The claims that keep the downstream lag under {@code max}, counting each running fetch as a record to come;
     * {@code free} when there is no limit.
     */
    static int allowance(int free, int inFlight, long lag, int max) {
        if (max <= 0) {
            return free;
        }
        return (int) Math.max(0, Math.min(free, max - lag - inFlight));
    }
}
