package io.newsloom.extractor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

/** Test fixtures from src/test/resources/fixtures. */
final class Fixtures {

    static final OffsetDateTime FETCHED = OffsetDateTime.parse("2022-12-01T10:00:00+08:00");

    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static Page page(String url, byte[] body) {
        return new Page(url, body, Map.of(), FETCHED);
    }

    static Page page(String url, String html) {
        return page(url, html.getBytes(StandardCharsets.UTF_8));
    }
}
