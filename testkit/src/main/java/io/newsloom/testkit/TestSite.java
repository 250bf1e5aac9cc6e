package io.newsloom.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback address (127.0.0.1 unless told; 127.0.0.x are different hosts to a crawler) and a
 * free port, serving fixed responses or custom handlers per path, with an access log.
 */
public final class TestSite implements AutoCloseable {

    private record Response(int status, String contentType, byte[] body, String location) {
    }

    /** One request as the server saw it: path, arrival time and request headers (lower-case names). */
    public record Request(String path, Instant at, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Request> accessLog = new ArrayList<>();

    private TestSite(HttpServer server) {
        this.server = server;
    }

    public static TestSite start() {
        return start("127.0.0.1");
    }

    /** A site on another loopback address, e.g. 127.0.0.2: another host to the fetcher. */
    public static TestSite start(String loopbackAddress) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(loopbackAddress), 0), 0);
            TestSite site = new TestSite(server);
            server.createContext("/", site::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-site");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return site;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test site", e);
        }
    }

    public TestSite page(String path, String contentType, byte[] body) {
        responses.put(path, new Response(200, contentType, body, null));
        return this;
    }

    public TestSite status(String path, int status) {
        responses.put(path, new Response(status, "text/plain", ("status " + status).getBytes(), null));
        return this;
    }

    public TestSite redirect(String path, String location) {
        responses.put(path, new Response(302, "text/plain", new byte[0], location));
        return this;
    }

    /** A path answered by custom code (slow bodies, validators, encodings, ...). */
    public TestSite handler(String path, HttpHandler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** The absolute URL of a path on this site. */
    public String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + path;
    }

    /** Every request so far, in arrival order. */
    public synchronized List<Request> requests() {
        return List.copyOf(accessLog);
    }

    /** The requests of one path, in arrival order. */
    public List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many requests a path got. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        synchronized (this) {
            accessLog.add(new Request(path, Instant.now(), headers));
        }
        HttpHandler handler = handlers.get(path);
        if (handler != null) {
            handler.handle(exchange);
            return;
        }
        Response r = responses.getOrDefault(path, new Response(404, "text/plain", "not found".getBytes(), null));
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
        if (r.location() != null) {
            exchange.getResponseHeaders().set("Location", r.location());
        }
        exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(r.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
