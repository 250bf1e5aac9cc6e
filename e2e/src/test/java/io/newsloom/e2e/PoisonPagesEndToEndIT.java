package io.newsloom.e2e;

import io.newsloom.loadsite.AccessLog;
import io.newsloom.loadsite.CorpusPages;
import io.newsloom.loadsite.PoisonPages;
import io.newsloom.loadsite.PoisonSite;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One page of every poison kind of the load site (malformed, truncated, 100,000-deep, 30 MB, binary, invalid UTF-8,
 * lying charset, hostile metadata, empty, redirect loop, endless redirects, trickle, gzip bomb) crawled by the four
 * packaged services: each page ends as an article or as a dead letter with a readable reason, every service stays up
 * and ready, and an ordinary page crawled after them still becomes an article.
 */
class PoisonPagesEndToEndIT {

    static final Duration WAIT = Duration.ofSeconds(180);
    static final Path ROOT = OnePageEndToEndIT.ROOT;
    static final String RUN = "e2e-poison-" + UUID.randomUUID().toString().substring(0, 8);
    static final String DEAD_LETTERS = RUN + "-dead-letters";

    static PoisonSite poison;
    static TestSite ordinary;
    static ServiceProcesses services;
    static String bootstrap;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startEverything() throws Exception {
        bootstrap = ServiceProcesses.bootstrapOrSkip();
        Path logDir = Files.createDirectories(ROOT.resolve("e2e/target/e2e-logs"));
        CorpusPages corpus = CorpusPages.of(List.of(PoisonPagesEndToEndIT.story("corpus")));
        // hosts of their own (127.0.0.230..242), so that no other test's host shares their politeness queue
        poison = new PoisonSite(PoisonPages.onePerKind(corpus), 230, ServiceProcesses.freePort(),
                new AccessLog(logDir.resolve("poison-access.log")));
        ordinary = TestSite.start("127.0.0.229");

        Map<String, String> env = ServiceProcesses.environment(RUN);
        // short limits, so that the trickle and the retries end within the test
        env.put("NEWSLOOM_FETCH_TOTAL_TIMEOUT", "5s");
        env.put("NEWSLOOM_FETCH_READ_TIMEOUT", "3s");
        env.put("NEWSLOOM_FETCH_MAX_ATTEMPTS", "2");
        env.put("NEWSLOOM_FETCH_RETRY_INITIAL_DELAY", "500ms");
        env.put("NEWSLOOM_FETCH_MIN_HOST_DELAY", "100ms");
        services = ServiceProcesses.start(ROOT, env, WAIT);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        ServiceProcesses.closeAll(services, poison, ordinary);
    }

    @Test
    void everyPoisonPageIsAnArticleOrADeadLetterWithAReasonAndTheServicesStayReady() throws Exception {
        List<PoisonSite.Entry> entries = poison.entries();
        assertEquals(PoisonPages.Kind.values().length, entries.size());
        crawl(entries.stream().map(PoisonSite.Entry::url).toList());

        Map<String, String> outcome = new ConcurrentHashMap<>();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (PoisonSite.Entry e : entries) {
                    if (!outcome.containsKey(e.url()) && lookup(e.url()).statusCode() == 200) {
                        outcome.put(e.url(), "article");
                    }
                }
                for (ConsumerRecord<String, String> dead : kafka.await(DEAD_LETTERS, r -> true, Integer.MAX_VALUE,
                        Duration.ofSeconds(5))) {
                    entries.stream().filter(e -> dead.value().contains("\"url\":\"" + e.url() + "\""))
                            .forEach(e -> outcome.putIfAbsent(e.url(),
                                    "dead letter: " + KafkaTestClient.header(dead, "dead-letter-reason")));
                }
                return outcome.size() == entries.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("without an outcome: " + entries.stream()
                    .filter(x -> !outcome.containsKey(x.url())).map(x -> x.kind().slug()).toList(), e);
        }
        String report = entries.stream().map(e -> e.kind().slug() + " -> " + outcome.get(e.url()))
                .collect(Collectors.joining("\n"));
        System.out.println(report);
        for (PoisonSite.Entry e : entries) {
            String o = outcome.get(e.url());
            assertTrue(o.equals("article") || o.matches("dead letter: .{8,}"), e.kind().slug() + ": " + o);
        }
        // the kinds no page can survive are dead letters, with the reason naming the attack
        assertReason(outcome, PoisonPages.Kind.GZIP_BOMB, "bomb");
        assertReason(outcome, PoisonPages.Kind.REDIRECT_LOOP, "redirect");
        assertReason(outcome, PoisonPages.Kind.ENDLESS_REDIRECT, "redirect");
        assertReason(outcome, PoisonPages.Kind.TRICKLE, "timed out");
        assertReason(outcome, PoisonPages.Kind.EMPTY, "empty");
        assertReason(outcome, PoisonPages.Kind.BINARY, "binary");

        for (String service : ServiceProcesses.SERVICES) {
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(services.baseUrl(service)
                    + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode(), service);
        }
        // and the pipeline still carries ordinary pages
        ordinary.page("/after-the-attack.html", "text/html; charset=utf-8",
                story("after the attack").getBytes(StandardCharsets.UTF_8));
        String url = ordinary.url("/after-the-attack.html");
        crawl(List.of(url));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> lookup(url).statusCode() == 200);
    }

    private void assertReason(Map<String, String> outcome, PoisonPages.Kind kind, String word) {
        String o = poison.entries().stream().filter(e -> e.kind() == kind).map(e -> outcome.get(e.url()))
                .findFirst().orElseThrow();
        assertTrue(o.startsWith("dead letter") && o.toLowerCase().contains(word), kind.slug() + ": " + o);
        assertFalse(o.contains("Exception:"), kind.slug() + " has a readable reason, not a stack: " + o);
    }

    private void crawl(List<String> urls) throws Exception {
        String body = urls.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(",", "{\"urls\": [",
                "], \"kind\": \"page\"}"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(services.baseUrl("api")
                        + "/api/v1/crawl")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
    }

    private HttpResponse<String> lookup(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(services.baseUrl("api") + "/api/v1/articles/lookup?url="
                + URLEncoder.encode(url, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String story(String marker) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbour road " + marker
                + "</title></head><body><article><h1>Harbour road " + marker + "</h1>"
                + ("<p>The council met on Tuesday to discuss the harbour road, which storms have closed three times "
                + "this winter, and agreed to ask the engineers for a plan by spring (" + marker + ").</p>").repeat(4)
                + "</article></body></html>";
    }
}
