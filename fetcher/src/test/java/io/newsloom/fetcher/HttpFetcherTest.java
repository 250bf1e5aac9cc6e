package io.newsloom.fetcher;

import io.newsloom.testkit.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP fetch against a real local server: limits, redirects, encodings, validators, failures. */
class HttpFetcherTest {

    static final int TEN_MB = 10 * 1024 * 1024;
    static final byte[] PAGE = "<html><body><p>hello</p></body></html>".getBytes();
    static TestSite site;
    static TestSite other;

    @BeforeAll
    static void start() {
        other = TestSite.start("127.0.0.2").page("/elsewhere.html", "text/html", PAGE);
        site = TestSite.start()
                .page("/page.html", "text/html; charset=big5", PAGE)
                .redirect("/r1", "/r2").redirect("/r2", "/r3").redirect("/r3", "/page.html")
                .redirect("/loop-a", "/loop-b").redirect("/loop-b", "/loop-a")
                .redirect("/to-other-host", other.url("/elsewhere.html"))
                .redirect("/to-ftp", "ftp://127.0.0.1/file")
                .page("/twenty-mb.html", "text/html", new byte[2 * TEN_MB])
                .status("/gone", 410)
                .handler("/stall", exchange -> {
                    exchange.sendResponseHeaders(200, 100_000);
                    OutputStream out = exchange.getResponseBody();
                    out.write(new byte[1000]);
                    out.flush();
                    sleep(20_000);   // never finishes within the fetch's total time
                })
                .handler("/busy", exchange -> {
                    exchange.getResponseHeaders().set("Retry-After", "7");
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                })
                .handler("/gzip.html", exchange -> send(exchange, "gzip", gzip(PAGE)))
                .handler("/bomb.html", exchange -> send(exchange, "gzip", gzip(new byte[20 * 1024 * 1024])))
                .handler("/br.html", exchange -> send(exchange, "br", resource("brotli/page.html.br")))
                .handler("/br-bomb.html", exchange -> send(exchange, "br", resource("brotli/zeros-50mb.br")))
                .handler("/br-garbage.html", exchange -> send(exchange, "br", PAGE))
                .handler("/validated.html", exchange -> {
                    String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
                    String ims = exchange.getRequestHeaders().getFirst("If-Modified-Since");
                    exchange.getResponseHeaders().set("ETag", "\"v1\"");
                    exchange.getResponseHeaders().set("Last-Modified", "Wed, 30 Nov 2022 10:00:00 GMT");
                    if ("\"v1\"".equals(inm) || "Wed, 30 Nov 2022 10:00:00 GMT".equals(ims)) {
                        exchange.sendResponseHeaders(304, -1);
                        exchange.close();
                        return;
                    }
                    send(exchange, null, PAGE);
                });
    }

    @AfterAll
    static void stop() {
        site.close();
        other.close();
    }

    static HttpFetcher fetcher(FetchConfig.OversizePolicy oversize, AddressGuard guard) {
        return fetcher(oversize, guard, Duration.ofSeconds(2));
    }

    static HttpFetcher fetcher(FetchConfig.OversizePolicy oversize, AddressGuard guard, Duration totalTimeout) {
        return new HttpFetcher(new HttpFetcher.Limits("TestBot/1", Duration.ofSeconds(2), Duration.ofSeconds(2),
                totalTimeout, TEN_MB, oversize, 100, 5), guard, Clock.systemUTC());
    }

    final HttpFetcher fetcher = fetcher(FetchConfig.OversizePolicy.TRUNCATE, AddressGuard.ALLOW_ALL);

    @Test
    void followsARedirectChainAndRecordsTheFinalUrlWithTheHeadersAndTheUnchangedBytes() {
        var page = assertInstanceOf(FetchOutcome.Fetched.class, get("/r1"));
        assertEquals(site.url("/page.html"), page.finalUri().toString());
        assertEquals("text/html; charset=big5", page.header("content-type"));
        assertArrayEquals(PAGE, page.body());
        assertEquals("TestBot/1", site.requests("/r1").get(0).headers().get("user-agent"));
    }

    @Test
    void aRedirectLoopAndANonHttpRedirectArePermanentFailures() {
        var loop = assertInstanceOf(FetchOutcome.Failed.class, get("/loop-a"));
        assertTrue(loop.reason().startsWith("redirect loop"), loop.reason());
        assertFalse(loop.retryable());
        var ftp = assertInstanceOf(FetchOutcome.Failed.class, get("/to-ftp"));
        assertTrue(ftp.reason().contains("only http and https"), ftp.reason());
    }

    @Test
    void aServerStallingMidBodyTimesOutWithinTheTotalTimeAsARetryableFailure() {
        long t0 = System.nanoTime();
        var stalled = assertInstanceOf(FetchOutcome.Failed.class, get("/stall"));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(stalled.retryable());
        assertTrue(stalled.reason().startsWith("timed out"), stalled.reason());
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }

    @Test
    void aTwentyMegabyteBodyIsCutAtTheLimitOrRejected() {
        // 10 MB over loopback takes well under the 2 s of the other tests, except on a machine loaded many times over
        Duration roomy = Duration.ofSeconds(20);
        var cut = assertInstanceOf(FetchOutcome.Fetched.class, fetcher(FetchConfig.OversizePolicy.TRUNCATE,
                AddressGuard.ALLOW_ALL, roomy).fetch(site.url("/twenty-mb.html"), HttpFetcher.Validators.NONE, "*/*"));
        assertTrue(cut.truncated());
        assertEquals(TEN_MB, cut.body().length);
        var rejected = assertInstanceOf(FetchOutcome.Failed.class, fetcher(FetchConfig.OversizePolicy.REJECT,
                AddressGuard.ALLOW_ALL, roomy).fetch(site.url("/twenty-mb.html"), HttpFetcher.Validators.NONE, "*/*"));
        assertTrue(rejected.reason().contains("larger than " + TEN_MB), rejected.reason());
        assertFalse(rejected.retryable());
    }

    @Test
    void gzipIsUndoneButAGzipBombIsRefused() {
        var page = assertInstanceOf(FetchOutcome.Fetched.class, get("/gzip.html"));
        assertArrayEquals(PAGE, page.body());
        assertEquals("gzip, deflate, br", site.requests("/gzip.html").get(0).headers().get("accept-encoding"));
        var bomb = assertInstanceOf(FetchOutcome.Failed.class, get("/bomb.html"));
        assertTrue(bomb.reason().startsWith("decompression bomb"), bomb.reason());
        assertFalse(bomb.retryable());
    }

    /*
     * The Brotli fixtures in src/test/resources/brotli (there is no Java Brotli encoder among the dependencies) were
     * made with Debian's brotli 1.0.9 CLI:
     *   brotli -q 11 -o page.html.br page.html
     *   head -c 52428800 /dev/zero | brotli -q 11 -c > zeros-50mb.br     (50 MB of zeros in 53 bytes)
     */
    @Test
    void brotliIsUndoneButABrotliBombAndABrokenStreamAreRefused() {
        var page = assertInstanceOf(FetchOutcome.Fetched.class, get("/br.html"));
        assertArrayEquals(resource("brotli/page.html"), page.body());
        assertFalse(page.truncated());
        var bomb = assertInstanceOf(FetchOutcome.Failed.class, get("/br-bomb.html"));
        assertTrue(bomb.reason().startsWith("decompression bomb: 53 br bytes inflate beyond"), bomb.reason());
        assertFalse(bomb.retryable());
        var garbage = assertInstanceOf(FetchOutcome.Failed.class, get("/br-garbage.html"));
        assertTrue(garbage.reason().startsWith("unreadable br body"), garbage.reason());
        assertFalse(garbage.retryable());
    }

    @Test
    void aBrotliBodyCutAtTheLimitKeepsWhatDecodedAndAnUnknownEncodingIsRefused() {
        byte[] br = resource("brotli/page.html.br");
        var cut = BodyDecoder.decode("br", java.util.Arrays.copyOf(br, br.length / 2), true, TEN_MB, 100);
        assertNull(cut.refusal());
        assertTrue(cut.overLimit());
        var small = BodyDecoder.decode("br", br, false, 20, 100);
        assertTrue(small.overLimit());
        assertArrayEquals(java.util.Arrays.copyOf(resource("brotli/page.html"), 20), small.bytes());
        var zstd = BodyDecoder.decode("zstd", br, false, TEN_MB, 100);
        assertEquals("unsupported Content-Encoding: zstd", zstd.refusal());
    }

    @Test
    void a503WithRetryAfterIsRetryableWithTheServersWaitAndA410IsPermanent() {
        var busy = assertInstanceOf(FetchOutcome.Failed.class, get("/busy"));
        assertTrue(busy.retryable());
        assertEquals(503, busy.status());
        assertEquals(Duration.ofSeconds(7), busy.retryAfter());
        var gone = assertInstanceOf(FetchOutcome.Failed.class, get("/gone"));
        assertFalse(gone.retryable());
        assertEquals("HTTP 410 from " + site.url("/gone"), gone.reason());
        var refused = assertInstanceOf(FetchOutcome.Failed.class, fetcher.fetch("http://127.0.0.1:9/",
                HttpFetcher.Validators.NONE, "*/*"));
        assertTrue(refused.retryable());
        assertTrue(refused.reason().startsWith("cannot fetch"), refused.reason());
    }

    @Test
    void etagAndLastModifiedRoundTripToA304() {
        var first = assertInstanceOf(FetchOutcome.Fetched.class, get("/validated.html"));
        assertEquals("\"v1\"", first.header("etag"));
        var byEtag = fetcher.fetch(site.url("/validated.html"), new HttpFetcher.Validators(first.header("etag"), null),
                "*/*");
        assertInstanceOf(FetchOutcome.NotModified.class, byEtag);
        var byDate = fetcher.fetch(site.url("/validated.html"),
                new HttpFetcher.Validators(null, first.header("last-modified")), "*/*");
        assertInstanceOf(FetchOutcome.NotModified.class, byDate);
        assertEquals("\"v1\"", site.requests("/validated.html").get(1).headers().get("if-none-match"));
    }

    @Test
    void privateAddressesAreRefusedByDefaultAlsoBehindARedirect() {
        HttpFetcher guarded = fetcher(FetchConfig.OversizePolicy.TRUNCATE, AddressGuard.PUBLIC_ONLY);
        int before = site.requests().size();
        var direct = assertInstanceOf(FetchOutcome.Failed.class, guarded.fetch(site.url("/page.html"),
                HttpFetcher.Validators.NONE, "*/*"));
        assertTrue(direct.reason().contains("loopback"), direct.reason());
        assertEquals(before, site.requests().size(), "nothing was sent");

        // a guard letting 127.0.0.1 pass stands for a public host; its redirect into 127.0.0.2 must still be refused
        AddressGuard onlyFirst = host -> host.equals("127.0.0.1") ? null : AddressGuard.refusePrivate(host);
        var redirected = assertInstanceOf(FetchOutcome.Failed.class, fetcher(FetchConfig.OversizePolicy.TRUNCATE,
                onlyFirst).fetch(site.url("/to-other-host"), HttpFetcher.Validators.NONE, "*/*"));
        assertTrue(redirected.reason().contains("127.0.0.2"), redirected.reason());
        assertEquals(0, other.requests().size());

        // a name that resolves inside is caught after DNS, also behind a redirect
        site.redirect("/to-localhost", "http://localhost:" + site.url("/").split(":")[2].replace("/", "")
                + "/named.html");
        var named = assertInstanceOf(FetchOutcome.Failed.class, fetcher(FetchConfig.OversizePolicy.TRUNCATE,
                onlyFirst).fetch(site.url("/to-localhost"), HttpFetcher.Validators.NONE, "*/*"));
        assertTrue(named.reason().startsWith("refused: localhost resolves to"), named.reason());
        assertFalse(named.retryable());
        assertEquals(0, site.hits("/named.html"));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(java.time.Instant.parse("2022-11-30T10:00:00Z"), java.time.ZoneOffset.UTC);
        assertEquals(Duration.ofSeconds(120), HttpFetcher.retryAfter("120", clock));
        assertEquals(Duration.ofSeconds(90), HttpFetcher.retryAfter("Wed, 30 Nov 2022 10:01:30 GMT", clock));
        assertEquals(Duration.ZERO, HttpFetcher.retryAfter("Wed, 30 Nov 2022 09:00:00 GMT", clock));
        assertNull(HttpFetcher.retryAfter("soon", clock));
    }

    private FetchOutcome get(String path) {
        return fetcher.fetch(site.url(path), HttpFetcher.Validators.NONE, "*/*");
    }

    static void send(com.sun.net.httpserver.HttpExchange exchange, String encoding, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        if (encoding != null) {
            exchange.getResponseHeaders().set("Content-Encoding", encoding);
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A test resource's bytes. */
    static byte[] resource(String name) {
        try (var in = HttpFetcherTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
