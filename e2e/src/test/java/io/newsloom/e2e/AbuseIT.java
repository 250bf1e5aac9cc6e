package io.newsloom.e2e;

import io.newsloom.testkit.ApiFuzz;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Abuse of the packaged api and fetcher, with the SSRF guard on (its default): every form of an inside address
 * submitted through POST /api/v1/crawl is refused (400 at the api, or a dead letter saying why) and the listeners on
 * those addresses receive nothing; hostile requests get no 5xx; writes without the key get 401; too many crawl
 * submissions get 429 with Retry-After. Prints one summary line (and writes it to e2e/target/abuse-report.txt).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseIT {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final Path ROOT = OnePageEndToEndIT.ROOT;
    static final String RUN = "abuse-" + UUID.randomUUID().toString().substring(0, 8);
    static final String DEAD_LETTERS = RUN + "-dead-letters";
    static final String KEY = "abuse-test-key";
    static final int BURST = 40;

    /** The listeners an SSRF would reach: loopback on IPv4 and IPv6. */
    static TestSite inside;
    static TestSite insideV6;
    /** A site the fetcher may reach (its address is a trusted network), redirecting inside. */
    static TestSite allowed;
    static ServiceProcesses services;
    static String bootstrap;
    static final Map<String, String> REPORT = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        bootstrap = ServiceProcesses.bootstrapOrSkip();
        inside = TestSite.start("127.0.0.1").page("/", "text/html", "<p>inside</p>".getBytes());
        insideV6 = TestSite.start("::1").page("/", "text/html", "<p>inside</p>".getBytes());
        allowed = TestSite.start("127.0.0.2").page("/page.html", "text/html; charset=utf-8",
                "<html><body><p>An allowed page.</p></body></html>".getBytes());

        // the fetcher's own resolver: a public-looking name for an inside address, and the allowed site's name
        Path hosts = Files.createTempFile("abuse-hosts", ".txt");
        Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 news.example.org\n127.0.0.2 allowed.example.org\n");
        hosts.toFile().deleteOnExit();

        Map<String, String> env = ServiceProcesses.environment(RUN);
        env.put("NEWSLOOM_FETCH_ALLOW_PRIVATE_NETWORKS", "false");   // the guard on, as users run it
        env.put("NEWSLOOM_FETCH_TRUSTED_NETWORKS", "127.0.0.2/32");
        env.put("NEWSLOOM_FETCH_MIN_HOST_DELAY", "100ms");
        env.put("NEWSLOOM_FETCH_POLL_INTERVAL", "50ms");
        env.put("NEWSLOOM_FETCH_CONNECT_TIMEOUT", "2s");
        env.put("NEWSLOOM_FETCH_RETRY_INITIAL_DELAY", "200ms");
        env.put("NEWSLOOM_FETCH_MAX_ATTEMPTS", "2");
        env.put("NEWSLOOM_API_KEY", KEY);
        env.put("NEWSLOOM_API_CRAWL_RATE", "1");
        env.put("NEWSLOOM_API_CRAWL_BURST", Integer.toString(BURST));
        services = ServiceProcesses.start(ROOT, List.of("fetcher", "api"), env,
                Map.of("fetcher", List.of("-Djdk.net.hosts.file=" + hosts)), WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        for (TestSite site : new TestSite[]{inside, insideV6, allowed}) {
            if (site != null) {
                site.close();
            }
        }
        if (!REPORT.isEmpty()) {
            String line = "abuse report: " + String.join(", ", REPORT.values());
            System.out.println(line);
            Files.writeString(ROOT.resolve("e2e/target/abuse-report.txt"), line + "\n");
        }
    }

    @Test
    @Order(1)
    void everyFormOfAnInsideAddressIsRefusedAndNeverRequested() throws Exception {
        int port = port(inside);
        int portV6 = port(insideV6);
        String allowedOrigin = "http://allowed.example.org:" + port(allowed);
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("loopback", "http://127.0.0.1:" + port);
        attempts.put("ipv6-loopback", "http://[::1]:" + portV6);
        attempts.put("unspecified", "http://0.0.0.0:" + port);
        attempts.put("metadata", "http://169.254.169.254:" + port);
        attempts.put("private", "http://10.0.0.1:" + port);
        attempts.put("decimal", "http://2130706433:" + port);
        attempts.put("octal", "http://0177.0.0.1:" + port);
        attempts.put("hex", "http://0x7f.0.0.1:" + port);
        attempts.put("short", "http://127.1:" + port);
        attempts.put("mapped", "http://[::ffff:127.0.0.1]:" + port);
        attempts.put("compatible", "http://[::127.0.0.1]:" + port);
        attempts.put("localhost", "http://localhost:" + port);
        attempts.put("public-name", "http://news.example.org:" + port);
        attempts.put("redirect", allowedOrigin);
        Map<String, String> urls = new LinkedHashMap<>();
        attempts.forEach((name, origin) -> urls.put(name, origin + "/ssrf/" + name + "-" + RUN));
        allowed.redirect(URI.create(urls.get("redirect")).getPath(), "http://127.0.0.1:" + port + "/ssrf/redirected");

        List<String> refusedAtTheApi = new ArrayList<>();
        Map<String, String> queued = new LinkedHashMap<>();
        for (var e : urls.entrySet()) {
            HttpResponse<String> answer = crawl(e.getValue());
            if (answer.statusCode() == 400) {
                refusedAtTheApi.add(e.getKey());
            } else {
                assertEquals(202, answer.statusCode(), e + ": " + answer.body());
                queued.put(e.getKey(), URI.create(e.getValue()).getRawPath());
            }
        }
        // a control: the allowed host is fetched, so a silent inside listener means refused, not a stalled fetcher
        String control = allowedOrigin + "/page.html";
        assertEquals(202, crawl(control).statusCode());

        Map<String, String> reasons = new LinkedHashMap<>();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            List<ConsumerRecord<String, String>> dead = kafka.await(DEAD_LETTERS,
                    r -> queued.values().stream().anyMatch(r.value()::contains), queued.size(), WAIT);
            for (ConsumerRecord<String, String> r : dead) {
                queued.forEach((name, path) -> {
                    if (r.value().contains(path)) {
                        reasons.put(name, KafkaTestClient.header(r, "dead-letter-reason"));
                    }
                });
            }
        }
        await().atMost(WAIT).until(() -> allowed.hits("/page.html") == 1);
        reasons.forEach((name, reason) -> System.out.println("  SSRF " + name + ": " + reason));
        System.out.println("  SSRF refused at the api (400): " + refusedAtTheApi);

        assertEquals(queued.keySet(), reasons.keySet(), "every queued attempt ends in a dead letter");
        // IPv6 literal URLs do not get past the fetcher's URL normaliser (crawler-commons) at all: refused at intake
        long byGuard = reasons.values().stream().filter(r -> r.startsWith("refused: ")).count();
        reasons.forEach((name, reason) -> assertTrue(reason.startsWith("refused: ")
                || (reason.startsWith("not a valid CrawlRequest: cannot read the URL http://[")), name + ": " + reason));
        int received = inside.requests().size() + insideV6.requests().size();
        assertEquals(List.of(), inside.requests().stream().map(TestSite.Request::path).toList());
        assertEquals(List.of(), insideV6.requests().stream().map(TestSite.Request::path).toList());
        REPORT.put("ssrf", "SSRF requests received " + received + " (" + urls.size() + " attempts: " + byGuard
                + " refused by the fetcher's guard, " + (reasons.size() - byGuard) + " at its intake, "
                + refusedAtTheApi.size() + " by the api)");
    }

    @Test
    @Order(2)
    void hostileRequestsGetNoServerError() {
        ApiFuzz fuzz = new ApiFuzz(URI.create(services.baseUrl("api")), KEY,
                Long.getLong("newsloom.fuzz.seed", 20240314L));
        ApiFuzz.Report report = fuzz.run(fuzz.probes(Integer.getInteger("newsloom.fuzz.rounds", 300)));
        System.out.println("  " + report.summary());
        report.findings().forEach(f -> System.out.println("    " + f));
        REPORT.put("fuzz", "5xx " + report.serverErrors() + " (" + report.sent() + " hostile requests, "
                + report.findings().size() + " rule violations)");
        assertEquals(0, report.serverErrors(), report.summary());
        assertTrue(report.findings().isEmpty(), report.findings().toString());
    }

    @Test
    @Order(3)
    void writesWithoutTheKeyAre401() {
        ApiFuzz fuzz = new ApiFuzz(URI.create(services.baseUrl("api")), KEY, 0);
        ApiFuzz.Report report = fuzz.runExpectingUnauthorized(fuzz.writesWithoutTheKey());
        REPORT.put("401", "401s " + (report.findings().isEmpty() ? "ok" : "FAILED") + " (" + report.sent()
                + " writes without the key or with a wrong one)");
        assertTrue(report.findings().isEmpty(), report.findings().toString());
    }

    @Test
    @Order(4)
    void tooManyCrawlSubmissionsAre429WithRetryAfterAndAcceptedAfterTheWait() throws Exception {
        HttpResponse<String> answer = null;
        int accepted = 0;
        for (int i = 0; i <= BURST + 5; i++) {
            answer = crawl("https://example.invalid/rate-" + RUN + "-" + i);
            if (answer.statusCode() != 202) {
                break;
            }
            accepted++;
        }
        assertEquals(429, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        long wait = Long.parseLong(answer.headers().firstValue("retry-after").orElseThrow());
        assertTrue(wait >= 1 && wait <= 2, "one submission a second: " + wait);
        Thread.sleep(wait * 1000);
        assertEquals(202, crawl("https://example.invalid/rate-" + RUN + "-after").statusCode());
        REPORT.put("429", "429 ok (after " + accepted + " submissions, Retry-After " + wait + " s, accepted after it)");
    }

    private HttpResponse<String> crawl(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(services.baseUrl("api") + "/api/v1/crawl"))
                .header("Content-Type", "application/json").header("X-API-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"urls\": [\"" + url + "\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int port(TestSite site) {
        return URI.create(site.url("/").replace("0:0:0:0:0:0:0:1", "[::1]")).getPort();
    }
}
