package io.newsloom.loadsite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * A local web of many hosts for the pipeline benchmark and the fault suite: {@link SitePlan} says where each page
 * lives, {@link CorpusPages} what it contains. Pages carry an ETag and answer a matching {@code If-None-Match} with 304,
 * like a real news site. Writes {@code urls.txt} (every page URL), {@code feeds.txt} (every host's feed URL) and
 * {@code access.log} ({@link AccessLog}) to the output folder, then prints "ready" and serves until stopped.
 */
public final class LoadSite implements AutoCloseable {

    private final SitePlan plan;
    private final CorpusPages pages;
    private final AccessLog log;
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService workers;

    public LoadSite(SitePlan plan, CorpusPages pages, AccessLog log, int threads) throws IOException {
        this.plan = plan;
        this.pages = pages;
        this.log = log;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loadsite");
            t.setDaemon(true);
            return t;
        });
        for (int h = 0; h < plan.hosts(); h++) {
            int hostIndex = h;
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName(plan.host(h)), plan.port()), 1024);
            server.createContext("/", exchange -> serve(hostIndex, exchange));
            server.setExecutor(workers);
            server.start();
            servers.add(server);
        }
    }

    private void serve(int hostIndex, HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String path = exchange.getRequestURI().getRawPath();
        int status = 200;
        byte[] body;
        String type = "text/html";
        OptionalInt page = plan.pageAt(hostIndex, path);
        if (page.isPresent()) {
            String etag = "\"p" + page.getAsInt() + "\"";
            exchange.getResponseHeaders().set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                status = 304;
                body = new byte[0];
            } else {
                body = pages.page(page.getAsInt());
            }
        } else if (path.equals("/robots.txt")) {
            type = "text/plain; charset=utf-8";
            body = plan.robotsTxt(hostIndex).getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/feed.xml")) {
            type = "application/rss+xml; charset=utf-8";
            body = plan.rss(hostIndex).getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/sitemap.xml")) {
            type = "application/xml; charset=utf-8";
            body = plan.sitemap(hostIndex).getBytes(StandardCharsets.UTF_8);
        } else {
            status = 404;
            type = "text/plain; charset=utf-8";
            body = "not found".getBytes(StandardCharsets.UTF_8);
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            log.record(at, plan.host(hostIndex), path, status, body.length);
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        workers.shutdownNow();
        log.close();
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> opts = options(args);
        if (opts.containsKey("help") || !opts.containsKey("corpus") || !opts.containsKey("out")) {
            System.err.println("""
                    usage: java -jar loadsite.jar --corpus DIR --out DIR [--pages 20000] [--hosts 64]
                                                  [--first-octet 10] [--port 18600] [--threads 8] [--poison 0]
                    Serves --pages pages (the corpus's .html/.html.gz files, repeated with an edition sentence) on
                    --hosts loopback addresses 127.0.0.<first-octet>.., each with /robots.txt, /feed.xml and
                    /sitemap.xml. Writes urls.txt, feeds.txt and access.log to --out, prints "ready", serves until
                    stopped. --poison N adds N pages that attack a crawler (malformed, truncated, deeply nested,
                    30 MB, binary, invalid UTF-8, lying charsets, hostile metadata, empty, redirect loops, endless
                    redirects, one byte a second, gzip bombs) on one more host per kind, after the others; their
                    list is poison.txt (URL and kind) and their feeds poison-feeds.txt.""");
            System.exit(opts.containsKey("help") ? 0 : 2);
        }
        SitePlan plan = new SitePlan(intOption(opts, "pages", 20_000), intOption(opts, "hosts", 64),
                intOption(opts, "first-octet", 10), intOption(opts, "port", 18_600));
        CorpusPages pages = CorpusPages.load(Path.of(opts.get("corpus")));
        Path out = Files.createDirectories(Path.of(opts.get("out")));
        Files.write(out.resolve("urls.txt"), IntStream.range(0, plan.pages()).mapToObj(plan::pageUrl).toList());
        Files.write(out.resolve("feeds.txt"), IntStream.range(0, plan.hosts()).mapToObj(plan::feedUrl).toList());
        LoadSite site = new LoadSite(plan, pages, new AccessLog(out.resolve("access.log")),
                intOption(opts, "threads", 8));
        Runtime.getRuntime().addShutdownHook(new Thread(site::close));
        int poisonPages = intOption(opts, "poison", 0);
        if (poisonPages > 0) {
            PoisonSite poison = new PoisonSite(new PoisonPages(pages, poisonPages), plan.firstOctet() + plan.hosts(),
                    plan.port(), site.log);
            Runtime.getRuntime().addShutdownHook(new Thread(poison::close));
            Files.write(out.resolve("poison.txt"), poison.entries().stream()
                    .map(e -> e.url() + " " + e.kind().slug()).toList());
            Files.write(out.resolve("poison-feeds.txt"), poison.feedUrls());
            System.out.printf("poison: %d pages of %d kinds on their own hosts from 127.0.0.%d%n", poisonPages,
                    PoisonPages.Kind.values().length, plan.firstOctet() + plan.hosts());
        }
        System.out.printf("ready: %d pages (%d corpus documents) on %d hosts %s..%s port %d; lists in %s%n",
                plan.pages(), pages.size(), plan.hosts(), plan.host(0), plan.host(plan.hosts() - 1), plan.port(), out);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            opts.put(name, name.equals("help") ? "" : args[++i]);
        }
        return opts;
    }

    private static int intOption(Map<String, String> opts, String name, int fallback) {
        return opts.containsKey(name) ? Integer.parseInt(opts.get(name)) : fallback;
    }
}
