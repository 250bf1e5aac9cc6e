package io.newsloom.loadsite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@link PoisonPages} on hosts of their own, one per kind, at the addresses after the load site's hosts: each
 * with /robots.txt, /feed.xml (its pages) and its pages. Poison page numbers are global: kind after kind, in the
 * order of {@link PoisonPages.Kind}. Runs on a thread pool of its own that grows as needed, so that trickling
 * responses never take the ordinary pages' threads.
 */
public final class PoisonSite implements AutoCloseable {

    /** One poison page: its number, kind and URL. */
    public record Entry(int page, PoisonPages.Kind kind, String url) {
    }

    private final PoisonPages pages;
    private final AccessLog log;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> origins = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "poison-site");
        t.setDaemon(true);
        return t;
    });

    public PoisonSite(PoisonPages pages, int firstOctet, int port, AccessLog log) throws IOException {
        this.pages = pages;
        this.log = log;
        int page = 0;
        for (PoisonPages.Kind kind : PoisonPages.Kind.values()) {
            String host = "127.0.0." + (firstOctet + kind.ordinal());
            if (firstOctet + kind.ordinal() > 254) {
                throw new IllegalArgumentException("the poison hosts end beyond 127.0.0.254");
            }
            origins.add("http://" + host + ":" + port);
            int first = page;
            for (int i = 0; i < pages.count(kind); i++, page++) {
                entries.add(new Entry(page, kind, origins.get(kind.ordinal()) + PoisonPages.path(page)));
            }
            int last = page;
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 1024);
            server.createContext("/", exchange -> serve(kind, first, last, host, exchange));
            server.setExecutor(workers);
            server.start();
            servers.add(server);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<String> feedUrls() {
        return origins.stream().map(o -> o + "/feed.xml").toList();
    }

    private void serve(PoisonPages.Kind kind, int first, int last, String host, HttpExchange exchange)
            throws IOException {
        Instant at = Instant.now();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        int page = pageAt(path, first, last);
        int status = 200;
        long sent = 0;
        try (exchange) {
            if (path.equals("/robots.txt")) {
                sent = send(exchange, 200, "text/plain; charset=utf-8", utf8("User-agent: *\nAllow: /\n"));
            } else if (path.equals("/feed.xml")) {
                sent = send(exchange, 200, "application/rss+xml; charset=utf-8", utf8(feed(kind, first, last)));
            } else if (page < 0) {
                status = 404;
                sent = send(exchange, 404, "text/plain; charset=utf-8", utf8("not found"));
            } else if (kind == PoisonPages.Kind.REDIRECT_LOOP || kind == PoisonPages.Kind.ENDLESS_REDIRECT) {
                status = 302;
                exchange.getResponseHeaders().set("Location", nextHop(kind, path, query));
                exchange.sendResponseHeaders(302, -1);
            } else if (kind == PoisonPages.Kind.TRICKLE) {
                sent = trickle(exchange, pages.body(kind, page));
            } else {
                if (kind == PoisonPages.Kind.GZIP_BOMB) {
                    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                }
                sent = send(exchange, 200, PoisonPages.contentType(kind, page), pages.body(kind, page));
            }
        } catch (IOException e) {
            // the client gave up (a fetcher's size or time limit): expected for these pages
            status = -status;
        } finally {
            log.record(at, host, path, status, sent);
        }
    }

    /** A redirect loop (A → A?loop → A) or an endless chain of new URLs (?hop=1, ?hop=2, ...). */
    static String nextHop(PoisonPages.Kind kind, String path, String query) {
        if (kind == PoisonPages.Kind.REDIRECT_LOOP) {
            return query == null ? path + "?loop" : path;
        }
        int hop = query != null && query.startsWith("hop=") ? Integer.parseInt(query.substring(4)) : 0;
        return path + "?hop=" + (hop + 1);
    }

    /** One byte a second, for as long as the client listens (at most ten minutes). */
    private static long trickle(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        long sent = 0;
        for (int i = 0; i < Math.min(body.length, 600); i++) {
            out.write(body[i]);
            out.flush();
            sent++;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return sent;
    }

    private static long send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                // in pieces: the JDK server copies each write whole, and ten 30 MB copies at once exhaust the heap
                for (int at = 0; at < body.length; at += 64 * 1024) {
                    out.write(body, at, Math.min(64 * 1024, body.length - at));
                }
            }
        }
        return body.length;
    }

    private String feed(PoisonPages.Kind kind, int first, int last) {
        StringBuilder items = new StringBuilder();
        for (int p = last - 1; p >= first; p--) {
            SitePlan.rssItem(items, "Poison " + kind.slug() + " " + p, entries.get(p).url(),
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * p));
        }
        return SitePlan.rss(kind.slug(), origins.get(kind.ordinal()), items);
    }

    private static int pageAt(String path, int first, int last) {
        if (!path.startsWith("/poison/") || !path.endsWith(".html")) {
            return -1;
        }
        String digits = path.substring("/poison/".length(), path.length() - ".html".length());
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int page = Integer.parseInt(digits);
        return page >= first && page < last ? page : -1;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        workers.shutdownNow();
    }
}
