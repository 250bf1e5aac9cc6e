package io.newsloom.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 and a free port, serving fixed responses per path. */
public final class TestSite implements AutoCloseable {

    private record Response(int status, String contentType, byte[] body, String location) {
    }

    private final HttpServer server;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private TestSite(HttpServer server) {
        this.server = server;
    }

    public static TestSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestSite site = new TestSite(server);
            server.createContext("/", site::handle);
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

    /** The absolute URL of a path on this site. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How many requests a path got. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
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
