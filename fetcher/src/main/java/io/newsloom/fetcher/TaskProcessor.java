package io.newsloom.fetcher;

import crawlercommons.robots.BaseRobotRules;
import io.newsloom.events.CrawlHints;
import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.FetchedPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Works one claimed URL: asks robots.txt first (a robots.txt fetch takes the host's turn), fetches within the limits,
 * publishes the page or the links of a feed or sitemap, and records the result and the host's next free time.
 */
@ApplicationScoped
public class TaskProcessor {

    private static final Logger LOG = Logger.getLogger(TaskProcessor.class);

    static final String PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
    static final String FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/feed+json,"
            + "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5";
    static final String SITEMAP_ACCEPT = "application/xml,text/xml;q=0.9,*/*;q=0.5";

    private final FetchConfig config;
    private final Frontier frontier;
    private final SourceStore sources;
    private final Publisher publisher;
    private final FetcherMetrics metrics;
    private final HttpFetcher http;
    private final RobotsCache robots;
    private final Backoff backoff;
    private final AdaptiveInterval adaptive;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public TaskProcessor(FetchConfig config, Frontier frontier, SourceStore sources, Publisher publisher,
                         FetcherMetrics metrics) {
        this.config = config;
        this.frontier = frontier;
        this.sources = sources;
        this.publisher = publisher;
        this.metrics = metrics;
        this.http = new HttpFetcher(HttpFetcher.Limits.of(config),
                config.allowPrivateNetworks() ? AddressGuard.ALLOW_ALL
                        : AddressGuard.publicOnly(config.trustedNetworks().orElse(List.of())), clock);
        this.robots = new RobotsCache(config.userAgent(), config.robotsCacheTtl(), config.robotsRetryDelay());
        this.backoff = new Backoff(config.retryInitialDelay(), config.retryMaxDelay(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.adaptive = new AdaptiveInterval(config.sourceMinInterval(), config.sourceMaxInterval());
    }

    /**
     * Works the task; whatever happens, the task ends recorded and its host released, except when the fetch is
     * interrupted by a shutdown: then nothing is recorded (no attempt counted, no dead letter) and the URL stays in
     * flight for {@link FetchLoop} to release back to the queue.
     */
    public void process(Frontier.Task task) {
        Step step;
        try {
            step = work(task);
        } catch (RuntimeException e) {
            if (interrupted()) {
                step = INTERRUPTED;
            } else {
                // a bug or a broker outage: count it as a failed attempt so that the URL cannot loop forever
                LOG.warnf(e, "fetching %s failed unexpectedly", task.requestUrl());
                step = failed(task, FetchOutcome.Failed.transientFailure("fetch failed: " + e), minDelay());
            }
        }
        if (step == INTERRUPTED) {
            LOG.infof("fetch of %s interrupted by the shutdown: left to be released", task.requestUrl());
            return;
        }
        try {
            frontier.finish(task, step.result(), step.hostDelay());
        } catch (Exception e) {
            // the host lease expires and the URL is released by the next sweep
            LOG.errorf(e, "cannot record the result of %s", task.url());
        }
    }

    /** What a task came to: its frontier result and how long its host must now rest. */
    record Step(Frontier.Result result, Duration hostDelay) {
    }

    /** The fetch was interrupted (shutdown): nothing to record. */
    private static final Step INTERRUPTED = new Step(null, Duration.ZERO);

    private static boolean interrupted() {
        return Thread.currentThread().isInterrupted();
    }

    private Step work(Frontier.Task task) {
        URI uri;
        try {
            uri = HttpFetcher.httpUri(task.requestUrl());
        } catch (IllegalArgumentException e) {
            return failed(task, FetchOutcome.Failed.permanent(e.getMessage()), Duration.ZERO);
        }
        String origin = RobotsCache.origin(uri);
        Instant now = clock.instant();
        RobotsCache.Entry entry = robots.lookup(origin, now);
        if (entry == null) {
            FetchOutcome answer = http.fetch(origin + "/robots.txt", HttpFetcher.Validators.NONE, "text/plain");
            if (interrupted()) {
                return INTERRUPTED;
            }
            count(answer);
            entry = robots.record(origin, answer, clock.instant());
            if (entry.rules() == null) {
                // unreachable: an attempt of this URL, so that a dead host ends in a dead letter, not a loop
                return failed(task, FetchOutcome.Failed.transientFailure("robots.txt unreachable: "
                        + ((FetchOutcome.Failed) answer).reason()), minDelay());
            }
            return new Step(new Frontier.Result.Released(Duration.ZERO), hostDelay(entry.rules()));
        }
        if (entry.rules() == null) {
            // this origin's robots.txt is unreachable for now: the URL waits for it, but the host stays free for its
            // other origins (the host key has no port)
            Duration untilRetry = Duration.between(now, entry.retryAt());
            return new Step(new Frontier.Result.Released(untilRetry), Duration.ZERO);
        }
        BaseRobotRules rules = entry.rules();
        if (task.kind() == CrawlKind.SITEMAP && isSiteRoot(uri)) {
            return sitemapsOfSite(task, uri, rules);
        }
        if (!rules.isAllowed(task.requestUrl())) {
            metrics.robotsDenial();
            return failed(task, FetchOutcome.Failed.permanent("disallowed by robots.txt: " + task.requestUrl()),
                    Duration.ZERO);
        }
        Duration rest = hostDelay(rules);
        FetchOutcome outcome = http.fetch(task.requestUrl(), new HttpFetcher.Validators(task.etag(),
                task.lastModified()), accept(task.kind()));
        if (interrupted()) {
            return INTERRUPTED;
        }
        count(outcome);
        if (outcome instanceof FetchOutcome.Fetched fetched) {
            return fetched(task, fetched, rest);
        }
        if (outcome instanceof FetchOutcome.NotModified notModified) {
            recordPoll(task, new SourceStore.Poll(false, 0, 0, "unchanged (304)"));
            return new Step(new Frontier.Result.Done(304, notModified.finalUri().toString(), null, null,
                    revisit(task.kind())), rest);
        }
        FetchOutcome.Failed failure = (FetchOutcome.Failed) outcome;
        Duration serverWait = failure.retryAfter() == null ? Duration.ZERO : min(failure.retryAfter(),
                config.retryMaxDelay());
        return failed(task, failure, max(rest, serverWait));
    }

    private Step fetched(Frontier.Task task, FetchOutcome.Fetched f, Duration rest) {
        Frontier.Result.Done done = new Frontier.Result.Done(f.status(), f.finalUri().toString(), f.header("etag"),
                f.header("last-modified"), revisit(task.kind()));
        if (task.kind() == CrawlKind.PAGE) {
            String type = f.header("content-type");
            if (!isHtml(type)) {
                return failed(task, FetchOutcome.Failed.permanent("not HTML content (" + type + ") at "
                        + f.finalUri()), rest);
            }
            publisher.page(new FetchedPage(task.requestId(), task.requestUrl(), f.finalUri().toString(), f.status(),
                    type, f.headers(), f.body(), f.truncated(),
                    // milliseconds: what every consumer (and PostgreSQL, in microseconds) keeps unchanged
                    OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS), task.hints()));
            return new Step(done, rest);
        }
        List<DiscoveredLink> links;
        try {
            links = task.kind() == CrawlKind.FEED
                    ? FeedReader.entries(f.body(), f.header("content-type"), f.finalUri().toString())
                    : SitemapReader.links(f.body(), f.header("content-type"), f.finalUri().toString());
        } catch (IllegalArgumentException e) {
            return failed(task, FetchOutcome.Failed.permanent(e.getMessage() + " at " + f.finalUri()), rest);
        }
        int fresh = publishDiscovered(task, links);
        recordPoll(task, new SourceStore.Poll(fresh > 0, links.size(), fresh, fresh > 0 ? "changed" : "unchanged"));
        return new Step(done, rest);
    }

    /** A site root registered as a sitemap source stands for the sitemaps its robots.txt lists (or /sitemap.xml). */
    private Step sitemapsOfSite(Frontier.Task task, URI root, BaseRobotRules rules) {
        List<String> listed = RobotsCache.sameSiteSitemaps(rules, root.getHost());
        if (listed.isEmpty()) {
            listed = List.of(RobotsCache.origin(root) + "/sitemap.xml");
        }
        List<DiscoveredLink> links = listed.stream().map(s -> new DiscoveredLink(s, CrawlKind.SITEMAP,
                Map.of(CrawlHints.DISCOVERED_VIA, task.requestUrl()))).toList();
        int fresh = publishDiscovered(task, links);
        recordPoll(task, new SourceStore.Poll(fresh > 0, links.size(), fresh, "sitemaps from robots.txt"));
        return new Step(new Frontier.Result.Done(200, task.requestUrl(), null, null, revisit(CrawlKind.SITEMAP)),
                Duration.ZERO);
    }

    /**
     * Publishes the links as crawl requests: pages the frontier does not know yet, and every feed or sitemap (they
     * are due again after the source floor interval). Returns how many pages were new.
     */
    private int publishDiscovered(Frontier.Task task, List<DiscoveredLink> links) {
        Map<String, DiscoveredLink> byUrl = new LinkedHashMap<>();
        for (DiscoveredLink link : links) {
            String normalised = UrlNormaliser.normalise(link.url());
            if (normalised != null) {
                byUrl.putIfAbsent(normalised, link);
            }
        }
        // sorted: overlapping polls lock the claimed rows in one order, so they never deadlock
        List<String> pages = byUrl.entrySet().stream().filter(e -> e.getValue().kind() == CrawlKind.PAGE)
                .map(Map.Entry::getKey).sorted().toList();
        int[] fresh = {0};
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            frontier.claimUnseen(pages, unseen -> byUrl.forEach((normalised, link) -> {
                if (link.kind() == CrawlKind.PAGE) {
                    if (!unseen.contains(normalised)) {
                        return;
                    }
                    fresh[0]++;
                }
                publisher.crawlRequest(new CrawlRequest(UUID.randomUUID().toString(), link.url(), link.kind(), now,
                        link.hints()));
            }));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the frontier: " + e.getMessage(), e);
        }
        return fresh[0];
    }

    private Step failed(Frontier.Task task, FetchOutcome.Failed failure, Duration rest) {
        int attempts = task.attempts() + 1;
        if (failure.retryable() && attempts < config.maxAttempts()) {
            metrics.retry();
            return new Step(new Frontier.Result.Retry(failure.reason(), backoff.delay(attempts, failure.retryAfter())),
                    rest);
        }
        String reason = failure.retryable() ? failure.reason() + " (gave up after " + attempts + " attempts)"
                : failure.reason();
        metrics.givenUp();
        recordPoll(task, new SourceStore.Poll(false, 0, 0, "failed: " + reason));
        publisher.deadLetter(request(task), reason);
        return new Step(new Frontier.Result.Failed(reason, config.revisitInterval()), rest);
    }

    private void recordPoll(Frontier.Task task, SourceStore.Poll poll) {
        String sourceId = task.sourceId();
        if (sourceId == null) {
            return;
        }
        try {
            sources.recordPoll(sourceId, poll, adaptive);
        } catch (java.sql.SQLException e) {
            LOG.warnf("cannot record the poll of source %s: %s", sourceId, e.getMessage());
        }
    }

    private static CrawlRequest request(Frontier.Task task) {
        return new CrawlRequest(task.requestId(), task.requestUrl(), task.kind(), OffsetDateTime.now(java.time.ZoneOffset.UTC),
                task.hints());
    }

    private void count(FetchOutcome outcome) {
        if (outcome instanceof FetchOutcome.Fetched f) {
            metrics.fetched(f.status(), f.body().length);
        } else if (outcome instanceof FetchOutcome.NotModified) {
            metrics.fetched(304, 0);
        } else if (outcome instanceof FetchOutcome.Failed f) {
            metrics.fetched(f.status(), 0);
        }
    }

    /** The host's rest after a request: the configured minimum, or the robots.txt Crawl-delay (capped) if longer. */
    private Duration hostDelay(BaseRobotRules rules) {
        return max(minDelay(), RobotsCache.crawlDelay(rules, config.maxCrawlDelay()));
    }

    private Duration minDelay() {
        return config.minHostDelay();
    }

    /** Pages are due again after the revisit interval; feeds and sitemaps after the source floor. */
    private Duration revisit(CrawlKind kind) {
        return kind == CrawlKind.PAGE ? config.revisitInterval() : config.sourceMinInterval();
    }

    static boolean isSiteRoot(URI uri) {
        String path = uri.getRawPath();
        return (path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null;
    }

    /** HTML or unknown (a server that names no type may still send HTML). */
    static boolean isHtml(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }

    private static String accept(CrawlKind kind) {
        return switch (kind) {
            case PAGE -> PAGE_ACCEPT;
            case FEED -> FEED_ACCEPT;
            case SITEMAP -> SITEMAP_ACCEPT;
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

}
