package io.newsloom.fetcher;

import crawlercommons.domains.EffectiveTldFinder;
import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt per origin (scheme, host, port), parsed by crawler-commons (RFC 9309) for the configured robot name and
 * kept until it expires. What a failed robots.txt fetch means follows the RFC: unavailable (4xx, too many redirects)
 * allows everything; unreachable (5xx, timeout, connection error) means wait and ask again later.
 */
public final class RobotsCache {

    /** How many origins to keep before expired entries are swept out. */
    static final int SWEEP_ABOVE = 10_000;

    /** The rules of an origin, or when to ask again for an unreachable robots.txt. */
    public record Entry(BaseRobotRules rules, Instant expiresAt, Instant retryAt) {
        boolean usable(Instant now) {
            return rules != null && now.isBefore(expiresAt);
        }
    }

    private final SimpleRobotRulesParser parser;
    private final List<String> robotNames;
    private final Duration ttl;
    private final Duration retryDelay;
    private final Map<String, Entry> byOrigin = new ConcurrentHashMap<>();

    public RobotsCache(String userAgent, Duration ttl, Duration retryDelay) {
        // no maximum here: a too-long Crawl-delay is capped by the fetcher, not turned into "disallow all"
        this.parser = new SimpleRobotRulesParser(Long.MAX_VALUE, 5);
        this.robotNames = List.of(robotName(userAgent));
        this.ttl = ttl;
        this.retryDelay = retryDelay;
    }

    /** The product token of a User-Agent ("NewsloomBot/0.1 (+...)" → "newsloombot"), the name robots.txt groups use. */
    static String robotName(String userAgent) {
        String token = userAgent.trim().split("[/\\s]", 2)[0];
        return token.toLowerCase(Locale.ROOT);
    }

    /** The origin a URL's robots.txt belongs to, e.g. {@code http://127.0.0.1:8080}. */
    public static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The cached entry of an origin when it is still usable or still waiting for a retry; null when it must be fetched. */
    public Entry lookup(String origin, Instant now) {
        Entry e = byOrigin.get(origin);
        if (e == null) {
            return null;
        }
        if (e.usable(now) || (e.rules() == null && now.isBefore(e.retryAt()))) {
            return e;
        }
        return null;
    }

    /** Records the answer to a robots.txt request and returns the resulting entry. */
    public Entry record(String origin, FetchOutcome outcome, Instant now) {
        String robotsUrl = origin + "/robots.txt";
        Entry entry;
        if (outcome instanceof FetchOutcome.Fetched f) {
            BaseRobotRules rules = parser.parseContent(robotsUrl, f.body(),
                    Objects.requireNonNullElse(f.header("content-type"), "text/plain"), robotNames);
            entry = new Entry(rules, now.plus(ttl), null);
        } else if (outcome instanceof FetchOutcome.Failed failed && failed.retryable()) {
            Duration wait = failed.retryAfter() != null && failed.retryAfter().compareTo(retryDelay) > 0
                    ? failed.retryAfter() : retryDelay;
            entry = new Entry(null, null, now.plus(wait));
        } else {
            // unavailable (4xx, redirect trouble) or unchanged since a 304 we never ask for: everything allowed
            entry = new Entry(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), now.plus(ttl), null);
        }
        if (byOrigin.size() > SWEEP_ABOVE) {
            byOrigin.values().removeIf(e -> !e.usable(now) && (e.retryAt() == null || !now.isBefore(e.retryAt())));
        }
        byOrigin.put(origin, entry);
        return entry;
    }

    /** The crawl delay a robots.txt asks of us, capped; zero when it sets none. */
    public static Duration crawlDelay(BaseRobotRules rules, Duration cap) {
        long millis = rules.getCrawlDelay();
        if (millis == BaseRobotRules.UNSET_CRAWL_DELAY || millis <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /**
     * The sitemaps a robots.txt lists that belong to the same site (same registered domain, per the public suffix
     * list), so that a site cannot make us crawl someone else's sitemap.
     */
    public static List<String> sameSiteSitemaps(BaseRobotRules rules, String host) {
        String site = registeredDomain(host);
        return rules.getSitemaps().stream().filter(s -> {
            try {
                String h = URI.create(s.trim()).getHost();
                return h != null && registeredDomain(h).equals(site);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }).map(String::trim).distinct().toList();
    }

    static String registeredDomain(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        String domain = EffectiveTldFinder.getAssignedDomain(h, true, false);
        return domain == null ? h : domain;
    }
}
