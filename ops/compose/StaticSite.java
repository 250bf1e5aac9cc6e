import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A static web site for the compose test, run as a single-file program: {@code java StaticSite.java DIR PORT}.
 * The last segment of the request path names the file in DIR, so /a/1/page.html and /b/2/page.html are distinct
 * URLs of one file.
 */
public class StaticSite {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[1])), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = dir.resolve(path.substring(path.lastIndexOf('/') + 1)).normalize();
            byte[] body = file.startsWith(dir) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        System.out.println("serving " + dir + " on port " + args[1]);
    }
}
