package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.newsloom.fetcher.Flows.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSRF guard as it is out of the box ({@code newsloom.fetch.allow-private-networks=false}, which the other tests
 * turn on to crawl their 127.0.0.x sites): a crawl request for a loopback site ends as a dead letter with the reason,
 * and the site never sees a request, not even for robots.txt. (A redirect from an allowed host into a private one is
 * tested on {@link HttpFetcher} in {@link HttpFetcherTest}: here every local server is private.)
 */
@QuarkusTest
@TestProfile(SsrfGuardTest.PublicOnly.class)
class SsrfGuardTest extends FetcherServiceTest {

    /** The default guard: private networks refused. */
    public static class PublicOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the %test value of application.properties wins over a plain key: override both
            return Map.of("newsloom.fetch.allow-private-networks", "false",
                    "%test.newsloom.fetch.allow-private-networks", "false");
        }
    }

    @ConfigProperty(name = "newsloom.fetch.allow-private-networks")
    boolean allowPrivateNetworks;

    @Test
    void aCrawlRequestForALoopbackSiteIsRefusedWithoutAnyRequestReachingIt() throws Exception {
        assertFalse(allowPrivateNetworks);
        try (TestSite site = TestSite.start("127.0.0.1")
                .page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n".getBytes())
                .page("/internal.html", "text/html", "<html><body>admin</body></html>".getBytes());
             KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            CrawlRequest request = Flows.send(kafka, requestsTopic, site.url("/internal.html"), CrawlKind.PAGE);
            DeadLetters.assertReason(kafka, deadLetters, request.id(),
                    "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address", WAIT);
            assertTrue(kafka.await(pagesTopic, r -> r.value().contains(request.id()), 1,
                    java.time.Duration.ofSeconds(1)).isEmpty());
            assertEquals(0, site.requests().size(), "the site saw: " + site.requests());
            Flows.Row row = Flows.row(dataSource, site.url("/internal.html"));
            assertEquals("failed", row.state());
            assertEquals(1, row.attempts(), "refused at once, not retried");
        }
    }
}
