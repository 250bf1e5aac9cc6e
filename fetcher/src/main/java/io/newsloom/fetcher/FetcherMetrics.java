package io.newsloom.fetcher;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** The fetcher's meters, under {@code newsloom_fetcher_*} in {@code /q/metrics}. */
@ApplicationScoped
public class FetcherMetrics {

    private final MeterRegistry registry;
    private final MultiGauge hostQueues;

    @Inject
    public FetcherMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.hostQueues = MultiGauge.builder("newsloom.fetcher.host.queue.depth")
                .description("URLs queued per host (the longest queues)").register(registry);
    }

    /** One fetch by status class: 2xx, 3xx (304), 4xx, 5xx, or error when no answer came. */
    public void fetched(int status, long bytes) {
        String statusClass = status <= 0 ? "error" : (status / 100) + "xx";
        registry.counter("newsloom.fetcher.fetches", "status", statusClass).increment();
        registry.counter("newsloom.fetcher.bytes").increment(bytes);
    }

    public void robotsDenial() {
        registry.counter("newsloom.fetcher.robots.denials").increment();
    }

    public void retry() {
        registry.counter("newsloom.fetcher.retries").increment();
    }

    public void givenUp() {
        registry.counter("newsloom.fetcher.failures").increment();
    }

    public void hostQueues(Map<String, Long> depths) {
        hostQueues.register(depths.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("host", e.getKey()), e.getValue())).toList(), true);
    }
}
