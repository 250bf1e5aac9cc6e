package io.newsloom.fetcher;

import crawlercommons.robots.BaseRobotRules;
import io.newsloom.events.GroupLag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small pure rules of the fetcher: normalisation, address guard, backoff, adaptive polling, robots.txt,
 * claims under the downstream lag. */
class RulesTest {

    @Test
    void urlsAreNormalisedToOneSpelling() {
        assertEquals("http://example.com/a?b=2&c=1",
                UrlNormaliser.normalise("HTTP://Example.COM:80/a?utm_source=x&c=1&b=2&fbclid=z#top"));
        assertEquals("https://example.com/", UrlNormaliser.normalise("https://example.com:443"));
        assertEquals("https://example.com/x", UrlNormaliser.normalise("https://example.com/x?utm_medium=rss"));
        assertEquals(UrlNormaliser.normalise("https://example.com/a/./b/../c"),
                UrlNormaliser.normalise("https://example.com/a/c"));
    }

    @Test
    void theGuardNamesLoopbackPrivateLinkLocalAndMulticastAddresses() throws Exception {
        assertEquals("loopback", AddressGuard.privateKind(InetAddress.getByName("127.0.0.5")));
        assertEquals("private", AddressGuard.privateKind(InetAddress.getByName("10.1.2.3")));
        assertEquals("private", AddressGuard.privateKind(InetAddress.getByName("192.168.0.1")));
        assertEquals("private", AddressGuard.privateKind(InetAddress.getByName("fd00::1")));
        assertEquals("link-local", AddressGuard.privateKind(InetAddress.getByName("169.254.169.254")));
        assertEquals("multicast", AddressGuard.privateKind(InetAddress.getByName("224.0.0.1")));
        assertEquals("loopback", AddressGuard.privateKind(InetAddress.getByName("::1")));
        assertNull(AddressGuard.privateKind(InetAddress.getByName("93.184.216.34")));
        assertTrue(AddressGuard.PUBLIC_ONLY.refusal("localhost").contains("loopback"));
    }

    @Test
    void backoffDoublesWithJitterUpToTheCapAndHonoursRetryAfter() {
        Backoff low = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.999);
        assertEquals(Duration.ofSeconds(5), low.delay(1, null));
        assertEquals(Duration.ofSeconds(20), low.delay(3, null));
        assertTrue(high.delay(3, null).toMillis() > 39_000 && high.delay(3, null).toMillis() < 40_000);
        assertEquals(Duration.ofMinutes(2).plusSeconds(30), low.delay(30, null));
        assertEquals(Duration.ofSeconds(120), low.delay(1, Duration.ofSeconds(120)));
        assertEquals(Duration.ofMinutes(5), low.delay(1, Duration.ofHours(3)));
    }

    @Test
    void sourcesArePolledMoreOftenWhenTheyChangeAndLessWhenTheyDoNot() {
        AdaptiveInterval adaptive = new AdaptiveInterval(Duration.ofMinutes(2), Duration.ofHours(1));
        assertEquals(Duration.ofMinutes(5), adaptive.next(Duration.ofMinutes(10), true));
        assertEquals(Duration.ofMinutes(2), adaptive.next(Duration.ofMinutes(3), true));
        assertEquals(Duration.ofMinutes(15), adaptive.next(Duration.ofMinutes(10), false));
        assertEquals(Duration.ofHours(1), adaptive.next(Duration.ofMinutes(50), false));
    }

    @Test
    void robotsRulesAreParsedForOurNameCachedAndCapped() {
        RobotsCache cache = new RobotsCache("NewsloomBot/0.1 (+https://x)", Duration.ofHours(1), Duration.ofMinutes(1));
        Instant now = Instant.parse("2022-11-30T10:00:00Z");
        String origin = RobotsCache.origin(URI.create("HTTP://Example.com:80/a"));
        assertEquals("http://example.com", origin);
        assertNull(cache.lookup(origin, now));
        byte[] robots = """
                User-agent: *
                Disallow: /

                User-agent: NewsloomBot
                Disallow: /private/
                Crawl-delay: 120

                Sitemap: https://www.example.com/news-sitemap.xml
                Sitemap: https://evil.example.net/sitemap.xml
                """.getBytes();
        var entry = cache.record(origin, new FetchOutcome.Fetched(URI.create(origin + "/robots.txt"), 200,
                Map.of("content-type", "text/plain"), robots, false), now);
        BaseRobotRules rules = entry.rules();
        assertTrue(rules.isAllowed("http://example.com/news/1"));
        assertFalse(rules.isAllowed("http://example.com/private/x"));
        assertEquals(Duration.ofSeconds(30), RobotsCache.crawlDelay(rules, Duration.ofSeconds(30)));
        assertEquals(List.of("https://www.example.com/news-sitemap.xml"), RobotsCache.sameSiteSitemaps(rules,
                "example.com"));
        assertNotNull(cache.lookup(origin, now.plus(Duration.ofMinutes(59))));
        assertNull(cache.lookup(origin, now.plus(Duration.ofMinutes(61))), "expired");

        var missing = cache.record(origin, new FetchOutcome.Failed("HTTP 404", false, null, 404), now);
        assertTrue(missing.rules().isAllowed("http://example.com/private/x"), "4xx allows everything");
        var down = cache.record(origin, new FetchOutcome.Failed("HTTP 503", true, null, 503), now);
        assertNull(down.rules(), "5xx: wait");
        assertEquals(now.plus(Duration.ofMinutes(1)), down.retryAt());
        assertNotNull(cache.lookup(origin, now.plusSeconds(30)));
        assertNull(cache.lookup(origin, now.plusSeconds(61)), "asked again after the wait");
    }

    @Test
    void claimsKeepTheDownstreamLagUnderTheLimitCountingRunningFetches() {
        assertEquals(10, DownstreamLag.allowance(10, 0, 0, 100));
        assertEquals(4, DownstreamLag.allowance(10, 6, 90, 100), "90 waiting and 6 on their way leave 4");
        assertEquals(0, DownstreamLag.allowance(10, 0, 100, 100));
        assertEquals(0, DownstreamLag.allowance(10, 20, 250, 100), "never negative");
        assertEquals(10, DownstreamLag.allowance(10, 20, 250, 0), "0 is no limit");
        assertEquals(new GroupLag.GroupTopic("newsloom-parser", "pages"),
                DownstreamLag.groupTopic("newsloom-parser:pages"));
        assertThrows(IllegalArgumentException.class, () -> DownstreamLag.groupTopic("pages"));
    }
}
